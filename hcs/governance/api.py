from datetime import date

from django.utils import timezone
from ninja import Router, Schema

from hcs.governance.queries import board_on

router = Router(tags=["board"])


class BoardMemberOut(Schema):
    name: str
    role: str
    party: str
    organisation_code: str


@router.get("/board", response=list[BoardMemberOut])
def list_board(request, on: date | None = None):
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
