"""What a backup holds, and how a restore makes room for it: everything editors and ingest made, users included."""

from __future__ import annotations

from django.apps import apps
from django.db import models

# Every row of the app (documents, events, entities, themes and their rules, editors' tag decisions and
# rejected names, the history of every change) and the people who made the changes. Password hashes come
# along, so a backup file is as secret as the database.
CONTENTS = ["timeline", "auth.group", "auth.user", "admin.logentry"]
# The revision only numbers cached summaries, and its changes say what each process's index must read again: a
# restore bumps it, which has every process read everything again, rather than bringing back old numbers.
LEFT_OUT = ["timeline.revision", "timeline.change"]


def restorable_models() -> list[type[models.Model]]:
    """The app's tables a restore replaces."""
    left_out = {label.split(".")[1] for label in LEFT_OUT}
    return [
        model
        for model in apps.get_app_config("timeline").get_models()
        if model._meta.model_name not in left_out and not model._meta.proxy
    ]


def clear_what_migrations_made() -> None:
    """A new database already holds the gazetteer a migration loaded; the backup's own rows replace it."""
    for model in restorable_models():
        model.objects.all().delete()  # the ORM deletes what points to these rows as well
