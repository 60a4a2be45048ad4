"""Self-evaluation evidence recorded before issue 8 linked to the questionnaire's answering page,
which only serving members may open (the secretary got a 404). Point those links at the
questionnaire's row on the committee's duties page, as new evidence does."""

import re

from django.db import migrations

OLD = re.compile(r"^/committees/(?P<slug>[-\w]+)/duties/evaluations/(?P<pk>\d+)/$")


def forwards(apps, schema_editor):
    Evidence = apps.get_model("deadlines", "Evidence")
    for evidence in Evidence.objects.filter(url__contains="/duties/evaluations/"):
        match = OLD.match(evidence.url)
        if match:
            evidence.url = f"/committees/{match['slug']}/duties/#self-evaluation-{match['pk']}"
            evidence.save(update_fields=["url"])


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0006_problem_since")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
