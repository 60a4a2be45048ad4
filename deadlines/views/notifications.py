"""The user's in-portal notification list and marking entries read."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from charter_portal.permissions import portal_view
from deadlines.models import Notification
from deadlines.selectors import notification_page_rows
from deadlines.services import notifications_mark_read

PER_PAGE = 25


@portal_view
@require_GET
def notification_list(request):
    page = Paginator(notification_page_rows(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "deadlines/notifications.html", {"page": page})


def _ids(values) -> list[int]:
    return [int(value) for value in values if value.isascii() and value.isdigit()][:PER_PAGE]


@portal_view
@require_POST
def notifications_read(request):
    """Mark the notifications named in the form read, or all of the user's with ``all``."""
    if request.POST.get("all"):
        ids = list(
            Notification.objects.filter(user=request.user, read_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
    else:
        ids = _ids(request.POST.getlist("notification"))
    count = notifications_mark_read(user=request.user, notification_ids=ids, now=timezone.now())
    if count:
        messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read.")
    else:
        messages.info(request, "There was nothing unread to mark.")
    page = request.POST.get("page", "")
    suffix = f"?page={page}" if page.isascii() and page.isdigit() else ""
    return redirect(f"{reverse('deadlines:notifications')}{suffix}")
