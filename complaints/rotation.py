"""Key rotation: every encrypted value and stored attachment re-encrypted under the first key
of COMPLAINTS_ENCRYPTION_KEYS. The old keys stay configured until this has run; afterwards they
can be removed. Safe to interrupt and run again: each row is rewritten in its own statement."""

from collections.abc import Callable

from django.db import transaction

from complaints.attachments import attachment_rewrite
from complaints.models import CONTENT_FIELDS, Case, CaseAttachment, CaseMessage, CaseNote

ENCRYPTED = (
    (Case, CONTENT_FIELDS),
    (CaseMessage, ("body",)),
    (CaseNote, ("body",)),
)


def keys_rotate(*, progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Re-encrypt everything under the current key; ``progress(what, done, total)`` is called
    every 100 rows and at the end of each kind. Returns the counts rewritten."""
    done: dict[str, int] = {}
    for model, fields in ENCRYPTED:
        label = model._meta.verbose_name_plural
        total = model.objects.count()
        count = 0
        for pk in model.objects.order_by("pk").values_list("pk", flat=True).iterator():
            with transaction.atomic():
                row = model.objects.select_for_update().filter(pk=pk).first()
                if row is not None:
                    # Loading decrypts under any key; saving encrypts under the first.
                    model.objects.filter(pk=pk).update(**{f: getattr(row, f) for f in fields})
            count += 1
            if progress and (count % 100 == 0 or count == total):
                progress(label, count, total)
        done[label] = count
    names = list(CaseAttachment.objects.order_by("pk").values_list("stored_name", flat=True))
    for index, name in enumerate(names, start=1):
        attachment_rewrite(name)
        if progress and (index % 100 == 0 or index == len(names)):
            progress("attachments", index, len(names))
    done["attachments"] = len(names)
    return done
