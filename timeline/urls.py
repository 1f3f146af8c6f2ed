from django.contrib import admin
from django.urls import path

from . import data, health, views

handler500 = "timeline.logs.server_error"

urlpatterns = [
    path("", views.index, name="index"),
    path("events/<int:pk>/", views.event, name="event"),
    path("embed/", views.embed, name="embed"),
    path("oembed", data.oembed, name="oembed"),
    path("api/events", data.api_events, name="api-events"),
    path("export/events.json", data.export_json, name="export-json"),
    path("export/events.csv", data.export_csv, name="export-csv"),
    path("export/events.ics", data.export_ics, name="export-ics"),
    path("export/timelinejs.json", data.export_timelinejs, name="export-timelinejs"),
    path("feed/events.atom", data.event_feed, name="feed"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
]
