"""Rounding-aware interval arithmetic: of_value, the operators, overlaps, and rounding properties."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from finfacts.checks.intervals import Interval, of_value


@pytest.mark.parametrize(
    ("value", "decimals", "qualifier", "qualifier_text", "lo", "hi"),
    [
        # RMB271.0 billion: stated to the hundred million -> half of 10^8 either side
        ("271000000000", -8, None, None, "270950000000", "271050000000"),
        ("53.8", 1, None, None, "53.75", "53.85"),
        ("4000000", -5, None, None, "3950000", "4050000"),
        ("0.75", 2, None, None, "0.745", "0.755"),
        ("3000000", 0, None, None, "2999999.5", "3000000.5"),
        ("19", 0, None, None, "18.5", "19.5"),
        ("-12.5", 1, None, None, "-12.55", "-12.45"),
        # approximately widens by 5% of the value on top of the rounding
        ("100", 0, "approximately", "approximately", "94.5", "105.5"),
        ("145.6", 1, "approximately", "about", "138.27", "152.93"),
        # one-sided qualifiers
        ("19", 0, "more_than", "more than", "18.5", None),
        ("20", 0, "at_least", "at least", "19.5", None),
        ("5", 0, "less_than", "less than", None, "5.5"),
        ("5", 0, "at_most", "at most", None, "5.5"),
        # "nearly" lies just below: up to 10% under, the rounding above
        ("40", 0, "approximately", "nearly", "36", "40.5"),
        ("40", 0, "approximately", "almost", "36", "40.5"),
        # no stated precision (a figure in words): 0.5% of the value
        ("200", None, None, None, "199", "201"),
    ],
)
def test_of_value(value, decimals, qualifier, qualifier_text, lo, hi):
    iv = of_value(D(value), decimals, qualifier, qualifier_text)
    assert iv.lo == (None if lo is None else D(lo))
    assert iv.hi == (None if hi is None else D(hi))


def test_of_value_approximately_is_wider_than_exact():
    exact = of_value(D("271000000000"), -8)
    approx = of_value(D("271000000000"), -8, "approximately", "approximately")
    assert approx.lo < exact.lo and approx.hi > exact.hi


def test_nearly_is_below_the_value():
    iv = of_value(D("40"), 0, "approximately", "nearly")
    assert iv.lo < D("40") < iv.hi
    assert D("40") - iv.lo > iv.hi - D("40")


def I(lo, hi):  # noqa: E743
    return Interval(None if lo is None else D(lo), None if hi is None else D(hi))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (I(1, 2), I(3, 4), I(4, 6)),
        (I(-1, 1), I(10, 20), I(9, 21)),
        (I(1, None), I(3, 4), I(4, None)),
        (I(None, 2), I(3, 4), I(None, 6)),
    ],
)
def test_add(a, b, expected):
    assert a + b == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (I(10, 12), I(1, 2), I(8, 11)),
        (I(1, 2), I(3, 4), I(-3, -1)),
        (I(10, None), I(1, 2), I(8, None)),
        (I(10, 12), I(1, None), I(None, 11)),
    ],
)
def test_sub(a, b, expected):
    assert a - b == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (I(2, 3), I(4, 5), I(8, 15)),
        (I(-2, 3), I(4, 5), I(-10, 15)),
        (I(-3, -2), I(-5, -4), I(8, 15)),
        (I(1, None), I(2, 3), I(None, None)),
        # 4,000,000 shares (to the share) x $0.75 (to the cent)
        (I("3999999.5", "4000000.5"), I("0.745", "0.755"), I("2979999.6275", "3020000.3775")),
    ],
)
def test_mul(a, b, expected):
    assert a * b == expected


def test_scale():
    assert I("0.2765", "0.2812").scale(D(100)) == I("27.65", "28.12")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (I(8, 15), I(4, 5), I("1.6", "3.75")),
        (I(-10, 10), I(2, 5), I(-5, 5)),
        (I(10, 20), I(-5, -2), I(-10, -2)),
        # a divisor that contains 0 makes the quotient unbounded
        (I(1, 2), I(-1, 1), I(None, None)),
        (I(1, 2), I(0, 1), I(None, None)),
        (I(1, 2), I(-1, 0), I(None, None)),
        (I(1, 2), I(0, 0), I(None, None)),
        (I(1, 2), I(1, None), I(None, None)),
        (I(1, None), I(1, 2), I(None, None)),
    ],
)
def test_div(a, b, expected):
    assert a / b == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (I("9.95", "10.05"), I("10.05", "10.15"), True),  # touching closed intervals
        (I("9.95", "10.05"), I("10.06", "10.15"), False),
        (I(1, 5), I(2, 3), True),  # containment
        (I(1, 2), I(3, 4), False),
        (I(3, 4), I(1, 2), False),
        (I(None, 2), I(3, None), False),
        (I(None, 3), I(3, None), True),
        (I(None, None), I(100, 200), True),
        (I(18.5, None), I(1000, 2000), True),
        (I(None, "5.5"), I(6, 7), False),
    ],
)
def test_overlaps(a, b, expected):
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


# --------------------------------------------------------------------------- properties
exact = st.decimals(min_value=D("-1e9"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=6)
places = st.integers(min_value=-6, max_value=4)


def rounded(x: D, d: int) -> D:
    return x.quantize(D(1).scaleb(-d)) if d >= 0 else (x.scaleb(d).quantize(D(1))).scaleb(-d)


@given(exact, exact, places, places, places)
def test_rounding_never_breaks_a_true_sum(a, b, da, db, ds):
    """Figures each rounded to their own precision: the sum of their intervals contains the exact
    sum, and so overlaps the interval of the rounded total."""
    ra, rb, rs = rounded(a, da), rounded(b, db), rounded(a + b, ds)
    total = of_value(ra, da) + of_value(rb, db)
    assert total.overlaps(of_value(rs, ds))
    assert total.lo <= a + b <= total.hi


@given(exact, exact, st.integers(min_value=0, max_value=3), st.sampled_from([D("1.3"), D("0.7")]))
def test_a_sum_off_by_30_percent_does_not_overlap(a, b, d, factor):
    """When the precision is fine next to the figures, a total 30% off cannot be reconciled."""
    true_sum = a + b
    assume(abs(true_sum) >= 1000)  # half-units at most 0.5: far below 30% of the sum
    ra, rb = rounded(a, d), rounded(b, d)
    wrong = rounded(true_sum * factor, d)
    total = of_value(ra, d) + of_value(rb, d)
    assert not total.overlaps(of_value(wrong, d))
