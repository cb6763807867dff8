"""The full-text index (hcs/learning/search.py): a GIN index on the vector on PostgreSQL, an
FTS5 table of stemmed text on SQLite."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX learning_search_gin ON learning_learningexample "
            "USING gin (search_vector)"
        )
    else:
        schema_editor.execute(
            "CREATE VIRTUAL TABLE learning_fts USING fts5("
            "title, summary, body, other, tokenize = 'unicode61 remove_diacritics 0')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS learning_search_gin")
    else:
        schema_editor.execute("DROP TABLE IF EXISTS learning_fts")


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
