"""Properties that hold for any text: extract never raises, offsets are valid, values round-trip.

Profiles (tests/conftest.py): "default" runs about 200 derandomized examples a property, "ci"
2000 random ones; choose with the environment variable HYPOTHESIS_PROFILE. A crash the properties
found is pinned as a strict xfail with the input (test_properties_superscript_digits_do_not_crash).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter

import finfacts
from finfacts import Mention
from finfacts import api
from finfacts.api import make_doc
from finfacts.components.normalizer import TIER, _span_text, _tok_tuples
from finfacts.components.ruler import CANDIDATES_KEY
from finfacts.doccontext import from_data, infer, to_data
from finfacts.extensions import DOC_CONTEXT

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


# ----------------------------------------------------------------------------- the normalizer's shortcuts


def _eager_choice(parser: Any, candidates: list[tuple[int, int, str, str]], words: list[Any],
                  ctx: Any) -> list[tuple[int, int, Any, str]]:
    """The normalizer's choice done the plain way: every candidate parsed, all parses sorted
    (stably) by tier, length and start, each kept unless it overlaps one kept before."""
    pool = []
    for start, end, label, rule in candidates:
        lo = max(0, start - ((24 if rule == "count.of_these" else 14) if label == "COUNT" else 6))
        for p in parser.parse(label, rule, words[start:end], words[lo:start], words[end:end + 2], ctx):
            s, e = start + p.start, start + p.end
            if e > s:
                tier = TIER[p.kind] + (1 if p.flags & {"inferred", "weak"} else 0)
                pool.append((tier, -(words[e - 1].idx + len(words[e - 1].text) - words[s].idx), s, e, p, rule))
    pool.sort(key=lambda x: (x[0], x[1], x[2]))
    taken = bytearray(len(words))
    chosen = []
    for _tier, _neg, s, e, p, rule in pool:
        if not any(taken[s:e]):
            taken[s:e] = b"\x01" * (e - s)
            chosen.append((s, e, p, rule))
    return chosen


@given(st.one_of(release_like, spaced_release_like))
@example("$5.2 million and 5.2 million units, RMB271.0 billion (US$37.4 billion), up 12% to 1,250 stores")
@example("between 2014 and 2018, 2,000 employees; the third quarter of fiscal 2024")
def test_properties_normalizer_lazy_choice_is_the_eager_one(text: str) -> None:
    """The normalizer parses its candidates lazily, best first, and skips those whose tokens are
    all won already: it chooses what parsing all of them and sorting the parses chooses. It also
    makes token tuples only around the candidates; those it makes are the doc's tokens."""
    nlp = finfacts.load()
    doc = make_doc(nlp, text)
    doc._.set(DOC_CONTEXT, to_data(infer(text)))
    doc = nlp.get_pipe("finfacts_ruler")(doc)
    norm = nlp.get_pipe("finfacts_normalizer")
    ctx = from_data(doc._.get(DOC_CONTEXT))
    parser = norm.parser(ctx.currency)
    candidates = [(sp.start, sp.end, sp.label_, sp.id_) for sp in doc.spans[CANDIDATES_KEY]]
    words = _tok_tuples(doc, candidates) if candidates else []
    for w, tok in zip(words, doc):
        assert w is None or w == (tok.text, tok.idx, bool(tok.whitespace_))
    for s, e, *_ in candidates:
        assert None not in words[max(0, s - 24) : e + 7]
    lazy, taken = norm._choose(parser, candidates, words, ctx)
    eager = _eager_choice(parser, candidates, words, ctx)
    assert [(s, e, p.kind, p.start, p.end, rule) for s, e, p, rule in lazy] == \
        [(s, e, p.kind, p.start, p.end, rule) for s, e, p, rule in eager]
    for s, e, _p, _rule in lazy:
        assert _span_text(words, s, e) == doc[s:e].text
    assert [i for i, x in enumerate(taken) if x] == sorted(i for s, e, *_ in lazy for i in range(s, e))


@given(st.text(alphabet=st.sampled_from(["a", "1", " ", "$", "é", "\u3000", "\u200b", *api.FIXED_SPACES])))
@example("November\u00a02, 2024: 1\u202f000 units")
def test_properties_plain_spaces_is_a_one_for_one_translation(text: str) -> None:
    """``extract`` reads fixed-width spaces as spaces with a pattern's substitution (fast on ASCII
    text): the same as translating every one of them, and nothing else, to a space."""
    table = str.maketrans(dict.fromkeys(api.FIXED_SPACES, " "))
    assert api.plain_spaces(text) == text.translate(table)
    assert len(api.plain_spaces(text)) == len(text)
