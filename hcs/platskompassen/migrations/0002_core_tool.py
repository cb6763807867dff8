from django.db import migrations

from hcs.platskompassen.core_tool import load_core_tool


def forwards(apps, schema_editor):
    load_core_tool(apps.get_model("platskompassen", "ToolVersion"), apps.get_model("platskompassen", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("platskompassen", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
