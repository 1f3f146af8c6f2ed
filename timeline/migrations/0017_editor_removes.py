"""Editors remove an event instead of deleting it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('timeline', '0016_document_origin'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='event',
            name='visible_by_time',
        ),
        # Added in place: Django would copy SQLite's events table into a new one, dropping the full-text
        # search's triggers with the old table (and copying every row).
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "timeline_event" ADD COLUMN "editor_removed" boolean NOT NULL DEFAULT false',
                    'ALTER TABLE "timeline_event" DROP COLUMN "editor_removed"',
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name='event',
                    name='editor_removed',
                    field=models.BooleanField(default=False, help_text='Not an event (an advert, a sign-up box, a mistake): hidden from readers, kept with its history, and not brought back by a later ingest.', verbose_name='removed from the timeline'),
                ),
            ],
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='editor_removed',
            field=models.BooleanField(default=False, help_text='Not an event (an advert, a sign-up box, a mistake): hidden from readers, kept with its history, and not brought back by a later ingest.', verbose_name='removed from the timeline'),
        ),
        migrations.AddIndex(
            model_name='event',
            index=models.Index(condition=models.Q(('duplicate_of__isnull', True), ('editor_removed', False)), fields=['sort_key', 'id', 'document_id', 'duplicate_of', 'editor_removed'], name='visible_by_time'),
        ),
    ]
