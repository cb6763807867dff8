from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "hcs.content"
    verbose_name = _("The website's texts")
