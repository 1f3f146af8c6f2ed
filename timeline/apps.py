from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Conflict timeline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tags  # noqa: F401 - connects the signals that keep the tagger current
