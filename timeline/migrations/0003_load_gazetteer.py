from django.db import migrations


def load_gazetteer(apps, schema_editor):
    from timeline.gazetteer import load

    load(*(apps.get_model("timeline", name) for name in ("Actor", "Location", "Theme", "ThemeRule")))


class Migration(migrations.Migration):
    dependencies = [("timeline", "0002_tagging")]
    operations = [migrations.RunPython(load_gazetteer, migrations.RunPython.noop)]
