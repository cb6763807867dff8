from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "hcs.followup"
    verbose_name = _("Members' follow-up")
