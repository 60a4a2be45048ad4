"""Seeding the demo company, its board, committees, determinations, facts and cure period."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from charter_portal.roles import GROUP_NAMES, Role
from committees import services
from committees.demo.people import (
    ANNUAL_MEETING_DAYS_AHEAD,
    AUDIT,
    BOARD,
    CHAIR_RETAINER,
    COMPANY,
    COMPENSATION,
    DEMO_PASSWORD,
    EVALUATION_DUE_IN_DAYS,
    EVENT_DAYS_BEFORE,
    MEMBER_RETAINER,
    RETAINER,
    REVIEW_OVERDUE_DAYS,
    STAFF_USERS,
    DemoDirector,
    demo_director,
)
from committees.demo.second_factor import demo_second_factor_seed
from committees.models import (
    BusinessRelationship,
    CharterVersion,
    Committee,
    CompanyProfile,
    Compensation,
    CurePeriod,
    Director,
    Employment,
    ExchangeNotice,
    FamilyMember,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    NoncomplianceEpisode,
    OrganisationPayment,
    SophisticationDetermination,
)
from deadlines.cadences import add_months
from deadlines.wording import day_words


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
        self.created += int(demo_second_factor_seed(user))
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
            return f"Board meeting of {day_words(day)} (election to the board)"
        return f"Annual independence review, board meeting of {day_words(day)}"

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
            f"when the acquisition closed on {day_words(self.event)}.",
        )
        decided = self.event + datetime.timedelta(days=9)
        self.determination(
            IndependenceDetermination,
            petrova,
            decided,
            is_independent=False,
            board_resolution=f"Special board meeting of {day_words(decided)}",
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
            )
            self.created += 1
        self.seed_exchange_notice(audit, cure)
        return cure

    def seed_exchange_notice(self, audit: Committee, cure: CurePeriod) -> None:
        """Relying on the cure period is an episode the exchange was told of four days after the
        event (Nasdaq 5605(c)(4))."""
        episode = NoncomplianceEpisode.objects.filter(
            committee=audit, began_on=cure.event_date
        ).first()
        if episode is None:
            episode = services.episode_record(
                committee=audit,
                began_on=cure.event_date,
                description="Elena Petrova is no longer independent (her brother became CFO of "
                "a subsidiary); the committee relies on the cure period until a successor joins.",
                recorded_by=self.secretary,
            )
            self.created += 1
        if not episode.notices.exists():
            sent = cure.event_date + datetime.timedelta(days=4)
            services.exchange_notice_record(
                episode=episode,
                sent_on=sent,
                rule=ExchangeNotice.Rule.NASDAQ_5605C4,
                reported="Elena Petrova ceased to be independent on "
                f"{day_words(cure.event_date)} for reasons outside her control; the company "
                f"relies on the cure period until {day_words(cure.deadline)}.",
                sent_by="Hannah Lindqvist, Corporate Secretary, on behalf of the Chief Executive "
                "Officer",
                document=f"Nasdaq Listing Center submission of {day_words(sent)}",
                recorded_by=self.secretary,
            )
            self.created += 1
