"""Full-text search over events: SQLite's FTS5, kept in step with the events table by triggers."""

from django.db import migrations

TABLE = "timeline_event_search"

CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(headline, body, content='timeline_event', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON timeline_event BEGIN "
    f"INSERT INTO {TABLE}(rowid, headline, body) VALUES (new.id, new.headline, new.body); END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON timeline_event BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, headline, body) VALUES ('delete', old.id, old.headline, old.body); END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF headline, body ON timeline_event BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, headline, body) VALUES ('delete', old.id, old.headline, old.body); "
    f"INSERT INTO {TABLE}(rowid, headline, body) VALUES (new.id, new.headline, new.body); END",
]
DROP = [f"DROP TRIGGER {TABLE}_{name}" for name in ("insert", "delete", "update")] + [f"DROP TABLE {TABLE}"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("timeline", "0006_revision")]
    operations = [migrations.RunPython(run(CREATE), run(DROP))]
