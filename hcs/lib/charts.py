"""Small SVG bar charts, drawn on the server: no script, no third party, readable in a PDF.

The chart is a picture of a table that the page shows beside it (the text equivalent), so it
is marked `role="img"` with a label naming what it shows.

Colours and the text's size are attributes of the drawing itself: WeasyPrint draws an inline SVG
without the document's style sheet (a PDF's bars came out black), while in a browser the page's
CSS (`.bar-chart rect`, `.bar-chart text`) still takes precedence over them.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 22
LABEL_WIDTH = 230
BAR_WIDTH = 250
NUMBER_WIDTH = 40
BAR_COLOUR = "#00529b"  # the brand's blue, 7.6:1 on white
TEXT_COLOUR = "#1a1a1a"
FONT_SIZE = 12


def bar_chart(rows: list[tuple[str, int]], *, label: str) -> SafeString:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    largest = max((value for _label, value in rows), default=0) or 1
    width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH
    height = ROW * len(rows) + 4
    parts = [
        f'<svg class="bar-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" focusable="false" '
        f'font-family="DejaVu Sans, sans-serif" font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
    ]
    for index, (name, value) in enumerate(rows):
        y = index * ROW + 2
        bar = round(BAR_WIDTH * value / largest)
        text = name if len(name) <= 34 else name[:33] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(text)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar}" height="{ROW - 6}" '
            f'fill="{BAR_COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + bar + 4}" y="{y + 15}">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
