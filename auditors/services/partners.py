"""Recording which partner serves in which role on a fiscal year's audit (S-X 2-01(c)(6))."""

from django.core.exceptions import ValidationError
from django.db import transaction

from auditors.models import AuditPartner, Engagement, PartnerAssignment
from meetings.services.common import clean_text


@transaction.atomic
def partner_assign(
    *, engagement: Engagement, role: str, partner: AuditPartner | None = None, full_name: str = ""
) -> PartnerAssignment:
    """Record ``partner`` (or a new partner of the engaged firm named ``full_name``) in ``role``
    on the engagement's audit; an assignment beyond the rotation limits is refused, saying how
    long the partner has served and from which year they may return."""
    # One assignment at a time per engagement, so two at once cannot both pass the check.
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if role not in PartnerAssignment.Role.values:
        raise ValidationError({"role": "Choose lead, concurring or other audit partner."})
    name = clean_text(full_name, "full_name", limit=200)
    if partner is None and not name:
        raise ValidationError({"partner": "Choose the partner, or give a new partner's name."})
    if partner is not None and name:
        raise ValidationError(
            {"full_name": "Choose a partner from the list or name a new one, not both."}
        )
    if partner is None:
        partner = AuditPartner.objects.filter(firm=engagement.firm, full_name=name).first()
        if partner is None:
            partner = AuditPartner(firm=engagement.firm, full_name=name)
            partner.full_clean()
            partner.save()
    assignment = PartnerAssignment(engagement=engagement, partner=partner, role=role)
    assignment.full_clean()
    assignment.save()
    return assignment
