"""Learning examples through the API: the secretariat adds one; anyone searches the published
ones (members, with a token, also those for members only)."""

from typing import Annotated

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from hcs.accounts.access import secretariat_must
from hcs.accounts.auth import StaffToken, caller
from hcs.learning import queries
from hcs.learning.services import ExampleData, example_create
from hcs.lib.api import errors, line
from hcs.organisations.models import Organisation

router = Router(tags=["learning examples"])


class LinkIn(Schema):
    url: line(500)
    label: line(200) = ""


class ExampleIn(Schema):
    # Plain strings: the service checks them all at once and names every problem (422).
    title: str
    summary: str
    body: str = ""
    organisation_code: str
    tags: Annotated[list[line(40)], Field(max_length=60)] = []
    public: bool = True
    contact_person_id: int | None = None
    links: Annotated[list[LinkIn], Field(max_length=20)] = []


class CreatedOut(Schema):
    id: int


class ExampleOut(Schema):
    id: int
    title: str
    organisation_code: str
    tags: list[str]
    url: str


class SearchIn(Schema):
    q: line(200) = ""
    tag: line(40) = ""
    organisation: line(10) = ""


@router.post(
    "/learning-examples",
    auth=StaffToken(),
    response={201: CreatedOut, **errors(400, 401, 403, 413, 422)},
)
def create(request, payload: ExampleIn):
    """A learning example of the member `organisation_code`, written by the secretariat and
    published at once (to everyone when `public`, else to members). 422 names every problem
    and stores nothing."""
    secretariat_must(request.user, "learning.add_learningexample")
    organisation = Organisation.objects.filter(code=payload.organisation_code[:10]).first()
    data = ExampleData(
        title=payload.title,
        summary=payload.summary,
        body=payload.body,
        tags=payload.tags,
        public=payload.public,
        contact_person_id=payload.contact_person_id,
        links=[(link.url, link.label) for link in payload.links],
    )
    example = example_create(organisation=organisation, data=data, actor=request.user, approve=True)
    return Status(201, {"id": example.pk})


@router.get(
    "/learning-examples",
    auth=None,
    response={200: list[ExampleOut], **errors(401, 422)},
)
def search(request, filters: Query[SearchIn]):
    """The published examples the caller may read that match the words `q` (Swedish stemming:
    "skolan" finds "skolor"), the best match first; `tag` and `organisation` narrow it."""
    user = caller(request)
    found = queries.find(
        user,
        q=filters.q,
        tags=[filters.tag] if filters.tag else None,
        organisation=filters.organisation,
    )
    return [
        {
            "id": e.pk,
            "title": e.title,
            "organisation_code": e.organisation.code,
            "tags": e.tags,
            "url": request.build_absolute_uri(reverse("public:learning_example", args=[e.pk])),
        }
        for e in found.examples
    ]
