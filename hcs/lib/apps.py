from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(**kwargs) -> None:
    """With CACHE_URL=db://…, `migrate` also creates the cache's table (idempotent)."""
    from django.conf import settings
    from django.core.management import call_command

    backends = {cache["BACKEND"] for cache in settings.CACHES.values()}
    if "django.core.cache.backends.db.DatabaseCache" in backends:
        call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class LibConfig(AppConfig):
    name = "hcs.lib"
    label = "hcs_lib"

    def ready(self) -> None:
        from django.urls import register_converter

        from hcs.lib.converters import YearConverter

        register_converter(YearConverter, "year")
        post_migrate.connect(_create_cache_table, sender=self)
