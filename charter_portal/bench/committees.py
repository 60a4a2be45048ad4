"""The board over fifteen years: committees up to four, their charters, synthetic directors with
memberships, determinations (several each, edited), family, family employment, board fees and
business relationships with their payments. The demo's own rows are kept as they are: synthetic
seats on a demo committee end the day before its first demo seat, and a demo director's extra
determinations are dated before the demo's earliest of that kind."""

import datetime
from decimal import Decimal

from charter_portal.bench import DOMAIN, Plan
from charter_portal.bench.progress import at
from committees.models import (
    BusinessRelationship,
    CharterVersion,
    Committee,
    Compensation,
    Director,
    Employment,
    FamilyMember,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    OrganisationPayment,
    SophisticationDetermination,
)
from committees.models.directors import organisation_key

ONE_DAY = datetime.timedelta(days=1)
EXTRA_COMMITTEES = (
    ("nominating", "Nominating and Governance Committee", Committee.Kind.NOMINATING),
    ("risk", "Risk Committee", Committee.Kind.OTHER),
)
FIRST = "Avery Blake Casey Dana Eli Frances Grant Hollis Imani Jordan Kai Lena Morgan Noor Owen "
FIRST += "Parker Quinn Reese Sasha Tatum Uma Vera Wren Yara Zane"
LAST = "Abbott Bishop Castillo Delgado Ellison Fischer Gallagher Huang Iyer Jensen Kowalski "
LAST += "Lindgren Moreau Nakamura Oyelaran Pereira Quint Rasmussen Sato Thornton Ueda Varga"
FIRST_NAMES, LAST_NAMES = FIRST.split(), LAST.split()
DETERMINATIONS = (
    IndependenceDetermination,
    LiteracyDetermination,
    SophisticationDetermination,
    FinancialExpertDetermination,
)


def seed(plan: Plan) -> None:
    plan.committees = _committees(plan)
    _charters(plan)
    plan.directors = _directors(plan)
    _memberships(plan)
    _determinations(plan)
    _facts(plan)


def _committees(plan: Plan) -> list[Committee]:
    """The demo's committees, and extra ones up to four (more above scale 1)."""
    existing = list(Committee.objects.order_by("pk"))
    wanted = max(4, round(4 * plan.scale))
    extra = []
    for n in range(wanted - len(existing)):
        if n < len(EXTRA_COMMITTEES):
            slug, name, kind = EXTRA_COMMITTEES[n]
        else:
            slug, name, kind = f"special-{n}", f"Special Committee {n}", Committee.Kind.OTHER
        row = Committee(slug=slug, name=name, kind=kind)
        row._history_date = at(plan.start)
        extra.append(row)
    plan.writer.create(Committee, extra)
    return existing + extra


def _charters(plan: Plan) -> None:
    """A charter in force since the history begins, for any committee without one by then."""
    rows = []
    for committee in plan.committees:
        first = committee.charter_versions.order_by("effective_from").first()
        if first is not None and first.effective_from <= plan.start:
            continue
        row = CharterVersion(
            committee=committee,
            label=f"Adopted {plan.start:%B %Y}",
            adopted_on=plan.start,
            effective_from=plan.start,
            min_members=3,
            requires_financial_expertise=committee.kind == Committee.Kind.AUDIT,
        )
        row._history_date = at(plan.start)
        rows.append(row)
    plan.writer.create(CharterVersion, rows)


def _directors(plan: Plan) -> list[Director]:
    wanted = max(8, plan.count(150) - Director.objects.count())
    rows = []
    for n in range(wanted):
        first, last = plan.rng.choice(FIRST_NAMES), plan.rng.choice(LAST_NAMES)
        row = Director(
            full_name=f"{first} {last}",
            email=f"{first.lower()}.{last.lower()}.{n}@{DOMAIN}",
            birth_year=plan.rng.randint(1945, 1975),
            biography=f"Former executive of a listed industrial company; director since "
            f"{plan.start.year + n % 10}.",
        )
        row._history_date = at(plan.start)
        rows.append(row)
    return plan.writer.create(Director, rows)


def _memberships(plan: Plan) -> None:
    """Four seats per committee (the first the chair's), each a chain of terms of one to three
    years. A demo committee's chains end the day before its first demo seat; an extra
    committee's last terms are still running."""
    pool, turn, rows = plan.directors, 0, []
    for committee in plan.committees:
        demo_first = (
            Membership.objects.filter(committee=committee)
            .order_by("start_date")
            .values_list("start_date", flat=True)
            .first()
        )
        last_day = demo_first - ONE_DAY if demo_first else None
        seated: dict[int, list] = {}  # director pk: [(start, end)] on this committee
        for seat in range(4):
            begin = plan.start + datetime.timedelta(days=seat * 30)
            while begin < (last_day or plan.today):
                end = begin + datetime.timedelta(days=365 * plan.rng.randint(1, 3)) - ONE_DAY
                if last_day and end >= last_day:
                    end = last_day
                elif last_day is None and end >= plan.today:
                    end = None
                director = _free(pool, turn, seated, begin, end)
                turn += 1
                seated.setdefault(director.pk, []).append((begin, end))
                row = Membership(
                    director=director,
                    committee=committee,
                    role=Membership.Role.CHAIR if seat == 0 else Membership.Role.MEMBER,
                    start_date=begin,
                    end_date=end,
                )
                row._history_date = at(begin)
                rows.append(row)
                if end is None:
                    break
                begin = end + ONE_DAY
    plan.writer.create(Membership, rows)
    plan.memberships = list(Membership.objects.order_by("pk"))


def _free(pool, turn, seated, begin, end) -> Director:
    """The next director in turn with no seat on this committee overlapping [begin, end]."""
    for k in range(len(pool)):
        director = pool[(turn + k) % len(pool)]
        spans = seated.get(director.pk, [])
        if not any(s <= (end or datetime.date.max) and (e is None or e >= begin) for s, e in spans):
            return director
    raise RuntimeError("Too few directors for the seats.")


def _finding(model, director, day, plan: Plan, n: int):
    values = {"director": director, "determined_on": day, "board_resolution": f"Board, {day}"}
    if model is IndependenceDetermination:
        values |= {"is_independent": True, "voting_equity_percent": Decimal("0.10")}
    elif model is LiteracyDetermination:
        values |= {"is_financially_literate": True}
    elif model is SophisticationDetermination:
        values |= {
            "is_financially_sophisticated": True,
            "basis": SophisticationDetermination.Basis.SENIOR_OFFICER,
        }
    else:
        values |= {
            "is_designated": True,
            "route": FinancialExpertDetermination.Route.PRINCIPAL_OFFICER,
            **dict.fromkeys(FinancialExpertDetermination.ATTRIBUTES, True),
        }
    row = model(**values, notes=f"Annual review {n + 1}.")
    row._history_date = at(day)
    return row


def _determinations(plan: Plan) -> None:
    """Synthetic directors: independence and literacy for everyone, sophistication for one in
    three, expert designation for one in four, each renewed a few times before the cut-off.
    The demo's directors: more of the kinds the demo already recorded for them, earlier; the
    audit chair (Margaret Chen) many, each edited several times."""
    last = min(plan.cutoff, plan.today) - ONE_DAY
    first_seat = {}
    for membership in plan.memberships:
        day = first_seat.get(membership.director_id)
        first_seat[membership.director_id] = min(
            day or membership.start_date, membership.start_date
        )
    for model in DETERMINATIONS:
        rows, edits = [], []
        for n, director in enumerate(plan.directors):
            if model is SophisticationDetermination and n % 3:
                continue
            if model is FinancialExpertDetermination and n % 4:
                continue
            begin = max(plan.start, first_seat.get(director.pk, plan.start) - 60 * ONE_DAY)
            for k in range(plan.rng.randint(2, 4)):
                rows.append(_finding(model, director, plan.day_between(begin, last), plan, k))
                edits.append((rows[-1], 1))
        for director_id, earliest in _demo_earliest(model).items():
            chair = Director.objects.filter(pk=director_id, email__startswith="margaret.chen@")
            many, edited = (plan.count(12), 3) if chair.exists() else (plan.count(3), 1)
            director = Director(pk=director_id)
            for k in range(many):
                day = plan.day_between(plan.start, earliest - ONE_DAY)
                rows.append(_finding(model, director, day, plan, k))
                edits.append((rows[-1], edited))
        plan.writer.create(model, rows)
        changed = [
            (row, at(row.determined_on + datetime.timedelta(days=7 * (e + 1)), 15))
            for row, times in edits
            for e in range(times)
        ]
        plan.writer.edits(model, [r for r, _ in changed], [t for _, t in changed])


def _demo_earliest(model) -> dict[int, datetime.date]:
    earliest = {}
    for director_id, day in model.objects.filter(
        director__email__endswith="@northwind.example"
    ).values_list("director_id", "determined_on"):
        earliest[director_id] = min(earliest.get(director_id, day), day)
    return earliest


def _facts(plan: Plan) -> None:
    """Family (a spouse and a grown child, one in three employed by a subsidiary below executive
    level), quarterly board fees for every term before the cut-off, and for one director in three
    a business relationship with small yearly payments (far below test (D)'s thresholds). The
    audit chair gets monthly meeting fees for her years before the demo's retainers."""
    family, jobs, pay, ties, payments = [], [], [], [], []
    for director in plan.directors:
        for name, relation in (("Spouse", "spouse"), ("Child", "child")):
            row = FamilyMember(
                director=director,
                name=f"{name} of {director.full_name}",
                relationship=relation,
                shares_home=relation == "spouse",
            )
            row._history_date = at(plan.start)
            family.append(row)
    plan.writer.create(FamilyMember, family)
    for n, member in enumerate(family):
        if member.relationship == "child" and n % 3 == 1:
            row = Employment(
                director_id=member.director_id,
                family_member=member,
                start_date=plan.start,
                employer=Employment.Employer.SUBSIDIARY,
                employer_name="Northwind Field Services",
                title="Field engineer",
            )
            row._history_date = at(plan.start)
            jobs.append(row)
    plan.writer.create(Employment, jobs)
    synthetic = {director.pk for director in plan.directors}
    for membership in plan.memberships:
        if membership.director_id not in synthetic:
            continue
        end = min(membership.end_date or plan.today, plan.cutoff - ONE_DAY)
        day = membership.start_date + 90 * ONE_DAY
        while day <= end:
            pay.append(_fee(membership.director_id, day, Decimal("12500.00"), "Committee fees"))
            day += 91 * ONE_DAY
    chair = Director.objects.filter(email__startswith="margaret.chen@").first()
    if chair is not None:
        paid = Compensation.objects.filter(director=chair).order_by("paid_on").first()
        day = chair.memberships.order_by("start_date").values_list("start_date", flat=True).first()
        until = paid.paid_on if paid else plan.today
        while day is not None and day < until:
            pay.append(_fee(chair.pk, day, Decimal("2000.00"), "Audit committee meeting fee"))
            day += 30 * ONE_DAY
    plan.writer.create(Compensation, pay)
    for n, director in enumerate(plan.directors[::3]):
        name = f"Harbor Supply {n} LLC"
        begin = plan.day_between(plan.start, plan.cutoff - 400 * ONE_DAY)
        row = BusinessRelationship(
            director=director,
            start_date=begin,
            end_date=begin + 365 * ONE_DAY,
            organisation=name,
            organisation_key=organisation_key(name),
            role=BusinessRelationship.Role.MEMBER,
        )
        row._history_date = at(begin)
        ties.append(row)
    plan.writer.create(BusinessRelationship, ties)
    for tie in ties:
        row = OrganisationPayment(
            relationship=tie,
            fiscal_year=plan.fiscal_year(tie.start_date),
            direction=OrganisationPayment.Direction.FROM_COMPANY,
            amount=Decimal("18000.00"),
            recipient_gross_revenue=Decimal("240000000.00"),
        )
        row._history_date = at(tie.end_date)
        payments.append(row)
    plan.writer.create(OrganisationPayment, payments)


def _fee(director_id: int, day: datetime.date, amount: Decimal, what: str) -> Compensation:
    row = Compensation(
        director_id=director_id,
        paid_on=day,
        amount=amount,
        kind=Compensation.Kind.BOARD_FEES,
        description=what,
    )
    row._history_date = at(day)
    return row
