from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Conflict timeline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The admin lives with the rest of the editors' side, where Django's autodiscovery does not look for it.
        from .editing import admin  # noqa: F401 - registers the editors' pages
        from .store import tags  # noqa: F401 - connects the signals that keep the tagger current
