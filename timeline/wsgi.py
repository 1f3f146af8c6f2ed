"""WSGI entry point. Each process that loads it makes the timeline's front page and its newest events once before it
takes requests (`reading.warm`), so that its first readers do not wait for what it reads once."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
application = get_wsgi_application()

from timeline.reading.warm import warm_up  # noqa: E402  (Django is set up by the line above)

warm_up()
