"""The newsletter in public: the archive, subscribing (double opt-in) and unsubscribing, with
the one-click unsubscription of RFC 8058 (a POST, no log-in, no confirmation page)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from hcs.content.markdown import plain
from hcs.lib import ratelimit
from hcs.lib.errors import add_to_form
from hcs.lib.pagecache import cache_public_page
from hcs.mailings.emails import address_of_token
from hcs.mailings.forms import SubscribeForm
from hcs.mailings.models import Mailing
from hcs.mailings.services import subscription_confirm, subscription_request, unsubscribe


def _archive():
    return Mailing.objects.filter(
        kind=Mailing.Kind.NEWSLETTER, status=Mailing.Status.SENT, audience__subscribers=True
    ).order_by("-finished_at", "-id")


@login_not_required
@require_GET
@cache_public_page
def archive(request):
    return render(
        request,
        "mailings/archive.html",
        {
            "mailings": list(_archive()),
            "form": SubscribeForm(),
            "meta_title": _("Newsletter"),
            "meta_description": _(
                "The newsletters of Healthy Cities Sverige, and how to subscribe to them."
            ),
        },
    )


@login_not_required
@require_GET
@cache_public_page
def newsletter(request, pk: int):
    mailing = _archive().filter(pk=pk).first()
    if mailing is None:
        raise Http404(_("There is no such newsletter."))
    return render(
        request,
        "mailings/newsletter.html",
        {
            "mailing": mailing,
            "meta_title": mailing.subject,
            "meta_description": plain(mailing.body_markdown),
            "og_type": "article",
        },
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        ratelimit.enforce(ratelimit.hit_client(request, "application"))
        if form.is_valid() and form.cleaned_data["website"]:
            return redirect(reverse("mailings_public:subscribe") + "?tack=1")
        if form.is_valid():
            try:
                subscription_request(email=form.cleaned_data["email"])
            except ValidationError as error:
                add_to_form(form, error)
            else:
                return redirect(reverse("mailings_public:subscribe") + "?tack=1")
    return render(
        request,
        "mailings/subscribe.html",
        {
            "form": form,
            "thanked": request.GET.get("tack") == "1",
            "meta_title": _("Subscribe to the newsletter"),
            "meta_description": _("Get the newsletter of Healthy Cities Sverige by e-mail."),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET asks (a link checker opening it confirms nothing); POST confirms."""
    if request.method == "POST":
        ratelimit.enforce(ratelimit.hit_client(request, "account_link"))
        subscriber = subscription_confirm(token=token)
        return render(
            request,
            "mailings/confirmed.html",
            {"confirmed": subscriber is not None},
            status=200 if subscriber else 404,
        )
    return render(request, "mailings/confirm.html", {})


@csrf_exempt  # RFC 8058: the mail client POSTs without a page, a cookie or a token
@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    email = address_of_token(token)
    if email is None:
        raise Http404(_("The link is not valid."))
    if request.method == "POST":
        unsubscribe(email=email)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
        return render(request, "mailings/unsubscribed.html", {"email": email})
    return render(request, "mailings/unsubscribe.html", {"email": email})
