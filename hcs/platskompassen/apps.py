from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatskompassenConfig(AppConfig):
    name = "hcs.platskompassen"
    verbose_name = _("Platskompassen (the Place Standard Tool)")
