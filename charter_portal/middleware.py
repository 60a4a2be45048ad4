"""Responses that must not outlive the session in a cache (docs/security.md; issue 7)."""

from django.conf import settings

NO_STORE = "no-store, private"


class NoStoreForUsersMiddleware:
    """Every response to a logged-in user, and every download or export (an attachment), is
    ``Cache-Control: no-store, private``: a shared computer's browser cache or a proxy keeps no
    copy of a director's file, a report or a CSV after logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Without a session cookie nobody is logged in; asking would touch the session and add
        # "Vary: Cookie" to pages that must not depend on one (the calendar feed).
        user = getattr(request, "user", None)
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        logged_in = has_session and user is not None and user.is_authenticated
        attachment = response.get("Content-Disposition", "").startswith("attachment")
        if logged_in or attachment:
            response["Cache-Control"] = NO_STORE
            response["Pragma"] = "no-cache"  # HTTP/1.0 caches
        return response
