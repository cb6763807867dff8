from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "hcs.governance"
    verbose_name = _("Board and annual meeting")
