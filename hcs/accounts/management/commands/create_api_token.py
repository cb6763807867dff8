from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hcs.accounts.services import api_token_create


class Command(BaseCommand):
    help = (
        "Print a new API token for a staff user (Authorization: Bearer <token>). "
        "Only a hash is stored: the token is shown this once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="", help="What the token is for.")

    def handle(self, *args, username, label, **options):
        try:
            raw = api_token_create(username=username, label=label)
        except (ValueError, get_user_model().DoesNotExist) as exc:
            raise CommandError(str(exc) or f"No user named {username}") from exc
        self.stdout.write(raw)
