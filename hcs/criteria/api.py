from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from hcs.accounts.access import secretariat_must
from hcs.accounts.auth import StaffToken
from hcs.criteria.models import Status
from hcs.criteria.queries import compliance
from hcs.lib.api import Year, errors

router = Router(tags=["membership criteria"], auth=StaffToken())


class VerdictOut(Schema):
    key: str
    status: Status
    reason: str


class ComplianceOut(Schema):
    organisation_code: str
    criteria: list[VerdictOut]


@router.get(
    "/compliance/{year}",
    response={200: list[ComplianceOut], **errors(401, 403, 404, 422)},
)
def compliance_year(request, year: Year):
    """Every member of `year` against the year's membership criteria: `met`, `not_met` or
    `not_assessed`, each with its reason in the caller's language. 404 if the year has no
    criteria."""
    secretariat_must(request.user, "criteria.view_criterion")
    table = compliance(year)
    if not table.criteria:
        raise HttpError(404, _("There are no membership criteria for %(year)d.") % {"year": year})
    return [
        {
            "organisation_code": row.code,
            "criteria": [
                {"key": cell.criterion.key, "status": cell.status, "reason": cell.reason}
                for cell in row.cells
            ],
        }
        for row in table.rows
    ]
