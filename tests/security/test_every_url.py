"""security target 6: every URL of the portal x every role of the fixed cast, found by walking
the URL configuration with real object ids (a director, a committee, an occurrence, a
questionnaire, a charter document download).

For each named pattern (admin and static files aside) the kwargs come from one table, and the
matrix OPENS says which roles open it; a pattern missing from either fails the run and says what
to add. Every GET and every empty POST must answer without a server error; anonymous users are
sent to log in (except the public pages); confidential canaries planted in
tests/security/portal_data.py (family members' names, employers, amounts, free-text answers,
waiver reasons) appear only where the role may read detail (charter_portal.permissions reading
levels); and an empty POST writes nothing a role may not write."""

import itertools
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve

from charter_portal.accounts.invitations import invitation_tokens
from tests.committees import questionnaire_support as dq
from tests.conftest import ROLES
from tests.security import portal_data as data
from tests.security.portal_data import changed_counts, row_counts

on_today = data.on_today
portal = data.portal

# Pages anyone may open without logging in; every other page sends anonymous users to log in.
PUBLIC = {
    "healthz",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation_accept",
    # The secret token is the key (deadlines/views/feeds.py).
    "deadlines:feed_ics",
    # The public complaint pages (RULES 6): no account at all.
    "report:form",
    "report:follow_up",
}

# Filling URL kwargs. A kwarg whose meaning is the same on every page is filled by name; a kwarg
# that means something different per page (pk, token) is filled per URL name and never guessed.
# Each entry gives a list: every value is requested.
BY_KWARG = {
    "slug": lambda p: ["audit", "compensation"],
}
BY_URL = {
    "committees:director": {
        "pk": lambda p: [p.users["member"].director.pk, p.users["other_member"].director.pk],
    },
    "committees:evaluation": {"pk": lambda p: [p.answered.pk, p.unanswered.pk]},
    "committees:evaluation_results": {"pk": lambda p: [p.answered.pk, p.unanswered.pk]},
    "deadlines:occurrence": {"pk": lambda p: [p.waived.pk, p.open_occurrence.pk]},
    "deadlines:feed_ics": {"token": lambda p: [p.feed_token, "x" * 43]},
    "files:download": {
        "kind": lambda p: ["committees.charter", "no.such_kind", "meetings.material"],
        "pk": lambda p: [p.charter.pk, p.other_charter.pk, p.material_version.pk],
    },
    "complaints:case": {"pk": lambda p: [p.case.pk]},
    "complaints:case_print": {"pk": lambda p: [p.case.pk]},
    "complaints:case_log": {"pk": lambda p: [p.case.pk]},
    "complaints:case_action": {
        "pk": lambda p: [p.case.pk],
        "action": lambda p: ["note", "status", "exclude", "no-such-action"],
    },
    "complaints:attachment": {"pk": lambda p: [p.case_attachment.pk]},
    "meetings:meeting": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:edit": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:cancel": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:invite": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:ics": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:board_book": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:agenda": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:materials": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:attendance": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:minutes": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:actions": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:report_edit": {"pk": lambda p: [p.meeting.pk, p.other_meeting.pk]},
    "meetings:material": {"pk": lambda p: [p.material_version.pk]},
    "meetings:board_report": {"pk": lambda p: [p.board_report.pk]},
    "meetings:action_close": {"pk": lambda p: [p.action.pk]},
    # Pre-approval of the auditor's services (rules section 5): a pending request, the chair's
    # delegation (see _approvals below).
    **{
        f"auditors:{name}": {"pk": lambda p: [_approvals(p)["request"].pk]}
        for name in (
            "request",
            "request_decide",
            "request_approve",
            "request_refuse",
            "request_discussion",
            "request_move",
            "request_start",
        )
    },
    "auditors:delegation_revoke": {"pk": lambda p: [_approvals(p)["delegation"].pk]},
    # The auditor's engagement pages (issue 11): the year with the portal's engagement, and one
    # without.
    "auditors:engagement": {"year": lambda p: [2026, 2025]},
    "auditors:engagement_propose": {"year": lambda p: [2026, 2025]},
    "auditors:engagement_approve": {"year": lambda p: [2026, 2025]},
    "auditors:engagement_ratify": {"year": lambda p: [2026, 2025]},
    "auditors:engagement_activate": {"year": lambda p: [2026, 2025]},
    "auditors:engagement_complete": {"year": lambda p: [2026, 2025]},
    "auditors:engagement_terminate": {"year": lambda p: [2026, 2025]},
    "auditors:communication_record": {"year": lambda p: [2026, 2025]},
    "auditors:as1301_record": {"year": lambda p: [2026, 2025]},
    "auditors:statements_review": {"year": lambda p: [2026, 2025]},
    "auditors:engagement_report": {"year": lambda p: [2026, 2025]},
    "auditors:report_sign": {"year": lambda p: [2026, 2025]},
    "auditors:communication_discuss": {
        "year": lambda p: [2026],
        "pk": lambda p: [p.engagement.committee.auditor_communications.get().pk],
    },
    # The directors' questionnaire (issue 12): Bob's certified one, Alice's draft.
    **{
        f"committees:dq_{name}": {
            "pk": lambda p: [dq.security_records(p)["bob"].pk, dq.security_records(p)["alice"].pk]
        }
        for name in ("questionnaire", "certify", "print")
    },
    "committees:dq_section": {
        "pk": lambda p: [dq.security_records(p)["bob"].pk, dq.security_records(p)["alice"].pk],
        "section": lambda p: ["family", "equity", "no-such-section"],
    },
    **{
        f"committees:dq_{name}": {"pk": lambda p: [dq.security_records(p)["answer"].pk]}
        for name in ("answer", "reply")
    },
    **{
        f"committees:dq_{name}": {"fiscal_year": lambda p: [dq.security_records(p) and 2026, 1999]}
        for name in ("round", "start", "batch")
    },
    "password_reset_confirm": {
        "uidb64": lambda p: [p.reset_uidb64],
        "token": lambda p: [p.reset_token],
    },
    # The outsider has a password already, so an invitation link of theirs never works.
    "invitation_accept": {
        "uidb64": lambda p: [p.reset_uidb64],
        "token": lambda p: [invitation_tokens.make_token(p.users["outsider"]), "x-y"],
    },
}
# Query strings worth asking for besides the bare page.
QUERIES = {
    "committees:detail": ["?as_of=2024-06-01"],
    "committees:director": ["?as_of=2024-06-01"],
    "deadlines:calendar": ["?committee=audit&fy=2026", "?committee=compensation"],
    "deadlines:report": ["?committee=audit&format=csv", "?committee=compensation&format=csv"],
    "complaints:statistics": ["?committee=audit&format=csv", "?committee=compensation"],
    "report:form": ["?lang=es", "?lang=xx"],
    "auditors:year": ["?year=2025", "?year=abc"],
}

# The feed shows its owner's deadlines (portal_data gives Bob the token), whoever fetches it.
FEED_OWNER = "member"

EVERYWHERE = None
# Who reads the audit committee at all: its members and the secretary (detail), board readers
# (summary: status, title and rule only).
AUDIT_READERS = {"chair", "member", "secretary", "board_reader"}
AUDIT_DETAIL = {"chair", "member", "secretary"}
# A director's file: the secretary, the director, current colleagues; not board readers
# (permissions.director_files_visible_to). Bob sits on the audit committee with Alice.
BOB_FILE = {"chair", "member", "secretary"}
LOGGED_IN = {"chair", "member", "other_member", "investigator", "secretary", "board_reader"}
LOGGED_IN |= {"outsider"}
EVERYONE = LOGGED_IN | {"anonymous"}

# The matrix: URL name -> the roles for which the first URL of that name (bare, first kwargs)
# answers 200. Every other role gets no page (a login redirect, 403, 404 or 405). A new URL
# without an entry here fails test_every_url_has_an_entry_in_the_matrix.
OPENS = {
    "home": LOGGED_IN,
    "healthz": EVERYONE,
    "login": EVERYONE,
    "logout": set(),  # POST only
    "password_change": set(),  # after re-authentication only (issue 7)
    "password_change_done": LOGGED_IN,
    "password_reset": EVERYONE,
    "password_reset_done": EVERYONE,
    # A valid link moves on to the set-password step (302). The link belongs to the outsider,
    # whose login changed last_login, which spends the link: the page says so (200).
    "password_reset_confirm": {"outsider"},
    "password_reset_complete": EVERYONE,
    # An invitation link that no longer works says so to whoever opens it (issue 8).
    "invitation_accept": EVERYONE,
    "committees:list": LOGGED_IN,
    "committees:director": BOB_FILE,
    "committees:detail": AUDIT_READERS,
    "committees:duties": AUDIT_READERS,
    "committees:charter_review_record": {"chair", "secretary"},
    # Only a serving member opens a questionnaire; a response only its author reads.
    "committees:evaluation": {"chair", "member"},
    "committees:evaluation_results": {"chair", "secretary"},
    "deadlines:occurrence": AUDIT_READERS,
    "deadlines:calendar": LOGGED_IN,
    "deadlines:report": LOGGED_IN,
    "deadlines:feed": LOGGED_IN,
    "deadlines:feed_ics": EVERYONE,  # the secret token is the key
    "deadlines:notifications": LOGGED_IN,
    "deadlines:notifications_read": set(),  # POST only
    "files:download": AUDIT_READERS,  # the charter: whoever reads the committee
    # The second factor's own pages (issue 7). Each shows only the user's own account.
    "second_factor_verify": LOGGED_IN,
    "account_security": LOGGED_IN,
    "reauthenticate": LOGGED_IN,
    "two_factor:setup": set(),  # a user with an authenticator is sent on: nothing to enrol
    "two_factor:setup_complete": LOGGED_IN,
    "two_factor:backup_tokens": set(),  # after re-authentication only: redirected here
    "authenticator_replace": set(),  # likewise
    "admin_login": set(),  # redirects to the portal's own login, which asks for the code
    # Complaints (RULES 6): the public pages for everyone; a case for the audit committee's chair
    # and the investigator assigned to it (members read only if the policy names them; the
    # secretary only by the chair's grant); the access log for the chair; counts without
    # identities for the owning committee's members and the secretary.
    "report:form": EVERYONE,
    "report:follow_up": EVERYONE,
    "complaints:list": LOGGED_IN,
    "complaints:statistics": AUDIT_DETAIL,
    "complaints:case": {"chair", "investigator"},
    "complaints:case_print": {"chair", "investigator"},
    "complaints:case_log": {"chair"},
    "complaints:case_action": set(),  # POST only
    "complaints:attachment": {"chair", "investigator"},
    # Charter: Meetings. The committee's members and the secretary read its meetings; the chair
    # and the secretary run them; board readers read delivered reports to the board only (the
    # meetings list sends them there).
    "meetings:prepare": LOGGED_IN,
    "meetings:list": AUDIT_DETAIL,
    "meetings:meeting": AUDIT_DETAIL,
    "meetings:ics": AUDIT_DETAIL,
    "meetings:board_book": AUDIT_DETAIL,
    "meetings:schedule": {"chair", "secretary"},
    "meetings:edit": {"chair", "secretary"},
    "meetings:agenda": {"chair", "secretary"},
    "meetings:materials": {"chair", "secretary"},
    "meetings:attendance": {"chair", "secretary"},
    "meetings:minutes": {"chair", "secretary"},
    "meetings:actions": {"chair", "secretary"},
    "meetings:report_edit": {"chair", "secretary"},
    "meetings:reports": AUDIT_READERS,
    "meetings:board_report": AUDIT_READERS,
    "meetings:cancel": set(),  # POST only
    "meetings:invite": set(),  # POST only
    "meetings:action_close": set(),  # POST only
    "meetings:material": set(),  # counts the read, then redirects to files:download
    # The auditor (RULES 5): the year at a glance for the audit committee's members and the
    # secretary (board readers read the fee table and the signed report only); /auditor/ sends
    # a reader of one audit committee to it (302) and tells everyone else there is none.
    "auditors:index": {"other_member", "investigator", "board_reader", "outsider"},
    "auditors:year": AUDIT_DETAIL,
    # Pre-approval (S-X 2-01(c)(7), SOX 202): the committee's members and the secretary read;
    # the chair and the secretary act; the member holding the delegation (the chair) decides.
    "auditors:requests": AUDIT_DETAIL,
    "auditors:request": AUDIT_DETAIL,
    "auditors:policy": AUDIT_DETAIL,
    "auditors:request_new": {"chair", "secretary"},
    "auditors:request_decide": {"chair"},
    "auditors:request_approve": {"chair", "secretary"},
    "auditors:request_refuse": {"chair", "secretary"},
    "auditors:request_discussion": {"chair", "secretary"},
    "auditors:request_move": {"chair", "secretary"},
    "auditors:request_start": {"chair", "secretary"},
    "auditors:policy_new": {"chair", "secretary"},
    "auditors:delegation_new": {"chair", "secretary"},
    "auditors:delegation_revoke": {"chair", "secretary"},
    # The auditor's rotation and former-staff hires: the members and the secretary (detail); the
    # fee table and its CSV also for board readers (what the proxy statement publishes).
    "auditors:rotation": AUDIT_DETAIL,
    "auditors:hires": AUDIT_DETAIL,
    "auditors:de_minimis": AUDIT_DETAIL,
    "auditors:fee_table": AUDIT_READERS,
    "auditors:fee_table_csv": AUDIT_READERS,
    # The auditor's engagement (issue 11): the committee's members and the secretary read it; the
    # chair and the secretary record on it (a member gets 403); a board reader reads the signed
    # report only (none is signed here). Proposing a year that has its engagement redirects.
    "auditors:engagement": AUDIT_DETAIL,
    "auditors:engagement_propose": set(),
    "auditors:engagement_approve": {"chair", "secretary"},
    "auditors:engagement_ratify": {"chair", "secretary"},
    "auditors:engagement_activate": {"chair", "secretary"},
    "auditors:engagement_complete": {"chair", "secretary"},
    "auditors:engagement_terminate": {"chair", "secretary"},
    "auditors:communication_record": {"chair", "secretary"},
    "auditors:communication_discuss": {"chair", "secretary"},
    "auditors:as1301_record": {"chair", "secretary"},
    "auditors:statements_review": {"chair", "secretary"},
    "auditors:engagement_report": AUDIT_DETAIL,
    "auditors:report_sign": {"chair", "secretary"},
    # The directors' questionnaire (issue 12): answers for the director and the secretary only;
    # the year's status and the board's determinations for members, the secretary and board
    # readers; the review for the secretary.
    "committees:dq_home": LOGGED_IN - {"investigator", "outsider"},
    "committees:dq_round": LOGGED_IN - {"investigator", "outsider"},
    "committees:dq_batch": LOGGED_IN - {"investigator", "outsider"},
    "committees:dq_questionnaire": {"member", "secretary"},
    "committees:dq_print": {"member", "secretary"},
    "committees:dq_answer": {"secretary"},
    **dict.fromkeys(
        [
            "committees:dq_round_open",
            "committees:dq_change_start",
            "committees:dq_start",
            "committees:dq_section",
            "committees:dq_certify",
            "committees:dq_reply",
        ],
        set(),  # POST only
    ),
}

APPROVALS_CANARY = "canary-firm-scope-7731"
APPROVAL_FORMS = (
    "request",
    "request_approve",
    "request_refuse",
    "request_discussion",
    "request_move",
    "request_start",
)

# canary -> {role: EVERYWHERE or the URL names where that role may see it}.
CANARY_ACCESS = {
    data.COMP_NOTE: dict.fromkeys(BOB_FILE, EVERYWHERE),
    data.COMP_AMOUNT: dict.fromkeys(BOB_FILE, EVERYWHERE),
    data.DETERMINATION_NOTE: dict.fromkeys(BOB_FILE, EVERYWHERE),
    data.CURE_REASON: dict.fromkeys(BOB_FILE, EVERYWHERE),
    data.CAROL_NOTE: dict.fromkeys({"other_member", "secretary"}, EVERYWHERE),
    # The explanations behind a finding name family members and employers: detail level only.
    data.FAMILY_NAME: dict.fromkeys(AUDIT_DETAIL, EVERYWHERE),
    data.EMPLOYER: dict.fromkeys(AUDIT_DETAIL, EVERYWHERE),
    # Charter: Responsibilities 6: the advisors register, its purposes and payments.
    data.ADVISOR_AMOUNT: dict.fromkeys(AUDIT_DETAIL, {"committees:duties"}),
    data.ADVISOR_NOTE: dict.fromkeys(AUDIT_DETAIL, {"committees:duties"}),
    # Charter: Responsibilities 7: a member's own answers are theirs; the chair reads the free
    # text without names in the aggregate of a closed questionnaire with three answers besides
    # hers; the secretary sees completion and ratings only.
    data.ANSWER_TEXT: {
        "member": {"committees:evaluation"},
        "chair": {"committees:evaluation_results"},
    },
    # A waiver's reason shows wherever the committee's deadlines show in detail.
    data.WAIVER_REASON: dict.fromkeys(AUDIT_DETAIL, EVERYWHERE),
    # The charter document, downloaded through the private file store.
    data.CHARTER_TEXT: dict.fromkeys(AUDIT_READERS, {"files:download"}),
    # A complaint's narrative and attachment: the chair and the assigned investigator only.
    data.CASE_NARRATIVE: dict.fromkeys(
        {"chair", "investigator"},
        {"complaints:case", "complaints:case_print", "complaints:case_action"},
    ),
    data.CASE_FILE_TEXT: dict.fromkeys({"chair", "investigator"}, {"complaints:attachment"}),
    # The report form names the audit committee's members (public in the proxy statement) so a
    # reporter can keep one who is involved from seeing the report.
    **{
        name: {
            **dict.fromkeys(EVERYONE, {"report:form"}),
            **dict.fromkeys(AUDIT_READERS, EVERYWHERE),
        }
        for name in data.AUDIT_NAMES
    },
    # Charter: Meetings: an executive session's notes are the members' (not the secretary's), on
    # the meeting page;
    # a delivered report to the board is read by whoever reads the committee.
    data.SESSION_NOTES: dict.fromkeys({"chair", "member"}, {"meetings:meeting"}),
    data.BOARD_REPORT_TEXT: {
        **dict.fromkeys(AUDIT_READERS, {"meetings:board_report"}),
        # The chair and the secretary edit it: the form holds the summary.
        **dict.fromkeys({"chair", "secretary"}, {"meetings:board_report", "meetings:report_edit"}),
    },
    data.MATERIAL_TEXT: dict.fromkeys(AUDIT_DETAIL, {"files:download"}),
    **{
        name: dict.fromkeys({"other_member", "secretary", "board_reader"}, EVERYWHERE)
        for name in data.OTHER_NAMES
    },
    # The auditor (RULES 5): a request awaiting a decision, for the detail level only.
    data.AUDITOR_REQUEST: dict.fromkeys(AUDIT_DETAIL, EVERYWHERE),
    # The firm's description of a requested service: the committee's members and the secretary,
    # on the request and on the forms that decide it.
    APPROVALS_CANARY: {
        "member": {"auditors:request"},
        "secretary": {f"auditors:{name}" for name in APPROVAL_FORMS},
        "chair": {f"auditors:{name}" for name in (*APPROVAL_FORMS, "request_decide")},
    },
    # The discussion of the auditor's independence letter, on the engagement page.
    data.AUDITOR_DISCUSSION: dict.fromkeys(AUDIT_DETAIL, {"auditors:engagement"}),
    # Issue 12: a director's answers are the director's and the secretary's only.
    dq.SECURITY_CANARY: {
        "member": {"committees:dq_questionnaire", "committees:dq_print"},
        "secretary": {
            "committees:dq_questionnaire",
            "committees:dq_print",
            "committees:dq_answer",
        },
    },
}

# What an empty POST may write, per URL name and role: model labels whose row count may change.
# A user without a calendar feed gets one: confirming is asked only before replacing one.
EMPTY_POST_WRITES = {
    "deadlines:feed": dict.fromkeys(LOGGED_IN, {"deadlines.CalendarFeed"}),
    # Logging out ends every session of the user and stops their feed address (issue 7).
    "logout": {FEED_OWNER: {"deadlines.CalendarFeed"}},
}


@dataclass(frozen=True)
class Route:
    namespace: str
    name: str | None
    route: str
    kwargs: tuple[str, ...]
    callback: object


def _walk(patterns, namespace="", prefix="", kwargs=()):
    for entry in patterns:
        names = tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, prefix + str(entry.pattern), kwargs + names)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Route(
                namespace, name, prefix + str(entry.pattern), kwargs + names, entry.callback
            )


def portal_routes() -> list[Route]:
    """Every URL pattern of the project but the admin's and static file serving."""
    return [
        route
        for route in _walk(get_resolver().url_patterns)
        if not route.namespace.startswith("admin:") and route.callback is not serve
    ]


def _values(route: Route, kwarg: str, portal) -> list:
    filler = BY_URL.get(route.name, {}).get(kwarg) or BY_KWARG.get(kwarg)
    if filler is None:
        pytest.fail(
            f"The URL pattern {route.name!r} ({route.route}) takes {kwarg!r}, which the table of "
            "tests/security/test_every_url.py cannot fill. Add a value to BY_URL (or BY_KWARG if "
            "it means the same on every page) from the portal fixture, and plant any confidential "
            "text the new page shows as a canary in CANARY_ACCESS."
        )
    return filler(portal)


def concrete_urls(portal) -> list[tuple[str, str]]:
    """(URL name, URL) for every pattern, with every combination of its kwarg values."""
    urls = []
    for route in portal_routes():
        if route.name is None:
            pytest.fail(
                f"The URL pattern {route.route} has no name: name it, so the security tests "
                "(and reverse()) can reach it."
            )
        choices = [[(kwarg, v) for v in _values(route, kwarg, portal)] for kwarg in route.kwargs]
        for combination in itertools.product(*choices):
            url = reverse(route.name, kwargs=dict(combination))
            urls += [(route.name, url + query) for query in ["", *QUERIES.get(route.name, [])]]
    return urls


def _client(client_for, client, portal, role):
    """Logged in only through the cast's client_for (a verified session), or anonymous."""
    user = portal.users[role]
    return client if user is None else client_for(user)


def _body(response) -> str:
    if response is None:
        return ""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _may_see(role: str, canary: str, name: str) -> bool:
    access = CANARY_ACCESS[canary]
    return role in access and (access[role] is EVERYWHERE or name in access[role])


def _request(client, method, url, problems):
    try:
        response = getattr(client, method)(url)
    except Exception as error:  # noqa: BLE001  (every crash is collected and reported below)
        problems.append(f"{method.upper()} {url}: raised {error!r}")
        return None
    if response.status_code >= 500:
        problems.append(f"{method.upper()} {url}: {response.status_code}")
    return response


def _check_anonymous(name, url, method, response, problems):
    if name in PUBLIC:
        return
    login = reverse("login") + "?next="
    if response.status_code != 302 or not response["Location"].startswith(login):
        problems.append(f"{method.upper()} {url}: anonymous got {response.status_code}, not login")


def test_the_walk_finds_every_page_and_fills_every_kwarg(portal):
    names = {name for name, _ in concrete_urls(portal)}
    # The walk reaches nested namespaces, regex patterns and the auth pages.
    assert {
        "home",
        "healthz",
        "login",
        "password_reset_confirm",
        "committees:evaluation_results",
        "deadlines:occurrence",
        "deadlines:feed_ics",
        "deadlines:notifications_read",
    } <= names
    # Every table entry names a page that still exists.
    assert set(BY_URL) | set(QUERIES) | set(EMPTY_POST_WRITES) | PUBLIC | set(OPENS) <= names


def test_every_url_has_an_entry_in_the_matrix(portal):
    missing = sorted({route.name for route in portal_routes()} - set(OPENS))
    assert missing == [], (
        f"Add {missing} to OPENS in tests/security/test_every_url.py: which roles may open each "
        "page, and plant any confidential text it shows as a canary in CANARY_ACCESS."
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_the_pages_the_matrix_allows(role, portal, client_for, client):
    """security target 6: the first URL of every pattern, with real object ids."""
    session = _client(client_for, client, portal, role)
    first, problems = {}, []
    for name, url in concrete_urls(portal):
        first.setdefault(name, url)
    for name, url in first.items():
        response = session.get(url)
        allowed = role in OPENS.get(name, set())
        if allowed and response.status_code != 200:
            problems.append(f"{role} should open {url} but got {response.status_code}")
        if not allowed and response.status_code == 200:
            problems.append(f"{role} opened {url}, which the matrix does not allow")
    assert problems == []


@pytest.mark.parametrize("role", ROLES)
def test_every_get_answers_without_error_and_shows_only_what_the_role_may_see(
    role, portal, client_for, client
):
    client = _client(client_for, client, portal, role)
    problems, seen = [], set()
    for name, url in concrete_urls(portal):
        response = _request(client, "get", url, problems)
        if response is None:
            continue
        if role == "anonymous":
            _check_anonymous(name, url, "get", response, problems)
        body = _body(response)
        # A feed address shows its owner's deadlines; a wrong one is the visitor's own 404 page
        # (the portal's navigation, with the visitor's name).
        owned = name == "deadlines:feed_ics" and response.status_code == 200
        viewer = FEED_OWNER if owned else role
        for canary in CANARY_ACCESS:
            if canary not in body:
                continue
            if not _may_see(viewer, canary, name):
                problems.append(f"GET {url}: {role} sees {canary!r}")
            elif viewer == role:
                seen.add(canary)
    assert problems == []
    # Each allowed canary really shows somewhere, so the absences above mean something.
    assert seen == {canary for canary, access in CANARY_ACCESS.items() if role in access}


@pytest.mark.parametrize("role", ROLES)
def test_an_empty_post_anywhere_never_fails_and_writes_nothing_it_may_not(
    role, portal, client_for, client
):
    user = portal.users[role]
    client = _client(client_for, client, portal, role)
    problems = []
    for name, url in concrete_urls(portal):
        if user is not None and "_auth_user_id" not in client.session:
            client = client_for(user)  # the logout page ended the session
        before = row_counts()
        response = _request(client, "post", url, problems)
        changed = changed_counts(before, row_counts())
        if response is not None and role == "anonymous":
            _check_anonymous(name, url, "post", response, problems)
        allowed = EMPTY_POST_WRITES.get(name, {}).get(role, set())
        if set(changed) - allowed:
            problems.append(f"POST {url} as {role} wrote {changed}")
        body = _body(response)
        for canary in CANARY_ACCESS:
            if canary in body and not _may_see(role, canary, name):
                problems.append(f"POST {url}: {role} sees {canary!r}")
    assert problems == []


@pytest.mark.parametrize("role", [role for role in ROLES if role != "secretary"])
def test_the_admin_sends_everyone_but_staff_to_its_login(role, portal, client_for, client):
    response = _client(client_for, client, portal, role).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:login") + "?next=" + reverse("admin:index")


def _approvals(p) -> dict:
    """Pre-approval records of the audit committee, made once per portal: an engagement, a
    pending request with the firm's description (a canary), the chair's delegation granted at
    the held meeting of 10 June."""
    memo = p.__dict__.get("_approvals")
    if memo is None:
        import datetime
        from decimal import Decimal

        from auditors.models import Delegation, ServiceRequest
        from tests.meetings.support import NOW

        audit = p.meeting.committee
        engagement = p.engagement
        request = ServiceRequest.objects.create(
            committee=audit,
            engagement=engagement,
            service="Due diligence on the Harbor acquisition",
            nature="audit_related",
            category="audit_related",
            estimated_fee=Decimal("40000"),
            starts_on=datetime.date(2026, 7, 1),
            firm_description=APPROVALS_CANARY,
            requested_at=NOW,
        )
        delegation = Delegation.objects.create(
            committee=audit,
            director=p.users["chair"].director,
            granted_at=p.meeting,
            starts_on=p.meeting.day,
            fee_limit=Decimal("50000"),
        )
        memo = p.__dict__["_approvals"] = {"request": request, "delegation": delegation}
    return memo
