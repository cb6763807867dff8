"""What a person sends through a public form (an application, a message, a subscription): one
check of their name, address and words, every problem at once, each naming its field."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hcs.lib.text import forbidden_character

LABELS = {
    "name": gettext_lazy("Name"),
    "title": gettext_lazy("Title"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"),
    "organisation": gettext_lazy("Organisation"),
    "message": gettext_lazy("Message"),
}


def sender_problems(
    values: dict[str, str], *, limits: dict[str, int], message_required: bool
) -> dict[str, str]:
    """The problems of `values` (stripped already) by field: a name and a valid address are
    needed, each field within its limit in `limits`, the message when `message_required`, and no
    character that cannot be stored (a line break only in the message)."""
    problems: dict[str, str] = {}
    if not values.get("name"):
        problems["name"] = _("Name: give your name.")
    email = values.get("email", "")
    if not email:
        problems["email"] = _("E-mail: give your e-mail address, so that we can answer.")
    else:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = _("E-mail: %(email)s is not an e-mail address.") % {
                "email": email[:80]
            }
    if message_required and not values.get("message"):
        problems["message"] = _("Message: write what you want to say.")
    for field, value in values.items():
        if field in problems:
            continue
        limit = limits.get(field)
        if limit is not None and len(value) > limit:
            problems[field] = _(
                "%(field)s: at most %(max)d characters (this one has %(length)d)."
            ) % {"field": LABELS[field], "max": limit, "length": len(value)}
            continue
        character = forbidden_character(value, multiline=field == "message")
        if character:
            problems[field] = _(
                "%(field)s: the text contains a character that cannot be used (%(character)s)."
            ) % {"field": LABELS[field], "character": character}
    return problems
