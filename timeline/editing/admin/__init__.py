"""The Django admin for editors: documents and events with what the parser found beside what an editor set, a
review queue of what needs an editor first, the entities with the names the machine discovered, and every change's
history.

`common` holds what every page shares (history kept of each save); `actions` the bulk actions on events;
`documents`, `adding` (a document added and followed through the ingest queue), `events`, `following` (live
blogs read again at their address), `review` and `tags` one admin page each. Importing this package registers them all.
"""

from django.conf import settings
from django.contrib import admin

from . import adding, documents, events, following, review, tags  # noqa: F401 - each registers its pages

admin.site.site_header = f"{settings.TIMELINE_TITLE}: editors"
admin.site.site_title = f"{settings.TIMELINE_TITLE} editors"
admin.site.index_title = "What the timeline says, and why"
