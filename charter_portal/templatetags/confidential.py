"""The template side of the reading levels (charter_portal.permissions)::

    {% load confidential %}
    {% reading_level committee as reading %}
    {% if reading.is_detail %}{{ finding.detail }}{% endif %}

Asked for the request's user today; a page of several committees costs one roster query.
"""

from django import template

from charter_portal.permissions import request_reading_level

register = template.Library()


@register.simple_tag(takes_context=True)
def reading_level(context, committee):
    """The request user's ReadingLevel for ``committee``, or None (then nothing is shown)."""
    request = context.get("request")
    if request is None or not committee:
        return None
    return request_reading_level(request, committee)
