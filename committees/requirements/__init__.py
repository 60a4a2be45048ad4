"""The committees app's duties in the deadline engine's registry, and the hooks through which the
engine reads committees, the fiscal calendar and the people concerned.

Discovered by deadlines at start-up (DeadlinesConfig.ready). Three groups of requirements: the
composition findings of the first release, continuous (composition.py); the annual charter review
and the annual self-evaluation (duties.py); the hooks are in hooks.py.
"""

from charter_portal.permissions import can_manage_committee
from charter_portal.roles import is_secretary
from committees.requirements.composition import (
    COMPOSITION,
    COMPOSITION_KEYS,
    composition_evaluator,
    composition_prime,
    composition_report,
    composition_url,
    is_audit_committee,
)
from committees.requirements.duties import (
    CHARTER_REVIEW_KEY,
    CHARTER_REVIEW_RULE,
    DUTY_KEYS,
    SELF_EVALUATION_KEY,
    charter_review_cadence,
    charter_review_citation,
    charter_review_last_met,
    charter_review_url,
    evaluate_charter_review,
    evaluate_self_evaluation,
    self_evaluation_cadence,
    self_evaluation_last_met,
    self_evaluation_url,
)
from committees.requirements.hooks import (
    affected_committees,
    can_waive,
    committee_subjects,
    escalation_recipients,
    fiscal_year,
    responsible,
)
from committees.requirements.questionnaire import (
    DETERMINATIONS_CADENCE,
    DETERMINATIONS_KEY,
    DETERMINATIONS_RULE,
    QUESTIONNAIRE_KEYS,
    QUESTIONNAIRES_CADENCE,
    QUESTIONNAIRES_KEY,
    QUESTIONNAIRES_RULE,
    determinations_url,
    evaluate_determinations,
    evaluate_questionnaires,
    questionnaires_url,
    secretary_acts,
)
from deadlines.cadences import Continuous
from deadlines.registry import Requirement, register, registry
from deadlines.status import Kind


def register_all() -> None:
    for duty in COMPOSITION:
        register(
            Requirement(
                key=duty.key,
                title=duty.title,
                kind=duty.kind,
                rule=duty.rule,
                citation=duty.citation,
                cadence=Continuous(),
                evaluator=composition_evaluator(duty.key),
                # A failure or a cure period is told to the members and the secretary the day
                # it begins, then as its deadline nears, through the engine's one outbox.
                evidence_url=composition_url,
                applies_to=is_audit_committee if duty.audit_only else None,
            )
        )
    register(
        Requirement(
            key=CHARTER_REVIEW_KEY,
            title="Annual charter review",
            kind=Kind.CHARTER,
            rule=CHARTER_REVIEW_RULE,
            citation=charter_review_citation,
            cadence=charter_review_cadence,
            evaluator=evaluate_charter_review,
            evidence_url=charter_review_url,
            # The page that records a review refuses everyone else: no link to it for them.
            may_act=can_manage_committee,
            last_met=charter_review_last_met,
            description="The committee reviews and reassesses the adequacy of its charter.",
        )
    )
    register(
        Requirement(
            key=SELF_EVALUATION_KEY,
            title="Annual performance self-evaluation",
            kind=Kind.CHARTER,
            rule="Charter: Responsibilities 7",
            cadence=self_evaluation_cadence,
            evaluator=evaluate_self_evaluation,
            evidence_url=self_evaluation_url,
            last_met=self_evaluation_last_met,
            description="Every member answers the committee's self-evaluation questionnaire.",
        )
    )
    # The directors' annual questionnaire and the board's determinations (issue 12).
    register(
        Requirement(
            key=QUESTIONNAIRES_KEY,
            title="Directors' annual questionnaires certified",
            kind=Kind.SEC,
            rule=QUESTIONNAIRES_RULE,
            cadence=QUESTIONNAIRES_CADENCE,
            evaluator=evaluate_questionnaires,
            evidence_url=questionnaires_url,
            description="Every member certifies the year's questionnaire of independence facts.",
        )
    )
    register(
        Requirement(
            key=DETERMINATIONS_KEY,
            title="Board's annual determinations adopted",
            kind=Kind.SEC,
            rule=DETERMINATIONS_RULE,
            cadence=DETERMINATIONS_CADENCE,
            evaluator=evaluate_determinations,
            evidence_url=determinations_url,
            may_act=secretary_acts,
            description="The board adopts the year's independence, literacy, sophistication "
            "and financial-expert determinations at a meeting.",
        )
    )
    registry.set_subjects(committee_subjects)
    registry.set_fiscal_calendar(fiscal_year)
    registry.set_responsible(responsible)
    registry.set_escalation_recipients(escalation_recipients)
    registry.set_waiver_permission(can_waive)
    registry.set_admin_viewer(is_secretary)
    # Every committees record (membership, determination, director fact, cure period, charter
    # version, company profile, review, answer, advisor payment...) feeds some requirement.
    registry.watch("committees", affected_committees)
    # The pages read the composition report kept for the stored evaluation; each refresh retires
    # the old one and computes today's (committees.compliance.stored).
    from committees.compliance.stored import refreshed
    from deadlines import freshness

    if refreshed not in freshness.after_refresh:
        freshness.after_refresh.append(refreshed)


register_all()


__all__ = [
    "DETERMINATIONS_KEY",
    "QUESTIONNAIRE_KEYS",
    "QUESTIONNAIRES_KEY",
    "affected_committees",
    "CHARTER_REVIEW_KEY",
    "CHARTER_REVIEW_RULE",
    "COMPOSITION",
    "COMPOSITION_KEYS",
    "DUTY_KEYS",
    "SELF_EVALUATION_KEY",
    "can_waive",
    "charter_review_cadence",
    "charter_review_citation",
    "charter_review_last_met",
    "charter_review_url",
    "committee_subjects",
    "composition_evaluator",
    "composition_prime",
    "composition_report",
    "escalation_recipients",
    "evaluate_charter_review",
    "evaluate_self_evaluation",
    "fiscal_year",
    "is_audit_committee",
    "register_all",
    "responsible",
    "self_evaluation_cadence",
    "self_evaluation_last_met",
    "self_evaluation_url",
]
