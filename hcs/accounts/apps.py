from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _repair_coordinator_group(sender, app_config=None, **kwargs) -> None:
    """After a migration that adds a part of the platform (and its permissions), the existing
    coordinators' group gets what COORDINATOR_PERMISSIONS says it has. Run for the last app,
    when every app's permissions exist."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    if app_config is not list(apps.get_app_configs())[-1]:
        return
    from hcs.accounts.services import COORDINATOR_GROUP, coordinator_group_ensure

    if Group.objects.filter(name=COORDINATOR_GROUP).exists():
        coordinator_group_ensure()


class AccountsConfig(AppConfig):
    name = "hcs.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(_repair_coordinator_group)
