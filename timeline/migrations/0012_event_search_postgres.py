"""Full-text search over events on PostgreSQL: a GIN index over a search vector of headline and body.

Its configuration folds accents (the unaccent extension) and keeps words unstemmed, as FTS5's tokenizer does on
SQLite (migration 0007), so both backends find the same events. On SQLite this migration does nothing.
django.contrib.postgres's SearchVector and GinIndex work without the app in INSTALLED_APPS, so the installed
apps are the same on both backends.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "timeline_search"
INDEX = "timeline_event_search"

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)",
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
]
# The extension stays: other schemas may use it.
DROP = [f"DROP TEXT SEARCH CONFIGURATION {CONFIG}"]


def index():
    # The same expression as `timeline.models.search_vector()`: PostgreSQL uses the index only when they agree.
    return GinIndex(SearchVector("headline", "body", config=CONFIG), name=INDEX)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)
        schema_editor.add_index(apps.get_model("timeline", "Event"), index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("timeline", "Event"), index())
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0011_editors_group")]
    operations = [migrations.RunPython(create, drop)]
