"""The model field every app uses for a private file: ``PrivateFileField(kind="app.thing")``.

Whatever the path to it (an admin form, a service, the shell), a new file is checked by
files.services.upload_check (through the field's validator on full_clean, and again just before
it is written), and stored under a random name the server chooses, in the private store."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models

from files.services import upload_check
from files.storage import private_storage


class PrivateFileField(models.FileField):
    def __init__(self, *args, kind: str, **kwargs):
        self.kind = kind
        kwargs["storage"] = private_storage
        kwargs.setdefault("max_length", 200)
        kwargs.pop("upload_to", None)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        kwargs.pop("upload_to", None)
        return name, path, args, kwargs

    def _check(self, file):
        if file and not getattr(file, "_committed", True):
            checked = upload_check(upload=file.file, kind_key=self.kind, name=file.name)
            # From here on the client's name is gone: only the checked type's extension stays.
            file.name = f"upload.{checked.type.extension}"
            file._charter_checked = True

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        self._check(value)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed and not getattr(file, "_charter_checked", False):
            self._check(file)
        return super().pre_save(model_instance, add)

    def generate_filename(self, instance, filename):
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        if not extension.isalnum():
            raise ValidationError("The stored file needs a plain extension.")
        folder = self.kind.replace(".", "/")
        return self.storage.generate_filename(f"{folder}/{secrets.token_hex(16)}.{extension}")
