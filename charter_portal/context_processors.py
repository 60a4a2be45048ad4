from django.utils import timezone

from charter_portal.permissions import has_own_deadlines, reads_any_committee
from charter_portal.roles import Role, committee_kinds, roles_of


def portal(request):
    """The reader's roles, and which parts of the navigation have something for them: a link is
    offered only to someone who can use the page behind it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    today = timezone.localdate()
    roles = roles_of(user, today)
    return {
        "portal_roles": roles,
        "is_secretary": Role.SECRETARY in roles,
        "nav_committees": reads_any_committee(user, today),
        "nav_feed": has_own_deadlines(user, today),
        # Complaints (complaints/): from the roles already read, so no page pays a query for it.
        "nav_complaints": bool(
            roles & {Role.CHAIR, Role.MEMBER, Role.INVESTIGATOR, Role.SECRETARY}
        ),
        # The meetings of one's committees: for their members and the secretary.
        "nav_meetings": has_own_deadlines(user, today),
        # The auditor (auditors/): for the audit committee's members and the secretary.
        "nav_auditor": _reads_an_auditor(user, roles, today),
    }


def _reads_an_auditor(user, roles, today) -> bool:
    """The secretary, or a member of an audit committee today (from the seats already read)."""
    if Role.SECRETARY in roles:
        return True
    from committees.models import Committee

    return Committee.Kind.AUDIT in committee_kinds(user, today).values()
