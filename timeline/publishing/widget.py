"""The widget other sites frame: the timeline for the filters a publisher chose, its first events, links out."""

from __future__ import annotations

from csp.decorators import csp_replace
from django import forms
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.gzip import gzip_page

from timeline.query.filters import reader_view
from timeline.query.held import current_index
from timeline.query.links import chips, timeline_query, title_for
from timeline.query.mapping import place_map
from timeline.query.paging import by_day, page_of

# The widget's first view: enough to be useful in an article, few enough to stay a light page; a publisher may
# choose between MOST_FEW and MOST_SHOWN.
EMBED_SIZE = 20
MOST_FEW, MOST_SHOWN = 5, 50


class EmbedForm(forms.Form):
    """How the publisher wants the widget to look: its colours, how many events it shows first, and whether a map of
    where they happened stands above them."""

    scheme = forms.ChoiceField(choices=[("light", "light"), ("dark", "dark")], required=False)
    count = forms.IntegerField(min_value=MOST_FEW, max_value=MOST_SHOWN, required=False)
    map = forms.BooleanField(required=False)


@gzip_page
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request):
    """The timeline for other sites' pages: the same filters, the first events, links out to the full timeline.

    The only page other sites may frame; it holds no form and nothing of the reader's, so framing risks nothing.
    """
    filters, paging = reader_view(request.GET)
    look = EmbedForm(request.GET)
    look.is_valid()  # a value out of range is left out, its default taken
    selection = filters.selection(current_index())
    size = look.cleaned_data.get("count") or EMBED_SIZE
    events, following = page_of(selection, paging.start, size, paging.oldest_first)
    context = {
        "days": by_day(events),
        "total": selection.count,
        "chips": chips(filters, request.GET),
        "problems": filters.problems + paging.problems,
        "dark": look.cleaned_data.get("scheme") == "dark",
        "timeline_url": reverse("index") + timeline_query(request.GET),
        "more": following is not None,
        "share_title": title_for(filters),
    }
    if look.cleaned_data.get("map"):
        in_timeline = QueryDict(timeline_query(request.GET).lstrip("?"))
        context["place_map"] = place_map(selection, in_timeline, filters.values.get("location") or [], for_widget=True)
    return render(request, "publishing/embed.html", context)
