"""The public website: the network's pages, news and publications, who the members are, and
the contact form. Open to everyone, no login."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import is_secretariat
from hcs.content import queries as content_queries
from hcs.content.markdown import render as render_markdown
from hcs.content.models import Attachment, Entry
from hcs.content.services import contact_message_submit
from hcs.events.queries import public_events
from hcs.groups.models import Group
from hcs.groups.queries import groups_active_on
from hcs.lib import ratelimit
from hcs.lib.errors import add_to_form
from hcs.lib.pagecache import cache_public_page
from hcs.memberships.queries import (
    count_members,
    ever_members,
    members_during,
    members_on,
    organisation_periods,
)
from hcs.organisations.queries import with_latest_population
from hcs.public import figure
from hcs.public.forms import ContactForm, MembersFilterForm
from hcs.reports.models import AnnualReportEdition


@login_not_required
@require_GET
@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
@cache_public_page
def members(request):
    form = MembersFilterForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    today = timezone.localdate()
    year = day = None
    if valid and form.cleaned_data["ar"]:
        year = form.cleaned_data["ar"]
        rows = members_during(year)
        first, last = date(year, 1, 1), date(year, 12, 31)
        # Only those who joined or left during the year get a note, as in the annual report.
        notes = {row.code: (row.joined_after(first), row.left_before(last)) for row in rows}
    else:
        day = (form.cleaned_data["datum"] if valid else None) or today
        rows = members_on(day)
        notes = {}
    context = {
        "form": form,
        "rows": [(row, *notes.get(row.code, (False, False))) for row in rows],
        "count": count_members(rows),
        "day": day,
        "year": year,
        "today": today,
        "meta_title": _("Our members"),
        "meta_description": _(
            "The municipalities and regions that are members of Healthy Cities Sverige, on any "
            "date or during any year."
        ),
    }
    if request.htmx:
        # htmx swaps only successful responses: the fragment carries the error itself.
        return render(request, "public/_member_list.html", context)
    status = 400 if form.is_bound and not valid else 200
    return render(request, "public/members.html", context, status=status)


@login_not_required
@require_GET
@cache_public_page
def member_detail(request, code: str):
    organisation = with_latest_population(ever_members().filter(code=code)).first()
    if organisation is None:
        raise Http404(_("No member with that code."))
    periods = organisation_periods(organisation)
    today = timezone.localdate()
    current = next((p for p in periods if p.is_active_on(today)), None)
    return render(
        request,
        "public/member_detail.html",
        {
            "organisation": organisation,
            "periods": periods,
            "current": current,
            "earlier": [p for p in periods if p is not current],
            "meta_title": organisation.name,
            "meta_description": _(
                "%(name)s in Healthy Cities Sverige: its membership and the decisions behind it."
            )
            % {"name": organisation.name},
        },
    )


# The network's own pages, written by the secretariat (hcs.content) -----------------------------


@dataclass(frozen=True)
class _Untitled:
    """A page whose words are not loaded yet (`manage.py load_site_texts`): its title only."""

    title: str
    summary: str = ""
    body: str = ""


PAGE_TITLES = {
    "om-natverket": gettext_lazy("About the network"),
    "grupper": gettext_lazy("Groups"),
    "aktuellt": gettext_lazy("News"),
    "publikationer": gettext_lazy("Publications"),
    "kontakt": gettext_lazy("Contact"),
    "tillganglighet": gettext_lazy("Accessibility statement"),
    "personuppgifter": gettext_lazy("Personal data"),
}


def _page(slug: str):
    return content_queries.page(slug) or _Untitled(title=str(PAGE_TITLES[slug]))


def _text_page(request, slug: str, template: str = "public/page.html", **context):
    words = _page(slug)
    return render(
        request,
        template,
        {"page": words, "meta_title": words.title, "meta_description": words.summary, **context},
    )


@login_not_required
@require_GET
@cache_public_page
def home(request):
    today = timezone.localdate()
    rows = members_on(today)
    words = content_queries.page("start")
    upcoming = (
        public_events()
        .filter(ends__gte=timezone.now(), cancelled_at__isnull=True)
        .order_by("starts", "pk")[:3]
    )
    return render(
        request,
        "public/home.html",
        {
            "page": words,
            "count": count_members(rows),
            "upcoming": list(upcoming),
            "news": list(content_queries.published(Entry.Kind.NEWS)[:3]),
            "quotes": list(content_queries.published(Entry.Kind.QUOTE)),
            "meta_description": words.summary if words else "",
        },
    )


@login_not_required
@require_GET
@cache_public_page
def about(request):
    groups = groups_active_on(timezone.localdate())
    themes = [g for g in groups if g.kind == Group.Kind.THEME]
    working = [g for g in groups if g.kind == Group.Kind.WORKING]
    boxes, height = figure.structure([g.name for g in themes], [g.name for g in working])
    return _text_page(
        request,
        "om-natverket",
        "public/about.html",
        theme_groups=themes,
        working_groups=working,
        boxes=boxes,
        figure_width=figure.WIDTH,
        figure_height=height,
    )


@login_not_required
@require_GET
@cache_public_page
def groups(request):
    today = timezone.localdate()
    active = groups_active_on(today)
    events = (
        public_events()
        .filter(group__in=active, cancelled_at__isnull=True)
        .order_by("-starts", "pk")
    )
    by_group: dict[int, list] = {}
    for event in events:
        by_group.setdefault(event.group_id, []).append(event)
    return _text_page(
        request,
        "grupper",
        "public/groups.html",
        groups=[(group, by_group.get(group.pk, [])) for group in active],
        now=timezone.now(),
    )


@login_not_required
@require_GET
@cache_public_page
def news(request):
    return _text_page(
        request,
        "aktuellt",
        "public/news.html",
        entries=list(content_queries.published(Entry.Kind.NEWS)),
    )


def _entry_page(request, kind: str, slug: str, *, section: tuple[str, str], missing: str):
    """A published news item or publication on its own page, with its PDFs."""
    entry = content_queries.published_entry(kind, slug)
    if entry is None:
        raise Http404(missing)
    return render(
        request,
        "public/entry.html",
        {
            "entry": entry,
            "page": entry.live,
            "meta_title": entry.live.title,
            "meta_description": entry.live.summary,
            "og_type": "article",
            "section": section,
            "documents": list(entry.attachments.all()),
        },
    )


@login_not_required
@require_GET
@cache_public_page
def news_item(request, slug: str):
    return _entry_page(
        request,
        Entry.Kind.NEWS,
        slug,
        section=(reverse("public:news"), _("News")),
        missing=_("There is no such news item."),
    )


@login_not_required
@require_GET
@cache_public_page
def publications(request):
    entries = list(content_queries.published(Entry.Kind.PUBLICATION))
    categories = [
        (value, label, [e for e in entries if e.category == value])
        for value, label in Entry.Category.choices
    ]
    return _text_page(
        request,
        "publikationer",
        "public/publications.html",
        categories=[c for c in categories if c[2]],
        annual_reports=list(
            AnnualReportEdition.objects.filter(published_at__isnull=False).values_list(
                "year", flat=True
            )
        ),
    )


@login_not_required
@require_GET
@cache_public_page
def publication(request, slug: str):
    return _entry_page(
        request,
        Entry.Kind.PUBLICATION,
        slug,
        section=(reverse("public:publications"), _("Publications")),
        missing=_("There is no such publication."),
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def contact(request):
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ratelimit.enforce(ratelimit.hit_client(request, "application"))
        if form.is_valid() and form.cleaned_data["website"]:
            # A robot filled in the hidden field: thanked, nothing stored.
            return redirect(reverse("public:contact") + "?tack=1#meddelande")
        if form.is_valid():
            data = form.cleaned_data
            try:
                contact_message_submit(
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    message=data["message"],
                    consent=data["consent"],
                )
            except ValidationError as error:
                add_to_form(form, error)
            else:
                return redirect(reverse("public:contact") + "?tack=1#meddelande")
        status = 400
    words = _page("kontakt")
    return render(
        request,
        "public/contact.html",
        {
            "page": words,
            "meta_title": words.title,
            "meta_description": words.summary,
            "form": form,
            "secretariat": settings.SECRETARIAT,
            "thanked": request.GET.get("tack") == "1",
        },
        status=status,
    )


@login_not_required
@require_GET
@cache_public_page
def accessibility(request):
    return _text_page(request, "tillganglighet")


@login_not_required
@require_GET
@cache_public_page
def privacy(request):
    return _text_page(request, "personuppgifter")


@login_not_required
@require_GET
def attachment(request, pk: int, name: str):
    """An image or PDF of a published text (of any text, for the secretariat's preview)."""
    found = Attachment.objects.select_related("entry").filter(pk=pk, name=name).first()
    if found is None or (found.entry.live_id is None and not is_secretariat(request.user)):
        raise Http404(_("There is no such file."))
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = f'inline; filename="{found.name}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


class NewsFeed(Feed):
    """The news as an Atom feed, in the visitor's language."""

    feed_type = Atom1Feed

    def title(self):
        return _("Healthy Cities Sverige: news")

    def subtitle(self):
        return _("News from the Swedish network in the WHO European Healthy Cities Network.")

    def link(self):
        return reverse("public:news")

    def items(self):
        return content_queries.published(Entry.Kind.NEWS)[:20]

    def item_title(self, item):
        return item.live.title

    def item_description(self, item):
        return render_markdown(item.live.body)

    def item_link(self, item):
        return reverse("public:news_item", args=[item.slug])

    def item_pubdate(self, item):
        return datetime.combine(item.dated, time(12), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item):
        return item.live.created_at


news_feed = login_not_required(NewsFeed())
