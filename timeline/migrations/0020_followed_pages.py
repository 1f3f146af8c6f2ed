"""Live blogs followed at their address; editors may follow pages and see how each reading went."""

import datetime

import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def let_editors_follow_pages(apps, schema_editor):
    # Permissions are made after all migrations run; on a new database this model's do not exist yet.
    app_config = apps.get_app_config("timeline")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        codenames = [f"{action}_followedpage" for action in ("view", "add", "change")]
        editors.permissions.add(*Permission.objects.filter(content_type__app_label="timeline", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0019_pages_by_address"),
    ]

    operations = [
        migrations.CreateModel(
            name="FollowedPage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("url", models.URLField(max_length=1000, unique=True, verbose_name="address")),
                (
                    "active",
                    models.BooleanField(default=True, help_text="Unticked: no longer read.", verbose_name="following"),
                ),
                (
                    "every",
                    models.DurationField(
                        default=datetime.timedelta(seconds=300),
                        help_text="How often the page is read while it answers well, as hours:minutes:seconds; at least a minute.",
                    ),
                ),
                ("etag", models.CharField(blank=True, editable=False, max_length=300)),
                ("last_modified", models.CharField(blank=True, editable=False, max_length=100)),
                ("next_poll_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("last_polled_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("last_changed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("last_outcome", models.CharField(blank=True, editable=False, max_length=300)),
                (
                    "failures",
                    models.PositiveIntegerField(default=0, editable=False, help_text="Readings failed in a row."),
                ),
                (
                    "problem",
                    models.CharField(
                        blank=True,
                        editable=False,
                        help_text="Why an editor should look: empty when all is well.",
                        max_length=500,
                    ),
                ),
                (
                    "document",
                    models.OneToOneField(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="followed",
                        to="timeline.document",
                    ),
                ),
            ],
            options={
                "ordering": ["url"],
                "indexes": [models.Index(fields=["active", "next_poll_at"], name="followed_due")],
            },
        ),
        migrations.RunPython(let_editors_follow_pages, migrations.RunPython.noop),
    ]
