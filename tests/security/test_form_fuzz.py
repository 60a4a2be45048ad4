"""security target 9: every portal form that takes input, fuzzed with generated values: NUL
bytes, lone surrogates and invalid UTF-8 in the raw body or query string, 100 kB values, CR/LF,
numbers and dates out of range. Each example must answer without a server error; a refusal shows
its message on the page; and a refusal saves nothing (every model's row count is unchanged).

Each example runs in a savepoint that is rolled back, so examples never see each other's rows.
The run is derandomized so that CI and a developer see the same examples."""

import contextlib
import time
from urllib.parse import quote_from_bytes

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter_portal.accounts.second_factor import REAUTHENTICATED_AT
from tests.conftest import PASSWORD
from tests.logins import LOGIN_STEP, verified_login
from tests.security import portal_data as data
from tests.security.portal_data import changed_counts, row_counts

on_today = data.on_today
portal = data.portal

FUZZ = settings(
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the portal is built once per test, on purpose
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

HUGE = 100_000
SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "ok\r\nSet-Cookie: x=1",
    "x" * HUGE,
    "\x00" * HUGE,
    "9" * HUGE,
    "é" * (HUGE // 2),
    "0000-00-00",
    "99999-01-01",
    "2026-02-30",
    "2026-13-01",
    "-0001-01-01",
    "1900-01-01",
    "2100-12-31",
    "-1",
    "0",
    "2147483648",
    "-9223372036854775809",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202egnp.exe",
    "\ufeff",
    "%00",
    "../../etc/passwd",
]
# Text of any code point, lone surrogates included; bytes that are not UTF-8 at all.
HOSTILE = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(exclude_categories=()), max_size=30),
    st.binary(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def _bytes(value) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def _raw(value: bytes) -> bytes:
    """Bytes sent as they are, but for the characters that delimit a form field."""
    for char, code in ((b"%", b"%25"), (b"&", b"%26"), (b"=", b"%3D"), (b"+", b"%2B")):
        value = value.replace(char, code)
    return value


def encode(fields: dict, raw: bool) -> bytes:
    """An urlencoded body (or query string) that may hold invalid UTF-8: percent-encoded bytes,
    or the raw bytes themselves."""
    quote = _raw if raw else (lambda b: quote_from_bytes(b, safe="").encode())
    return b"&".join(quote(_bytes(k)) + b"=" + quote(_bytes(v)) for k, v in fields.items())


def form_data(valid: dict) -> st.SearchStrategy:
    """Each field either a valid value or a hostile one; sometimes an unexpected extra field."""
    fields = st.fixed_dictionaries(
        {name: st.one_of(st.just(value), HOSTILE) for name, value in valid.items()},
        optional={"unexpected\x00field": HOSTILE},
    )
    return st.tuples(fields, st.booleans())


@contextlib.contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def post(client, url, fields, raw):
    return client.post(url, encode(fields, raw), content_type="application/x-www-form-urlencoded")


def get(client, url, fields, raw):
    return client.get(url, QUERY_STRING=encode(fields, raw).decode("latin-1"))


def _context(response, key):
    return response.context.get(key) if response.context is not None else None


def shown_refusals(response, *, form=None) -> list[str]:
    """The messages the page gives for a refusal; fails when one of them is not on the page."""
    html = response.content.decode(errors="replace")
    form = form or _context(response, "form")
    errors = [str(e) for messages in (form.errors.values() if form else []) for e in messages]
    errors += [str(m) for m in (_context(response, "messages") or [])]
    for message in errors:
        assert escape(message) in html, f"refusal message not shown: {message!r}"
    return errors


def check_post(response, changed: dict, writes: set[str]):
    """A POST either succeeds (a redirect, writing only the form's models) or is refused (its
    page shows why, and nothing is saved)."""
    assert response.status_code < 500
    if response.status_code == 200:
        assert changed == {}, f"refused, yet saved {changed}"
        assert shown_refusals(response), "refused without a message"
    else:
        assert set(changed) <= writes, f"wrote {changed}"


@pytest.fixture
def clients(portal):
    return {
        role: Client() if user is None else _logged_in(user) for role, user in portal.users.items()
    }


def _logged_in(user) -> Client:
    return verified_login(Client(), user)


# Committee pages: the as_of date (a GET form) -------------------------------------------------


@FUZZ
@given(example=form_data({"as_of": "2025-06-01"}))
def test_the_as_of_date_form(portal, clients, example):
    fields, raw = example
    urls = [
        reverse("committees:detail", args=["audit"]),
        reverse("committees:director", args=[portal.users["member"].director.pk]),
    ]
    with rolled_back():
        before = row_counts()
        for url in urls:
            response = get(clients["member"], url, fields, raw)
            assert response.status_code == 200
            shown_refusals(response)
        assert changed_counts(before, row_counts()) == {}


# Deadline pages: the committee and fiscal year (a GET form) ----------------------------------


@FUZZ
@given(
    example=form_data({"committee": "audit", "fy": "2026", "format": "csv"}),
    page=st.sampled_from(["deadlines:calendar", "deadlines:report"]),
)
def test_the_committee_year_form(portal, clients, example, page):
    fields, raw = example
    with rolled_back():
        before = row_counts()
        response = get(clients["member"], reverse(page), fields, raw)
        # A committee the member may not see, or none such, is a plain 404.
        assert response.status_code in (200, 404)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            choice = _context(response, "choice")
            html = response.content.decode()
            for message in choice.form.errors.get("fy", []):
                assert escape(message) in html
        assert changed_counts(before, row_counts()) == {}


@pytest.mark.parametrize("page", ["deadlines:calendar", "deadlines:report"])
def test_a_committee_no_slug_could_name_is_a_plain_404(portal, clients, page):
    """Once a server error on PostgreSQL, which refuses a NUL byte in a query."""
    for committee in ("audit\x00", "audit\n", "x" * HUGE):
        response = clients["member"].get(reverse(page), {"committee": committee})
        assert response.status_code == 404


# Committee duties: the charter review and the self-evaluation --------------------------------

REVIEW = {
    "reviewed_on": "2026-06-12",
    "held_at": "meeting",
    "held_at_reference": "Audit Committee meeting of 12 June 2026",
    "outcome": "no_change",
    "new_charter_version": "",
    "summary": "Adequate as it stands.",
}


@FUZZ
@given(example=form_data(REVIEW))
def test_the_charter_review_form(portal, clients, example):
    fields, raw = example
    url = reverse("committees:charter_review_record", args=["audit"])
    with rolled_back():
        before = row_counts()
        response = post(clients["chair"], url, fields, raw)
        check_post(
            response,
            changed_counts(before, row_counts()),
            {"committees.CharterReview", "committees.HistoricalCharterReview"},
        )


@pytest.fixture
def evaluation_fields(portal):
    questions = portal.unanswered.questions.order_by("order")
    return {f"question_{q.pk}": "4" if q.is_rating else "Meetings run long." for q in questions}


@FUZZ
@given(data=st.data())
def test_the_self_evaluation_form(portal, clients, evaluation_fields, data):
    fields, raw = data.draw(form_data(evaluation_fields))
    url = reverse("committees:evaluation", args=["audit", portal.unanswered.pk])
    with rolled_back():
        before = row_counts()
        response = post(clients["member"], url, fields, raw)
        changed = changed_counts(before, row_counts())
        writes = {"committees.Response", "committees.Answer"}
        writes |= {"committees.HistoricalResponse", "committees.HistoricalAnswer"}
        check_post(response, changed, writes)


# Deadlines: the waiver, the feed reset, marking notifications read ---------------------------


@FUZZ
@given(example=form_data({"reason": "The board approved a single joint review."}))
def test_the_waiver_form(portal, clients, example):
    fields, raw = example
    url = reverse("deadlines:occurrence", args=[portal.open_occurrence.pk])
    with rolled_back():
        before = row_counts()
        response = post(clients["chair"], url, fields, raw)
        check_post(
            response,
            changed_counts(before, row_counts()),
            # The occurrence closes as it is waived, and keeps its history.
            {"deadlines.Waiver", "deadlines.HistoricalWaiver", "deadlines.HistoricalOccurrence"},
        )


@FUZZ
@given(example=form_data({"action": "revoke", "revoke_reason": "The joint review fell through."}))
def test_the_revoke_waiver_form(portal, clients, example):
    """Revoking reopens the waived period and the engine judges it at once (a reminder may be
    claimed); a refusal shows why on the revoke form, or says the period is no longer open."""
    fields, raw = example
    url = reverse("deadlines:occurrence", args=[portal.waived.pk])
    with rolled_back():
        before = row_counts()
        response = post(clients["chair"], url, fields, raw)
        changed = changed_counts(before, row_counts())
        assert response.status_code < 500
        if response.status_code == 200:
            assert changed == {}, f"refused, yet saved {changed}"
            assert shown_refusals(response, form=response.context["revoke_form"])
        else:
            assert set(changed) <= {
                "deadlines.HistoricalWaiver",
                "deadlines.HistoricalOccurrence",
                "deadlines.Reminder",
                "deadlines.Reminder_recipients",
                "deadlines.Evidence",
                "deadlines.HistoricalEvidence",
            }, f"wrote {changed}"


@FUZZ
@given(example=form_data({"confirm": "on"}))
def test_the_feed_reset_form(portal, clients, example):
    """Bob has a feed: a reset needs the confirmation box, and otherwise says so."""
    fields, raw = example
    with rolled_back():
        before = row_counts()
        response = post(clients["member"], reverse("deadlines:feed"), fields, raw)
        assert response.status_code == 200
        assert changed_counts(before, row_counts()) == {}  # a reset replaces the row
        if not response.context["new_url"]:
            assert shown_refusals(response), "refused without a message"


@FUZZ
@given(example=form_data({"notification": "1", "page": "2", "all": ""}))
def test_the_mark_read_form(portal, clients, example):
    fields, raw = example
    with rolled_back():
        before = row_counts()
        response = post(clients["member"], reverse("deadlines:notifications_read"), fields, raw)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("deadlines:notifications"))
        assert changed_counts(before, row_counts()) == {}


# Logging in and passwords --------------------------------------------------------------------


def _login_fields(fields: dict) -> dict:
    """The login page's first step (django-two-factor-auth's wizard) with these values."""
    return {LOGIN_STEP: "auth", **{f"auth-{name}": value for name, value in fields.items()}}


def _without_throttle(changed: dict) -> dict:
    """A refused login is counted by the login throttle (axes): that row is the point."""
    return {label: counts for label, counts in changed.items() if not label.startswith("axes.")}


def test_a_nul_byte_in_the_email_and_a_100kb_password_are_refused_plainly(portal):
    client = Client()
    for fields in (
        {"username": "bob.member\x00@example.test", "password": PASSWORD},
        {"username": "bob.member@example.test", "password": "p" * HUGE},
        {"username": "\x00" * HUGE, "password": "\x00" * HUGE},
        # Once a server error on SQLite, which refuses a LIKE pattern over 50 kB.
        {"username": "x" * HUGE + "@example.test", "password": PASSWORD},
    ):
        for raw in (False, True):
            with rolled_back():
                before = row_counts()
                response = post(client, reverse("login"), _login_fields(fields), raw)
                assert response.status_code == 200
                assert shown_refusals(response)
                assert "_auth_user_id" not in client.session
                assert _without_throttle(changed_counts(before, row_counts())) == {}


@FUZZ
@given(example=form_data({"auth-username": "bob.member@example.test", "auth-password": PASSWORD}))
def test_the_login_form(portal, example):
    fields, raw = example
    with rolled_back():
        before = row_counts()
        response = post(Client(), reverse("login"), {LOGIN_STEP: "auth", **fields}, raw)
        # The right password moves on: to the code step, or (no authenticator yet) logged in to
        # enrol; a refusal re-renders the form with its message.
        changed = _without_throttle(changed_counts(before, row_counts()))
        if response.status_code == 200 and "Enter your code" in response.content.decode():
            assert changed == {}
        else:
            check_post(response, changed, set())


@FUZZ
@given(example=form_data({"email": "otto.outsider@example.test"}))
def test_the_password_reset_form(portal, example):
    fields, raw = example
    with rolled_back():
        before = row_counts()
        response = post(Client(), reverse("password_reset"), fields, raw)
        check_post(response, changed_counts(before, row_counts()), set())


@FUZZ
@given(
    example=form_data(
        {
            "old_password": PASSWORD,
            "new_password1": "a new and long passphrase",
            "new_password2": "a new and long passphrase",
        }
    )
)
def test_the_password_change_form(portal, example):
    fields, raw = example
    with rolled_back():
        client = _logged_in(portal.users["outsider"])
        session = client.session
        session[REAUTHENTICATED_AT] = int(time.time())  # password and a code confirmed just now
        session.save()
        before = row_counts()
        response = post(client, reverse("password_change"), fields, raw)
        check_post(response, changed_counts(before, row_counts()), set())
