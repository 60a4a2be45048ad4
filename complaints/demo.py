"""The complaints part of the Northwind demo: a handful of cases in different states and both
languages, one waiting for acknowledgement, one with a recused member, one with an attachment.
Safe to seed again: each case is found by its fixed form token (the double-submission key)."""

import datetime
import io

from django.contrib.auth import get_user_model
from PIL import Image

from committees.models import Committee, Director
from complaints import services
from complaints.attachments import PreparedFile
from complaints.models import CaseExclusion, ComplaintsPolicy, ProcedureReview

DOMAIN = "northwind.example"


def _at(anchor: datetime.date, days_before: int, hour: int = 10) -> datetime.datetime:
    day = anchor - datetime.timedelta(days=days_before)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def _token(n: int) -> str:
    return f"demo-complaint-{n}".ljust(43, "0")


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 210, 230)).save(out, "PNG")
    return out.getvalue()


CASES = (
    # (n, days before the demo date, language, category, narrative, when/where)
    (
        1,
        2,
        "en",
        "accounting",
        "Sales staff were told to ship Q3 orders to our own warehouse on the last day of the "
        "quarter and book them as revenue. The orders came back in October.",
        "Last week of September, Reno distribution centre.",
    ),
    (
        2,
        40,
        "es",
        "controls",
        "En la planta de Monterrey se aprueban facturas de un proveedor nuevo sin orden de "
        "compra. El mismo gerente da de alta al proveedor y aprueba los pagos.",
        "Desde agosto, planta de Monterrey.",
    ),
    (
        3,
        25,
        "en",
        "questionable",
        "Reserves for warranty claims were released to meet the bonus target. A director on "
        "the audit committee knew the plan in advance.",
        "Year-end close, head office finance team.",
    ),
    (
        4,
        150,
        "en",
        "auditing",
        "The external auditors were told inventory counts were finished when two sites had "
        "not been counted.",
        "Annual count, sites 4 and 7.",
    ),
)


def complaints_seed(anchor: datetime.date) -> int:
    """Every demo case; returns how many records were added."""
    committee = Committee.objects.filter(slug="audit").first()
    if committee is None:
        return 0
    users = get_user_model().objects
    chair = users.filter(email=f"margaret.chen@{DOMAIN}").first()
    investigator = users.filter(email=f"investigator@{DOMAIN}").first()
    reader = Director.objects.filter(email__iexact=f"david.okafor@{DOMAIN}").first()
    policy, created = ComplaintsPolicy.objects.get_or_create(committee=committee)
    added = int(created)
    if created and reader is not None:
        policy.readers.add(reader)
    cases = {}
    for n, days, lang, category, narrative, when in CASES:
        files = [PreparedFile(_photo(), "png", True)] if n == 2 else []
        case, _, repeated = services.case_submit(
            policy=policy,
            category=category,
            narrative=narrative,
            when_where=when,
            language=lang,
            files=files,
            form_token=_token(n),
            now=_at(anchor, days),
        )
        cases[n] = case
        added += 0 if repeated else 1
        if repeated or chair is None:
            continue
        if n == 2:
            services.committee_message_send(
                case=case,
                by=chair,
                body="Gracias por su denuncia. La estamos revisando y le escribiremos pronto.",
                now=_at(anchor, days - 3),
            )
            services.reporter_reply(
                case=case,
                body="Adjunto una foto del registro de proveedores.",
                form_token=_token(20),
                now=_at(anchor, days - 5),
            )
            services.case_status_set(
                case=case, by=chair, status="investigating", now=_at(anchor, days - 6)
            )
            if investigator is not None:
                services.case_assign(
                    case=case, by=chair, investigator=investigator, now=_at(anchor, days - 6)
                )
            services.case_details_set(
                case=case, by=chair, severity="high", legal_hold=False, legal_hold_note=""
            )
            services.committee_message_send(
                case=case,
                by=chair,
                body="Gracias por la foto. Una investigadora de auditoría interna revisa el caso.",
                now=_at(anchor, days - 30),
            )
        if n == 3:
            services.committee_message_send(
                case=case,
                by=chair,
                body="Thank you. The committee has received your report and is looking into it.",
                now=_at(anchor, days - 2),
            )
            if reader is not None:
                services.case_exclude(
                    case=case,
                    by=chair,
                    director=reader,
                    reason=CaseExclusion.Reason.RECUSED,
                    now=_at(anchor, days - 2),
                )
        if n == 4:
            services.committee_message_send(
                case=case, by=chair, body="Thank you for your report.", now=_at(anchor, days - 3)
            )
            services.case_status_set(
                case=case, by=chair, status="investigating", now=_at(anchor, days - 10)
            )
            services.case_note_add(
                case=case,
                by=chair,
                body="Internal audit confirmed sites 4 and 7 were counted after the report date.",
                now=_at(anchor, days - 40),
            )
            services.case_status_set(
                case=case,
                by=chair,
                status="resolved",
                resolution="substantiated",
                now=_at(anchor, days - 60),
            )
            services.committee_message_send(
                case=case,
                by=chair,
                body="The matter was investigated and corrected. Thank you for raising it.",
                now=_at(anchor, days - 61),
            )
            services.case_status_set(
                case=case, by=chair, status="closed", now=_at(anchor, days - 62)
            )
    if chair is not None and not ProcedureReview.objects.filter(committee=committee).exists():
        ProcedureReview.objects.create(
            committee=committee,
            reviewed_on=anchor - datetime.timedelta(days=300),
            outcome="Reviewed the intake page, the receipt and the retention period; no change.",
            recorded_by=chair,
        )
        added += 1
    return added
