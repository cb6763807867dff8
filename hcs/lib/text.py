"""Text at the edge: which characters a person may type into the platform.

One rule for every form, API schema and query parameter: no control characters (a NUL breaks
PostgreSQL, U+0001 breaks every XLSX and XML file it reaches), no lone surrogates (they cannot
be stored as UTF-8), and no non-characters U+FFFE/U+FFFF (XML forbids them). Long text may hold
tabs and line breaks; a single line may not.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters, lone surrogates, and the two non-characters XML refuses.
_NOT_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# For API schemas (JSON Schema / ECMA-262 syntax, also understood by pydantic's engine): the
# same rule for what a client may send. Lone surrogates cannot be written in a pattern; the
# API's parser refuses them before the schema is read.
LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\ufffe\uffff]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]*$"

MESSAGE = _("The text contains a character that cannot be used (%(character)s).")


def forbidden_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character of `value` that is not allowed, as "U+0001"; None if all are."""
    found = (_NOT_IN_TEXT if multiline else _NOT_IN_A_LINE).search(value)
    return None if found is None else f"U+{ord(found.group()):04X}"


def strip_forbidden(value: str, *, multiline: bool = True) -> str:
    """`value` without the characters that are not allowed: for writing out text stored before
    the rule existed (an export must not fail on one bad comment)."""
    return (_NOT_IN_TEXT if multiline else _NOT_IN_A_LINE).sub("", value)


@deconstructible
class TextValidator:
    """Refuses a value with a character that is not allowed (see the module's docstring)."""

    code = "forbidden_character"

    def __init__(self, *, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        character = forbidden_character(value, multiline=self.multiline)
        if character:
            raise ValidationError(MESSAGE, code=self.code, params={"character": character})

    def __eq__(self, other) -> bool:
        return isinstance(other, TextValidator) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((type(self), self.multiline))


validate_line = TextValidator(multiline=False)
validate_text = TextValidator(multiline=True)
