"""Findings only an audit committee gets (contract findings 3-10): Rule 10A-3, the preparation
bar, literacy, sophistication, the charter's expertise clause, the expert disclosure, the
5605(c)(2)(B) exception and the exchange notice."""

from committees.compliance import text
from committees.compliance.exception import exception_finding
from committees.compliance.exchange_notice import exchange_notice_finding
from committees.compliance.findings import Finding, Kind, Status, worst_status
from committees.compliance.look_back import clears_on, look_back_start
from committees.compliance.roster import cure_standing

PREFIX = "committees.composition."


def _finding(key, kind, rule, title, status, detail, due=None, ids=(), since=None):
    return Finding(
        key=PREFIX + key,
        kind=kind,
        rule=rule,
        title=title,
        status=status,
        detail=detail,
        due=due,
        director_ids=tuple(ids),
        since=since,
    )


def rule_10a3_finding(ctx) -> Finding:
    """3. Every member meets Rule 10A-3(b)(1); a running cure period covers it, the exception
    never does."""
    statuses, sentences, dues, sinces, ids = [], [], [], [], []
    for ms in ctx.members:
        if ms.independence.rule_10a3_met:
            continue
        ids.append(ms.director.pk)
        status, words, due, since = cure_standing(ctx, ms.director.pk)
        statuses.append(status)
        if status == Status.CURE_PERIOD:
            dues.append(due)
            sinces.append(since)
        sentences.append(
            f"{ms.director.full_name} does not meet Rule 10A-3(b)(1): "
            f"{text.after_colon(ms.independence.rule_10a3_detail)}" + (f" {words}" if words else "")
        )
    if sentences:
        detail = " ".join(sentences)
    elif ctx.members:
        detail = (
            "Every member meets Rule 10A-3(b)(1): no compensatory fee during audit committee "
            "service, directly or indirectly, and no affiliated person "
            f"({text.names(ms.director.full_name for ms in ctx.members)})."
        )
    else:
        detail = f"The committee has no members on {text.day(ctx.as_of)}."
    return _finding(
        "rule_10a3",
        Kind.SEC,
        "SEC Rule 10A-3(b)(1)",
        "Audit committee independence under Rule 10A-3",
        worst_status(statuses),
        detail,
        due=min(dues) if dues else None,
        ids=ids,
        since=min(sinces) if sinces else None,
    )


def preparation_bar_finding(ctx) -> Finding:
    """4. No member took part in preparing the company's or a current subsidiary's financial
    statements in the past 3 years (5605(c)(2)(A))."""
    start = look_back_start(ctx.as_of)
    sentences, ids = [], []
    for ms in ctx.members:
        facts = ctx.director_facts[ms.director.pk]
        for item in facts.preparations:
            if item.family_member_id or not item.overlaps(start, ctx.as_of):
                continue
            entity = "the company" if item.entity == "company" else "a current subsidiary"
            ends = (
                f"; the bar lifts on {text.day(clears_on(item.end_date))}"
                if item.end_date and item.end_date < ctx.as_of
                else ""
            )
            sentences.append(
                f"{ms.director.full_name} took part in preparing the financial statements of "
                f"{entity} ({item.description}) {text.period(item.start_date, item.end_date)}, "
                f"within the past 3 years (since {text.day(start)}){ends}."
            )
            ids.append(ms.director.pk)
    detail = (
        " ".join(sentences)
        if sentences
        else "No member took part in preparing the financial statements of the company or a "
        f"current subsidiary between {text.day(start)} and {text.day(ctx.as_of)}."
    )
    return _finding(
        "preparation_bar",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A)",
        "No recent part in preparing the financial statements",
        Status.FAILING if sentences else Status.MET,
        detail,
        ids=sorted(set(ids)),
    )


def literacy_finding(ctx) -> Finding:
    """5. The board has found every member able to read and understand basic financial
    statements (5605(c)(2)(A))."""
    sentences, found, ids = [], [], []
    for ms in ctx.members:
        determination = ctx.director_facts[ms.director.pk].literacy
        name = ms.director.full_name
        if ms.literate:
            found.append(f"{name} ({text.day(determination.determined_on)})")
        elif determination is None:
            sentences.append(f"The board has not found {name} financially literate.")
            ids.append(ms.director.pk)
        else:
            sentences.append(
                f"The board found on {text.day(determination.determined_on)} that {name} is not "
                "financially literate."
            )
            ids.append(ms.director.pk)
    if sentences:
        detail = " ".join(sentences)
    elif found:
        detail = f"The board has found every member financially literate: {text.names(found)}."
    else:
        detail = f"The committee has no members on {text.day(ctx.as_of)}."
    return _finding(
        "literacy",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A)",
        "Every member financially literate",
        Status.FAILING if sentences else Status.MET,
        detail,
        ids=ids,
    )


def _sophistication_evidence(ctx) -> list[tuple[int, str]]:
    evidence = []
    for ms in ctx.members:
        facts = ctx.director_facts[ms.director.pk]
        name = ms.director.full_name
        if ms.financial_expert:
            evidence.append(
                (
                    ms.director.pk,
                    f"{name} is a designated audit committee financial expert "
                    f"(board determination of {text.day(facts.expert.determined_on)})",
                )
            )
        elif ms.sophisticated:
            finding = facts.sophistication
            evidence.append(
                (
                    ms.director.pk,
                    f"{name} is financially sophisticated: "
                    f"{finding.get_basis_display().lower()} (board finding of "
                    f"{text.day(finding.determined_on)})",
                )
            )
    return evidence


def sophistication_finding(ctx, key, kind, rule, title, what) -> Finding:
    """6 and 7. At least one member with a recorded basis of financial sophistication, or a
    designated financial expert."""
    evidence = _sophistication_evidence(ctx)
    if evidence:
        detail = f"{'; '.join(words for _, words in evidence)}."
        status = Status.MET
    else:
        roster = text.names(ms.director.full_name for ms in ctx.members) or "none"
        detail = (
            f"No member has {what} on {text.day(ctx.as_of)}: no board finding of financial "
            "sophistication or financial expert designation is in force for any member "
            f"(members: {roster})."
        )
        status = Status.FAILING
    return _finding(key, kind, rule, title, status, detail, ids=[pk for pk, _ in evidence])


def expert_disclosure_finding(ctx) -> Finding:
    """8. Regulation S-K Item 407(d)(5): a disclosure fact, never a failure."""
    experts = [ms for ms in ctx.members if ms.financial_expert]
    if experts:
        parts = []
        for ms in experts:
            facts = ctx.director_facts[ms.director.pk]
            standing = (
                "independent"
                if ms.independence.is_independent
                else "not independent under Nasdaq 5605(a)(2)"
            )
            parts.append(
                f"{ms.director.full_name} (designated on {text.day(facts.expert.determined_on)}, "
                f"{standing})"
            )
        detail = (
            f"The proxy statement names the audit committee financial expert"
            f"{'s' if len(parts) > 1 else ''}: {text.names(parts)}, and says whether each is "
            "independent."
        )
    else:
        explanation = ctx.committee.no_financial_expert_explanation.strip()
        detail = "No member is a designated audit committee financial expert: the proxy statement "
        if explanation:
            detail += f"says so and explains why: {explanation}"
            detail += "" if explanation.endswith(".") else "."
        else:
            detail += (
                "must say so and explain why the committee has none. No explanation is recorded "
                "yet: the secretary records it on the committee."
            )
    return _finding(
        "financial_expert_disclosure",
        Kind.SEC,
        "Regulation S-K Item 407(d)(5)",
        "Audit committee financial expert disclosure",
        Status.MET,
        detail,
        ids=[ms.director.pk for ms in experts],
    )


def audit_findings(ctx, findings) -> list[Finding]:
    """Findings 3-10 for an audit committee, after findings 1 and 2 in ``findings``."""
    result = [
        rule_10a3_finding(ctx),
        preparation_bar_finding(ctx),
        literacy_finding(ctx),
        sophistication_finding(
            ctx,
            "sophistication",
            Kind.LISTING,
            "Nasdaq 5605(c)(2)(A)",
            "At least one financially sophisticated member",
            "a recorded basis of financial sophistication",
        ),
    ]
    charter = ctx.charter
    if charter is not None and charter.requires_financial_expertise:
        result.append(
            sophistication_finding(
                ctx,
                "financial_expertise",
                Kind.CHARTER,
                "Charter: Membership",
                "At least one member with accounting or financial management expertise",
                "accounting or related financial management expertise",
            )
        )
    result.append(expert_disclosure_finding(ctx))
    result.append(exception_finding(ctx))
    result.append(exchange_notice_finding(ctx, findings + result))
    return result
