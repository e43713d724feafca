"""Properties that hold for any text: extract never raises, offsets are valid, values round-trip.

Profiles (tests/conftest.py): "default" runs about 200 derandomized examples a property, "ci"
2000 random ones; choose with the environment variable HYPOTHESIS_PROFILE. A crash the properties
found is pinned as a strict xfail with the input (test_properties_superscript_digits_do_not_crash).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter

import finfacts
from finfacts import Mention

from .conftest import assert_offsets

MENTION = TypeAdapter(Mention)
QUANTITY_TYPES = ("money", "percent", "count")


def _quantities(result: finfacts.Extraction) -> list[tuple[str, Decimal | None, str | None]]:
    """(type, value, unit) of the money, percent and count mentions (periods etc. left out)."""
    return [(m.type, m.value, getattr(m, "unit", None)) for m in result.mentions if m.type in QUANTITY_TYPES]


# ----------------------------------------------------------------------------- never crash

FRAGMENTS = [
    "$", "US$", "HK$", "C$", "RMB", "EUR", "€", "£", "¥", "₹", "Rs.", "CHF", "USD", "(", ")", "-", "−", "–", "—",
    ",", ".", "%", " ", "\u00a0", "\n", "•", "|", "0", "1", "2,35,000", "4,213", "271.0", "0.45", "12", "999",
    "2023", "million", "billion", "bn", "m", "k", "MM", "crore", "lakh", "thousand", "trillion", "bps",
    "basis points", "percentage points", "per cent", "percent", "per share", "per diluted share", "a share",
    "to", "and", "between", "from", "or more", "approximately", "more than", "up to", "at least", "nearly",
    "five", "half", "a", "hundred", "dollars", "euros", "yen", "cents", "units", "stores", "employees",
    "No.", "third-largest", "Form 10-K", "(1)", "+1 206-555-0100", "NASDAQ:", "Q3", "FY26", "H1", "1H24",
    "#", "¹", "²", "fiscal", "year ended", "nine months ended", "December 31,", "June 30, 2024", "30.06.2024",
    "first half of", "year-on-year",
]


def _glue(parts: list[str]) -> str:
    return "".join(parts)


release_like = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(_glue)
spaced_release_like = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)


def _check_extraction(text: str) -> None:
    result = finfacts.extract(text)
    assert result.text == text
    assert_offsets(text, result.mentions)
    for m in result.mentions:
        data = m.model_dump(mode="json")
        assert MENTION.validate_python(data) == m
        if m.type in QUANTITY_TYPES:
            assert (m.value is None) == (m.low is not None and m.high is not None)
            if m.low is not None:
                assert m.low <= m.high


@given(st.text())
@example("")
@example("\u00a0$\u00a05\u00a0million")
@example("$(((((1")
@example("RMB4,000-RMB6,000-RMB8,000-")
def test_properties_extract_never_raises_on_any_text(text: str) -> None:
    _check_extraction(text)


@given(st.one_of(release_like, spaced_release_like))
@example("$(12.5) million to $(1.2) million")
@example("between $80 million and")
@example("€ - 5 - m - bn")
def test_properties_extract_never_raises_on_release_like_text(text: str) -> None:
    _check_extraction(text)


@pytest.mark.parametrize("text", ["#¹", "No. ²", "ranked #³ in China", "#①"])
def test_properties_superscript_digits_do_not_crash(text: str) -> None:
    _check_extraction(text)


# ----------------------------------------------------------------------------- round trips

CURRENCIES = [
    ("$", "pre", "USD"),
    ("US$", "pre", "USD"),
    ("RMB", "pre", "CNY"),
    ("€", "pre", "EUR"),
    ("EUR ", "pre", "EUR"),
    (" euros", "post", "EUR"),
    ("HK$", "pre", "HKD"),
    (" yen", "post", "JPY"),
    ("₹", "pre", "INR"),
    ("CHF ", "pre", "CHF"),
    ("£", "pre", "GBP"),
    ("C$", "pre", "CAD"),
    (" USD", "post", "USD"),
]
SCALES = [("", 1), (" million", 10**6), (" billion", 10**9), ("bn", 10**9), ("m", 10**6), (" thousand", 10**3)]

amounts = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("999999999999.999"), places=3,
                      allow_nan=False, allow_infinity=False)


def _render(number: Decimal, grouped: bool, trim: bool) -> str:
    text = f"{number:,f}" if grouped else f"{number:f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@given(amounts, st.sampled_from(CURRENCIES), st.sampled_from(SCALES), st.booleans(), st.booleans())
@example(Decimal("271.0"), ("RMB", "pre", "CNY"), (" billion", 10**9), False, False)
@example(Decimal("2023"), (" yen", "post", "JPY"), ("", 1), False, True)
@example(Decimal("1.5"), ("EUR ", "pre", "EUR"), ("m", 10**6), False, True)
def test_properties_money_round_trip(number: Decimal, currency: tuple[str, str, str],
                                     scale: tuple[str, int], grouped: bool, trim: bool) -> None:
    surface, position, iso = currency
    words, multiplier = scale
    figure = _render(number, grouped, trim) + words
    amount = surface + figure if position == "pre" else figure + surface
    text = f"Revenue was {amount} in the period."
    result = finfacts.extract(text)
    assert_offsets(text, result.mentions)
    quantities = [m for m in result.mentions if m.type in QUANTITY_TYPES]
    assert [m.type for m in quantities] == ["money"], [(m.type, m.text) for m in result.mentions]
    m = quantities[0]
    assert (m.value, m.currency) == (number * multiplier, iso)
    assert m.text == amount


percents = st.decimals(min_value=Decimal("-999.99"), max_value=Decimal("999.99"), places=2,
                       allow_nan=False, allow_infinity=False)
PERCENT_FORMS = [("%", ""), (" percent", ""), (" per cent", ""), (" pct", "")]


@given(percents, st.sampled_from(PERCENT_FORMS), st.booleans())
@example(Decimal("126.3"), ("%", ""), True)
@example(Decimal("-3.2"), ("%", ""), True)
def test_properties_percent_round_trip(number: Decimal, form: tuple[str, str], trim: bool) -> None:
    figure = _render(number, False, trim)
    text = f"Gross margin was {figure}{form[0]} in the period."
    result = finfacts.extract(text)
    assert_offsets(text, result.mentions)
    assert _quantities(result) == [("percent", number, "percent")]


@given(st.integers(min_value=1, max_value=5000), st.sampled_from([" bps", "bps", " basis points", " bp"]))
def test_properties_basis_points_round_trip(n: int, form: str) -> None:
    text = f"Gross margin rose {n}{form} in the period."
    result = finfacts.extract(text)
    assert_offsets(text, result.mentions)
    assert _quantities(result) == [("percent", Decimal(n) / 100, "percentage_point")]


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["stores", "employees", "units", "customers"]))
def test_properties_count_round_trip(n: int, noun: str) -> None:
    text = f"At the end of the period the company had {n:,} {noun} in total."
    result = finfacts.extract(text)
    assert_offsets(text, result.mentions)
    assert _quantities(result) == [("count", Decimal(n), noun.rstrip("s"))]
