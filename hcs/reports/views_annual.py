"""The annual activity report of a year: its page and PDF (public once the secretariat has
published it), and the secretariat's page to write its texts, leave out sections and publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import is_secretariat, secretariat_must, secretariat_required
from hcs.lib.errors import messages_of
from hcs.lib.pdf import html_to_pdf
from hcs.reports.annual import annual_report
from hcs.reports.models import AnnualReportEdition
from hcs.reports.services import annual_report_edit, annual_report_publish

FIRST_YEAR = 2004  # the network was founded in 2004


def _year_or_404(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404(_("There is no annual report for that year."))


def _visible(request, year: int) -> dict:
    """The report's context, for anyone once published, for the secretariat before."""
    _year_or_404(year)
    edition = AnnualReportEdition.objects.filter(year=year).first()
    published = edition is not None and edition.published_at is not None
    if not published and not is_secretariat(request.user):
        raise Http404(_("There is no annual report for that year."))
    return {
        "report": annual_report(year),
        "texts": edition.texts if edition else {},
        "hidden": edition.hidden if edition else [],
        "published": published,
    }


@login_not_required
@require_GET
def annual_report_page(request, year: int):
    context = _visible(request, year)
    return render(
        request,
        "reports/annual_report.html",
        {
            **context,
            "meta_title": _("Annual report %(year)d") % {"year": year},
            "meta_description": _(
                "What Healthy Cities Sverige did in %(year)d: members, board, meetings, groups, "
                "events, communication and economy."
            )
            % {"year": year},
            "og_type": "article",
        },
    )


@login_not_required
@require_GET
def annual_report_pdf(request, year: int):
    context = _visible(request, year)
    with translation.override("sv"):
        html = render_to_string("reports/annual_report_pdf.html", context)
    response = HttpResponse(html_to_pdf(html, tagged=True), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="verksamhetsberattelse-{year}.pdf"'
    return response


@secretariat_required("reports.view_financialyear")
@require_http_methods(["GET", "POST"])
def annual_report_editor(request, year: int):
    _year_or_404(year)
    edition = AnnualReportEdition.objects.filter(year=year).first()
    if request.method == "POST":
        secretariat_must(request.user, "reports.change_financialyear")
        action = request.POST.get("action", "")
        try:
            if action == "save":
                annual_report_edit(
                    year=year,
                    texts={
                        key: request.POST.get(f"text_{key}", "")
                        for key, _label in AnnualReportEdition.SECTIONS
                    },
                    hidden=request.POST.getlist("hidden"),
                    actor=request.user,
                )
                messages.success(request, _("Saved."))
            elif action in ("publish", "unpublish"):
                annual_report_publish(year=year, actor=request.user, publish=action == "publish")
                messages.success(
                    request,
                    _("Published: it is on the site and under Publications.")
                    if action == "publish"
                    else _("Taken down: only the secretariat sees it."),
                )
            else:
                raise ValidationError(_("Choose what to do."))
        except ValidationError as error:
            for text in messages_of(error):
                messages.error(request, text)
        return redirect("reports:annual_report_editor", year)
    texts = edition.texts if edition else {}
    hidden = edition.hidden if edition else []
    return render(
        request,
        "reports/annual_report_editor.html",
        {
            "year": year,
            "edition": edition,
            "sections": [
                (key, label, texts.get(key, ""), key in hidden)
                for key, label in AnnualReportEdition.SECTIONS
            ],
        },
    )
