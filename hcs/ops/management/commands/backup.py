import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hcs.ops.backup import BackupError, backup_write


def size(count: int) -> str:
    """A size for people: 812 bytes, 3.4 MB."""
    if count < 1024:
        return f"{count} bytes"
    for exponent, unit in ((3, "GB"), (2, "MB"), (1, "KB")):
        if count >= 1024**exponent or unit == "KB":
            return f"{count / 1024**exponent:.1f} {unit}"
    raise AssertionError(count)


def files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


class Command(BaseCommand):
    help = (
        "Write the whole platform to one archive: the database (pg_dump -Fc on PostgreSQL, "
        "SQLite's online backup elsewhere) and every uploaded file in MEDIA_ROOT, with a "
        "manifest of their sizes and sha256 sums. The platform may keep running. The archive "
        "(mode 0600: it holds personal data) replaces FILE only once it is complete. Restore it "
        "with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            required=True,
            metavar="FILE",
            help="The archive to write: a .tar, or a .tar.gz to compress the files as well.",
        )

    def handle(self, *args, output, **options):
        started = time.monotonic()
        try:
            manifest = backup_write(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written to {output} ({size(Path(output).stat().st_size)}) in "
            f"{time.monotonic() - started:.2f} s: the {manifest.vendor} database "
            f"({size(manifest.database.size)}, migrations of {len(manifest.migrations)} apps) "
            f"and {files(len(manifest.files))} ({size(manifest.file_bytes)})."
        )
