from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class FilesConfig(AppConfig):
    name = "files"
    verbose_name = "Private files"

    def ready(self):
        # Each app declares its kinds of file in <app>/file_kinds.py.
        autodiscover_modules("file_kinds")
