"""Board terms that must not overlap: exclusion constraints on PostgreSQL.

One chair and one vice chair at a time; one person's terms in the same role never overlap.
SQLite has no exclusion constraints; there the service layer's check runs inside a write
transaction that holds the database lock, and the partial unique indexes allow at most one open
chair (and vice chair) term. The constraints are not in the model's Meta because Django would
then try to create them on SQLite too.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE governance_boardterm
  ADD CONSTRAINT board_term_one_holder_at_a_time
  EXCLUDE USING gist (
    role WITH =,
    daterange(start_date, end_date, '[]') WITH &&
  ) WHERE (role IN ('chair', 'vice_chair'));
ALTER TABLE governance_boardterm
  ADD CONSTRAINT board_term_person_terms_do_not_overlap
  EXCLUDE USING gist (
    person_name WITH =,
    role WITH =,
    daterange(start_date, end_date, '[]') WITH &&
  );
"""
DROP = """
ALTER TABLE governance_boardterm DROP CONSTRAINT board_term_one_holder_at_a_time;
ALTER TABLE governance_boardterm DROP CONSTRAINT board_term_person_terms_do_not_overlap;
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
