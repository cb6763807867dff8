"""The restore drill, on the pass's own kind of database (SQLite, or PostgreSQL in the PostgreSQL
pass): the whole demo and a day of activity through the services, backed up, then restored into a
new database and a new media folder, and every table (its rows and a hash of their content),
every sequence and every file is as it was. And what a restore refuses, each time with nothing
changed: a database that has tables (unless forced), another vendor's archive, a changed byte, a
member outside the folder.

A backup sees only what is committed (pg_dump is another session, and so is SQLite's online
backup, which waits for a writer to let go), so the drill is a transactional test (pytest-django
empties the database after it). The other tests share one small archive, made before their
rolled-back transactions begin."""

import hashlib
import io
import json
import os
import secrets
import shutil
import stat
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from hcs.content.models import Entry
from hcs.content.services import attachment_add, contact_message_submit
from hcs.demo.loader import load_demo
from hcs.events.models import Event, Registration
from hcs.events.services import event_save, registration_create
from hcs.memberships.models import Membership
from hcs.memberships.services import DecisionData, membership_decision_record
from hcs.ops.backup import (
    MANIFEST,
    RestoreRefused,
    backup_restore,
    backup_write,
    database_connection,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _postgres_tools() -> None:
    """On PostgreSQL the client tools must be here: skipped without them, failed when CI=true."""
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if connection.vendor == "postgresql" and missing:
        problem = f"{' and '.join(missing)} not found (apt-get install postgresql-client)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the backup tests cannot run on PostgreSQL: {problem}")
        pytest.skip(problem)


def _postgres_admin(sql: str) -> None:
    import psycopg

    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(sql)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """A MEDIA_ROOT of the test's own, where the services store its uploads."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def new_database(tmp_path):
    """The settings of an empty database of the pass's kind that the settings do not name: a
    new SQLite file, or a new PostgreSQL database (dropped at the end)."""
    _postgres_tools()
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        yield {**settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"hcs_restore_{secrets.token_hex(6)}"
    _postgres_admin(f'CREATE DATABASE "{name}"')
    try:
        yield {**settings_dict, "NAME": name}
    finally:
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _fingerprint(conn) -> dict[str, tuple[int, str]]:
    """Every table's row count and a sha256 over its rows in primary-key order, read through the
    DB-API; and the sequences' positions (a restored database must not hand out an id again)."""
    quote = conn.ops.quote_name
    found = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            columns = [
                column.name for column in conn.introspection.get_table_description(cursor, table)
            ]
            order = conn.introspection.get_primary_key_columns(cursor, table) or columns
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {', '.join(map(quote, order))}")
            digest, count = hashlib.sha256(), 0
            while rows := cursor.fetchmany(1000):
                for row in rows:
                    digest.update(repr(tuple(row)).encode())
                count += len(rows)
            found[table] = (count, digest.hexdigest())
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = current_schema() ORDER BY sequencename"
            )
        else:
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
        sequences = cursor.fetchall()
    found["(sequences)"] = (len(sequences), hashlib.sha256(repr(sequences).encode()).hexdigest())
    return found


def _files(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _tables(target) -> list[str]:
    if connection.vendor == "sqlite" and not Path(target["NAME"]).exists():
        return []
    with database_connection(target) as conn, conn.cursor() as cursor:
        return conn.introspection.table_names(cursor)


def _a_day_of_activity() -> None:
    """A day of the coordinator's and the public's work, through the services (each audited): a
    webinar and a registration for it, a member's joining decision with its PDF, an image and a
    PDF on a page, a message through the contact form."""
    coordinator = get_user_model().objects.get(username="koordinator")
    now = timezone.now()
    webinar = event_save(
        event=Event(
            title="Återställningsövning",
            kind=Event.Kind.WEBINAR,
            audience=Event.Audience.PUBLIC,
            starts=now + timedelta(days=10),
            ends=now + timedelta(days=10, hours=1),
        ),
        actor=coordinator,
    )
    registration_create(
        event=webinar, name="Åsa Öberg", email="asa@example.org", role=Registration.Role.OFFICIAL
    )
    membership = Membership.objects.filter(join_decision_document="").order_by("pk").first()
    assert membership is not None
    membership_decision_record(
        membership=membership,
        kind="join",
        decision=DecisionData(
            body="Kommunstyrelsen",
            date=membership.start_date,
            paragraph="§ 12",
            document=SimpleUploadedFile("Protokollsutdrag § 12 Åre.pdf", PDF, "application/pdf"),
        ),
        actor=coordinator,
    )
    entry = Entry.objects.order_by("pk").first()
    assert entry is not None
    for name, content, description in (
        ("Deltagare.png", PNG, "Deltagare i Norrköping"),
        ("Årsrapport 2025.pdf", PDF, "Årsrapport 2025"),
    ):
        attachment_add(
            entry=entry,
            upload=SimpleUploadedFile(name, content),
            description=description,
            actor=coordinator,
        )
    contact_message_submit(name="Per Persson", email="per@example.org", message="Hur går man med?")


@pytest.mark.django_db(transaction=True)
def test_the_restore_drill_loses_nothing_and_changes_nothing(media, new_database, tmp_path):
    with transaction.atomic():
        load_demo()
        connection.run_on_commit.clear()  # the demo's e-mails: not part of the day
    _a_day_of_activity()
    before, files_before = _fingerprint(connection), _files(media)
    assert len(files_before) == 3 and before["content_attachment"][0] >= 2

    archive = tmp_path / "backups" / "hcs.tar.gz"
    archive.parent.mkdir()
    manifest = backup_write(archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert sorted(entry.path for entry in manifest.files) == sorted(files_before)
    assert manifest.vendor == connection.vendor and manifest.migrations["memberships"]
    assert os.listdir(archive.parent) == ["hcs.tar.gz"]  # no temporary file left behind

    restored_media = tmp_path / "restored-media"
    report = backup_restore(archive, target=new_database, media_root=restored_media)
    assert report.files_restored == 3 and report.pending_migrations == 0

    with database_connection(new_database) as restored:
        after = _fingerprint(restored)
    assert after == before
    assert _files(restored_media) == files_before
    # The platform's own database and files are as they were.
    assert _fingerprint(connection) == before and _files(media) == files_before


@pytest.fixture(scope="module")
def small(django_db_setup, django_db_blocker, tmp_path_factory) -> tuple[Path, Path]:
    """(archive, its media folder): a small archive made once for the module, outside any test's
    transaction (a backup sees only what is committed): the database as the migrations leave it,
    and two files. Written with umask 0: the archive's mode must not depend on it."""
    _postgres_tools()
    folder = tmp_path_factory.mktemp("small")
    media = folder / "media"
    (media / "decisions" / "2025").mkdir(parents=True)
    (media / "decisions" / "2025" / "beslut.pdf").write_bytes(PDF)
    (media / "bild.png").write_bytes(PNG)
    archive = folder / "backups" / "small.tar"
    archive.parent.mkdir()
    old = os.umask(0)
    try:
        with django_db_blocker.unblock():
            backup_write(archive, media_root=media)
    finally:
        os.umask(old)
    return archive, media


def test_the_archive_is_readable_by_its_owner_only_and_written_whole(small):
    archive, _media = small
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert os.listdir(archive.parent) == [archive.name]  # no temporary file left behind
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile(MANIFEST))
    assert names[0] == MANIFEST and "media/decisions/2025/beslut.pdf" in names
    assert manifest["vendor"] == connection.vendor and len(manifest["files"]) == 2


def test_restore_refuses_a_database_that_has_tables_and_exits_with_1(small, media):
    before, files_before = _fingerprint(connection), _files(media)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(small[0]))
    assert refused.value.returncode == 1  # manage.py's exit code
    error = str(refused.value)
    assert "already has" in error and "tables" in error and "--force" in error
    assert _fingerprint(connection) == before and _files(media) == files_before


def test_force_restores_over_a_database_that_has_tables(small, new_database, tmp_path):
    archive, media = small
    with database_connection(new_database) as target, target.cursor() as cursor:
        cursor.execute("CREATE TABLE left_over (id integer)")
    with pytest.raises(RestoreRefused, match="already has 1 table "):
        backup_restore(archive, target=new_database, media_root=tmp_path / "restored")
    assert not (tmp_path / "restored").exists()

    backup_restore(archive, target=new_database, media_root=tmp_path / "restored", force=True)
    tables = _tables(new_database)
    assert "left_over" not in tables and "memberships_membership" in tables
    assert _files(tmp_path / "restored") == _files(media)


def _repack(source: Path, target: Path, *, manifest=None, rename=None, extra=()) -> Path:
    """A copy of the archive `source` with its manifest edited (`manifest(data)`), members
    renamed ({old: new}) and members added ([(name, bytes)])."""
    with tarfile.open(source) as old, tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as new:
        for member in old.getmembers():
            content = old.extractfile(member).read()
            if member.name == MANIFEST and manifest is not None:
                data = json.loads(content)
                manifest(data)
                content = json.dumps(data).encode()
            member.name = (rename or {}).get(member.name, member.name)
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))
        for name, content in extra:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            new.addfile(info, io.BytesIO(content))
    return target


def _assert_nothing_restored(new_database, restored_media: Path) -> None:
    assert _tables(new_database) == []
    assert not restored_media.exists()


@pytest.mark.parametrize("member", ["database", "media/bild.png"])
def test_restore_refuses_an_archive_with_a_changed_byte(member, small, new_database, tmp_path):
    archive = Path(shutil.copy(small[0], tmp_path / "changed.tar"))
    with tarfile.open(archive) as tar:
        found = next(m for m in tar.getmembers() if m.name.startswith(member))
    with archive.open("r+b") as raw:  # one byte in the middle of the member's content
        raw.seek(found.offset_data + found.size // 2)
        byte = raw.read(1)
        raw.seek(-1, os.SEEK_CUR)
        raw.write(bytes([byte[0] ^ 0x01]))
    restored_media = tmp_path / "restored-media"
    with pytest.raises(RestoreRefused, match="does not match the size and sha256"):
        backup_restore(archive, target=new_database, media_root=restored_media)
    _assert_nothing_restored(new_database, restored_media)


def test_restore_refuses_another_vendors_archive(small, new_database, tmp_path):
    archive = small[0]
    other, dump = (
        ("postgresql", "database/postgresql.dump")
        if connection.vendor == "sqlite"
        else ("sqlite", "database/sqlite3.db")
    )

    def swap(data):
        data["vendor"], data["database"]["path"] = other, dump

    with tarfile.open(archive) as tar:
        ours = tar.getnames()[1]
    changed = _repack(archive, tmp_path / "other.tar", manifest=swap, rename={ours: dump})
    restored_media = tmp_path / "restored-media"
    with pytest.raises(RestoreRefused, match=f"holds a {other} database"):
        backup_restore(changed, target=new_database, media_root=restored_media)
    _assert_nothing_restored(new_database, restored_media)


@pytest.mark.parametrize(
    "how", ["a member the manifest does not list", "a manifest path outside the folder"]
)
def test_restore_refuses_a_path_outside_the_media_folder(how, small, new_database, tmp_path):
    archive = small[0]
    if how == "a member the manifest does not list":
        changed = _repack(archive, tmp_path / "evil.tar", extra=[("media/../../escaped", PDF)])
        expected = "not listed in the manifest"
    else:

        def escape(data):
            data["files"][0]["path"] = "../../escaped"

        changed = _repack(
            archive,
            tmp_path / "evil.tar",
            manifest=escape,
            rename={"media/bild.png": "media/../../escaped"},
        )
        expected = "outside the media folder"
    restored_media = tmp_path / "deep" / "restored-media"
    with pytest.raises(RestoreRefused, match=expected):
        backup_restore(changed, target=new_database, media_root=restored_media)
    _assert_nothing_restored(new_database, restored_media)
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "deep" / "escaped").exists()


def test_restore_refuses_what_is_not_a_backup(new_database, tmp_path):
    not_tar = tmp_path / "notes.tar"
    not_tar.write_bytes(b"not a tar file at all" * 100)
    with pytest.raises(RestoreRefused, match=r"cannot be unpacked|does not begin with a manifest"):
        backup_restore(not_tar, target=new_database, media_root=tmp_path / "restored")
    _assert_nothing_restored(new_database, tmp_path / "restored")
