import time

from django.core.management.base import BaseCommand, CommandError

from hcs.ops.backup import BackupError, backup_restore
from hcs.ops.management.commands.backup import files, size


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into the database of DATABASE_URL and "
        "the folder MEDIA_ROOT. Both must be empty (a new database: createdb, or a new SQLite "
        "path). Nothing is changed unless the whole archive verifies against its manifest "
        "(every size and sha256), holds the same kind of database, and comes from this version "
        "of the platform or an older one. Stop the web and worker processes first, and run it "
        "as the user the platform runs as. Exits with 1 when refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="FILE", help="The archive (.tar or .tar.gz).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even if the database has tables (they are dropped, with their data) "
            "or MEDIA_ROOT has files (those of the same name are overwritten).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Verify the archive and check the target; change nothing.",
        )

    def handle(self, *args, archive, force, dry_run, **options):
        started = time.monotonic()
        try:
            report = backup_restore(archive, force=force, dry_run=dry_run)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = report.manifest
        what = (
            f"the {manifest.vendor} database of {manifest.created} "
            f"({size(manifest.database.size)}) into {report.database}, and "
            f"{files(report.files_restored)} ({size(manifest.file_bytes)}) into {report.media_root}"
        )
        if dry_run:
            self.stdout.write(f"[dry run] The archive verifies. A restore would put {what}.")
        else:
            self.stdout.write(f"Restored {what} in {time.monotonic() - started:.2f} s.")
        if report.files_kept:
            self.stdout.write(f"{files(report.files_kept)} already in the folder left alone.")
        if report.pending_migrations:
            self.stdout.write(
                f"This version of the platform has {report.pending_migrations} migrations the "
                "archive's database has not run: run `manage.py migrate` next."
            )
