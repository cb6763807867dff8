"""The accessibility check of the browser tests: axe-core against WCAG 2.1 A and AA, which
Swedish public bodies must meet. A finding of serious or critical impact fails the test."""

from axe_playwright_python.sync_playwright import Axe

SERIOUS = {"serious", "critical"}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page) -> list[str]:
    """The serious findings on the page as it is now, one line each ("rule: help (n elements)")."""
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            # Only the violations are reported in full; every rule still runs on every element,
            # but the passes are not collected, which makes a large page several times faster.
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} elements)"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
