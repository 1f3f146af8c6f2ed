"""Documents added in the admin wait in a queue for the ingest worker; editors may see the queue."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def let_editors_see_the_queue(apps, schema_editor):
    # Permissions are made after all migrations run; on a new database this model's do not exist yet.
    app_config = apps.get_app_config("timeline")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="timeline", codename="view_ingestjob")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0017_editor_removes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="IngestJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "queued"),
                            ("reading", "reading"),
                            ("writing", "writing"),
                            ("done", "done"),
                            ("failed", "failed"),
                        ],
                        default="queued",
                        max_length=10,
                    ),
                ),
                (
                    "source",
                    models.CharField(blank=True, help_text="Empty: named after its title once read.", max_length=255),
                ),
                ("text", models.TextField(blank=True, help_text="Emptied once ingested: the document keeps it.")),
                ("timezone", models.CharField(default="UTC", max_length=64)),
                ("published", models.DateField(blank=True, null=True)),
                ("replace", models.BooleanField(default=False)),
                ("requested_at", models.DateTimeField(auto_now_add=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("message", models.TextField(blank=True, help_text="How far it got, then what came of it.")),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="timeline.document",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "added document",
                "verbose_name_plural": "added documents",
                "indexes": [models.Index(fields=["state", "id"], name="jobs_by_state")],
            },
        ),
        migrations.RunPython(let_editors_see_the_queue, migrations.RunPython.noop),
    ]
