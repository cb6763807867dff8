"""Members' follow-up through the API (the secretariat's)."""

from datetime import datetime
from enum import Enum

from ninja import Router, Schema

from hcs.accounts.access import secretariat_must
from hcs.accounts.auth import StaffToken
from hcs.followup.queries import statuses
from hcs.lib.api import Year, errors

router = Router(tags=["follow-up"])

FollowupStatus = Enum(  # type: ignore[misc]
    "FollowupStatus", {v: v for v in ("not_started", "draft", "submitted")}, type=str
)


class FollowupOut(Schema):
    organisation_code: str
    status: FollowupStatus
    submitted: datetime | None


@router.get(
    "/followups/{year}",
    auth=StaffToken(),
    response={200: list[FollowupOut], **errors(401, 403, 404, 422)},
)
def followups(request, year: Year):
    """Each member of the year with its follow-up's status: not_started, draft or submitted."""
    secretariat_must(request.user, "followup.view_followupform")
    return [
        {"organisation_code": row.code, "status": row.status, "submitted": row.submitted}
        for row in statuses(year)
    ]
