"""Backup and restore of the whole platform: the database and every uploaded file, in one archive.

The archive is a tar file (gzip-compressed when its name ends in .gz or .tgz), in this order:

    manifest.json              format version, time, database vendor, the last applied migration
                               of each app, and the size and sha256 of every member below
    database/postgresql.dump   pg_dump -Fc --no-owner --no-privileges (PostgreSQL), or
    database/sqlite3.db        a copy made with SQLite's online backup API (SQLite)
    media/<path>               every file under MEDIA_ROOT: decision documents, board minutes,
                               the site's and the mailings' attachments

Rules:
- The database is copied first, the files after: a row never names a file the archive lacks
  (a file uploaded meanwhile is only an extra). Both copies are consistent while the platform runs.
- The archive is readable by its owner only (it holds personal data) and appears under its name
  only once complete (a temporary file beside it, then a rename).
- A restore changes nothing before the whole archive has been unpacked and every member checked
  against the manifest, and it goes into an empty database and an empty media folder only;
  `force` lets it replace what is there (the tables are dropped, files of the same name are
  overwritten, other files are left alone). An archive of another database vendor, or made by a
  version of the platform with migrations this one does not know, is always refused.
"""

import hashlib
import io
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend

logger = logging.getLogger(__name__)

FORMAT = "hcs-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMP_NAMES = {"postgresql": "database/postgresql.dump", "sqlite": "database/sqlite3.db"}
_CHUNK = 1024 * 1024
_MANIFEST_MAX_BYTES = 64 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
# A backup of SQLite waits this long for a writer to let go (in WAL mode readers seldom wait).
SQLITE_LOCK_WAIT_SECONDS = 60
_SQLITE_BUSY_OR_LOCKED = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
# Settings OPTIONS that libpq also reads from the environment (the rest are Django's own).
_PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}

# A target database: an alias of settings.DATABASES, or a settings dict of the same shape.
Target = str | dict[str, Any]


class BackupError(Exception):
    """A backup or restore that could not be done; the message tells the operator why."""


class RestoreRefused(BackupError):
    """A restore refused before anything was changed."""


@dataclass(frozen=True)
class FileEntry:
    """One member of the archive: its path (in MEDIA_ROOT, or the dump's name), size, sha256."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What an archive holds; the archive's first member (manifest.json)."""

    created: str  # ISO 8601, UTC
    vendor: str  # connection.vendor: "postgresql" or "sqlite"
    database: FileEntry
    migrations: dict[str, str]  # app label -> the last migration applied
    files: tuple[FileEntry, ...]  # paths relative to MEDIA_ROOT
    software: dict[str, str]  # versions of Python, Django, the server and pg_dump
    version: int = FORMAT_VERSION

    @property
    def file_bytes(self) -> int:
        return sum(entry.size for entry in self.files)

    def members(self) -> dict[str, FileEntry]:
        """Every member after the manifest, by its name in the archive."""
        found = {self.database.path: self.database}
        found.update({MEDIA_PREFIX + entry.path: entry for entry in self.files})
        return found

    def to_json(self) -> bytes:
        data = {"format": FORMAT, **asdict(self)}
        data["files"] = [asdict(entry) for entry in self.files]
        return json.dumps(data, indent=1, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        """The manifest of an archive; RestoreRefused if it is not one this code can restore."""
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise RestoreRefused(
                    "This is not a backup of the platform (no hcs-backup manifest)."
                )
            if data.get("version") != FORMAT_VERSION:
                raise RestoreRefused(
                    f"The archive has format version {data.get('version')!r}; this version of "
                    f"the platform reads version {FORMAT_VERSION}."
                )
            manifest = cls(
                created=str(data["created"]),
                vendor=str(data["vendor"]),
                database=_entry(data["database"]),
                migrations={str(app): str(name) for app, name in data["migrations"].items()},
                files=tuple(_entry(item) for item in data["files"]),
                software={str(k): str(v) for k, v in data["software"].items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RestoreRefused(f"The archive's manifest is damaged: {exc!r}.") from exc
        if DUMP_NAMES.get(manifest.vendor) != manifest.database.path:
            raise RestoreRefused(
                f"The archive's manifest names an unknown database {manifest.vendor!r}."
            )
        paths = [entry.path for entry in manifest.files]
        for path in paths:
            if not _is_plain_relative(path):
                raise RestoreRefused(
                    f"The archive names a file outside the media folder ({path!r}): refused."
                )
        if len(set(paths)) != len(paths):
            raise RestoreRefused("The archive's manifest names a file twice: refused.")
        return manifest


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did (or, in a dry run, would do)."""

    manifest: Manifest
    database: str  # the target, for people
    media_root: Path
    files_restored: int
    files_kept: int  # files already in the media folder that the archive does not have (--force)
    pending_migrations: int  # migrations of this code that the archive's database had not run
    dry_run: bool


def _entry(item: dict[str, Any]) -> FileEntry:
    entry = FileEntry(path=str(item["path"]), size=int(item["size"]), sha256=str(item["sha256"]))
    if entry.size < 0 or not _SHA256.fullmatch(entry.sha256):
        raise ValueError(f"bad size or sha256 for {entry.path!r}")
    return entry


def _is_plain_relative(path: str) -> bool:
    """A relative POSIX path with no '..', '.', empty part, backslash or control character."""
    if not path or "\\" in path or any(ord(char) < 32 for char in path):
        return False
    pure = PurePosixPath(path)
    return not pure.is_absolute() and str(pure) == path and ".." not in pure.parts


# -- Backup -------------------------------------------------------------------------------------


def backup_write(
    path: str | os.PathLike,
    *,
    using: str = DEFAULT_DB_ALIAS,
    media_root: str | os.PathLike | None = None,
) -> Manifest:
    """Write the database `using` and every file under the media folder (MEDIA_ROOT unless
    `media_root`) to the archive `path`: atomically (an existing archive is replaced only by a
    complete one), mode 0600. The platform may keep running meanwhile. BackupError when it cannot
    be done; the partial archive is then removed."""
    output = Path(path).absolute()
    if output.is_dir() or not output.parent.is_dir():
        raise BackupError(f"Cannot write the archive {output}: name a file in an existing folder.")
    root = _media_root(media_root)
    if output.parent.resolve().is_relative_to(root.resolve()):
        raise BackupError(
            f"Write the archive outside the media folder {root}: it would back itself up, and "
            "whatever serves that folder could serve it."
        )
    connection = connections[using]
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Cannot back up a {connection.vendor} database.")
    work = Path(tempfile.mkdtemp(prefix=".hcs-backup-", dir=output.parent))
    try:
        migrations = _migration_state(connection)
        software = {"python": sys.version.split()[0], "django": django.get_version()}
        dump = work / "database"
        if connection.vendor == "postgresql":
            software.update(_pg_dump(connection, dump))
        else:
            software["sqlite"] = sqlite3.sqlite_version
            _sqlite_copy(connection.settings_dict, dump)
        manifest = Manifest(
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            vendor=connection.vendor,
            database=FileEntry(DUMP_NAMES[connection.vendor], *_sha256_file(dump)),
            migrations=migrations,
            files=tuple(FileEntry(name, *_sha256_file(full)) for name, full in _media_files(root)),
            software=software,
        )
        _write_archive(output, manifest, dump, root)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest


def _media_root(media_root: str | os.PathLike | None) -> Path:
    if media_root is not None:
        return Path(media_root).absolute()
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            f"Uploaded files are kept by {type(storage).__name__}, not in a folder here: back them "
            "up where they are kept."
        )
    return Path(storage.location)


def _media_files(root: Path) -> list[tuple[str, Path]]:
    """(path relative to `root`, full path) of every regular file, sorted; links are not followed
    (the platform makes none) but named in the log."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(
            names + [sub for sub in subfolders if os.path.islink(Path(folder) / sub)]
        ):
            full = Path(folder) / name
            if full.is_symlink() or not full.is_file():
                logger.warning("Backup: %s is not a regular file; left out.", full)
                continue
            found.append((full.relative_to(root).as_posix(), full))
    return found


def _sha256_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _migration_state(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The last migration applied of each app."""
    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return {}
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        rows = cursor.fetchall()
    return dict(sorted(dict(rows).items()))


def _sqlite_copy(settings_dict: dict[str, Any], dump: Path) -> None:
    """A consistent copy of the SQLite database through the online backup API, on a connection
    of its own (so it sees only what is committed), as one self-contained file."""
    name = str(settings_dict["NAME"])
    if name.startswith("file:"):  # a URI already (the test suite's shared in-memory database)
        uri = name
    else:
        if name == ":memory:" or not Path(name).is_file():
            raise BackupError(f"The SQLite database {name} is not a file here.")
        uri = Path(name).absolute().as_uri() + "?mode=rw"  # never creates it
    deadline = time.monotonic() + SQLITE_LOCK_WAIT_SECONDS

    def give_up_when_locked_too_long(status: int, remaining: int, total: int) -> None:
        # Python retries a busy or locked source for ever; a backup should end.
        if status in _SQLITE_BUSY_OR_LOCKED and time.monotonic() > deadline:
            raise BackupError(
                f"The SQLite database {name} stayed locked for {SQLITE_LOCK_WAIT_SECONDS} s "
                "(a long write, or an open transaction): try again."
            )

    source = sqlite3.connect(uri, uri=True)
    try:
        copy = sqlite3.connect(dump)
        try:
            source.backup(copy, progress=give_up_when_locked_too_long)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    finally:
        source.close()


def _pg_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The environment for pg_dump and pg_restore: the connection as Django makes it, with the
    password in PGPASSWORD, never on a command line."""
    env = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    options = settings_dict.get("OPTIONS") or {}
    values.update({variable: options.get(option) for option, variable in _PG_OPTIONS.items()})
    env.update({key: str(value) for key, value in values.items() if value not in (None, "")})
    return env


def _run(command: list[str], env: dict[str, str], what: str) -> str:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(
            f"{command[0]} not found: install the PostgreSQL client tools of the server's version "
            "(apt-get install postgresql-client)."
        )
    result = subprocess.run(
        [tool, *command[1:]], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if result.returncode:
        raise BackupError(
            f"{what} failed (exit {result.returncode}): {result.stderr.strip()[-3000:]}"
        )
    return result.stdout


def _pg_dump(connection: BaseDatabaseWrapper, dump: Path) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (server,) = cursor.fetchone()
    env = _pg_environment(connection.settings_dict)
    tool = _run(["pg_dump", "--version"], env, "pg_dump --version").strip()
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"]
    _run(command, env, "pg_dump")
    return {"postgresql": str(server), "pg_dump": tool}


class _HashingReader:
    """A file read once into the archive, its sha256 taken on the way."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.digest.update(chunk)
        return chunk


def _write_archive(output: Path, manifest: Manifest, dump: Path, root: Path) -> None:
    compressed = output.name.endswith((".gz", ".tgz"))
    fd, partial = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".partial", dir=output.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as raw:
            options: dict[str, Any] = {"compresslevel": 6} if compressed else {}
            with tarfile.open(
                str(output),
                "w:gz" if compressed else "w",
                fileobj=raw,
                format=tarfile.PAX_FORMAT,
                **options,
            ) as tar:
                info = tarfile.TarInfo(MANIFEST)
                content = manifest.to_json()
                info.size, info.mode = len(content), 0o600
                info.mtime = int(datetime.now(UTC).timestamp())
                tar.addfile(info, io.BytesIO(content))
                _add_file(tar, manifest.database.path, dump, manifest.database)
                for entry in manifest.files:
                    _add_file(tar, MEDIA_PREFIX + entry.path, root / entry.path, entry)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, output)
        _fsync_folder(output.parent)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(partial)
        raise


def _add_file(tar: tarfile.TarFile, name: str, source: Path, entry: FileEntry) -> None:
    """Add `source` as `name`; BackupError if it is no longer what the manifest says (a file
    changed or removed between listing and archiving: run the backup again)."""
    info = tarfile.TarInfo(name)
    info.size, info.mode = entry.size, 0o600
    try:
        with source.open("rb") as raw:
            info.mtime = int(os.fstat(raw.fileno()).st_mtime)
            reader = _HashingReader(raw)
            tar.addfile(info, reader)
    except OSError as exc:
        raise BackupError(
            f"{source} changed while it was backed up ({exc}); run the backup again."
        ) from exc
    if reader.digest.hexdigest() != entry.sha256:
        raise BackupError(f"{source} changed while it was backed up; run the backup again.")


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- Restore ------------------------------------------------------------------------------------


@contextmanager
def database_connection(target: Target = DEFAULT_DB_ALIAS) -> Iterator[BaseDatabaseWrapper]:
    """Django's connection of an alias, or, for a settings dict, a connection of its own (to
    restore into, or read, a database the settings do not name): known to Django under a
    temporary alias in this thread (Django looks connections up by alias), closed afterwards."""
    if isinstance(target, str):
        yield connections[target]
        return
    alias = f"restore_target_{uuid.uuid4().hex}"
    settings_dict = connections.configure_settings({DEFAULT_DB_ALIAS: dict(target)})[
        DEFAULT_DB_ALIAS
    ]
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias=alias)
    connections[alias] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[alias]


def backup_restore(
    path: str | os.PathLike,
    *,
    target: Target = DEFAULT_DB_ALIAS,
    media_root: str | os.PathLike | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> RestoreReport:
    """Restore the archive `path` into the database `target` (an alias, or a settings dict) and
    the media folder (MEDIA_ROOT unless `media_root`). RestoreRefused, with nothing changed, when
    the archive is damaged or changed (a size or sha256 that differs from the manifest, a member
    the manifest does not list or a path outside the folder), holds another vendor's database,
    comes from a newer version of the platform, or when the database has tables or the folder
    has files (unless `force`). `dry_run`: all of that checked, nothing changed. Stop the
    platform's web and worker processes first; run it as the user the platform runs as."""
    archive = Path(path)
    if not archive.is_file():
        raise RestoreRefused(f"{archive}: no such archive.")
    root = _media_root(media_root)
    with database_connection(target) as connection:
        where = _describe(connection)
        tables = _target_tables(connection, where)
        present = {name for name, _full in _media_files(root)} if root.exists() else set()

        def refuse_early(manifest: Manifest) -> None:
            _check_target(manifest, connection, where, tables, root, present, force)

        with tempfile.TemporaryDirectory(prefix="hcs-restore-") as staging_folder:
            staging = Path(staging_folder)
            manifest = _unpack(archive, staging, refuse_early)
            archived = {entry.path for entry in manifest.files}
            if not dry_run:
                _restore_database(manifest, staging, connection, tables)
                _restore_files(manifest, staging, root)
                restored = _migration_state(connection)
                if restored != manifest.migrations:
                    raise BackupError(
                        f"The restored database {where} does not have the migration state the "
                        "manifest records: check pg_restore's output, and restore again."
                    )
        pending = _pending_migrations(manifest.migrations if dry_run else connection)
    return RestoreReport(
        manifest=manifest,
        database=where,
        media_root=root,
        files_restored=len(manifest.files),
        files_kept=len(present - archived),
        pending_migrations=pending,
        dry_run=dry_run,
    )


def _describe(connection: BaseDatabaseWrapper) -> str:
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        host = settings_dict.get("HOST") or "the local socket"
        port = settings_dict.get("PORT") or 5432
        return f"PostgreSQL database {settings_dict['NAME']} on {host}:{port}"
    return f"SQLite database {settings_dict['NAME']}"


def _sqlite_path(connection: BaseDatabaseWrapper) -> Path | None:
    """The SQLite database's file; None for an in-memory database or a URI (the test suite's)."""
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name).absolute()


def _target_tables(connection: BaseDatabaseWrapper, where: str) -> list[str]:
    """The tables the target already has (on SQLite read without creating the file)."""
    path = _sqlite_path(connection) if connection.vendor == "sqlite" else None
    if path is not None:
        if not path.exists() or path.stat().st_size == 0:
            return []
        database = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
        try:
            rows = database.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'table' AND name NOT LIKE 'sqlite^_%' ESCAPE '^'"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise RestoreRefused(f"{path} exists and is not an SQLite database ({exc}).") from exc
        finally:
            database.close()
        return sorted(row[0] for row in rows)
    try:
        with connection.cursor() as cursor:
            return sorted(connection.introspection.table_names(cursor))
    except DatabaseError as exc:  # no such database, no access
        raise RestoreRefused(f"Cannot open the target, {where}: {exc}".strip()) from exc


def _check_target(
    manifest: Manifest,
    connection: BaseDatabaseWrapper,
    where: str,
    tables: list[str],
    root: Path,
    present: set[str],
    force: bool,
) -> None:
    if manifest.vendor != connection.vendor:
        raise RestoreRefused(
            f"The archive holds a {manifest.vendor} database and the target is {where}: a dump "
            f"restores only into the same kind of database. Point DATABASE_URL at a "
            f"{manifest.vendor} database."
        )
    unknown = _unknown_migrations(manifest.migrations)
    if unknown:
        raise RestoreRefused(
            "The archive comes from a newer version of the platform (migrations unknown here: "
            f"{', '.join(unknown)}). Restore it with that version, or a later one."
        )
    if tables and not force:
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise RestoreRefused(
            f"The target, {where}, already has {len(tables)} "
            f"{'table' if len(tables) == 1 else 'tables'} ({shown}). A restore goes "
            "into an empty database: create a new one, or pass --force to drop those tables and "
            "everything in them."
        )
    if present and not force:
        raise RestoreRefused(
            f"The media folder {root} already holds {len(present)} files. A restore goes into "
            "an empty folder: point MEDIA_ROOT at a new one, or pass --force to overwrite files "
            "of the same name (others are left alone)."
        )
    if connection.vendor == "sqlite" and _sqlite_path(connection) is None:
        raise RestoreRefused(f"Cannot restore into {where}: give the SQLite database as a path.")


def _unknown_migrations(migrations: dict[str, str]) -> list[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for squashed in loader.replacements.values():
        known.update(squashed.replaces)
    return [f"{app}.{name}" for app, name in migrations.items() if (app, name) not in known]


def _pending_migrations(state: BaseDatabaseWrapper | dict[str, str]) -> int:
    """How many of this code's migrations the database (or, in a dry run, the archive's
    database: everything up to its last migration of each app counts as applied) has not run."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    graph = loader.graph
    if isinstance(state, dict):
        applied = set()
        for app, name in state.items():
            if (app, name) in graph.nodes:
                applied.update(graph.forwards_plan((app, name)))
    else:
        with state.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = set(cursor.fetchall())
    pending = 0
    for key in graph.nodes:
        squashed = loader.replacements.get(key)
        done = key in applied or (squashed is not None and set(squashed.replaces) <= applied)
        pending += not done
    return pending


def _unpack(archive: Path, staging: Path, refuse_early: Callable[[Manifest], None]) -> Manifest:
    """Unpack `archive` into `staging`, checking every member against the manifest (which comes
    first; `refuse_early` judges it before anything else is read). RestoreRefused on any doubt."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            members = iter(tar)
            first = next(members, None)
            if first is None or first.name != MANIFEST or not first.isfile():
                raise RestoreRefused(f"{archive} does not begin with a manifest: not a backup.")
            if first.size > _MANIFEST_MAX_BYTES:
                raise RestoreRefused(f"{archive}: the manifest is implausibly large.")
            manifest_file = tar.extractfile(first)
            assert manifest_file is not None
            manifest = Manifest.from_json(manifest_file.read())
            refuse_early(manifest)
            expected = manifest.members()
            seen: set[str] = set()
            for member in members:
                entry = expected.get(member.name)
                if entry is None or member.name in seen or not member.isfile():
                    raise RestoreRefused(
                        f"{archive}: {member.name!r} is not listed in the manifest as a file (or "
                        "comes twice): the archive was changed. Refused."
                    )
                # Written by hand, not tar.extract: only a regular file, only under the name
                # the manifest allows (a plain relative path, checked in Manifest.from_json),
                # mode 0600, whatever the archive says of owners, modes or links. (This also
                # works on Pythons without tarfile's extraction filters, e.g. Debian 12's 3.11.2.)
                _extract_file(tar, member, staging)
                if _sha256_file(staging / member.name) != (entry.size, entry.sha256):
                    raise RestoreRefused(
                        f"{archive}: {member.name} does not match the size and sha256 in the "
                        "manifest: the archive is damaged or was changed. Nothing was restored."
                    )
                seen.add(member.name)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise RestoreRefused(
            f"{archive} cannot be unpacked ({exc}). Nothing was restored."
        ) from exc
    missing = sorted(expected.keys() - seen)
    if missing:
        raise RestoreRefused(
            f"{archive} is incomplete: {len(missing)} members of the manifest are missing "
            f"({', '.join(missing[:3])}). Nothing was restored."
        )
    return manifest


def _extract_file(tar: tarfile.TarFile, member: tarfile.TarInfo, staging: Path) -> None:
    target = staging / member.name
    if not target.resolve().is_relative_to(staging.resolve()):
        raise RestoreRefused(f"{member.name!r} would be written outside the folder. Refused.")
    source = tar.extractfile(member)
    if source is None:
        raise RestoreRefused(f"{member.name!r} is not a regular file. Refused.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with source, open(target, "xb") as sink:
        os.chmod(target, 0o600)
        shutil.copyfileobj(source, sink, _CHUNK)


def _restore_database(
    manifest: Manifest, staging: Path, connection: BaseDatabaseWrapper, tables: list[str]
) -> None:
    dump = staging / manifest.database.path
    if connection.vendor == "postgresql":
        _pg_restore(dump, connection, tables)
    else:
        path = _sqlite_path(connection)
        assert path is not None  # _check_target
        _sqlite_put_in_place(dump, path, connection)


def _pg_restore(dump: Path, connection: BaseDatabaseWrapper, tables: list[str]) -> None:
    """pg_restore in one transaction. A comment on an extension is left out: only the
    extension's owner may set it, and the restoring user need not be (btree_gist)."""
    if tables:  # --force
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(quote(t) for t in tables)} CASCADE")
    name = connection.settings_dict["NAME"]
    env = _pg_environment(connection.settings_dict)
    listing = _run(["pg_restore", "--list", str(dump)], env, "pg_restore --list")
    kept = [
        line for line in listing.splitlines() if not re.search(r"\bCOMMENT - EXTENSION\b", line)
    ]
    use_list = dump.with_name("restore.list")
    use_list.write_text("\n".join(kept) + "\n")
    command = [
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--use-list={use_list}",
        f"--dbname={name}",
        str(dump),
    ]
    _run(command, env, f"pg_restore into {name}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _sqlite_put_in_place(dump: Path, path: Path, connection: BaseDatabaseWrapper) -> None:
    """Copy beside the target, then rename over it: the database is the old one or the whole new
    one. Django's connection is closed first, and the old journal removed so it is not replayed
    onto the new file."""
    connection.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as copy, dump.open("rb") as source:
            shutil.copyfileobj(source, copy, _CHUNK)
            copy.flush()
            os.fsync(copy.fileno())
        for suffix in ("-wal", "-shm", "-journal"):
            with suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
        os.replace(partial, path)
        _fsync_folder(path.parent)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(partial)
        raise


def _restore_files(manifest: Manifest, staging: Path, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    real_root = root.resolve()
    for entry in manifest.files:
        source = staging / (MEDIA_PREFIX + entry.path)
        destination = root / entry.path
        destination.parent.mkdir(parents=True, exist_ok=True)
        if not destination.parent.resolve().is_relative_to(real_root):
            raise BackupError(f"{destination} leads outside {root} (a link): not restored.")
        fd, partial = tempfile.mkstemp(prefix=".restore-", dir=destination.parent)
        try:
            with os.fdopen(fd, "wb") as copy, source.open("rb") as original:
                shutil.copyfileobj(original, copy, _CHUNK)
            # As Django stores an upload (mkstemp made it 0600).
            os.chmod(partial, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
            mtime = source.stat().st_mtime
            os.utime(partial, (mtime, mtime))
            os.replace(partial, destination)
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(partial)
            raise
