"""The API against its own OpenAPI schema (schemathesis): for every operation, generated
requests, valid and invalid, with and without a staff token, never get a 5xx, and no answer
contradicts the schema (status codes, content types, bodies, headers); invalid input is refused.

One check is left out: "schema-valid data is accepted". The schema says what a request may look
like, not every rule of the domain: an answer naming a theme its round's tool does not have,
or a membership overlapping another, is refused (422, 409) although its shape is right.

Each operation is a test of its own (they spread over the workers), 30 generated requests for
each kind of caller, valid and invalid mixed; derandomized, so a failure is repeatable."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcs.wsgi import application

pytestmark = [pytest.mark.long, pytest.mark.django_db]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
OPERATIONS = [result.ok() for result in schema.get_all_operations()]
EXCLUDED = [schemathesis.checks.positive_data_acceptance]
BOUNDED = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _cases(operation, headers):
    # The token is part of each generated request, so that an invalid one is invalid in its
    # parameters or body, not for a header the test would put back.
    return st.one_of(
        operation.as_strategy(schemathesis.GenerationMode.POSITIVE, headers=headers),
        operation.as_strategy(schemathesis.GenerationMode.NEGATIVE, headers=headers),
    )


def _check(operation, headers=None):
    @given(case=_cases(operation, headers))
    @BOUNDED
    def run(case):
        case.call_and_validate(excluded_checks=EXCLUDED)

    run()


@pytest.fixture(autouse=True)
def _one_connection_for_the_test():
    """The requests reach the application directly, in the test's own transaction. Django
    closes an "old" connection when a request starts or finishes, which would end the test's
    transaction (on PostgreSQL); its own test client stops that, and so does this."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_is_tested():
    assert len(OPERATIONS) >= 25 and all(op is not None for op in OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_an_anonymous_caller_gets_what_the_schema_says(operation, demo):
    _check(operation)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_the_secretariat_gets_what_the_schema_says(operation, demo, api_token):
    _check(operation, headers={"Authorization": f"Bearer {api_token}"})
