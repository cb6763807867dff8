"""Pure rules of the registry. No database access. (Periods: hcs.lib.periods.)"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


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
