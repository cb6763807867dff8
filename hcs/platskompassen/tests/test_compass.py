"""The compass's geometry and its SVG: theme 1 straight up and the others clockwise, 1 at the
centre and the scale's top on the rim, gaps for themes without answers, a text alternative, and
the same bytes for the same input."""

import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from hcs.platskompassen.compass import (
    RADIUS,
    STYLES,
    WRAP,
    compass_svg,
    format_score,
    point,
)

SVG = "{http://www.w3.org/2000/svg}"
LABELS = ["Att ta sig fram", "Kollektivtrafik", "Trafik och parkering", "Gator och platser"]


def _close(a, b):
    return math.isclose(a[0], b[0], abs_tol=1e-9) and math.isclose(a[1], b[1], abs_tol=1e-9)


def _points(element) -> list[tuple[float, float]]:
    return [
        tuple(float(number) for number in pair.split(",")) for pair in element.get("points").split()
    ]


def _svg(**kwargs):
    defaults = {"labels": LABELS, "series": [], "scale_max": 7, "title": "Kompassen"}
    return compass_svg(**{**defaults, **kwargs})


def _series_shapes(svg: str):
    root = ET.fromstring(svg)
    return {
        group.get("class"): group
        for group in root.iter(f"{SVG}g")
        if (group.get("class") or "").startswith("series ")
    }


def test_theme_1_is_straight_up_and_the_others_follow_clockwise():
    top = point(0, 4, 7, 7)
    assert _close(top, (0, -RADIUS))  # y grows downwards in SVG: up is negative
    assert _close(point(1, 4, 7, 7), (RADIUS, 0))  # right
    assert _close(point(2, 4, 7, 7), (0, RADIUS))  # bottom
    assert _close(point(3, 4, 7, 7), (-RADIUS, 0))  # left
    # With 14 themes, theme 2 is a little to the right of the top: clockwise.
    x, y = point(1, 14, 7, 7)
    assert x > 0 and y < 0
    angles = [
        math.atan2(point(i, 14, 7, 7)[0], -point(i, 14, 7, 7)[1]) % (2 * math.pi) for i in range(14)
    ]
    assert angles == sorted(angles)


def test_1_is_the_centre_and_the_top_score_the_rim():
    for index in range(14):
        assert _close(point(index, 14, 1, 7), (0, 0))
        assert math.isclose(math.hypot(*point(index, 14, 7, 7)), RADIUS)
    assert math.isclose(math.hypot(*point(3, 14, 4, 7)), RADIUS / 2)  # 4 is halfway on 1–7
    assert math.isclose(math.hypot(*point(0, 14, 4.3, 7)), RADIUS * 3.3 / 6)
    assert math.isclose(math.hypot(*point(0, 14, 2, 3)), RADIUS / 2)  # the children's 1–3


def test_the_svg_draws_the_means_where_the_geometry_says():
    svg = _svg(series=[("Alla", [7, 1, 4, 7])])
    [shape] = _series_shapes(svg)["series series-1"].iter(f"{SVG}polygon")
    assert _points(shape) == [(0.0, -RADIUS), (0.0, 0.0), (0.0, RADIUS / 2), (-RADIUS, 0.0)]


def test_a_theme_without_answers_leaves_a_gap_and_is_named_in_the_text_alternative():
    with translation.override("en"):
        svg = _svg(series=[("All", [5, None, 3, 6])])
    [shape] = _series_shapes(svg)["series series-1"].iter(f"{SVG}polygon")
    assert len(_points(shape)) == 3  # through the three themes with answers
    desc = ET.fromstring(svg).find(f"{SVG}desc").text
    assert "2. Kollektivtrafik no answers" in desc
    assert "1. Att ta sig fram 5.0" in desc


def test_it_is_an_image_with_a_title_and_a_description():
    with translation.override("sv"):
        svg = _svg(series=[("Alla", [4.25, 3, 2, 6.5])], title="Kompassen: Centrum")
    root = ET.fromstring(svg)  # well-formed XML
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Kompassen: Centrum"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert "Alla: 1. Att ta sig fram 4,3" in desc.text  # Swedish decimal comma, half up
    assert "6,5" in desc.text


def test_every_text_is_escaped():
    svg = _svg(
        labels=['<script>alert("x")</script>', "A & B", "C", "D"],
        series=[('"Före" & <efter>', [1, 2, 3, 4])],
        title="<b>",
    )
    root = ET.fromstring(svg)
    assert "<script>" not in svg and "<b>" not in svg
    texts = "".join(root.itertext())
    assert '<script>alert("x")</script>' in texts and "A & B" in texts
    assert '"Före" & <efter>' in texts


def test_the_same_input_gives_the_same_bytes():
    kwargs = {"series": [("Alla", [4.5, None, 3, 2]), ("Grupp", [5, 5, 5, 5])]}
    assert _svg(**kwargs) == _svg(**kwargs)
    other = _svg(series=[("Alla", [4.5, None, 3, 2.5]), ("Grupp", [5, 5, 5, 5])])
    assert other != _svg(**kwargs)
    # Two different compasses on one page do not share ids.
    assert ET.fromstring(other).get("aria-labelledby") != ET.fromstring(_svg(**kwargs)).get(
        "aria-labelledby"
    )


def test_series_differ_in_line_and_marker_not_only_in_colour():
    svg = _svg(
        series=[("Alla", [4, 4, 4, 4]), ("Gruppsamtal", [5, 5, 5, 5]), ("Våren", [3, 3, 3, 3])]
    )
    shapes = _series_shapes(svg)
    polygons = [next(shapes[f"series series-{n}"].iter(f"{SVG}polygon")) for n in (1, 2, 3)]
    assert len({p.get("stroke-dasharray") for p in polygons}) == 3
    assert len({p.get("stroke") for p in polygons}) == 3
    markers = [
        {child.tag for g in shapes[f"series series-{n}"].iter(f"{SVG}g") for child in g}
        for n in (1, 2, 3)
    ]
    assert markers[0] != markers[1]  # circles and squares
    legend = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "legend")
    assert ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")] == [
        "Alla",
        "Gruppsamtal",
        "Våren",
    ]
    assert len(STYLES) >= 3


def test_labels_are_readable_wrapped_and_outside_the_rim():
    labels = ["Inflytande och delaktighet i beslut om platsen", *LABELS[1:]]
    root = ET.fromstring(_svg(labels=labels, series=[("Alla", [3, 3, 3, 3])]))
    sizes = [float(g.get("font-size")) for g in root.iter(f"{SVG}g") if g.get("font-size")]
    assert sizes and min(sizes) >= 12
    first = next(t for t in root.iter(f"{SVG}text") if "Inflytande" in "".join(t.itertext()))
    lines = [span.text for span in first.iter(f"{SVG}tspan")]
    assert len(lines) > 1 and all(len(line) <= WRAP for line in lines)
    assert " ".join(lines) == "1. Inflytande och delaktighet i beslut om platsen"
    for span in first.iter(f"{SVG}tspan"):  # above the rim: the top theme's label
        assert float(span.get("y")) < -RADIUS
    # The picture's box holds the labels: the view box reaches beyond the rim on every side.
    min_x, min_y, width, height = (float(v) for v in root.get("viewBox").split())
    assert min_x < -RADIUS and min_y < -RADIUS
    assert min_x + width > RADIUS and min_y + height > RADIUS


def test_rings_for_each_scale_value():
    root = ET.fromstring(_svg(scale_max=7))
    radii = sorted({float(c.get("r")) for c in root.iter(f"{SVG}circle") if c.get("cx") == "0"})
    assert radii == pytest.approx([RADIUS * (v - 1) / 6 for v in range(2, 8)], abs=0.01)
    numbers = [t.text for t in root.iter(f"{SVG}text") if re.fullmatch(r"\d", t.text or "")]
    assert numbers == [str(v) for v in range(1, 8)]


def test_no_answers_at_all_still_draws_the_wheel():
    root = ET.fromstring(_svg(series=[("Alla", [None, None, None, None])]))
    assert not list(root.iter(f"{SVG}polygon"))
    assert len([line for line in root.iter(f"{SVG}line")]) >= 4  # the spokes


@pytest.mark.parametrize(
    ("value", "swedish", "english"),
    [(4.25, "4,3", "4.3"), (4.24, "4,2", "4.2"), (1, "1,0", "1.0"), (None, "", "")],
)
def test_scores_are_shown_with_one_decimal_rounded_half_up(value, swedish, english):
    with translation.override("sv"):
        assert format_score(value) == swedish
    with translation.override("en"):
        assert format_score(value) == english


def test_for_a_phone_the_themes_are_numbered_only_and_the_type_is_bigger():
    labels = [f"Tema nummer {n}" for n in range(1, 15)]
    wide = ET.fromstring(_svg(labels=labels, series=[("Alla", [4] * 14)]))
    narrow = ET.fromstring(_svg(labels=labels, series=[("Alla", [4] * 14)], narrow=True))
    texts = ["".join(t.itertext()) for t in narrow.iter(f"{SVG}text")]
    assert [str(n) for n in range(1, 15)] == texts[7:21]  # after the scale's 1–7
    assert not any("Tema" in text for text in texts)
    assert "1. Tema nummer 1 4,0" in narrow.find(f"{SVG}desc").text  # the words name them

    def width(root):
        return float(root.get("viewBox").split()[2])

    assert width(narrow) < width(wide)
    # Shown across a 375 px phone (less the page's margins), the text is about 12 px or more.
    sizes = [float(g.get("font-size")) for g in narrow.iter(f"{SVG}g") if g.get("font-size")]
    assert min(sizes) * (375 - 32) / width(narrow) >= 11.5
