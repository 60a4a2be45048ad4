"""`make bench`'s own parts (docs/benchmark.md), not the load itself: the percentiles, the
tables, the raw HTTP it sends and reads, the login over HTTP through both steps against a live
server, and the two management commands the run reads as JSON."""

import json

import pytest
from django.core.management import CommandError, call_command

from tests import factories as f
from tests.logins import authenticator_for, code_for
from tools.bench import report
from tools.bench.load import http_request, load, status_of
from tools.bench.login import Browser, LoginFailed, csrf_token, log_in, update_cookies
from tools.bench.run import Config, redacted, verdicts
from tools.bench.stats import Summary, percentile, summarize

# -- statistics --------------------------------------------------------------------------------


def test_percentile_interpolates_between_the_nearest_ranks():
    samples = [5, 1, 4, 2, 3]  # unsorted on purpose
    assert percentile(samples, 0) == 1
    assert percentile(samples, 0.5) == 3
    assert percentile(samples, 1) == 5
    assert percentile(samples, 0.25) == 2
    assert percentile([1, 2], 0.5) == 1.5
    assert percentile(range(1, 101), 0.99) == pytest.approx(99.01)


def test_percentile_of_nothing_or_one_sample():
    assert percentile([], 0.99) == 0.0
    assert percentile([0.25], 0.99) == 0.25


def test_percentile_refuses_a_fraction_outside_zero_to_one():
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile([1, 2], 99)


def test_summary_in_milliseconds_and_requests_per_second():
    summary = summarize([0.010] * 99 + [0.200], errors=2, seconds=10.0)
    assert summary.requests == 100
    assert summary.per_second == 10.0
    assert summary.p50_ms == pytest.approx(10.0)
    assert summary.p99_ms == pytest.approx(11.9)  # between the 99th (10 ms) and 100th (200 ms)
    assert summary.errors == 2
    assert Summary(0, 0, 0.0, 0.0, 0.0).per_second == 0.0


# -- tables ------------------------------------------------------------------------------------


def _rows():
    login = Summary(requests=860, errors=0, seconds=1.0, p50_ms=9.0, p99_ms=12.0)
    page = Summary(requests=1234, errors=1, seconds=2.0, p50_ms=20.0, p99_ms=30.0)
    return [
        report.page_row("login page", "anonymous", login, 12.0, 0),
        report.page_row("dashboard", "chair", page, 12.0, 14),
        report.page_row("static file", "anonymous", page, 0.0, None),
    ]


def test_page_row_gives_the_ratio_to_the_login_p99():
    login, dashboard, static = _rows()
    assert login == ("login page", "anonymous", "860.0", "9.0", "12.0", "1.00", "0", "0")
    assert dashboard == ("dashboard", "chair", "617.0", "20.0", "30.0", "2.50", "14", "1")
    # No login figure to divide by, no query count: a dash, never a made-up number.
    assert static[5] == "-" and static[6] == "-"


def test_text_table_aligns_its_columns():
    lines = report.text_table(report.PAGE_HEADERS, _rows()).splitlines()
    assert lines[0].split()[:2] == ["page", "role"]
    assert set(lines[1]) <= {"-", " "}
    assert len({len(line) for line in lines[:2]}) == 1
    # Figures are right-aligned: each row's last column ends at the same place as the header's.
    assert lines[2].endswith(" 0") and lines[3].endswith(" 1")
    assert len(lines[2]) == len(lines[3]) == len(lines[0])


def test_markdown_table_right_aligns_figures_and_escapes_pipes():
    rows = [("a|b", "chair", "1.0", "2.0", "3.0", "0.25", "7", "0")]
    lines = report.markdown_table(report.PAGE_HEADERS, rows).splitlines()
    assert lines[0] == (
        "| page | role | req/s | p50 ms | p99 ms | p99 / login p99 | queries | errors |"
    )
    assert lines[1] == "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    assert lines[2] == "| a\\|b | chair | 1.0 | 2.0 | 3.0 | 0.25 | 7 | 0 |"


def _engine(scale, seconds, queries, committees=4):
    return {
        "scale": scale,
        "committees": committees,
        "open_occurrences": 40,
        "operations": [
            {
                "operation": "deadlines_run",
                "seconds": seconds,
                "queries": queries,
                "queries_per_committee": queries / committees,
            }
        ],
    }


def test_engine_rows_one_per_operation_and_scale():
    rows = report.engine_rows([_engine("0.1", 0.5, 100), _engine("1", 0.75, 100)])
    assert rows == [
        ("0.1", "deadlines_run", "0.500", "100", "25.0", "4", "40"),
        ("1", "deadlines_run", "0.750", "100", "25.0", "4", "40"),
    ]


def test_verdicts_read_each_target_off_the_figures():
    fast = Summary(requests=100, errors=0, seconds=1.0, p50_ms=10.0, p99_ms=20.0)
    slow = Summary(requests=100, errors=0, seconds=1.0, p50_ms=10.0, p99_ms=40.0)
    submissions = Summary(requests=250, errors=0, seconds=10.0, p50_ms=90.0, p99_ms=150.0)
    loaded = {
        "results": [
            {"page": "dashboard", "role": "chair", "summary": fast},
            {"page": "director file", "role": "secretary", "summary": slow},
        ],
        "login_p99": 10.0,
        "submission": submissions,
        "submissions_accepted": 250,
        "cases_saved": 250,
        "submissions_lost": 0,
    }
    engine = [_engine("0.1", 1.0, 100), _engine("1", 1.5, 100)]
    lines = verdicts(None, loaded, engine, [120.0, 160.0])
    assert lines[0].startswith("MISSED") and "director file, secretary, 4.00x" in lines[0]
    assert lines[1] == "met: no page answered an error"
    assert lines[2].startswith("met") and "25.0/s" in lines[2]
    assert lines[3].startswith("met") and "(1.50x)" in lines[3]
    assert lines[4].startswith("MISSED") and "160 MB" in lines[4]
    engine[1]["operations"][0]["queries_per_committee"] = 26.0
    assert verdicts(None, loaded, engine, [])[3].startswith("MISSED")
    loaded["results"][0]["summary"] = Summary(10, 3, 1.0, 1.0, 1.0)
    assert verdicts(None, loaded, engine, [])[1] == "MISSED: errors on dashboard (chair): 3"


def test_a_feed_address_is_never_written_out():
    assert redacted("/deadlines/feed/abcDEF_123-xyz.ics") == "/deadlines/feed/<token>.ics"
    assert redacted("/deadlines/feed/") == "/deadlines/feed/"


def test_config_defaults_and_the_served_scale_seeded_last():
    config = Config.from_environment({"BENCH_PORT": "8123"})
    assert config.database_url == "postgres://postgres@127.0.0.1:5432/charter_bench"
    assert config.redis_url == "redis://127.0.0.1:6379/7"
    assert (config.scale, config.engine_scales, config.seconds) == ("1", ["0.1", "1"], 10.0)
    assert (config.connections, config.workers, config.port) == (8, 2, 8123)
    assert config.scales_in_order() == ["0.1", "1"]
    config = Config.from_environment({"BENCH_SCALE": "0.1", "BENCH_ENGINE_SCALES": "0.1 1"})
    assert config.scales_in_order() == ["1", "0.1"]  # the served data set stays


def test_recreating_a_database_without_bench_in_its_name_is_refused():
    from tools.bench.run import recreate_database

    with pytest.raises(SystemExit, match="does not look like a benchmark database"):
        recreate_database("postgres://postgres@127.0.0.1:5432/charter")


# -- raw HTTP and cookies ----------------------------------------------------------------------


def test_http_request_closes_the_connection_and_counts_the_body():
    request = http_request(
        "POST",
        "/report/",
        host="127.0.0.1:8000",
        headers={"X-Forwarded-For": "10.0.0.1"},
        body=b"a=1",
    )
    head, body = request.split(b"\r\n\r\n")
    assert head.split(b"\r\n") == [
        b"POST /report/ HTTP/1.1",
        b"Host: 127.0.0.1:8000",
        b"Connection: close",
        b"X-Forwarded-For: 10.0.0.1",
        b"Content-Length: 3",
    ]
    assert body == b"a=1"
    assert b"Content-Length" not in http_request("GET", "/", host="h")


def test_status_of_a_raw_response():
    assert status_of(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n") == 201
    assert status_of(b"") == 0
    assert status_of(b"garbage") == 0


def test_cookies_kept_and_expired():
    jar = update_cookies({}, ["sessionid=abc; HttpOnly; Path=/", "csrftoken=xyz; Path=/"])
    assert jar == {"sessionid": "abc", "csrftoken": "xyz"}
    update_cookies(jar, ['sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0'])
    assert jar == {"csrftoken": "xyz"}


def test_csrf_token_from_the_form():
    html = '<input type="hidden" name="csrfmiddlewaretoken" value="tok123">'
    assert csrf_token(html) == "tok123"
    with pytest.raises(LoginFailed):
        csrf_token("<form></form>")


# -- against a live server ---------------------------------------------------------------------


def _address(live_server):
    host, port = live_server.url.removeprefix("http://").split(":")
    return host, int(port)


def test_log_in_over_http_passes_both_steps(live_server, transactional_db, settings):
    """The same two steps a person takes (security target 7: no page without the code)."""
    settings.ALLOWED_HOSTS = ["*"]
    user = f.UserFactory(email="bench.chair@example.test")
    authenticator_for(user)
    host, port = _address(live_server)
    cookies = log_in(
        Browser(host, port), user.email, "correct horse battery", lambda: code_for(user)
    )
    assert "sessionid" in cookies
    status, _, page = Browser(host, port).request("GET", "/")
    assert status == 302  # no cookie, no dashboard
    browser = Browser(host, port)
    browser.cookies = dict(cookies)
    assert browser.request("GET", "/")[0] == 200


def test_log_in_over_http_refuses_a_wrong_code(live_server, transactional_db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    user = f.UserFactory(email="bench.other@example.test")
    authenticator_for(user)
    host, port = _address(live_server)
    with pytest.raises(LoginFailed, match="the code was refused"):
        log_in(Browser(host, port), user.email, "correct horse battery", lambda: "000000")
    with pytest.raises(LoginFailed, match="password step"):
        log_in(Browser(host, port), user.email, "wrong password", lambda: "000000")


def test_load_counts_every_answer_and_its_status(live_server, transactional_db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    host, port = _address(live_server)
    ok = http_request("GET", "/healthz", host=f"{host}:{port}")
    summary, statuses = load((host, port), lambda: ok, seconds=0.3, connections=2)
    assert summary.requests == statuses[200] > 0 and summary.errors == 0
    missing = http_request("GET", "/no-such-page/", host=f"{host}:{port}")
    summary, statuses = load((host, port), lambda: missing, seconds=0.2, connections=1)
    assert summary.errors == summary.requests == statuses[404] > 0


# -- the management commands -------------------------------------------------------------------


def test_bench_engine_times_each_operation_with_its_queries(chair, tmp_path):
    output = tmp_path / "engine.json"
    call_command("bench_engine", "--scale", "0.1", "--output", str(output))
    figures = json.loads(output.read_text())
    assert figures["scale"] == "0.1" and figures["committees"] == 1
    names = [op["operation"] for op in figures["operations"]]
    assert names == [
        "deadlines_run",
        "deadlines_run (again)",
        "evaluate_committees",
        "charter_status",
    ]
    for op in figures["operations"]:
        assert op["seconds"] >= 0 and op["queries"] > 0
        assert op["queries_per_committee"] == op["queries"]  # one committee
    assert figures["open_occurrences"] > 0  # the run opened this year's duties


def test_bench_queries_needs_the_demo_cast(chair):
    with pytest.raises(CommandError, match="needs the demo cast"):
        call_command("bench_queries")


def test_bench_queries_lists_every_page_of_each_role_with_its_queries(
    chair, secretary, audit_committee, tmp_path
):
    """The chair's pages and the secretary's, each answering 200 to a verified session, with
    the query count of a warm request; the case is the chair's alone."""
    for user in (chair, secretary):
        authenticator_for(user)
    output = tmp_path / "pages.json"
    call_command(
        "bench_queries",
        "--chair",
        chair.email,
        "--secretary",
        secretary.email,
        "--committee",
        audit_committee.slug,
        "--output",
        str(output),
    )
    rows = json.loads(output.read_text())["pages"]
    statuses = {row["page"]: row["status"] for row in rows}
    assert statuses.pop("complaint submission (POST)") == 201
    assert set(statuses.values()) == {200}, statuses
    by_role = {}
    for row in rows:
        by_role.setdefault(row["role"], []).append(row["page"])
        assert row["queries"] >= 0 and row["bytes"] > 0
    for role in ("chair", "secretary"):
        assert {"dashboard", "roster", "director file", "auditor's year", "case list"} <= set(
            by_role[role]
        )
        assert {"evidence report", "feed page", "calendar feed (.ics)"} <= set(by_role[role])
    assert by_role["anonymous"] == ["login page", "complaint form", "complaint submission (POST)"]
    director = chair.director.pk
    assert any(row["path"] == f"/committees/directors/{director}/" for row in rows)
    feeds = [row["path"] for row in rows if row["page"] == "calendar feed (.ics)"]
    assert len(set(feeds)) == 2 and all(path.endswith(".ics") for path in feeds)
