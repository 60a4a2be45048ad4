"""The model field every app uses for a private file: ``PrivateFileField(kind="app.thing")``.

Whatever the path to it (an admin form, a service, the shell), a new file is checked by
files.services.upload_check (by the field's validator on full_clean, so a form shows why, and
again by PrivateFieldFile.save just before it is written), and stored under a random name the
server chooses, in the private store."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile

from files.services import upload_check
from files.storage import private_storage


class PrivateFieldFile(FieldFile):
    def save(self, name, content, save=True):
        """Every write into the store is checked first, whoever calls it (the field's pre_save,
        a service, the shell); the client's name is dropped for the checked type's extension."""
        checked = upload_check(upload=content, kind_key=self.field.kind, name=name)
        super().save(f"upload.{checked.type.extension}", content, save)


class PrivateFileField(models.FileField):
    attr_class = PrivateFieldFile

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

    def validate(self, value, model_instance):
        """On full_clean (an admin form): refuse a new file with a message on the field."""
        super().validate(value, model_instance)
        if value and not getattr(value, "_committed", True):
            upload_check(upload=value.file, kind_key=self.kind, name=value.name)

    def generate_filename(self, instance, filename):
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        if not extension.isalnum():
            raise ValidationError("The stored file needs a plain extension.")
        folder = self.kind.replace(".", "/")
        return self.storage.generate_filename(f"{folder}/{secrets.token_hex(16)}.{extension}")
