"""`manage.py seed_demo`: a fictional company with a realistic board, so the portal has something
true to show on first start, including a running cure period (Nasdaq 5605(c)(4)).

Safe to run again: every row is found by its natural key before it is created, and the dates
stay anchored to the first run (read back from the demo's cure period), so a later run on another
day adds nothing.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from charter_portal.roles import GROUP_NAMES, Role
from committees import services
from committees.duties import services as duty_services
from committees.management.commands.charter_status import parse_as_of
from committees.models import (
    AdvisorEngagement,
    AdvisorPayment,
    Answer,
    BusinessRelationship,
    CharterReview,
    CharterVersion,
    Committee,
    CompanyProfile,
    Compensation,
    CurePeriod,
    Director,
    Employment,
    FamilyMember,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    OrganisationPayment,
    Question,
    Questionnaire,
    Response,
    SophisticationDetermination,
)
from committees.models.common import day_words
from deadlines.cadences import add_months
from deadlines.services import deadlines_run

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105  (demo logins only; refused in production)
COMPANY = "Northwind Instruments, Inc."
DOMAIN = "northwind.example"
# Elena Petrova's brother became an executive officer of a newly acquired subsidiary this many
# days before the demo's date, so a cure period is running when the portal first starts.
EVENT_DAYS_BEFORE = 58
REVIEW_OVERDUE_DAYS = 24  # the audit committee's annual charter review is this many days late
EVALUATION_DUE_IN_DAYS = 20  # its self-evaluation falls due this many days after the demo date
ANNUAL_MEETING_DAYS_AHEAD = 115
RETAINER = Decimal("70000.00")
CHAIR_RETAINER = {"audit": Decimal("25000.00"), "compensation": Decimal("15000.00")}
MEMBER_RETAINER = Decimal("10000.00")


@dataclass(frozen=True)
class DemoDirector:
    key: str
    full_name: str
    years_on_board: int
    biography: str
    login: str = ""  # the portal role this director logs in with, if any
    user_email: str = ""

    @property
    def email(self) -> str:
        return self.user_email or f"{self.key}@{DOMAIN}"


BOARD = (
    DemoDirector(
        "thomas.brennan",
        "Thomas Brennan",
        9,
        "Independent chair of the board. Former chief executive of Harbor Point Controls, an "
        "industrial automation company he led through its public listing; serves on the board "
        "of a regional hospital system.",
        login="Board reader (board member outside the committees)",
        user_email=f"board.reader@{DOMAIN}",
    ),
    DemoDirector(
        "james.whitfield",
        "James Whitfield",
        6,
        "President and chief executive officer of Northwind since 2020. Previously ran the test "
        "and measurement division of a global electronics group.",
    ),
    DemoDirector(
        "margaret.chen",
        "Margaret Chen",
        5,
        "Chair of the audit committee. Certified public accountant; former chief financial "
        "officer of Cascade Semiconductor, a Nasdaq-listed chip maker, after twelve years in "
        "audit at a national accounting firm.",
        login="Audit committee chair",
    ),
    DemoDirector(
        "david.okafor",
        "David Okafor",
        3,
        "Former chief operating officer of Lakeshore Medical Devices, where he oversaw "
        "manufacturing in four countries and sat on the disclosure committee.",
        login="Audit committee member",
    ),
    DemoDirector(
        "elena.petrova",
        "Elena Petrova",
        4,
        "Professor of accounting at a state university and author on revenue recognition; "
        "formerly a controller in the European subsidiary of an instrument maker.",
    ),
    DemoDirector(
        "robert.hayes",
        "Robert Hayes",
        7,
        "Chair of the compensation committee. Former chief human resources officer of a global "
        "industrial company with 40,000 employees.",
    ),
    DemoDirector(
        "priya.raman",
        "Priya Raman",
        2,
        "General manager of the industrial software business of a large technology company; "
        "earlier a strategy consultant to manufacturers.",
        login="Compensation committee member",
    ),
    DemoDirector(
        "sofia.alvarez",
        "Sofia Alvarez",
        5,
        "Chief operating officer of Meridian Freight Logistics, a privately held carrier that "
        "handles part of Northwind's freight on ordinary commercial terms.",
    ),
)
AUDIT = (
    ("margaret.chen", Membership.Role.CHAIR),
    ("david.okafor", Membership.Role.MEMBER),
    ("elena.petrova", Membership.Role.MEMBER),
)
COMPENSATION = (
    ("robert.hayes", Membership.Role.CHAIR),
    ("priya.raman", Membership.Role.MEMBER),
    ("sofia.alvarez", Membership.Role.MEMBER),
)


def demo_director(key: str) -> DemoDirector:
    return next(person for person in BOARD if person.key == key)


STAFF_USERS = (
    (f"secretary@{DOMAIN}", "Hannah Lindqvist", Role.SECRETARY, "Corporate secretary (admin)"),
    (f"investigator@{DOMAIN}", "Rachel Kim", Role.INVESTIGATOR, "Investigator (internal audit)"),
)


@dataclass
class Seeder:
    anchor: datetime.date
    created: int = 0
    logins: list = field(default_factory=list)
    directors: dict = field(default_factory=dict)
    secretary: object = None

    def get_or_make(self, model, keys: dict, **values):
        """The row with these natural keys, validated and created when it is missing."""
        row = model.objects.filter(**keys).first()
        if row is None:
            row = model(**keys, **values)
            row.full_clean()
            row.save()
            self.created += 1
        return row

    def determination(self, model, director, determined_on, **values):
        row = model.objects.filter(director=director, determined_on=determined_on).first()
        if row is None:
            row = services.determination_record(
                model=model,
                recorded_by=self.secretary,
                director=director,
                determined_on=determined_on,
                **values,
            )
            self.created += 1
        return row

    # Dates ------------------------------------------------------------------------------

    def years_ago(self, years: int, month: int, day: int) -> datetime.date:
        return datetime.date(self.anchor.year - years, month, day)

    def annual_reviews(self) -> list[datetime.date]:
        """The board's annual independence reviews at its February meeting, last two years."""
        reviews = [self.years_ago(n, 2, 19) for n in (1, 0)]
        return [day for day in reviews if day <= self.anchor]

    def charter_reviews(self) -> list[datetime.date]:
        """The audit committee's last two charter reviews. The latest was 12 months and
        REVIEW_OVERDUE_DAYS ago, so this year's review is overdue on the demo's date."""
        return [
            add_months(self.anchor, -12 * years) - datetime.timedelta(days=REVIEW_OVERDUE_DAYS)
            for years in (2, 1)
        ]

    def last_evaluation_completed(self) -> datetime.date:
        """Last year's self-evaluation was complete 12 months before it falls due again,
        EVALUATION_DUE_IN_DAYS after the demo's date: due soon."""
        return add_months(self.anchor + datetime.timedelta(days=EVALUATION_DUE_IN_DAYS), -12)

    @property
    def event(self) -> datetime.date:
        return self.anchor - datetime.timedelta(days=EVENT_DAYS_BEFORE)

    def joined(self, person: DemoDirector) -> datetime.date:
        return self.years_ago(person.years_on_board, 5, 21)

    # People -----------------------------------------------------------------------------

    def user(self, email: str, full_name: str, role: Role | None, what: str):
        users = get_user_model().objects
        user = users.filter(email__iexact=email).first()
        if user is None:
            user = users.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
            self.created += 1
        if role in GROUP_NAMES:
            group, made = Group.objects.get_or_create(name=GROUP_NAMES[role])
            self.created += int(made)
            user.groups.add(group)
        if role == Role.SECRETARY and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        self.logins.append((email, what))
        return user

    def seed_people(self) -> None:
        for email, full_name, role, what in STAFF_USERS:
            user = self.user(email, full_name, role, what)
            if role == Role.SECRETARY:
                self.secretary = user
        for person in BOARD:
            user = None
            if person.login:
                role = Role.BOARD_READER if "Board reader" in person.login else None
                user = self.user(person.email, person.full_name, role, person.login)
            director = Director.objects.filter(email__iexact=person.email).first()
            if director is None:
                director = Director(
                    full_name=person.full_name,
                    email=person.email,
                    biography=person.biography,
                    user=user,
                )
                director.full_clean()
                director.save()
                self.created += 1
            self.directors[person.key] = director

    # The company and its committees -----------------------------------------------------

    def seed_company(self) -> CompanyProfile:
        profile = CompanyProfile.current()
        if profile is None:
            meeting = self.anchor + datetime.timedelta(days=ANNUAL_MEETING_DAYS_AHEAD)
            meeting += datetime.timedelta(days=(3 - meeting.weekday()) % 7)  # a Thursday
            profile = CompanyProfile(
                legal_name=COMPANY,
                ticker="NWIN",
                exchange=CompanyProfile.Exchange.NASDAQ,
                fiscal_year_end_month=12,
                fiscal_year_end_day=31,
                next_annual_meeting=meeting,
            )
            profile.full_clean()
            profile.save()
            self.created += 1
        return profile

    def seed_committees(self) -> tuple[Committee, Committee]:
        audit = self.get_or_make(
            Committee, {"slug": "audit"}, name="Audit Committee", kind=Committee.Kind.AUDIT
        )
        compensation = self.get_or_make(
            Committee,
            {"slug": "compensation"},
            name="Compensation Committee",
            kind=Committee.Kind.COMPENSATION,
        )
        adopted = self.years_ago(7, 3, 14)
        self.get_or_make(
            CharterVersion,
            {"committee": audit, "effective_from": adopted},
            label=f"Adopted March {adopted.year}",
            adopted_on=adopted,
        )
        # The last annual charter review (Nasdaq 5605(c)(1)) amended it, keeping its numbers.
        reviewed = self.charter_reviews()[-1]
        self.get_or_make(
            CharterVersion,
            {"committee": audit, "effective_from": reviewed},
            label=f"Amended {reviewed:%B %Y}",
            adopted_on=reviewed,
        )
        # Nasdaq 5605(d)(2)(A): a compensation committee of at least two independent directors.
        self.get_or_make(
            CharterVersion,
            {"committee": compensation, "effective_from": adopted},
            label=f"Adopted March {adopted.year}",
            adopted_on=adopted,
            min_members=2,
            min_meetings_per_year=2,
            requires_financial_expertise=False,
        )
        return audit, compensation

    def seed_roster(self, committee: Committee, seats) -> None:
        for key, role in seats:
            director = self.directors[key]
            if Membership.objects.filter(committee=committee, director=director).exists():
                continue
            services.membership_create(
                committee=committee,
                director=director,
                role=role,
                start_date=self.joined(demo_director(key)),
            )
            self.created += 1

    # Determinations and facts ------------------------------------------------------------

    def seed_determinations(self, audit_keys: set[str]) -> None:
        for person in BOARD:
            director = self.directors[person.key]
            is_ceo = person.key == "james.whitfield"
            days = [self.joined(person), *self.annual_reviews()]
            for day in sorted(set(days)):
                if person.key == "elena.petrova" and day >= self.event:
                    continue  # the special meeting below decided her status after the event
                self.determination(
                    IndependenceDetermination,
                    director,
                    day,
                    is_independent=not is_ceo,
                    board_resolution=self.resolution(day, person),
                    notes="Chief executive officer: an employee is never independent."
                    if is_ceo
                    else "",
                )
                if person.key in audit_keys:
                    self.determination(
                        LiteracyDetermination,
                        director,
                        day,
                        is_financially_literate=True,
                        board_resolution=self.resolution(day, person),
                    )
        expert = demo_director("margaret.chen")
        chen = self.directors[expert.key]
        for day in (self.joined(expert), self.annual_reviews()[-1]):
            self.determination(
                SophisticationDetermination,
                chen,
                day,
                is_financially_sophisticated=True,
                basis=SophisticationDetermination.Basis.FINANCE_EMPLOYMENT,
                basis_description="Chief financial officer of a listed company; CPA.",
                board_resolution=self.resolution(day, expert),
            )
            self.determination(
                FinancialExpertDetermination,
                chen,
                day,
                is_designated=True,
                understands_gaap=True,
                applies_gaap_to_estimates=True,
                statement_experience=True,
                understands_internal_control=True,
                understands_committee_functions=True,
                route=FinancialExpertDetermination.Route.PRINCIPAL_OFFICER,
                narrative="Chief financial officer of Cascade Semiconductor for six years, "
                "responsible for its audited statements and internal control certifications.",
                board_resolution=self.resolution(day, expert),
            )

    def resolution(self, day: datetime.date, person: DemoDirector) -> str:
        if day == self.joined(person):
            return f"Board meeting of {day:%d %B %Y} (election to the board)"
        return f"Annual independence review, board meeting of {day:%d %B %Y}"

    def seed_facts(self, profile: CompanyProfile) -> None:
        whitfield = self.directors["james.whitfield"]
        self.get_or_make(
            Employment,
            {"director": whitfield, "family_member": None, "title": "President and CEO"},
            employer=Employment.Employer.COMPANY,
            employer_name=COMPANY,
            is_executive_officer=True,
            start_date=self.years_ago(6, 4, 1),
        )
        self.seed_retainers(profile)
        alvarez = self.directors["sofia.alvarez"]
        meridian = self.get_or_make(
            BusinessRelationship,
            {
                "director": alvarez,
                "family_member": None,
                "organisation": "Meridian Freight Logistics",
            },
            role=BusinessRelationship.Role.EXECUTIVE_OFFICER,
            start_date=self.years_ago(8, 4, 1),
            notes="Northwind buys freight services from Meridian on ordinary commercial terms.",
        )
        # Nasdaq 5605(a)(2)(D): well under the greater of $200,000 or 5% of Meridian's revenue.
        amounts = (Decimal("158900.00"), Decimal("171250.00"), Decimal("186400.00"))
        for years_back, amount in zip((3, 2, 1), amounts, strict=True):
            self.get_or_make(
                OrganisationPayment,
                {
                    "relationship": meridian,
                    "fiscal_year": profile.fiscal_year_of(self.anchor) - years_back,
                    "direction": OrganisationPayment.Direction.FROM_COMPANY,
                },
                amount=amount,
                recipient_gross_revenue=Decimal("412000000.00"),
            )

    def seed_retainers(self, profile: CompanyProfile) -> None:
        chairs = {"margaret.chen": "audit", "robert.hayes": "compensation"}
        seated = {key for key, _ in AUDIT + COMPENSATION}
        this_year = profile.fiscal_year_of(self.anchor)
        for fiscal_year in (this_year - 1, this_year):
            paid_on = profile.fiscal_year_bounds(fiscal_year)[0] + datetime.timedelta(days=14)
            if paid_on > self.anchor:
                continue
            for person in BOARD:
                if person.key == "james.whitfield" or self.joined(person) > paid_on:
                    continue
                amount = RETAINER
                if person.key in chairs:
                    amount += CHAIR_RETAINER[chairs[person.key]]
                elif person.key in seated:
                    amount += MEMBER_RETAINER
                self.get_or_make(
                    Compensation,
                    {
                        "director": self.directors[person.key],
                        "paid_on": paid_on,
                        "kind": Compensation.Kind.BOARD_FEES,
                    },
                    amount=amount,
                    description=f"Board and committee retainer, fiscal {fiscal_year}",
                )

    def seed_cure_period(self, audit: Committee) -> CurePeriod:
        """Elena Petrova's brother became CFO of a subsidiary when Northwind acquired his
        employer: her independence lapsed for reasons outside her control (5605(a)(2)(C))."""
        petrova = self.directors["elena.petrova"]
        brother = self.get_or_make(
            FamilyMember,
            {"director": petrova, "name": "Nikolai Petrov"},
            relationship=FamilyMember.Relationship.SIBLING,
        )
        self.get_or_make(
            Employment,
            {"director": petrova, "family_member": brother, "title": "Chief Financial Officer"},
            employer=Employment.Employer.SUBSIDIARY,
            employer_name="Baltic Precision Optics UAB",
            is_executive_officer=True,
            start_date=self.event,
            notes="CFO of Baltic Precision Optics since 2019; it became a Northwind subsidiary "
            f"when the acquisition closed on {self.event:%d %B %Y}.",
        )
        decided = self.event + datetime.timedelta(days=9)
        self.determination(
            IndependenceDetermination,
            petrova,
            decided,
            is_independent=False,
            board_resolution=f"Special board meeting of {decided:%d %B %Y}",
            notes="Her brother became an executive officer of a subsidiary through an "
            "acquisition she took no part in. She stays on the audit committee under the "
            "Nasdaq 5605(c)(4) cure period while the nominating committee finds a successor.",
        )
        cure = CurePeriod.objects.filter(committee=audit, director=petrova).first()
        if cure is None:
            cure = services.cure_period_open(
                committee=audit,
                director=petrova,
                event_date=self.event,
                reason="Her brother, Nikolai Petrov, became an executive officer (CFO) of Baltic "
                "Precision Optics when Northwind acquired it; the acquisition was outside her "
                "control and she took no part in the decision.",
                exchange_notified_on=self.event + datetime.timedelta(days=4),
            )
            self.created += 1
        return cure


# The committee's own duties (Charter: Responsibilities 6 and 7) --------------------------------

QUESTIONS = (
    (Question.Kind.RATING, "The committee's meetings have the right frequency, length and agenda."),
    (Question.Kind.RATING, "Materials arrive early enough and are clear enough to prepare well."),
    (Question.Kind.RATING, "The committee oversees the independent auditor effectively."),
    (Question.Kind.RATING, "Members bring the financial expertise the committee needs."),
    (Question.Kind.TEXT, "What should the committee do differently next year?"),
)
# Last year's answers, one tuple per member: four ratings and a comment (fictional).
LAST_YEAR_ANSWERS = {
    "margaret.chen": (4, 3, 5, 5, "Executive sessions with internal audit should be longer."),
    "david.okafor": (5, 3, 4, 4, "Board papers for the March meeting came too late to read."),
    "elena.petrova": (4, 4, 4, 5, "More time on cybersecurity risk and the IT general controls."),
}
THIS_YEAR_ANSWERS = {
    "elena.petrova": (5, 4, 4, 5, "The new pre-read deadline has made meetings far better."),
}
ADVISORS = (
    {
        "name": "Whitmore & Lane LLP",
        "firm": "Whitmore & Lane LLP",
        "kind": AdvisorEngagement.Kind.LEGAL_COUNSEL,
        "purpose": "Independent counsel to the committee for its review of revenue recognition "
        "on multi-year service contracts.",
        "months_ago": 5,
        "budget": Decimal("150000.00"),
        "payments": (
            (4, Decimal("62500.00"), "First interim invoice"),
            (2, Decimal("48200.00"), "Second interim invoice"),
        ),
    },
    {
        "name": "Harborview Forensic Accounting",
        "firm": "Harborview Advisory Group",
        "kind": AdvisorEngagement.Kind.ACCOUNTING,
        "purpose": "Forensic accounting support on the opening balance sheet of Baltic Precision "
        "Optics after the acquisition.",
        "months_ago": 3,
        "budget": Decimal("60000.00"),
        "payments": (
            (2, Decimal("41000.00"), "Fieldwork"),
            (1, Decimal("27500.00"), "Report and follow-up questions"),
        ),
    },
)


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


class DutySeeder:
    """The audit committee's charter reviews, self-evaluations and advisors, dated from the
    anchor: the charter review is overdue, the self-evaluation due soon with one answer in."""

    def __init__(self, seeder: Seeder):
        self.seeder = seeder
        self.anchor = seeder.anchor

    def board_chair(self, profile: CompanyProfile) -> None:
        if profile.board_chair_id is None:
            profile.board_chair = self.seeder.directors["thomas.brennan"]
            profile.save(update_fields=["board_chair"])
            self.seeder.created += 1

    def charter_reviews(self, audit: Committee, compensation: Committee) -> None:
        first, last = self.seeder.charter_reviews()
        amended = audit.charter_versions.get(effective_from=last)
        reviews = (
            (
                audit,
                first,
                CharterReview.Outcome.NO_CHANGE,
                None,
                "No change: the charter still "
                "matches the listing rules and the committee's practice.",
            ),
            (
                audit,
                last,
                CharterReview.Outcome.AMENDED,
                amended,
                "Amended to add oversight of "
                "cybersecurity risk and to align the complaint procedures with current practice.",
            ),
            (
                compensation,
                add_months(self.anchor, -4),
                CharterReview.Outcome.NO_CHANGE,
                None,
                "No change.",
            ),
        )
        for committee, day, outcome, version, summary in reviews:
            if committee.charter_reviews.filter(reviewed_on=day).exists():
                continue
            duty_services.charter_review_record(
                committee=committee,
                reviewed_on=day,
                held_at=CharterReview.HeldAt.MEETING,
                held_at_reference=f"{committee.name} meeting of {day_words(day)}",
                outcome=outcome,
                new_charter_version=version,
                summary=summary,
                recorded_by=self.seeder.secretary,
                as_of=self.anchor,
            )
            self.seeder.created += 1

    def questionnaire(self, audit, title_year, opens_on, closes_on) -> Questionnaire:
        questionnaire = self.seeder.get_or_make(
            Questionnaire,
            {"committee": audit, "title": f"Annual self-evaluation, fiscal {title_year}"},
            fiscal_year=title_year,
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=self.seeder.secretary,
        )
        for order, (kind, text) in enumerate(QUESTIONS, start=1):
            self.seeder.get_or_make(
                Question, {"questionnaire": questionnaire, "order": order}, text=text, kind=kind
            )
        return questionnaire

    def answer(self, questionnaire, key: str, values, submitted_on: datetime.date) -> None:
        director = self.seeder.directors[key]
        if Response.objects.filter(questionnaire=questionnaire, director=director).exists():
            return
        response = Response(
            questionnaire=questionnaire,
            director=director,
            submitted_on=submitted_on,
            submitted_at=_noon(submitted_on),
        )
        response.full_clean()
        response.save()
        self.seeder.created += 1
        for question, value in zip(questionnaire.questions.order_by("order"), values, strict=True):
            answer = Answer(response=response, question=question)
            if question.is_rating:
                answer.rating = value
            else:
                answer.text = value
            answer.full_clean()
            answer.save()

    def self_evaluations(self, audit: Committee, profile: CompanyProfile) -> None:
        done = self.seeder.last_evaluation_completed()
        last_year = self.questionnaire(
            audit,
            profile.fiscal_year_of(done) - 1,
            done - datetime.timedelta(days=14),
            done + datetime.timedelta(days=7),
        )
        for offset, key in zip((10, 5, 0), LAST_YEAR_ANSWERS, strict=True):
            day = done - datetime.timedelta(days=offset)
            self.answer(last_year, key, LAST_YEAR_ANSWERS[key], day)
        this_year = self.questionnaire(
            audit,
            profile.fiscal_year_of(self.anchor) - 1,
            self.anchor - datetime.timedelta(days=7),
            self.anchor + datetime.timedelta(days=14),
        )
        for key, values in THIS_YEAR_ANSWERS.items():
            self.answer(this_year, key, values, self.anchor - datetime.timedelta(days=2))

    def advisors(self, audit: Committee) -> None:
        for spec in ADVISORS:
            engaged = add_months(self.anchor, -spec["months_ago"])
            engagement = AdvisorEngagement.objects.filter(
                committee=audit, name=spec["name"]
            ).first()
            if engagement is None:
                engagement = duty_services.advisor_engagement_record(
                    committee=audit,
                    name=spec["name"],
                    firm=spec["firm"],
                    kind=spec["kind"],
                    purpose=spec["purpose"],
                    engaged_on=engaged,
                    fee_budget=spec["budget"],
                    approved_by_committee_on=engaged,
                )
                self.seeder.created += 1
            for months_ago, amount, description in spec["payments"]:
                paid_on = add_months(self.anchor, -months_ago)
                if AdvisorPayment.objects.filter(engagement=engagement, paid_on=paid_on).exists():
                    continue
                duty_services.advisor_payment_record(
                    engagement=engagement,
                    paid_on=paid_on,
                    amount=amount,
                    description=description,
                    as_of=self.anchor,
                )
                self.seeder.created += 1


def _existing_anchor() -> datetime.date | None:
    """The date a previous run was seeded as of, read back from its cure period."""
    cure = (
        CurePeriod.objects.filter(
            committee__slug="audit", director__email__iexact=f"elena.petrova@{DOMAIN}"
        )
        .order_by("pk")
        .first()
    )
    return cure.event_date + datetime.timedelta(days=EVENT_DAYS_BEFORE) if cure else None


class Command(BaseCommand):
    help = (
        "Fill the database with a fictional company (Northwind Instruments) and its board, "
        "committees, determinations and demo logins. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", metavar="YYYY-MM-DD", help="The day the demo is set on (today)."
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo refuses to run with PRODUCTION=true: demo logins share one password."
            )
        as_of = parse_as_of(options["as_of"])
        if as_of > timezone.localdate():
            raise CommandError(
                f"--as-of {as_of.isoformat()} is in the future; board determinations cannot be "
                "dated after today."
            )
        profile = CompanyProfile.current()
        if profile is not None and profile.legal_name != COMPANY:
            raise CommandError(
                f"This database already holds {profile.legal_name}; seed_demo only fills an "
                "empty database or its own demo company."
            )
        anchor = _existing_anchor() or as_of
        if options["as_of"] and anchor != as_of:
            self.stderr.write(
                f"The demo was first seeded as of {anchor.isoformat()}; keeping those dates."
            )
        seeder = Seeder(anchor=anchor)
        with transaction.atomic():
            self.seed(seeder)
        # Open and evaluate every deadline once, so the dashboard has its items on first start.
        run = deadlines_run(as_of=as_of)
        self.report(seeder)
        self.stdout.write(run.summary())

    def seed(self, seeder: Seeder) -> None:
        seeder.seed_people()
        profile = seeder.seed_company()
        audit, compensation = seeder.seed_committees()
        seeder.seed_roster(audit, AUDIT)
        seeder.seed_roster(compensation, COMPENSATION)
        seeder.seed_determinations({key for key, _ in AUDIT})
        seeder.seed_facts(profile)
        seeder.seed_cure_period(audit)
        duties = DutySeeder(seeder)
        duties.board_chair(profile)
        duties.charter_reviews(audit, compensation)
        duties.self_evaluations(audit, profile)
        duties.advisors(audit)

    def report(self, seeder: Seeder) -> None:
        if seeder.created:
            self.stdout.write(
                f"Seeded {COMPANY} as of {seeder.anchor.isoformat()}: {seeder.created} records."
            )
        else:
            self.stdout.write(
                f"The demo data is already in place (as of {seeder.anchor.isoformat()}); "
                "nothing added."
            )
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for accounts created here: {DEMO_PASSWORD}):")
        for email, what in seeder.logins:
            self.stdout.write(f"  {email:<38} {what}")
        self.stdout.write("")
        self.stdout.write(
            f"Portal: {settings.SITE_URL}/   Administration: {settings.SITE_URL}/admin/"
        )
