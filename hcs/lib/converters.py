"""URL converters: a year in a path is four digits, so that "/kansli/fakturor/skapa/10000/" is
no page (404) rather than a year the calendar cannot hold."""


class YearConverter:
    regex = "[12][0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):04d}"
