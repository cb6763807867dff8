from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "hcs.lib"
    label = "hcs_lib"
