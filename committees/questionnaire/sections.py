"""The questionnaire's sections: which dated fact each one asks about, with the fact model's own
field names, and the two statements (voting equity, financial background) the board's batch of
determinations reads."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from committees.models import (
    AuditorRelationship,
    BusinessRelationship,
    Compensation,
    CompensationInterlock,
    Employment,
    FamilyMember,
    FinancialExpertDetermination,
    FinancialStatementPreparation,
    OrganisationPayment,
    SophisticationDetermination,
)

PERIOD = ("start_date", "end_date")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    question: str  # what the director is asked, in plain words
    rule: str  # the test the answers feed
    model: type[models.Model] | None = None  # None: a statement, not a dated fact
    fields: tuple[str, ...] = ()

    @property
    def is_fact(self) -> bool:
        return self.model is not None

    @property
    def about_family(self) -> bool:
        return "family_member" in self.fields


SECTIONS = (
    Section(
        "family",
        "Family members",
        "Your spouse, parents, children, siblings, in-laws and step-relations, and anyone other "
        "than domestic staff who shares your home.",
        "Nasdaq 5605(a)(2) (who counts as family)",
        FamilyMember,
        ("name", "relationship", "is_minor", "shares_home"),
    ),
    Section(
        "employment",
        "Employment by the company, its parent or a subsidiary",
        "Any job you or a family member held with the company, its parent or a subsidiary in "
        "the past three years, and whether it was as an executive officer.",
        "Nasdaq 5605(a)(2)(A), (C)",
        Employment,
        (
            "family_member",
            "employer",
            "employer_name",
            "title",
            "is_executive_officer",
            "interim_executive",
            *PERIOD,
        ),
    ),
    Section(
        "compensation",
        "Compensation beyond board fees",
        "Every payment from the company or a subsidiary to you or a family member in the past "
        "three years, other than your board and committee fees.",
        "Nasdaq 5605(a)(2)(B); SEC Rule 10A-3(b)(1)",
        Compensation,
        ("family_member", "paid_on", "amount", "kind", "description"),
    ),
    Section(
        "business",
        "Business relationships",
        "Organisations that do business with the company in which you or a family member is a "
        "partner, controlling shareholder or executive officer.",
        "Nasdaq 5605(a)(2)(D); SEC Rule 10A-3(b)(1)",
        BusinessRelationship,
        ("family_member", "organisation", "role", "provides_professional_services", *PERIOD),
    ),
    Section(
        "payment",
        "Payments with those organisations",
        "What the company paid each of those organisations, or received from it, in each of the "
        "past three fiscal years, with the recipient's consolidated gross revenues.",
        "Nasdaq 5605(a)(2)(D)",
        OrganisationPayment,
        (
            "relationship",
            "fiscal_year",
            "direction",
            "amount",
            "recipient_gross_revenue",
            "exclusion",
        ),
    ),
    Section(
        "interlock",
        "Compensation committee interlocks",
        "Another entity where you or a family member is an executive officer and whose "
        "compensation committee includes one of the company's executive officers.",
        "Nasdaq 5605(a)(2)(E)",
        CompensationInterlock,
        ("family_member", "entity", "company_executive", *PERIOD),
    ),
    Section(
        "auditor",
        "Ties to the outside auditor",
        "Service by you or a family member as a partner or employee of the company's outside "
        "auditor, and whether it was on the company's audit.",
        "Nasdaq 5605(a)(2)(F)",
        AuditorRelationship,
        ("family_member", "firm", "role", "worked_on_company_audit", *PERIOD),
    ),
    Section(
        "preparation",
        "Preparing the financial statements",
        "Any part you took in preparing the financial statements of the company or a current "
        "subsidiary in the past three years.",
        "Nasdaq 5605(c)(2)(A)",
        FinancialStatementPreparation,
        ("entity", "description", *PERIOD),
    ),
    Section(
        "equity",
        "Voting equity held",
        "The largest percentage of any class of the company's voting equity you hold, directly "
        "or indirectly.",
        "SEC Rule 10A-3(e)(1)(ii) (the 10% safe harbour)",
    ),
    Section(
        "background",
        "Financial background",
        "What the board's findings of financial literacy, sophistication and expertise rest on.",
        "Nasdaq 5605(c)(2)(A); Regulation S-K Item 407(d)(5)",
    ),
)
BY_KEY = {section.key: section for section in SECTIONS}
FACT_SECTIONS = tuple(section for section in SECTIONS if section.is_fact)
KEYS = tuple(section.key for section in SECTIONS)
BACKGROUND_FIELDS = (
    "is_financially_literate",
    "literacy_basis",
    "sophistication_basis",
    "sophistication_description",
    *FinancialExpertDetermination.ATTRIBUTES,
    "expert_route",
    "expert_narrative",
)
SOPHISTICATION_BASES = SophisticationDetermination.Basis
EXPERT_ROUTES = FinancialExpertDetermination.Route


def section(key: str) -> Section:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"No questionnaire section {key!r}.") from None


def facts_on_record(section: Section, director) -> list:
    """The section's facts on record for ``director``, oldest first."""
    model = section.model
    if model is OrganisationPayment:
        rows = model.objects.filter(relationship__director=director).select_related("relationship")
        return list(rows.order_by("relationship_id", "fiscal_year", "pk"))
    rows = model.objects.filter(director=director)
    if section.about_family:
        rows = rows.select_related("family_member")
    return list(rows.order_by("pk"))


# Values as JSON: dates as ISO text, amounts as text, links as "f<id>" (a fact on record) or
# "a<id>" (a new fact reported in an answer of the same director, not accepted yet).


def to_json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return f"f{value.pk}"
    return value


def fact_values(section: Section, fact) -> dict:
    """A fact on record in the answer's JSON form."""
    values = {}
    for name in section.fields:
        field = section.model._meta.get_field(name)
        if field.many_to_one:
            pk = getattr(fact, field.attname)
            values[name] = f"f{pk}" if pk else ""
        else:
            values[name] = to_json(getattr(fact, name))
    return values


def from_json(model, name: str, value):
    """A JSON value back to the model field's Python value (links stay as text)."""
    field = model._meta.get_field(name)
    if field.many_to_one or value in (None, ""):
        return value if field.many_to_one else (None if field.null else value)
    if isinstance(field, models.DateField):
        return datetime.date.fromisoformat(value)
    if isinstance(field, models.DecimalField):
        return Decimal(value)
    return value
