"""The public pages: report a concern, and follow it up with the receipt. No account, no
cookie, no address kept (SECURITY: anonymity targets 1 to 4).

- The language is chosen by ``?lang=es`` (or a hidden field), never a cookie.
- No session is read or written and no CSRF cookie is set: these pages hold no ambient
  authority a forged request could borrow (a new report is anyone's to send; everything else
  needs the receipt in the form body, which another site cannot know), so they are exempt from
  Django's CSRF check and refuse instead any POST whose Origin header names another site.
- Every response is ``Cache-Control: no-store`` and ``Referrer-Policy: no-referrer``.
- The receipt only ever travels in a POST body, never in a URL.
"""

from functools import wraps

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from charter_portal.middleware import NO_STORE
from committees.models import Membership
from complaints import services, throttle
from complaints.forms import ReceiptForm, ReplyForm, ReportForm, new_form_token
from complaints.models import Case

LANGUAGES = ("en", "es")


def page_language(request) -> str:
    lang = request.POST.get("lang") or request.GET.get("lang")
    return lang if lang in LANGUAGES else "en"


def _same_origin(request) -> bool:
    origin = request.META.get("HTTP_ORIGIN")
    if not origin or origin == "null":
        return True
    return origin.split("://", 1)[-1] == request.get_host()


def public_page(view):
    """What every public page shares: no CSRF cookie, the same-origin check on POST, the
    page's language, and headers that keep no copy and leak no referrer."""

    @csrf_exempt
    @sensitive_post_parameters()
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not _same_origin(request):
            return HttpResponseForbidden("Forms here are sent from this site only.")
        # Whoever is logged in elsewhere in the portal is nobody here: no history row, outbox
        # entry or log written while a report is made may name them (simple-history reads the
        # user from this request), and the session is never even read.
        request.user = AnonymousUser()
        lang = page_language(request)
        with translation.override(lang):
            response = view(request, lang, *args, **kwargs)
        # The same words as every logged-in page (charter_portal.middleware), for everyone.
        response["Cache-Control"] = f"{NO_STORE}, max-age=0"
        response["Pragma"] = "no-cache"
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Content-Language"] = lang
        for name in list(response.cookies):
            del response.cookies[name]
        return response

    return wrapper


def _renew_token(form) -> None:
    """A missing or forged one-time token is not the reporter's doing: say the form expired,
    and give the re-shown form a fresh token."""
    if "form_token" in form.errors:
        form.errors.pop("form_token")
        form.add_error(None, _("The form had expired; check your answers and send it again."))
        form.data = form.data.copy()
        form.data["form_token"] = new_form_token()


def _members(policy):
    """The committee's serving members, whom the reporter may keep from seeing the report."""
    seats = Membership.objects.active_on(timezone.localdate()).filter(committee=policy.committee)
    return [
        seat.director for seat in seats.select_related("director").order_by("director__full_name")
    ]


def _render(request, template, context, status=200):
    context.setdefault("other_language", "es" if translation.get_language() == "en" else "en")
    return render(request, template, context, status=status)


@public_page
@sensitive_variables()
def report(request, lang):
    """The report form; on a valid POST, the saved case's receipt, shown once."""
    policy = services.intake_policy()
    if policy is None:
        return _render(request, "complaints/public/closed.html", {"lang": lang}, status=503)
    members = _members(policy)
    if request.method == "GET":
        form = ReportForm(initial={"form_token": new_form_token()}, members=members)
        return _render(request, "complaints/public/report.html", {"form": form, "lang": lang})
    form = ReportForm(request.POST, request.FILES, members=members)
    if throttle.reports_exhausted(request):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many reports were sent from this connection in the last hour. Please try "
                "again later; nothing was saved."
            ),
        )
        return _render(
            request, "complaints/public/report.html", {"form": form, "lang": lang}, status=429
        )
    if not form.is_valid():
        _renew_token(form)
        return _render(
            request, "complaints/public/report.html", {"form": form, "lang": lang}, status=400
        )
    data = form.cleaned_data
    allowed = {str(d.pk) for d in members}
    try:
        case, receipt, repeated = services.case_submit(
            policy=policy,
            category=data["category"],
            narrative=data["narrative"],
            when_where=data["when_where"],
            people_involved=data["people_involved"],
            contact=data["contact"],
            language=lang,
            excluded_director_ids=[int(pk) for pk in data.get("excluded", []) if pk in allowed],
            files=data["files"],
            form_token=data["form_token"],
        )
    except ValidationError:
        form.add_error(None, _("The form had expired; check your answers and send it again."))
        return _render(
            request, "complaints/public/report.html", {"form": form, "lang": lang}, status=400
        )
    if not repeated:
        throttle.report_record(request)
    context = {
        "case": case,
        "receipt": receipt,
        "repeated": repeated,
        "images": sum(1 for f in data["files"] if f.metadata_removed),
        "documents": sum(1 for f in data["files"] if not f.metadata_removed),
        "lang": lang,
    }
    return _render(request, "complaints/public/receipt.html", context, status=201)


def _case_context(case: Case, receipt: str, lang: str, reply=None) -> dict:
    messages = list(case.messages.prefetch_related("attachments"))
    return {
        "case": case,
        "receipt": receipt,
        "case_messages": messages,
        "attachments": [a for a in case.attachments.all() if a.message_id is None],
        "reply": reply or ReplyForm(initial={"receipt": receipt, "form_token": new_form_token()}),
        "lang": lang,
    }


@public_page
@sensitive_variables()
def follow_up(request, lang):
    """Enter the receipt; then read the committee's messages and answer them."""
    if request.method == "GET":
        return _render(
            request, "complaints/public/follow_up.html", {"form": ReceiptForm(), "lang": lang}
        )
    if throttle.receipt_attempts_exhausted(request):
        return _render(request, "complaints/public/throttled.html", {"lang": lang}, status=429)
    action = request.POST.get("action", "open")
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        return _render(
            request, "complaints/public/follow_up.html", {"form": form, "lang": lang}, status=400
        )
    receipt = form.cleaned_data["receipt"]
    case = services.case_for_receipt(receipt)
    if case is None:
        throttle.receipt_failure_record(request)
        form.add_error(
            "receipt",
            _(
                "This receipt does not open a report. Check each digit and try again; after "
                "several wrong tries this connection must wait a while."
            ),
        )
        return _render(
            request, "complaints/public/follow_up.html", {"form": form, "lang": lang}, status=400
        )
    if case.receipt_sealed:
        Case.objects.filter(pk=case.pk).update(receipt_sealed="")
    if action != "reply":
        return _render(request, "complaints/public/case.html", _case_context(case, receipt, lang))
    reply = ReplyForm(request.POST, request.FILES)
    if not reply.is_valid():
        _renew_token(reply)
        context = _case_context(case, receipt, lang, reply)
        return _render(request, "complaints/public/case.html", context, status=400)
    data = reply.cleaned_data
    services.reporter_reply(
        case=case,
        body=data["body"],
        retaliation=data["retaliation"],
        files=data["files"],
        form_token=data["form_token"],
    )
    context = _case_context(case, receipt, lang)
    context["sent"] = True
    return _render(request, "complaints/public/case.html", context)
