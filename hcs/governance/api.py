from django.utils import timezone
from ninja import Router, Schema

from hcs.governance.queries import board_on
from hcs.lib.api import Day, errors

router = Router(tags=["board"])


class BoardMemberOut(Schema):
    name: str
    role: str
    party: str
    organisation_code: str


@router.get("/board", response={200: list[BoardMemberOut], **errors(422)})
def list_board(request, on: Day | None = None):
    """The board on a date (default: today): chair, vice chair, members, deputies."""
    day = on or timezone.localdate()
    return [
        {
            "name": term.person_name,
            "role": term.role,
            "party": term.party,
            "organisation_code": term.organisation.code,
        }
        for term in board_on(day)
    ]
