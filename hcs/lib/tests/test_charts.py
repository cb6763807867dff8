"""The server's SVG bar charts: escaped, scaled, labelled for screen readers."""

from hcs.lib.charts import bar_chart


def test_a_bar_chart_is_labelled_scaled_and_escapes_its_texts():
    svg = str(bar_chart([("Webbinarium", 10), ("<script>", 5), ("Tom", 0)], label="Slag"))
    assert svg.startswith('<svg class="bar-chart"') and 'role="img" aria-label="Slag"' in svg
    assert 'width="250"' in svg and 'width="125"' in svg and 'width="0"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_an_empty_chart_draws_nothing_but_its_frame():
    assert str(bar_chart([], label="Inget")).count("<rect") == 0
