"""Shared set-up of the directors' questionnaire tests (issue 12): a year opened, a director's
questionnaire answered section by section and certified with a real second-factor code."""

import datetime

from committees.models import Director, DirectorQuestionnaire, QuestionnaireRound
from committees.questionnaire import sections as s
from committees.questionnaire import services
from tests.logins import code_for

D = datetime.date
TODAY = D(2026, 6, 15)
APRIL_1 = D(2026, 4, 1)


def open_round(secretary=None, fiscal_year=2026, **dates) -> QuestionnaireRound:
    existing = QuestionnaireRound.objects.filter(fiscal_year=fiscal_year).first()
    if existing:
        return existing
    dates.setdefault("opens_on", D(2026, 1, 15))
    return services.round_open(fiscal_year=fiscal_year, opened_by=secretary, **dates)


def director_of(user) -> Director:
    return Director.objects.get(user=user)


def start(user, round_=None, as_of=TODAY) -> DirectorQuestionnaire:
    return services.questionnaire_start(
        round=round_ or open_round(), director=director_of(user), as_of=as_of
    )


def answer_every_section(questionnaire, as_of=TODAY, equity="0.50") -> None:
    for section in s.SECTIONS:
        if section.is_fact:
            services.section_confirm(
                questionnaire=questionnaire, section_key=section.key, as_of=as_of
            )
        elif section.key == "equity":
            services.statement_save(
                questionnaire=questionnaire,
                section_key="equity",
                values={"voting_equity_percent": equity},
                as_of=as_of,
            )
        else:
            values = services.statement_record("background", questionnaire.director, as_of)
            values["is_financially_literate"] = True
            services.statement_save(
                questionnaire=questionnaire, section_key="background", values=values, as_of=as_of
            )


def certify(questionnaire, user, as_of=TODAY):
    return services.questionnaire_certify(
        questionnaire=questionnaire,
        user=user,
        typed_name=questionnaire.director.full_name,
        code=code_for(user),
        as_of=as_of,
    )


def new_family(questionnaire, name="Nora Sibling", relationship="sibling", as_of=TODAY):
    return services.answer_save(
        questionnaire=questionnaire,
        section_key="family",
        values={
            "name": name,
            "relationship": relationship,
            "is_minor": False,
            "shares_home": False,
        },
        as_of=as_of,
    )


def executive_job(questionnaire, family_ref, start=APRIL_1, as_of=TODAY):
    return services.answer_save(
        questionnaire=questionnaire,
        section_key="employment",
        values={
            "family_member": family_ref,
            "employer": "subsidiary",
            "employer_name": "Baltic Optics",
            "title": "Chief Financial Officer",
            "is_executive_officer": True,
            "interim_executive": False,
            "start_date": start,
            "end_date": None,
        },
        as_of=as_of,
    )


# The security walk (tests/security/test_every_url.py) ---------------------------------------

# The name Bob reports for a new family member: his and the secretary's only.
SECURITY_CANARY = "canary-questionnaire-3391 Sister"


def security_records(portal) -> dict:
    """Bob's certified questionnaire with a new family member awaiting review, and Alice's
    draft; made once per portal."""
    made = getattr(portal, "_questionnaire_records", None)
    if made is None:
        round_ = open_round(portal.users["secretary"])
        bob = start(portal.users["member"], round_)
        family = new_family(bob, name=SECURITY_CANARY)
        answer_every_section(bob)
        certify(bob, portal.users["member"])
        family.refresh_from_db()
        alice = start(portal.users["chair"], round_)
        made = {"bob": bob, "alice": alice, "answer": family}
        portal._questionnaire_records = made
    return made
