from django import template
from django.utils import formats

from hcs.lib.dates import format_date
from hcs.lib.money import format_sek

register = template.Library()


@register.filter
def sek(amount):
    """{{ 58500|sek }} -> "58 500 kr"."""
    return format_sek(amount)


@register.filter
def fuzzydate(day, precision="day"):
    """{{ m.start_date|fuzzydate:m.start_precision }} -> "14 mars 2024", "juni 2024", "2023"."""
    return format_date(day, precision)


@register.filter
def number(value):
    """{{ 362133|number }} -> "362 133"."""
    if value is None:
        return ""
    return formats.number_format(value, force_grouping=True)


@register.filter
def markdown(text):
    """{{ page.body|markdown }} -> the secretariat's Markdown as safe HTML (hcs.content)."""
    from hcs.content.markdown import render

    return render(text)


@register.simple_tag
def bar_chart(rows, label):
    """{% bar_chart rows "Tags given" %} -> an SVG bar chart of (label, value) rows."""
    from hcs.lib.charts import bar_chart as draw

    return draw(list(rows), label=str(label))
