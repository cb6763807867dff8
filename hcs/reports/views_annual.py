"""The annual activity report of a year, as a page and as a PDF (the secretariat's, until the
report can be published)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hcs.accounts.access import secretariat_required
from hcs.lib.pdf import html_to_pdf
from hcs.reports.annual import annual_report

FIRST_YEAR = 2004  # the network was founded in 2004


def _report(year: int):
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404(_("There is no annual report for that year."))
    return annual_report(year)


@secretariat_required("reports.view_financialyear")
@require_GET
def annual_report_page(request, year: int):
    report = _report(year)
    return render(
        request,
        "reports/annual_report.html",
        {
            "report": report,
            "meta_title": _("Annual report %(year)d") % {"year": year},
        },
    )


@secretariat_required("reports.view_financialyear")
@require_GET
def annual_report_pdf(request, year: int):
    report = _report(year)
    with translation.override("sv"):
        html = render_to_string("reports/annual_report_pdf.html", {"report": report})
    response = HttpResponse(html_to_pdf(html, tagged=True), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="verksamhetsberattelse-{year}.pdf"'
    return response
