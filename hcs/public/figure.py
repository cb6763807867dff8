"""How the network works (the presentation, seed 003), laid out as boxes for an SVG figure.

Pure layout: which boxes, their lines of text and where they sit. The theme and working groups
are the ones open today, so the figure follows the registry. The page gives the same content
as a list beside it (the figure's text equivalent).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

WIDTH = 360
LINE = 18
PAD = 10
GAP = 14


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int
    heading: str
    lines: tuple[str, ...]
    permanent: bool

    @property
    def text_x(self) -> int:
        return self.x + PAD

    def rows(self) -> list[tuple[int, str]]:
        """(baseline y, text) of each line under the heading."""
        return [(self.y + PAD + LINE * (i + 2) - 4, line) for i, line in enumerate(self.lines)]

    @property
    def heading_y(self) -> int:
        return self.y + PAD + LINE - 4


def _box(x: int, y: int, width: int, heading: str, lines, permanent: bool) -> Box:
    lines = tuple(lines)
    return Box(x, y, width, PAD * 2 + LINE * (1 + len(lines)), heading, lines, permanent)


def structure(theme_groups: list[str], working_groups: list[str]) -> tuple[list[Box], int]:
    """The boxes of the figure, top to bottom, and the figure's height."""
    half = (WIDTH - GAP) // 2
    annual = _box(
        0, 0, half, _("Annual meeting"), [_("Annual plan, budget"), _("Elects the board")], True
    )
    autumn = _box(
        half + GAP, 0, half, _("Autumn meeting"), [_("The second meeting"), _("of the year")], True
    )
    y = max(annual.height, autumn.height) + GAP
    board = _box(0, y, WIDTH, _("Political board"), [_("Elected at the annual meeting")], True)
    y += board.height + GAP
    strategic = _box(
        0, y, WIDTH, _("Strategic group"), [_("Every member, digitally every month")], True
    )
    y += strategic.height + GAP
    themes = _box(0, y, WIDTH, _("Theme groups"), theme_groups or [_("(none open now)")], False)
    y += themes.height + GAP
    working = _box(
        0, y, WIDTH, _("Working groups"), working_groups or [_("(none open now)")], False
    )
    y += working.height + GAP
    workshops = _box(
        0, y, WIDTH, _("Workshops"),
        [_("Peer review, seminars, mappings")], False,
    )  # fmt: skip
    y += workshops.height
    return [annual, autumn, board, strategic, themes, working, workshops], y
