"""Property tests of the checks end to end: releases written from consistent figures (each rounded
as a release rounds it) never fail; the same releases with one figure moved beyond rounding fail."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import finfacts

D = Decimal
TENTH = D("0.1")
# amounts in tenths of a million: $100.0 million to $99,999.9 million (a half-unit is then a small
# share of each figure, so a rate or share rounded to one decimal is always within reach)
tenths = st.integers(min_value=1_000, max_value=999_999)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def money(t: int) -> str:
    return f"${D(t) * TENTH:,.1f} million"


def one_decimal(x: Decimal) -> Decimal:
    return x.quantize(TENTH, rounding=ROUND_HALF_UP)


def statuses(text: str, rule: str) -> list[str]:
    return [f.status for f in finfacts.check(finfacts.extract(text)).findings if f.rule == rule]


def growth_text(prior: int, current: int, rate: Decimal) -> str:
    verb = "rose" if rate >= 0 else "fell"
    return ("Acme Corp. today announced its results for the fourth quarter of 2023. "
            f"Revenue {verb} {abs(rate)}% to {money(current)} from {money(prior)}.")


@SETTINGS
@given(tenths, st.integers(min_value=-40, max_value=150))
def test_growth_written_from_its_figures_passes_and_a_moved_rate_fails(prior: int, pct: int) -> None:
    current = prior * (100 + pct) // 100
    if current == prior:
        current += 1
    rate = one_decimal((D(current) / D(prior) - 1) * 100)
    assert statuses(growth_text(prior, current, rate), "growth_matches_values") == ["pass"]
    moved = rate + (2 if rate >= 0 else -2)
    assert statuses(growth_text(prior, current, moved), "growth_matches_values") == ["fail"]


def share_text(whole: int, part: int, share: Decimal) -> str:
    return ("Lumen Devices today announced its audited results for the year 2023.\n\n"
            f"Revenue from internet services reached {money(whole)} in 2023. Revenue from its overseas internet "
            f"services increased 24.1% year-on-year to {money(part)}, accounting for {share}% of the Group's total "
            "internet services revenue.")


@SETTINGS
@given(tenths, st.integers(min_value=5, max_value=95))
def test_a_share_written_from_its_figures_passes_and_a_moved_share_fails(whole: int, pct: int) -> None:
    part = whole * pct // 100
    share = one_decimal(D(part) / D(whole) * 100)
    assert statuses(share_text(whole, part, share), "share_of") == ["pass"]
    assert statuses(share_text(whole, part, share + 2), "share_of") == ["fail"]


def parts_text(total: int, a: int, b: int) -> str:
    return (f"Total revenue of {money(total)} in 2024 comprised hardware revenue of {money(a)} and services revenue "
            f"of {money(b)}.")


@SETTINGS
@given(tenths, st.integers(min_value=1, max_value=99))
def test_declared_parts_that_add_up_pass_and_a_moved_part_fails(total: int, pct: int) -> None:
    a = total * pct // 100
    b = total - a
    if a == 0 or b == 0:
        return
    consistent = statuses(parts_text(total, a, b), "parts_sum_to_total")
    assert consistent and set(consistent) == {"pass"}
    assert "fail" in statuses(parts_text(total, a, b + 10), "parts_sum_to_total")
