"""The compass: an SVG wheel with one spoke a theme, theme 1 at the top and the others clockwise,
1 at the centre and the scale's top at the rim, each series' means joined into a shape.

A pure function of its input (and of the active language, for the few words of the text
alternative): the same input gives the same bytes. It prints in black and white: every series
has its own line style and point marker besides its colour, and a legend names them."""

import hashlib
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.utils import formats
from django.utils.translation import gettext as _

RADIUS = 170  # of the rim, in the SVG's own units (1 unit = 1 CSS pixel at natural size)
LABEL_GAP = 14  # between the rim and a theme's label
FONT = 14  # theme labels and legend: readable at natural size and in print
SMALL = 12  # the scale's numbers
LINE = 17  # line height of a wrapped label
WRAP = 16  # characters a line, at most (a longer word keeps its own line)
LEGEND_WRAP = 40
CHAR = 0.6  # a character's width as a share of the font size, generously (DejaVu Sans is wide)
PAD = 8
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
INK = "#1a1a1a"
LEGEND_MAX = 90  # characters of a series' name in the legend (the text alternative has all)


@dataclass(frozen=True)
class _Layout:
    font: int = FONT
    small: int = SMALL
    line: int = LINE
    legend_wrap: int = LEGEND_WRAP
    numbers_only: bool = False


# For a narrow screen: the themes by number only (the table beside names them), bigger type, so
# that the wheel can fill a phone's width and its text still reads at about 12 px.
NARROW = _Layout(font=17, small=14, line=20, legend_wrap=24, numbers_only=True)

# Colour, dash pattern and point marker per series: told apart without colour too.
STYLES = [
    ("#00529b", None, "circle"),
    ("#a63c00", "9 5", "square"),
    ("#1b6e45", "2 4", "triangle"),
    ("#5c2d91", "12 4 2 4", "diamond"),
]


def format_score(value: float | None, decimals: int = 1) -> str:
    """4.25 → "4,3" in Swedish, "4.3" in English: rounded half up, as people round. "" for
    None."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return str(rounded).replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def _num(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def _wrap(text: str, width: int = WRAP) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _direction(index: int, count: int) -> tuple[float, float]:
    """(sin, cos) of a spoke's angle, measured clockwise from straight up."""
    angle = 2 * math.pi * index / count
    return math.sin(angle), math.cos(angle)


def point(index: int, count: int, value: float, scale_max: int) -> tuple[float, float]:
    """Where `value` sits on spoke `index` of `count`, with the centre at (0, 0) and y down."""
    value = min(max(value, 1), scale_max)
    radius = RADIUS * (value - 1) / (scale_max - 1)
    sin, cos = _direction(index, count)
    return radius * sin, -radius * cos


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    common = f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if shape == "circle":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4.5" {common}/>'
    if shape == "square":
        return f'<rect x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8" {common}/>'
    if shape == "triangle":
        corners = [(x, y - 5.5), (x + 5, y + 3.5), (x - 5, y + 3.5)]
    else:  # diamond
        corners = [(x, y - 5.5), (x + 5.5, y), (x, y + 5.5), (x - 5.5, y)]
    points = " ".join(f"{_num(a)},{_num(b)}" for a, b in corners)
    return f'<polygon points="{points}" {common}/>'


def _label_lines(index: int, count: int, label: str, layout: _Layout):
    """A theme's label, numbered and wrapped, placed outside the rim: (anchor, [(x, y, text)])
    and its estimated box (left, top, right, bottom)."""
    lines = [str(index + 1)] if layout.numbers_only else _wrap(f"{index + 1}. {label}")
    font, line_height = layout.font, layout.line
    sin, cos = _direction(index, count)
    reach = RADIUS + LABEL_GAP
    ax, ay = reach * sin, -reach * cos
    anchor = "middle" if abs(sin) < 0.3 else ("start" if sin > 0 else "end")
    count_lines = len(lines)
    if cos > 0.3:  # upper half: the block ends just above the point
        first = ay - 3 - (count_lines - 1) * line_height
    elif cos < -0.3:  # lower half: the block starts just below it
        first = ay + font
    else:  # the sides: centred on it
        first = ay + font * 0.35 - (count_lines - 1) * line_height / 2
    placed = [(ax, first + k * line_height, line) for k, line in enumerate(lines)]
    width = max(len(line) for line in lines) * font * CHAR
    left = {"start": ax, "middle": ax - width / 2, "end": ax - width}[anchor]
    box = (left, first - font, left + width, placed[-1][1] + font * 0.3)
    return anchor, placed, box


def compass_svg(
    *,
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    scale_max: int,
    title: str,
    narrow: bool = False,
) -> str:
    """The compass as an SVG document (also fit to put inline in HTML).

    `labels` are the themes' names in order; each series is (name, one mean a theme, None where
    the theme has no answers: that point is left out and the shape drawn through the others).
    At most four series are drawn. `narrow`: for a phone, the themes by their numbers only."""
    layout = NARROW if narrow else _Layout()
    count = len(labels)
    series = series[: len(STYLES)]
    digest = hashlib.sha1(
        repr((labels, series, scale_max, title, narrow)).encode("utf-8"), usedforsecurity=False
    ).hexdigest()[:10]
    ident = f"compass-{digest}"
    body: list[str] = []
    boxes = [(-RADIUS, -RADIUS, RADIUS, RADIUS)]

    # Rings: one a scale value (1 is the centre itself), the rim drawn darker.
    body.append('<g fill="none" stroke="#9aa5b1" stroke-width="1">')
    for value in range(2, scale_max):
        radius = RADIUS * (value - 1) / (scale_max - 1)
        body.append(f'<circle cx="0" cy="0" r="{_num(radius)}"/>')
    body.append("</g>")
    body.append(
        f'<circle cx="0" cy="0" r="{RADIUS}" fill="none" stroke="#4a4a4a" stroke-width="1.5"/>'
    )
    # Spokes.
    if count:
        body.append('<g stroke="#6b7785" stroke-width="1">')
        for index in range(count):
            x, y = point(index, count, scale_max, scale_max)
            body.append(f'<line x1="0" y1="0" x2="{_num(x)}" y2="{_num(y)}"/>')
        body.append("</g>")
    # The scale's numbers, between the last spoke and the first.
    sin, cos = _direction(-0.5, count or 1) if count > 1 else (0.0, 1.0)
    body.append(f'<g font-size="{layout.small}" fill="#4a4a4a" text-anchor="middle">')
    for value in range(1, scale_max + 1):
        radius = RADIUS * (value - 1) / (scale_max - 1)
        x, y = radius * sin - 8, -radius * cos + 4
        body.append(f'<text x="{_num(x)}" y="{_num(y)}">{value}</text>')
    body.append("</g>")
    # Theme labels.
    body.append(f'<g font-size="{layout.font}" fill="{INK}">')
    for index, label in enumerate(labels):
        anchor, placed, box = _label_lines(index, count, label, layout)
        boxes.append(box)
        body.append(f'<text text-anchor="{anchor}">')
        for x, y, line in placed:
            body.append(f'<tspan x="{_num(x)}" y="{_num(y)}">{escape(line)}</tspan>')
        body.append("</text>")
    body.append("</g>")
    # The series, first drawn last so that it stays on top.
    for number in reversed(range(len(series))):
        name, values = series[number]
        colour, dash, shape = STYLES[number]
        points = [
            (index, point(index, count, value, scale_max))
            for index, value in enumerate(values[:count])
            if value is not None
        ]
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<g class="series series-{number + 1}">')
        coordinates = " ".join(f"{_num(x)},{_num(y)}" for _i, (x, y) in points)
        if len(points) >= 3:
            body.append(
                f'<polygon points="{coordinates}" fill="{colour}" fill-opacity="0.08" '
                f'stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dashing}/>'
            )
        elif len(points) == 2:
            body.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dashing}/>'
            )
        for index, (x, y) in points:
            tip = f"{name}: {index + 1}. {labels[index]} {format_score(values[index])}"
            body.append(f"<g><title>{escape(tip)}</title>{_marker(shape, x, y, colour)}</g>")
        body.append("</g>")

    # The legend, under the wheel.
    left = min(box[0] for box in boxes)
    bottom = max(box[3] for box in boxes)
    if series:
        font, line_height = layout.font, layout.line
        y = bottom + 10 + font
        body.append(f'<g class="legend" font-size="{font}" fill="{INK}">')
        for number, (name, _values) in enumerate(series):
            colour, dash, shape = STYLES[number]
            dashing = f' stroke-dasharray="{dash}"' if dash else ""
            shown = name if len(name) <= LEGEND_MAX else name[: LEGEND_MAX - 1] + "…"
            lines = _wrap(shown, layout.legend_wrap)
            body.append(
                f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(left + 40)}" y2="{_num(y)}" '
                f'stroke="{colour}" stroke-width="2.5"{dashing}/>'
            )
            body.append(_marker(shape, left + 20, y, colour))
            body.append("<text>")
            for k, line in enumerate(lines):
                body.append(
                    f'<tspan x="{_num(left + 50)}" y="{_num(y + font * 0.35 + k * line_height)}">'
                    f"{escape(line)}</tspan>"
                )
            body.append("</text>")
            width = max(len(line) for line in lines) * font * CHAR
            last = y + (len(lines) - 1) * line_height
            boxes.append((left, y - font, left + 50 + width, last + font * 0.4))
            y = last + line_height + 7
        body.append("</g>")

    min_x = min(box[0] for box in boxes) - PAD
    min_y = min(box[1] for box in boxes) - PAD
    width = max(box[2] for box in boxes) + PAD - min_x
    height = max(box[3] for box in boxes) + PAD - min_y
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="compass" '
        f'viewBox="{_num(min_x)} {_num(min_y)} {_num(width)} {_num(height)}" '
        f'width="{math.ceil(width)}" height="{math.ceil(height)}" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f'font-family="{escape(FONT_FAMILY)}">'
    )
    return "".join(
        [
            head,
            f'<title id="{ident}-title">{escape(title)}</title>',
            f'<desc id="{ident}-desc">{escape(describe(labels, series, scale_max))}</desc>',
            *body,
            "</svg>",
        ]
    )


def describe(labels: list[str], series: list[tuple[str, list[float | None]]], scale_max: int):
    """The compass in words: its text alternative."""
    parts = [
        _("A compass with %(count)d themes, theme 1 at the top and the others clockwise.")
        % {"count": len(labels)},
        _("Scale 1 to %(top)d: 1 at the centre, %(top)d at the rim; a bigger shape is better.")
        % {"top": scale_max},
    ]
    if not series:
        parts.append(_("No answers to show."))
    for name, values in series:
        themes = []
        for index, label in enumerate(labels):
            value = values[index] if index < len(values) else None
            shown = format_score(value) if value is not None else _("no answers")
            themes.append(f"{index + 1}. {label} {shown}")
        parts.append(f"{name}: {'; '.join(themes)}.")
    return " ".join(parts)
