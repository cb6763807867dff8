from typing import Literal

from ninja import Router, Schema

from hcs.lib.api import errors
from hcs.organisations.queries import organisations_with_population

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    code: str
    name: str
    kind: Literal["municipality", "region"]
    county_code: str
    population: int | None
    population_year: int | None


@router.get("/organisations", response={200: list[OrganisationOut], **errors(422)})
def list_organisations(request, kind: Literal["municipality", "region"] | None = None):
    """All municipalities and regions with their newest population figure (31 December)."""
    return list(
        organisations_with_population(kind).values(
            "code", "name", "kind", "county_code", "population", "population_year"
        )
    )
