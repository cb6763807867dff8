"""The API against its own OpenAPI schema (schemathesis): for every operation, generated
requests, valid and invalid, with and without a staff token, never get a 5xx, and no answer
contradicts the schema (status codes, content types, bodies, headers); invalid input is refused.

One check is left out: "schema-valid data is accepted". The schema says what a request may look
like, not every rule of the domain: an answer naming a theme its round's tool does not have,
or a membership overlapping another, is refused (422, 409) although its shape is right."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from hcs.wsgi import application

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
EXCLUDED = [schemathesis.checks.positive_data_acceptance]

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def staff_token(demo, api_token):
    return api_token


@schema.parametrize()
@BOUNDED
def test_the_api_keeps_its_schema_for_anonymous_callers(case, demo):
    case.call_and_validate(excluded_checks=EXCLUDED)


@schema.parametrize()
@BOUNDED
def test_the_api_keeps_its_schema_for_the_secretariat(case, staff_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {staff_token}"}, excluded_checks=EXCLUDED
    )
