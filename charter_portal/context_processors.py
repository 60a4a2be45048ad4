from django.utils import timezone

from charter_portal.roles import Role, roles_of


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = roles_of(user, timezone.localdate())
    return {"portal_roles": roles, "is_secretary": Role.SECRETARY in roles}
