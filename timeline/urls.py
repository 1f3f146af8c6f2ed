from django.contrib import admin
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import data, views

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
    path("admin/", admin.site.urls),
    # Pages that name no icon (the admin's) make browsers ask for this one.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
]
