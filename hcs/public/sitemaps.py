"""`/sitemap.xml` and `/robots.txt`: what search engines may read of the public site."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from hcs.content.models import Entry
from hcs.events.queries import public_events
from hcs.memberships.queries import ever_members


class PublicPages(Sitemap):
    """The public site's own pages."""

    changefreq = "weekly"

    def items(self):
        return [
            "public:home",
            "public:about",
            "public:members",
            "public:fee_table",
            "events:calendar",
            "board",
            "public:groups",
            "public:news",
            "public:publications",
            "public:contact",
            "public:accessibility",
            "public:privacy",
            "mailings_public:archive",
            "public:learning_examples",
        ]

    def location(self, item):
        return reverse(item)


class MemberPages(Sitemap):
    """A page per member, present or past."""

    changefreq = "monthly"

    def items(self):
        return list(ever_members().order_by("code").values_list("code", flat=True))

    def location(self, item):
        return reverse("public:member_detail", args=[item])


class PublicEvents(Sitemap):
    """The public calendar's events, not cancelled."""

    changefreq = "weekly"

    def items(self):
        return list(
            public_events().filter(cancelled_at=None).order_by("pk").values_list("pk", flat=True)
        )

    def location(self, item):
        return reverse("events:event", args=[item])


class PublishedTexts(Sitemap):
    """The published news and publications, with the day their words last changed."""

    changefreq = "monthly"

    def items(self):
        return list(
            Entry.objects.filter(
                kind__in=(Entry.Kind.NEWS, Entry.Kind.PUBLICATION), live__isnull=False
            )
            .select_related("live")
            .order_by("kind", "slug")
        )

    def location(self, item):
        name = "public:news_item" if item.kind == Entry.Kind.NEWS else "public:publication"
        return reverse(name, args=[item.slug])

    def lastmod(self, item):
        return item.live.created_at


class AnnualReports(Sitemap):
    """The published annual reports."""

    changefreq = "yearly"

    def items(self):
        from hcs.reports.models import AnnualReportEdition

        return list(
            AnnualReportEdition.objects.filter(published_at__isnull=False)
            .order_by("year")
            .values_list("year", flat=True)
        )

    def location(self, item):
        return reverse("annual_report", args=[item])


class LearningExamples(Sitemap):
    """The published learning examples everyone may read."""

    changefreq = "monthly"

    def items(self):
        from hcs.learning.models import LearningExample

        return list(LearningExample.objects.filter(status="approved", public=True).order_by("pk"))

    def location(self, item):
        return reverse("public:learning_example", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PublicPages,
    "texts": PublishedTexts,
    "annual_reports": AnnualReports,
    "learning_examples": LearningExamples,
    "members": MemberPages,
    "events": PublicEvents,
}

# The back office, the member pages, accounts, the API and the residents' surveys (reached by
# their own links) are not for search engines.
CLOSED = ("/kansli/", "/medlem/", "/konto/", "/admin/", "/api/", "/platskompassen/", "/i18n/")


@login_not_required
@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in CLOSED)]
    lines.append(f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
