"""Admin search and autocomplete that refuse what the database cannot hold (security target 9).

PostgreSQL refuses a NUL byte in any text parameter, so a search for one was a server error;
SQLite takes it. Both now refuse a search term with a NUL byte, another control character or a
lone surrogate: the change list says why and shows the list unsearched, and the autocomplete
answers 400 instead of 500.
"""

import re

from django.contrib import messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import BadRequest
from django.http import HttpResponseRedirect

UNSEARCHABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
REFUSED = (
    "The search was not run: it contained a NUL byte or another control character, which no "
    "record can contain. Type the words to look for and search again."
)


def is_searchable(term) -> bool:
    return not (isinstance(term, str) and UNSEARCHABLE.search(term))


class SafeSearchAdmin:
    """Mix into a ModelAdmin before the admin class."""

    def changelist_view(self, request, extra_context=None):
        if not is_searchable(request.GET.get(SEARCH_VAR, "")):
            messages.error(request, REFUSED)
            query = request.GET.copy()
            del query[SEARCH_VAR]
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}".rstrip("?"))
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        if not is_searchable(search_term):
            # Reached from the autocomplete (the change list redirected above).
            raise BadRequest(REFUSED)
        return super().get_search_results(request, queryset, search_term)
