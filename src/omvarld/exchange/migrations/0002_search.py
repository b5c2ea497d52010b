"""Swedish full-text search on trip reports, lessons and ideas: FTS5 tables kept by triggers on
SQLite, GIN indexes on the ``swedish`` text-search vectors on PostgreSQL (see exchange.search)."""

from django.db import migrations

from omvarld.exchange.search import IDEAS, LESSONS, REPORTS

MODELS = {REPORTS: "TripReport", LESSONS: "Lesson", IDEAS: "Idea"}


def create(apps, schema_editor):
    for index, model in MODELS.items():
        index.create(schema_editor, apps.get_model("exchange", model))


def drop(apps, schema_editor):
    for index, model in MODELS.items():
        index.drop(schema_editor, apps.get_model("exchange", model))


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
