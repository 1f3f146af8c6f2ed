"""Old filter addresses lead to today's: an actor or place named by its id (`?actor=495`, as addresses once were)
is sent, permanently, to the same view with its slug (`?actor=vladimir-putin`)."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect, QueryDict

from timeline.models import Actor, Location

from .filters import ID

NAMED = {"actor": Actor, "location": Location}


class FormerAddressesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and NAMED.keys() & request.GET.keys():
            current = current_query(request.GET)
            if current is not None:
                return HttpResponsePermanentRedirect(f"{request.path}?{current.urlencode()}")
        return self.get_response(request)


def current_query(query: QueryDict) -> QueryDict | None:
    """The query with each actor and place it names by id named by its slug instead; None when it names none so.
    Slugs are never all digits, so only a number is looked up, and an id that names nothing is left for the
    filters to report."""
    renamed = {}
    for kind, model in NAMED.items():
        if ids := [value for value in query.getlist(kind) if ID.fullmatch(value)]:
            renamed[kind] = {str(pk): slug for pk, slug in model.objects.filter(pk__in=ids).values_list("pk", "slug")}
    if not any(renamed.values()):
        return None
    query = query.copy()
    for kind, slugs in renamed.items():
        query.setlist(kind, [slugs.get(value, value) for value in query.getlist(kind)])
    return query
