"""oEmbed: the widget for a timeline address, as JSON or XML, for sites that embed by link."""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree import ElementTree

from django import forms
from django.conf import settings
from django.http import HttpResponse, JsonResponse, QueryDict
from django.urls import reverse

from timeline.query.addresses import current_query
from timeline.query.filters import reader_view
from timeline.query.links import embed_snippets, timeline_query, title_for

EMBED_WIDTH, EMBED_HEIGHT = 700, 640


class OEmbedForm(forms.Form):
    # Any address is checked against this site's own below, so a plain string: URLField refuses hosts without a dot.
    url = forms.CharField(max_length=2000)
    maxwidth = forms.IntegerField(required=False, min_value=1)
    maxheight = forms.IntegerField(required=False, min_value=1)
    format = forms.ChoiceField(choices=[("json", "json"), ("xml", "xml")], required=False)


def oembed(request):
    """oEmbed for a timeline address: the widget for the same filters, so a pasted link becomes the timeline."""
    form = OEmbedForm(request.GET)
    if not form.is_valid():
        # Both of oEmbed's formats are offered, so its 501 (a format not offered) is never needed: all is a 400.
        return JsonResponse(
            {"errors": [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]}, status=400
        )
    target = urlsplit(form.cleaned_data["url"])
    ours = target.scheme in ("http", "https") and target.netloc == request.get_host()
    if not ours or target.path not in (reverse("index"), reverse("embed")):
        return JsonResponse({"errors": ["url: not a timeline on this site."]}, status=404)
    width = min(form.cleaned_data["maxwidth"] or EMBED_WIDTH, EMBED_WIDTH)
    height = min(form.cleaned_data["maxheight"] or EMBED_HEIGHT, EMBED_HEIGHT)
    query = QueryDict(target.query)
    query = current_query(query) or query
    filters, _ = reader_view(query)
    _, frame = embed_snippets(request, timeline_query(query), width=width, height=height)
    answer = {
        "version": "1.0",
        "type": "rich",
        "title": title_for(filters),
        "provider_name": settings.TIMELINE_TITLE,
        "provider_url": request.build_absolute_uri(reverse("index")),
        "html": frame,
        "width": width,
        "height": height,
    }
    response = as_xml(answer) if form.cleaned_data["format"] == "xml" else JsonResponse(answer)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def as_xml(answer: dict) -> HttpResponse:
    """oEmbed's XML form: one element for each field, inside <oembed>."""
    root = ElementTree.Element("oembed")
    for name, value in answer.items():
        ElementTree.SubElement(root, name).text = str(value)
    body = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
