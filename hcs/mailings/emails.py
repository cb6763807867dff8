"""A mailing as the e-mail each recipient gets: an HTML part and a plain-text part, and for a
newsletter the one-click unsubscribe headers of RFC 8058 with the recipient's own link."""

import re

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from hcs.content.markdown import render as render_markdown
from hcs.events.emails import cancel_url
from hcs.mailings.models import Mailing

UNSUBSCRIBE_SALT = "hcs.mailings.unsubscribe"

# A link or image on the site ("/filer/3/bild.png") must be absolute in an e-mail.
_RELATIVE = re.compile(r'(href|src)="/(?!/)')


def unsubscribe_token(email: str) -> str:
    """A signed, lasting token for the address (the same in every mailing): the link works
    without a log-in, and no one can make one for another address."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(email.lower(), compress=True)


def address_of_token(token: str) -> str | None:
    try:
        return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None


def unsubscribe_url(email: str) -> str:
    return settings.SITE_URL + reverse(
        "mailings_public:unsubscribe", args=[unsubscribe_token(email)]
    )


def html_body(mailing: Mailing) -> str:
    """The mailing's Markdown as HTML with absolute links (the same for every recipient)."""
    return _RELATIVE.sub(rf'\1="{settings.SITE_URL}/', str(render_markdown(mailing.body_markdown)))


def parts(
    mailing: Mailing, email: str, body_html: str | None = None, registration=None
) -> tuple[str, str]:
    """(plain text, HTML) of the mailing for `email`; to an event's registrant, with the event
    and their own cancel link."""
    context = {
        "registration": registration,
        "cancel_url": cancel_url(registration) if registration is not None else "",
        "mailing": mailing,
        "body": mark_safe(body_html if body_html is not None else html_body(mailing)),
        "text": mailing.body_markdown,
        "newsletter": mailing.kind == Mailing.Kind.NEWSLETTER,
        "unsubscribe": unsubscribe_url(email) if mailing.kind == Mailing.Kind.NEWSLETTER else "",
        "site_url": settings.SITE_URL,
    }
    return (
        render_to_string("mailings/email/mailing.txt", context),
        render_to_string("mailings/email/mailing.html", context),
    )


def message(
    mailing: Mailing, email: str, body_html: str | None = None, files=(), registration=None
) -> EmailMultiAlternatives:
    """The e-mail to `email`; `files` are (name, bytes, content type), read once per batch."""
    text, html = parts(mailing, email, body_html, registration)
    headers = {}
    if mailing.kind == Mailing.Kind.NEWSLETTER:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url(email)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    headers["X-HCS-Mailing"] = str(mailing.pk)
    result = EmailMultiAlternatives(
        subject=mailing.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers=headers,
    )
    result.attach_alternative(html, "text/html")
    for name, content, content_type in files:
        result.attach(name, content, content_type)
    return result


def registrations_of(mailing: Mailing, emails: list[str]) -> dict[str, object]:
    """The registration of each address among the mailing's events' registrants (the first, by
    event), for its cancel link; empty for a mailing without events."""
    from hcs.events.models import Registration

    event_ids = mailing.audience.get("event_ids") or []
    if not event_ids:
        return {}
    found: dict[str, object] = {}
    for registration in (
        Registration.objects.filter(event_id__in=event_ids, email__in=emails)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts", "pk")
    ):
        found.setdefault(registration.email.lower(), registration)
    return found
