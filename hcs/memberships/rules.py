"""Pure rules of membership periods. No database access; tested with hypothesis."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Whether two periods share at least one day. Ends are inclusive; None means open."""
    a_ends_before_b = a_end is not None and a_end < b_start
    b_ends_before_a = b_end is not None and b_end < a_start
    return not (a_ends_before_b or b_ends_before_a)


def count_phrase(*, regions: int, municipalities: int) -> str:
    """The count as the annual report writes it: "20 medlemmar: 6 regioner och 14 kommuner"."""
    total = regions + municipalities
    members = ngettext("%(count)d member", "%(count)d members", total) % {"count": total}
    region_part = ngettext("%(count)d region", "%(count)d regions", regions) % {"count": regions}
    municipality_part = ngettext(
        "%(count)d municipality", "%(count)d municipalities", municipalities
    ) % {"count": municipalities}
    # Translators: "20 medlemmar: 6 regioner och 14 kommuner"
    return _("%(members)s: %(regions)s and %(municipalities)s") % {
        "members": members,
        "regions": region_part,
        "municipalities": municipality_part,
    }
