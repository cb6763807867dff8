from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def core_tool_ensure(sender, using="default", **kwargs) -> None:
    """The core tool is part of the schema, not of the data: migration 0002 creates it, and a
    database emptied since (`manage.py flush`, a test's teardown) gets it back here, because
    flush ends with post_migrate. Without it no survey can be started."""
    from hcs.platskompassen.core_tool import load_core_tool

    models = kwargs.get("apps") or global_apps
    try:
        ToolVersion = models.get_model("platskompassen", "ToolVersion")
        Theme = models.get_model("platskompassen", "Theme")
    except LookupError:  # migrating backwards past the app's first migration
        return
    if using != "default":
        return
    load_core_tool(ToolVersion, Theme)


class PlatskompassenConfig(AppConfig):
    name = "hcs.platskompassen"
    verbose_name = _("Platskompassen (the Place Standard Tool)")

    def ready(self) -> None:
        post_migrate.connect(core_tool_ensure, sender=self)
