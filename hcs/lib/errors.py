"""Error codes shared by services and the views and API that report them."""

from django.core.exceptions import ValidationError

# A write that contradicts data already stored (e.g. an overlapping membership): HTTP 409.
CONFLICT_CODES = frozenset(
    {"overlap", "open_period_exists", "already_ended", "conflict", "has_account", "email_taken"}
)


def error_codes(error: ValidationError) -> set[str]:
    return {e.code for e in error.error_list if e.code} if hasattr(error, "error_list") else set()


def is_conflict(error: ValidationError) -> bool:
    if hasattr(error, "error_dict"):
        codes = {e.code for errors in error.error_dict.values() for e in errors if e.code}
    else:
        codes = error_codes(error)
    return bool(codes & CONFLICT_CODES)


def messages_of(error: ValidationError) -> list[str]:
    """Every message of an error, one string each, for a list or a JSON `detail`."""
    return [str(message) for message in error.messages]


def add_to_form(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: a field's message at the field when the form has
    it, every other message above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in messages_of(error):
            form.add_error(None, message)


def form_problems(form) -> list[str]:
    """A bound, invalid form's problems, one text each, with its field's label ("Beskrivning:
    Detta fält måste fyllas i."): for a message where the form is not shown again."""
    texts = []
    for field, problems in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        texts += [f"{label}: {problem}" if label else problem for problem in problems]
    return texts
