from django.contrib import admin
from django.urls import path

from .operations import health
from .publishing import exports, feed, oembed, widget
from .reading import views

handler500 = "timeline.operations.logs.server_error"

urlpatterns = [
    path("", views.index, name="index"),
    path("events/<int:pk>/", views.event, name="event"),
    path("facets/<slug:kind>/", views.facet, name="facet"),
    path("embed/", widget.embed, name="embed"),
    path("oembed", oembed.oembed, name="oembed"),
    path("api/events", exports.api_events, name="api-events"),
    path("export/events.json", exports.export_json, name="export-json"),
    path("export/events.csv", exports.export_csv, name="export-csv"),
    path("export/events.ics", exports.export_ics, name="export-ics"),
    path("export/timelinejs.json", exports.export_timelinejs, name="export-timelinejs"),
    path("feed/events.atom", feed.event_feed, name="feed"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
]
