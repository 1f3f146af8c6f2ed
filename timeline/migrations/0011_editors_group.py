"""The "Editors" group: may change documents, events and entities, but not users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITED_MODELS = ["document", "event", "reviewitem", "actor", "location", "theme", "themerule", "rejectedname"]
ACTIONS = ["add", "change", "delete", "view"]


def create_editors(apps, schema_editor):
    # Permissions are made after all migrations run; on a new database they do not exist yet, so make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model in EDITED_MODELS for action in ACTIONS]
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="timeline", codename__in=codenames))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0010_review_queue"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
