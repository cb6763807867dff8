"""The rules of Platskompassen in pure functions: what a submitted answer may hold, and the
statistics of a theme from its distribution over the scale."""

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class ThemeStatistics:
    n: int
    mean: float | None
    median: float | None


def statistics(distribution: list[int]) -> ThemeStatistics:
    """n, mean and median from the counts of each score (index 0 is a score of 1).

    The median of an even count is the mean of the two middle scores. Exact: computed from the
    counts, as the scores themselves would give."""
    n = sum(distribution)
    if n == 0:
        return ThemeStatistics(0, None, None)
    total = sum(score * count for score, count in enumerate(distribution, start=1))

    def nth(k: int) -> int:  # the k-th smallest score, 0-based
        seen = 0
        for score, count in enumerate(distribution, start=1):
            seen += count
            if k < seen:
                return score
        raise AssertionError("k out of range")

    middle = Fraction(nth((n - 1) // 2) + nth(n // 2), 2)
    return ThemeStatistics(n, total / n, float(middle))


def shown(n: int, minimum: int) -> bool:
    """A background group is shown separately only when it has enough answers to stay
    anonymous."""
    return n >= minimum
