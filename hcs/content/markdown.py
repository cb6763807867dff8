"""The secretariat's Markdown as safe HTML: one function for the site and the preview.

CommonMark (markdown-it-py) with tables, raw HTML off; what comes out is cleaned again by nh3
(ammonia) against a short list of tags and attributes, so that no script, style, event handler
or frame reaches a visitor whatever the text holds (nor a style attribute, which the
Content-Security-Policy would refuse). Images may only come from the platform
itself (an attachment's address): the site makes no request to a third party.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")

TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "img", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
}


def _only_own_images(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        # An address on this site ("/filer/12/bild.png"), never another host ("//x", "http:").
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


def render(text: str) -> SafeString:
    """`text` (Markdown) as HTML that is safe to show to anyone."""
    html = _parser.render(text or "")
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_only_own_images,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)


def plain(text: str, length: int = 160) -> str:
    """The first `length` characters of `text` without its markup: a summary where none is given."""
    words = nh3.clean(_parser.render(text or ""), tags=set()).split()
    line = " ".join(words)
    return line if len(line) <= length else line[: length - 1].rsplit(" ", 1)[0] + "…"
