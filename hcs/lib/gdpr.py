"""Personal data: the one placeholder that takes the place of an erased value, and how one
person is recognised in records that do not point to them. The erasure itself, reaching every
table, is hcs.contacts.gdpr."""

import json
import re
from dataclasses import dataclass

from django.db.models import Q

# What an erased name, address or value reads everywhere: pages, exports, the audit trail.
ERASED = "[raderad]"


def erased_address(pk: int) -> str:
    """An erased e-mail address where the field must stay unique (one registration per address
    and event): the placeholder's own address for each row."""
    return f"raderad-{pk}@example.invalid"


@dataclass(frozen=True)
class PersonMatch:
    """One person as the records know them: by e-mail address anywhere, and by name within
    their own organisation (a registration made under another address). `others`: more texts
    that identify them, found on the way (that other address, a login's user name)."""

    name: str
    email: str
    organisation_id: int | None
    others: tuple[str, ...] = ()

    @property
    def texts(self) -> list[str]:
        """The person's identifying texts, longest first (a name can contain a shorter one)."""
        found = {t.strip() for t in (self.name, self.email, *self.others) if t and t.strip()}
        return sorted(found, key=len, reverse=True)

    @property
    def addresses(self) -> list[str]:
        return [text for text in self.texts if "@" in text]

    def q(self, *, email: str, name: str | None = None, organisation: str | None = None) -> Q:
        """The filter on a model whose `email` field (and `name` field in `organisation`) may
        hold this person."""
        found = Q(pk__in=[])
        if self.email.strip():
            found |= Q(**{f"{email}__iexact": self.email.strip()})
        if name and organisation and self.name.strip() and self.organisation_id:
            found |= Q(**{f"{name}__iexact": self.name.strip(), organisation: self.organisation_id})
        return found

    def text_q(self, *fields: str) -> Q:
        """Rows in which any of `fields` contains the person's name or address, as typed or as
        JSON writes it (non-ASCII letters escaped, "\\u00e5")."""
        found = Q(pk__in=[])
        for text in self.texts:
            for form in {text, json.dumps(text)[1:-1]}:
                for field in fields:
                    found |= Q(**{f"{field}__icontains": form})
        return found

    def scrub(self, value):
        """`value` with the person's name and address replaced by the placeholder, in any
        text inside it (a string, or the lists and dicts of a JSON value). Whole words only:
        erasing "Eva Ek" leaves "Eva Eklund" alone."""
        if isinstance(value, str):
            for text in self.texts:
                value = _whole(text).sub(ERASED, value)
            return value
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        if isinstance(value, dict):
            return {key: self.scrub(item) for key, item in value.items()}
        return value

    def scrub_json_text(self, value: str) -> str:
        """The same for JSON kept as text (the admin's log): both forms of each text."""
        value = self.scrub(value)
        for text in self.texts:
            value = _whole(json.dumps(text)[1:-1]).sub(ERASED, value)
        return value


def _whole(text: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)
