"""The demo's directors' questionnaires (issue 12): last year's all certified and reviewed, the
board's batch adopted at its February meeting (the determinations already seeded); this year's
open, most directors certified, and Priya Raman reporting that her brother became an executive
officer of Northwind, which, once the secretary accepts it, fails test (C)
(Nasdaq 5605(a)(2)(C)) for a member of the compensation committee."""

import datetime

from committees.demo.people import BOARD
from committees.models import (
    BatchItem,
    DeterminationBatch,
    DirectorQuestionnaire,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    QuestionnaireRound,
    SophisticationDetermination,
)
from committees.questionnaire import sections as s
from committees.questionnaire import services

BIRTH_YEARS = {
    "thomas.brennan": 1954,
    "james.whitfield": 1966,
    "margaret.chen": 1963,
    "david.okafor": 1961,
    "elena.petrova": 1970,
    "robert.hayes": 1958,
    "priya.raman": 1978,
    "sofia.alvarez": 1972,
}
# This year, these two have not started: the demo's logins can fill theirs in.
NOT_STARTED = {"margaret.chen", "david.okafor"}
REPORTER = "priya.raman"
RELATIVE = "Arjun Raman"
RELATIVE_STARTED_DAYS_BEFORE = 41  # he became an executive officer this many days ago


class QuestionnaireSeeder:
    def __init__(self, seeder, profile):
        self.seeder = seeder
        self.profile = profile
        self.anchor = seeder.anchor
        self.this_year = profile.fiscal_year_of(self.anchor - datetime.timedelta(days=60))

    def seed(self) -> None:
        for key, year in BIRTH_YEARS.items():
            director = self.seeder.directors[key]
            if director.birth_year is None:
                director.birth_year = year
                director.save(update_fields=["birth_year"])
        last = self.round(self.this_year - 1)
        for person in BOARD:
            opened = last.opens_on + datetime.timedelta(days=5 + BOARD.index(person))
            self.certified(last, person, opened)
        self.last_batch(last)
        current = self.round(self.this_year, early=True)
        for index, person in enumerate(BOARD):
            if person.key in NOT_STARTED:
                continue
            day = min(self.anchor, current.opens_on + datetime.timedelta(days=2 + index))
            self.certified(current, person, day, report=person.key == REPORTER)

    def round(self, fiscal_year: int, early: bool = False) -> QuestionnaireRound:
        row = QuestionnaireRound.objects.filter(fiscal_year=fiscal_year).first()
        if row is not None:
            return row
        defaults = services.round_defaults(fiscal_year)
        opens_on = defaults["opens_on"]
        if early:  # the secretary opened this year's early, ahead of the proxy season
            opens_on = min(opens_on, self.anchor - datetime.timedelta(days=12))
        self.seeder.created += 1
        return services.round_open(
            fiscal_year=fiscal_year, opened_by=self.seeder.secretary, opens_on=opens_on
        )

    def certified(self, row, person, day, report=False) -> DirectorQuestionnaire:
        director = self.seeder.directors[person.key]
        existing = DirectorQuestionnaire.objects.filter(round=row, director=director).first()
        if existing is not None:
            return existing
        questionnaire = DirectorQuestionnaire.objects.create(
            round=row, director=director, kind=DirectorQuestionnaire.Kind.ANNUAL
        )
        self.seeder.created += 1
        if report:
            relative = services.answer_save(
                questionnaire=questionnaire,
                section_key="family",
                values={
                    "name": RELATIVE,
                    "relationship": "sibling",
                    "is_minor": False,
                    "shares_home": False,
                },
                as_of=day,
            )
            services.answer_save(
                questionnaire=questionnaire,
                section_key="employment",
                values={
                    "family_member": f"a{relative.pk}",
                    "employer": "company",
                    "employer_name": "Northwind Instruments, Inc.",
                    "title": "Vice President, Supply Chain",
                    "is_executive_officer": True,
                    "interim_executive": False,
                    "start_date": self.anchor
                    - datetime.timedelta(days=RELATIVE_STARTED_DAYS_BEFORE),
                    "end_date": None,
                },
                as_of=day,
            )
        questionnaire.sections = {section.key: day.isoformat() for section in s.SECTIONS}
        questionnaire.save(update_fields=["sections"])
        services.seal(questionnaire, user=director.user, typed_name=director.full_name, as_of=day)
        return questionnaire

    def last_batch(self, row) -> None:
        """Last year's determinations were adopted at the February board meeting; they are the
        determinations the roster seeding recorded that day."""
        if DeterminationBatch.objects.filter(round=row).exists():
            return
        adopted = [day for day in self.seeder.annual_reviews() if day > row.certify_by]
        if not adopted:
            return
        day = adopted[0]
        found = IndependenceDetermination.objects.filter(determined_on=day)
        if not found.exists():
            return
        batch = DeterminationBatch(
            round=row,
            prepared_on=day - datetime.timedelta(days=5),
            prepared_by=self.seeder.secretary,
            adopted_on=day,
            meeting_reference=found.first().board_resolution,
            adopted_by=self.seeder.secretary,
        )
        batch.full_clean()
        batch.save()
        self.seeder.created += 1
        for independence in found.select_related("director"):
            director = independence.director
            literacy = LiteracyDetermination.objects.filter(
                director=director, determined_on=day
            ).first()
            soph = SophisticationDetermination.objects.filter(
                director=director, determined_on=day
            ).first()
            expert = FinancialExpertDetermination.objects.filter(
                director=director, determined_on=day
            ).first()
            BatchItem.objects.create(
                batch=batch,
                director=director,
                audit_member=literacy is not None,
                is_independent=independence.is_independent,
                no_compensatory_fees=independence.no_compensatory_fees,
                is_affiliated_person=independence.is_affiliated_person,
                voting_equity_percent=independence.voting_equity_percent,
                is_financially_literate=bool(literacy and literacy.is_financially_literate),
                is_financially_sophisticated=bool(soph and soph.is_financially_sophisticated),
                sophistication_basis=soph.basis if soph else "",
                sophistication_description=soph.basis_description if soph else "",
                expert={
                    "is_designated": bool(expert and expert.is_designated),
                    "route": expert.route if expert else "",
                    "narrative": expert.narrative if expert else "",
                    **{
                        name: bool(expert and getattr(expert, name))
                        for name in FinancialExpertDetermination.ATTRIBUTES
                    },
                },
                explanation=independence.bright_line_snapshot,
                independence=independence,
                literacy=literacy,
                sophistication=soph,
                financial_expert=expert,
            )
