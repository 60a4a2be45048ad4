"""The one way out of the private store: a download that the owning app's permission check
allows, served as an attachment a browser will neither run nor sniff."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from charter_portal.permissions import portal_view
from files.registry import registry
from files.types import by_extension


def download_url(kind_key: str, obj) -> str:
    return reverse("files:download", args=[kind_key, obj.pk])


@portal_view
@require_GET
def download(request, kind, pk):
    file_kind = registry.get(kind)
    if file_kind is None:
        raise Http404("No such file.")
    owner = file_kind.model_class().objects.filter(pk=pk).first()
    today = timezone.localdate()
    if owner is None or not file_kind.can_download(request.user, owner, today):
        raise Http404("No such file.")
    stored = getattr(owner, file_kind.field)
    file_type = by_extension(stored.name.rsplit(".", 1)[-1]) if stored else None
    if file_type is None or file_type.key not in file_kind.types:
        raise Http404("No such file.")
    try:
        handle = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        raise Http404("No such file.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{file_kind.download_name(owner)}.{file_type.extension}",
        content_type=file_type.mime,
    )
    # Opened in a tab all the same, the file runs no script and reaches nothing of the portal.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
