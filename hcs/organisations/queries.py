"""Reads of organisations and their population figures."""

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from hcs.organisations.models import Organisation, Population


def with_latest_population(queryset, organisation_ref: str = "pk"):
    """Annotate organisations (or rows naming one in `organisation_ref`) with the newest figure."""
    newest = Population.objects.filter(organisation=OuterRef(organisation_ref)).order_by("-year")
    return queryset.annotate(
        population=Subquery(newest.values("population")[:1]),
        population_year=Subquery(newest.values("year")[:1]),
    )


def organisations_with_population(kind: str | None = None):
    queryset = Organisation.objects.order_by("code")
    if kind:
        queryset = queryset.filter(kind=kind)
    return with_latest_population(queryset)


def known_codes() -> dict[str, str]:
    """Every organisation's code mapped to its county code, for checking uploaded files."""
    return dict(Organisation.objects.values_list("code", "county_code"))


def organisation_by_code(code: str) -> Organisation:
    """The organisation with `code`; 404 with a message saying so when there is none."""
    try:
        return Organisation.objects.get(code=code)
    except Organisation.DoesNotExist as exc:
        raise Http404(
            _("There is no municipality or region with the code %(code)s.") % {"code": code}
        ) from exc
