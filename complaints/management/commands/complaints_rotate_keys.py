"""`manage.py complaints_rotate_keys`: re-encrypt every case's contents and attachments under
the first key of COMPLAINTS_ENCRYPTION_KEYS, reporting progress. Put the new key first, keep the
old ones after it, run this, then remove the old keys."""

from django.core.management.base import BaseCommand

from complaints.rotation import keys_rotate


class Command(BaseCommand):
    help = "Re-encrypt all complaint contents and attachments under the current (first) key."

    def handle(self, *args, **options):
        def progress(what: str, done: int, total: int) -> None:
            self.stdout.write(f"  {what}: {done} of {total}")

        done = keys_rotate(progress=progress)
        rewritten = ", ".join(f"{count} {what}" for what, count in done.items())
        self.stdout.write(f"Re-encrypted under the current key: {rewritten}.")
        self.stdout.write("The old keys can now be removed from COMPLAINTS_ENCRYPTION_KEYS.")
