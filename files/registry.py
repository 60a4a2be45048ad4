"""The kinds of private file, declared by the apps that own them (like deadlines/registry.py)::

from files.registry import FileKind, register

register(FileKind(
    key="committees.charter", label="charter document",
    model="committees.CharterVersion", field="document", types=("pdf",),
    can_download=lambda user, version, as_of: ...,
    download_name=lambda version: f"charter-{version.committee.slug}",
))
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from files.types import FILE_TYPES


@dataclass(frozen=True)
class FileKind:
    key: str  # dotted, e.g. "committees.charter"; also the file's folder in the store
    label: str  # what one file is called in messages, e.g. "charter document"
    model: str  # "app_label.Model" holding the file
    field: str  # the PrivateFileField's name on that model
    types: tuple[str, ...]  # keys of files.types.FILE_TYPES, e.g. ("pdf",)
    # (user, owning object, as_of) -> whether the user may download the file.
    can_download: Callable[[Any, Any, datetime.date], bool]
    # (owning object) -> the download's file name without extension; never the uploader's name.
    download_name: Callable[[Any], str]
    max_bytes: int | None = None  # None: settings.FILES_MAX_UPLOAD_BYTES

    def __post_init__(self):
        unknown = set(self.types) - set(FILE_TYPES)
        if not self.types or unknown:
            raise ImproperlyConfigured(
                f"File kind {self.key!r}: types must be some of {sorted(FILE_TYPES)}."
            )
        if not callable(self.can_download) or not callable(self.download_name):
            raise ImproperlyConfigured(f"File kind {self.key!r} needs its two callables.")

    def model_class(self):
        return apps.get_model(self.model)


class FileKindRegistry:
    def __init__(self):
        self._kinds: dict[str, FileKind] = {}

    def register(self, kind: FileKind) -> FileKind:
        if kind.key in self._kinds:
            raise ImproperlyConfigured(f"File kind {kind.key!r} is registered twice.")
        self._kinds[kind.key] = kind
        return kind

    def get(self, key: str) -> FileKind | None:
        return self._kinds.get(key)

    def all(self) -> list[FileKind]:
        return [self._kinds[key] for key in sorted(self._kinds)]


registry = FileKindRegistry()
register = registry.register
