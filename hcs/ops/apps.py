from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the platform in production: health, logs, backup and restore."""

    name = "hcs.ops"
    verbose_name = "Drift"
