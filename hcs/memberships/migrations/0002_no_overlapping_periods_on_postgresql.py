"""No two periods of one organisation overlap: an exclusion constraint on PostgreSQL.

SQLite has no exclusion constraints; there the service layer's check runs inside a write
transaction that holds the database lock, and the partial unique index allows at most one open
period. The constraint is not in the model's Meta because Django would then try to create it on
SQLite too.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE memberships_membership
  ADD CONSTRAINT membership_periods_do_not_overlap
  EXCLUDE USING gist (
    organisation_id WITH =,
    daterange(start_date, end_date, '[]') WITH &&
  );
"""
DROP = "ALTER TABLE memberships_membership DROP CONSTRAINT membership_periods_do_not_overlap;"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("memberships", "0001_initial")]
    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
