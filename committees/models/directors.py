"""Directors and the dated facts their independence depends on (Nasdaq 5605(a)(2), Rule 10A-3)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from committees.models.common import non_negative, overlaps, validate_period
from deadlines.wording import day_words


class Director(models.Model):
    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="director",
        help_text="The portal account this director logs in with, if any.",
    )
    biography = models.TextField(blank=True)
    birth_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="No fact the director reports can be dated before it (the questionnaire).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class FamilyMember(models.Model):
    """A family member as Nasdaq 5605(a)(2) defines one: spouse, parents, children and siblings,
    whether by blood, marriage or adoption (so step-relations and in-laws too), and anyone other
    than domestic staff who shares the director's home."""

    class Relationship(models.TextChoices):
        SPOUSE = "spouse", "Spouse"
        PARENT = "parent", "Parent (by birth or adoption)"
        STEPPARENT = "stepparent", "Stepparent"
        CHILD = "child", "Child (by birth or adoption)"
        STEPCHILD = "stepchild", "Stepchild"
        SIBLING = "sibling", "Sibling (by birth or adoption, half-siblings included)"
        STEPSIBLING = "stepsibling", "Stepbrother or stepsister"
        PARENT_IN_LAW = "parent_in_law", "Mother- or father-in-law"
        CHILD_IN_LAW = "child_in_law", "Son- or daughter-in-law"
        SIBLING_IN_LAW = "sibling_in_law", "Brother- or sister-in-law"
        HOUSEHOLD = "household", "Other member of the household (not domestic staff)"

    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="family")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    is_minor = models.BooleanField(default=False)
    shares_home = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Someone who is no relative counts only by sharing the director's home.
            models.CheckConstraint(
                condition=~Q(relationship="household") | Q(shares_home=True),
                name="household_member_shares_home",
                violation_error_message=(
                    "A household member who is no relative is a family member only while sharing "
                    "the director's home; tick 'shares home' or choose the relationship."
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_relationship_display()} of {self.director})"

    def clean(self):
        if self.relationship == self.Relationship.HOUSEHOLD and not self.shares_home:
            raise ValidationError(
                {
                    "shares_home": "A household member who is no relative is a family member "
                    "only while sharing the director's home (domestic staff never are); tick "
                    "'shares home' or choose the relationship."
                }
            )

    @property
    def counts_for_rule_10a3(self) -> bool:
        """Rule 10A-3 treats fees paid to a spouse, a minor child or stepchild, or a child or
        stepchild sharing the home as paid indirectly to the member."""
        if self.relationship == self.Relationship.SPOUSE:
            return True
        if self.relationship in (self.Relationship.CHILD, self.Relationship.STEPCHILD):
            return self.is_minor or self.shares_home
        return False


class PersonFact(models.Model):
    """A dated fact about a director, or about one of the director's family members."""

    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="+")
    family_member = models.ForeignKey(
        FamilyMember,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leave empty when the fact is about the director.",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Empty while it continues.")
    notes = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["-start_date"]

    def clean(self):
        validate_period(self.start_date, self.end_date)
        if self.family_member_id and self.family_member.director_id != self.director_id:
            raise ValidationError({"family_member": "That person is in another director's family."})

    @property
    def person(self) -> str:
        return self.family_member.name if self.family_member_id else self.director.full_name

    def overlaps(self, window_start, window_end) -> bool:
        return overlaps(self.start_date, self.end_date, window_start, window_end)

    def is_current(self, as_of) -> bool:
        return self.start_date <= as_of and (self.end_date is None or self.end_date >= as_of)


def organisation_key(name: str) -> str:
    """An organisation's identity for Nasdaq 5605(a)(2)(D): its name in lower case with
    punctuation and repeated spaces dropped, so "Harbor Logistics, LLC" and "harbor logistics
    LLC" are one organisation. Legal suffixes are kept: "Harbor Inc." and "Harbor LLC" may be
    different companies."""
    words = re.sub(r"[^\w]+", " ", name.casefold())
    return " ".join(words.split())


def _period_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
        name=name,
        violation_error_message=(
            "The end date cannot be before the start date; correct it, or leave it empty "
            "while the fact continues."
        ),
    )


class Employment(PersonFact):
    """Employment with the company, its parent or a subsidiary (tests (A) and (C))."""

    class Employer(models.TextChoices):
        COMPANY = "company", "The company"
        PARENT = "parent", "Parent company"
        SUBSIDIARY = "subsidiary", "Subsidiary"

    employer = models.CharField(max_length=20, choices=Employer.choices)
    employer_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200)
    is_executive_officer = models.BooleanField(default=False)
    interim_executive = models.BooleanField(
        default=False,
        help_text="Served only as an interim executive officer (the one-year exception in (A)).",
    )
    history = HistoricalRecords()

    class Meta(PersonFact.Meta):
        constraints = [_period_constraint("employment_end_after_start")]

    def __str__(self):
        return f"{self.person}: {self.title}, {self.get_employer_display()}"

    def clean(self):
        super().clean()
        if self.interim_executive and not self.is_executive_officer:
            raise ValidationError(
                {
                    "interim_executive": "The interim exception of Nasdaq 5605(a)(2)(A) is for "
                    "service as an executive officer; tick 'is executive officer' or untick this."
                }
            )


class Compensation(models.Model):
    """A payment from the company or a subsidiary to a director or family member (test (B) and
    Rule 10A-3)."""

    class Kind(models.TextChoices):
        BOARD_FEES = "board_fees", "Board or committee fees"
        CONSULTING = "consulting", "Consulting or advisory fee"
        SALARY = "salary", "Salary or wages"
        FAMILY_NON_EXECUTIVE_PAY = (
            "family_non_exec",
            "Pay to a family member employed below executive level",
        )
        RETIREMENT = "retirement", "Tax-qualified retirement benefit or fixed past-service pension"
        NON_DISCRETIONARY = "non_discretionary", "Non-discretionary compensation"
        INTERIM_EXECUTIVE = (
            "interim_executive",
            "Pay for the director's service as an interim executive officer",
        )
        OTHER = "other", "Other compensation"

    # Excluded from the $120,000 test of Nasdaq 5605(a)(2)(B) by their kind alone. Pay to a family
    # member employed below executive level, and pay for interim executive service, are excluded
    # only when the recorded employment shows it (committees.compliance.payments), never by label.
    EXCLUDED_FROM_120K = {Kind.BOARD_FEES, Kind.RETIREMENT, Kind.NON_DISCRETIONARY}
    # Allowed under Rule 10A-3(b)(1)(ii)(A): board and committee fees, fixed retirement pay.
    ALLOWED_BY_10A3 = {Kind.BOARD_FEES, Kind.RETIREMENT}

    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="compensation")
    family_member = models.ForeignKey(
        FamilyMember,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="compensation",
        help_text="Leave empty when the director was paid.",
    )
    paid_on = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[non_negative])
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-paid_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="compensation_non_negative",
                violation_error_message="An amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="family_non_exec") | Q(family_member__isnull=False),
                name="family_pay_names_a_family_member",
                violation_error_message=(
                    "Pay to a family member employed below executive level needs the family member"
                    " it was paid to; for the director's own pay choose another kind."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="interim_executive") | Q(family_member__isnull=True),
                name="interim_pay_is_the_directors",
                violation_error_message=(
                    "Pay for interim executive service is the director's own; choose another kind "
                    "for a family member."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.amount} on {day_words(self.paid_on)} ({self.get_kind_display()})"

    def clean(self):
        if self.family_member_id and self.family_member.director_id != self.director_id:
            raise ValidationError({"family_member": "That person is in another director's family."})
        if self.kind == self.Kind.FAMILY_NON_EXECUTIVE_PAY and not self.family_member_id:
            raise ValidationError(
                {
                    "family_member": "Pay to a family member employed below executive level "
                    "needs the family member it was paid to (Nasdaq 5605(a)(2)(B)); for the "
                    "director's own pay choose another kind."
                }
            )
        if self.kind == self.Kind.INTERIM_EXECUTIVE and self.family_member_id:
            raise ValidationError(
                {
                    "family_member": "The interim executive exception covers the director's own "
                    "service only (Nasdaq 5605(a)(2)(B)); choose another kind for a family member."
                }
            )


class BusinessRelationship(PersonFact):
    """A director's or family member's senior role in an organisation that does business with
    the company (test (D), and indirect fees under Rule 10A-3)."""

    class Role(models.TextChoices):
        PARTNER = "partner", "Partner"
        CONTROLLING_SHAREHOLDER = "controlling_shareholder", "Controlling shareholder"
        EXECUTIVE_OFFICER = "executive_officer", "Executive officer"
        MEMBER = "member", "Member or managing director"

    organisation = models.CharField(max_length=200)
    organisation_key = models.CharField(
        max_length=200,
        editable=False,
        db_index=True,
        default="",
        help_text="The organisation's name normalised (see organisation_key()): rows naming the "
        "same organisation share it, so test (D) sums their payments.",
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    provides_professional_services = models.BooleanField(
        default=False,
        help_text="The organisation provides accounting, consulting, legal, investment banking "
        "or financial advisory services to the company (Rule 10A-3 indirect fees).",
    )
    history = HistoricalRecords()

    class Meta(PersonFact.Meta):
        constraints = [_period_constraint("business_relationship_end_after_start")]

    def __str__(self):
        return f"{self.person}: {self.get_role_display()} of {self.organisation}"

    def save(self, *args, **kwargs):
        self.organisation_key = organisation_key(self.organisation)
        if kwargs.get("update_fields") is not None and "organisation" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "organisation_key"}
        super().save(*args, **kwargs)


class OrganisationPayment(models.Model):
    """Payments between the company and an organisation in one fiscal year (test (D)). Record
    each payment once, under any relationship naming the organisation: test (D) sums every row of
    the organisation (BusinessRelationship.organisation_key) per fiscal year and direction."""

    class Direction(models.TextChoices):
        FROM_COMPANY = "from_company", "The company paid the organisation"
        TO_COMPANY = "to_company", "The organisation paid the company"

    class Exclusion(models.TextChoices):
        NONE = "", "Counts"
        INVESTMENT = (
            "investment",
            "Payments arising solely from investments in the company's securities",
        )
        CHARITABLE_MATCH = "charitable_match", "Non-discretionary charitable contribution matching"

    relationship = models.ForeignKey(
        BusinessRelationship, on_delete=models.PROTECT, related_name="payments"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        help_text="The company's fiscal year, named by the calendar year it ends in."
    )
    direction = models.CharField(max_length=20, choices=Direction.choices)
    amount = models.DecimalField(max_digits=16, decimal_places=2, validators=[non_negative])
    recipient_gross_revenue = models.DecimalField(
        max_digits=18,
        decimal_places=2,
        validators=[non_negative],
        help_text="The recipient's consolidated gross revenues for that year.",
    )
    exclusion = models.CharField(max_length=20, choices=Exclusion.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(recipient_gross_revenue__gte=0),
                name="organisation_payment_non_negative",
                violation_error_message=(
                    "Neither the amount nor the recipient's gross revenues can be negative."
                ),
            )
        ]

    def __str__(self):
        return f"FY{self.fiscal_year}: {self.amount} ({self.get_direction_display()})"


class CompensationInterlock(PersonFact):
    """A period when the director or a family member was an executive officer of another entity
    whose compensation committee included one of the company's executive officers (test (E))."""

    entity = models.CharField(max_length=200)
    company_executive = models.CharField(
        max_length=200, help_text="The company's executive officer on that compensation committee."
    )
    history = HistoricalRecords()

    class Meta(PersonFact.Meta):
        constraints = [_period_constraint("interlock_end_after_start")]

    def __str__(self):
        return f"{self.person}: interlock with {self.entity}"


class AuditorRelationship(PersonFact):
    """Service with the company's outside auditor (test (F))."""

    class Role(models.TextChoices):
        PARTNER = "partner", "Partner"
        EMPLOYEE = "employee", "Employee"

    firm = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role.choices)
    worked_on_company_audit = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta(PersonFact.Meta):
        constraints = [_period_constraint("auditor_relationship_end_after_start")]

    def __str__(self):
        return f"{self.person}: {self.get_role_display()} at {self.firm}"


class FinancialStatementPreparation(PersonFact):
    """A questionnaire answer: the director took part in preparing the financial statements of
    the company or a current subsidiary (the 3-year bar of 5605(c)(2)(A))."""

    class Entity(models.TextChoices):
        COMPANY = "company", "The company"
        SUBSIDIARY = "subsidiary", "A current subsidiary"

    entity = models.CharField(max_length=20, choices=Entity.choices)
    description = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta(PersonFact.Meta):
        constraints = [_period_constraint("preparation_end_after_start")]

    def __str__(self):
        return f"{self.person}: prepared statements ({self.get_entity_display()})"
