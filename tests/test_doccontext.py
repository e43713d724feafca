"""Document context: release date, reporting period, relative periods, bases, currency and
declared scales, through ``finfacts.extract`` and the pure functions of ``finfacts.doccontext``.

What the caller passes (``reference_date``, ``default_currency``, ``fiscal_year_end``) always
wins over what the text states. Relative periods are read against the reporting period,
never against today's date. Known library bugs are strict xfails whose reason names the bug.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

import finfacts
from finfacts.fastre import Alternation
from finfacts.normalize.periods import parse_date

from .helpers import bug, extract_cached
from finfacts.doccontext import (
    DATELINE,
    HEAD_CHARS,
    REPORTING,
    SCALE_DECL,
    Calendar,
    find_calendar,
    find_currency,
    find_reference_date,
    find_reporting_period,
    find_scales,
    infer,
)

D = dt.date



_extract = extract_cached


def _mention(result: finfacts.Extraction, surface: str, occurrence: int = 0, kind: str | None = None) -> Any:
    """The one mention (of ``kind``) overlapping the ``occurrence``-th ``surface``; its text must equal it."""
    text = result.text
    starts = [i for i in range(len(text)) if text.startswith(surface, i)]
    assert occurrence < len(starts), f"{surface!r} is not in the test text {occurrence + 1} times"
    a, b = starts[occurrence], starts[occurrence] + len(surface)
    found = [m for m in result.mentions if m.start < b and a < m.end and (kind is None or m.type == kind)]
    assert len(found) == 1, f"mentions over {surface!r}: {[(m.type, m.text) for m in found]}"
    m = found[0]
    assert m.text == surface and text[m.start : m.end] == surface
    return m


# --------------------------------------------------------------------------- 3. release date
DATELINES = [
    pytest.param("Xiaomi results\n\nBEIJING, March 19, 2024 /PRNewswire/ -- Xiaomi today announced", D(2024, 3, 19),
                 id="prnewswire"),
    pytest.param("SANTA CLARA, Calif., Feb. 21, 2024 -- NVIDIA today reported revenue", D(2024, 2, 21),
                 id="abbrev-month-state"),
    pytest.param("HONG KONG SAR – Media OutReach Newswire – 11 August 2026 – The world's largest", D(2026, 8, 11),
                 id="media-outreach-day-first"),
    pytest.param("Maple Reports 2023 Results\n\nTORONTO, February 21, 2024 -- Maple Minerals", D(2024, 2, 21),
                 id="after-headline"),
    pytest.param("Zug, 25 July 2024 – Helvetia Industrial Group AG published", D(2024, 7, 25), id="en-dash"),
    pytest.param("Mumbai, January 28, 2026: Ganga Textiles Limited announced", D(2026, 1, 28), id="colon"),
    pytest.param("NEW YORK, Sept. 5, 2024 (GLOBE NEWSWIRE) -- Acme Inc. reported", D(2024, 9, 5),
                 id="globe-newswire"),
    pytest.param("PORTLAND, Ore., May 2, 2024 /Wirefeed/ -- Cascadia reported", D(2024, 5, 2), id="wirefeed"),
    pytest.param("LONDON, 3rd March 2024 - Acme plc reported", D(2024, 3, 3), id="ordinal-day"),
    pytest.param("Revenue for the year ended December 31, 2023 rose 5%.", None, id="body-date-is-no-dateline"),
    pytest.param("Acme reported revenue of $5 million.", None, id="no-date"),
    pytest.param("x" * 1600 + "\nBEIJING, March 19, 2024 /PRNewswire/ -- late", None, id="beyond-the-head"),
    pytest.param("SAN JOSE, Calif., Sept. 31, 2024 -- Acme reported", None, id="impossible-day"),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_find_reference_date(text: str, expected: dt.date | None) -> None:
    assert find_reference_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [p for p in DATELINES if p.id in (
    "prnewswire", "abbrev-month-state", "media-outreach-day-first", "no-date")])
def test_extract_context_reference_date(text: str, expected: dt.date | None) -> None:
    assert _extract(text).context.reference_date == expected


def test_dateline_date_is_an_instant_mention() -> None:
    text = "BEIJING, March 19, 2024 /PRNewswire/ -- Xiaomi today announced results."
    m = _mention(_extract(text), "March 19, 2024", kind="period")
    assert (m.period_start, m.period_end, m.period_kind) == (D(2024, 3, 19), D(2024, 3, 19), "instant")


def test_caller_reference_date_wins() -> None:
    text = "BEIJING, March 19, 2024 /PRNewswire/ -- Xiaomi today announced results. Year-to-date revenue rose 5%."
    result = _extract(text, reference_date=D(2024, 5, 1))
    assert result.context.reference_date == D(2024, 5, 1)
    ytd = _mention(result, "Year-to-date", kind="period")
    assert (ytd.period_start, ytd.period_end) == (D(2024, 1, 1), D(2024, 5, 1))
    ytd_dateline = _mention(_extract(text), "Year-to-date", kind="period")
    assert (ytd_dateline.period_start, ytd_dateline.period_end) == (D(2024, 1, 1), D(2024, 3, 19))


# --------------------------------------------------------------------------- 3. reporting period
REF = D(2024, 2, 21)
HEADLINES = [
    pytest.param("Acme Reports Third Quarter 2024 Results", None, D(2024, 11, 5), D(2024, 7, 1), D(2024, 9, 30),
                 id="third-quarter-2024"),
    pytest.param("Acme Reports Q2 FY2025 Results", "06-30", D(2025, 2, 5), D(2024, 10, 1), D(2024, 12, 31),
                 id="Q2-FY2025-june"),
    pytest.param("Acme Reports Q2 FY2025 Results", None, D(2025, 2, 5), None, None, id="Q2-FY2025-unknown-calendar"),
    pytest.param("Acme Announces First Half 2024 Results", None, D(2024, 7, 25), D(2024, 1, 1), D(2024, 6, 30),
                 id="first-half-2024"),
    pytest.param("Acme Reports H1 2024 Results", None, D(2024, 7, 25), D(2024, 1, 1), D(2024, 6, 30), id="H1-2024"),
    pytest.param("Acme Reports 2023 Annual Results", None, REF, D(2023, 1, 1), D(2023, 12, 31), id="2023-annual"),
    pytest.param("Acme Reports Full-Year 2023 Results", None, REF, D(2023, 1, 1), D(2023, 12, 31),
                 id="full-year-2023"),
    pytest.param("Acme Reports Fiscal 2024 Results", "06-30", D(2024, 8, 1), D(2023, 7, 1), D(2024, 6, 30),
                 id="fiscal-2024-june"),
    pytest.param("Acme Reports Results for the Nine Months Ended September 30, 2024", None, D(2024, 11, 5),
                 D(2024, 1, 1), D(2024, 9, 30), id="nine-months-ended"),
    pytest.param("Acme Reports Third Quarter Fiscal 2024 Results", "06-30", D(2024, 5, 7), D(2024, 1, 1),
                 D(2024, 3, 31), id="third-quarter-fiscal-2024-june"),
    pytest.param("Acme Reports Fourth Quarter and Fiscal 2023 Results", None, REF, D(2023, 10, 1), D(2023, 12, 31),
                 id="fourth-quarter-and-fiscal-2023"),
    pytest.param("Acme Reports Fourth Quarter and Fiscal 2023 Results", "06-30", D(2023, 8, 15), D(2023, 4, 1),
                 D(2023, 6, 30), id="fourth-quarter-and-fiscal-2023-june"),
    pytest.param("Acme Limited releases FY24 Financial Results", "06-30", D(2024, 8, 26), D(2023, 7, 1),
                 D(2024, 6, 30), id="FY24-financial-results-june"),
    pytest.param("Acme announces Q3 FY26 results; revenue up 12.0%", "03-31", D(2026, 1, 28), D(2025, 10, 1),
                 D(2025, 12, 31), id="Q3-FY26-results-march"),
    # regression: "Half-year 2025" was read as "year 2025"
    pytest.param("Acme AG Completes Turnaround - First Half-year 2025 With Positive EBITDA", None, D(2025, 9, 25),
                 D(2025, 1, 1), D(2025, 6, 30), id="first-half-year-2025"),
]


@pytest.mark.parametrize(("headline", "label"), [
    ("Acme Limited releases FY24 Financial Results", (2024, "FY")),
    ("Acme Reports 1H25 Interim Results", (2025, "H1")),
    ("Acme announces Q3 FY26 results", (2026, "Q3")),
])
def test_reporting_label_without_a_calendar(headline: str, label: tuple[int, str]) -> None:
    """A two-digit label the headline reports ("FY24 Financial Results") is the reporting period;
    with no calendar stated it keeps its label and no dates."""
    pv = find_reporting_period(headline + "\n\nRevenue rose.", Calendar(), D(2025, 2, 26))
    assert pv is not None and (pv.start, pv.end) == (None, None)
    assert (pv.fiscal_year, pv.fiscal_period) == label


def test_a_two_digit_label_elsewhere_is_not_the_reporting_period() -> None:
    assert find_reporting_period("Acme names a new CFO to lead FY25 planning.", Calendar(), D(2024, 3, 1)) is None


@pytest.mark.parametrize(("headline", "fye", "ref", "start", "end"), HEADLINES)
def test_find_reporting_period(headline: str, fye: str | None, ref: dt.date, start: dt.date | None,
                               end: dt.date | None) -> None:
    cal = find_calendar(headline, fye)
    pv = find_reporting_period(headline + "\n\nRevenue rose.", cal, ref)
    assert pv is not None
    assert (pv.start, pv.end) == (start, end)


def test_no_reporting_period() -> None:
    assert find_reporting_period("Acme names a new chief financial officer.", Calendar(), D(2024, 3, 1)) is None


def test_extract_context_reporting_period() -> None:
    text = ("Northwind Software Reports Third Quarter Fiscal 2024 Financial Results\n\n"
            "REDMOND, Wash., May 7, 2024 -- Northwind today reported results for the third quarter of fiscal "
            "2024, which ended March 31, 2024, and reaffirmed its outlook for the fiscal year ended June 30, 2024.")
    ctx = _extract(text).context
    assert ctx.reference_date == D(2024, 5, 7)
    assert ctx.fiscal_year_end == "06-30"
    assert ctx.reporting_period is not None
    assert ctx.reporting_period.model_dump() == {
        "period_start": D(2024, 1, 1), "period_end": D(2024, 3, 31), "fiscal_year": 2024, "fiscal_period": "Q3"}


# --------------------------------------------------------------------------- 3. relative periods
_JUNE_Q3 = ("Northwind Reports Third Quarter Fiscal 2024 Results\n\n"
            "REDMOND, Wash., May 7, 2024 -- Northwind today reported results for the third quarter of fiscal 2024 "
            "and reaffirmed guidance for the fiscal year ended June 30, 2024. Revenue for the quarter rose 12% "
            "compared with the prior-year period and 3% from the previous quarter. A year ago, revenue was "
            "$98 million.")
_CAL_Q3 = ("Acme Reports Third Quarter 2024 Results\n\n"
           "AUSTIN, Texas, Nov. 5, 2024 -- Acme today reported results. Revenue for the quarter rose 12% compared "
           "with the prior-year period and 3% from the previous quarter. Revenue was $90 million a year ago, and "
           "revenue for the year is expected to reach $400 million.")
_CAL_Q4 = ("Acme Reports Fourth Quarter and Fiscal 2023 Results\n\n"
           "SANTA CLARA, Calif., Feb. 21, 2024 -- Acme today reported revenue for the fourth quarter ended "
           "December 31, 2023. Revenue for the quarter rose 10% from a year ago and 5% from the previous "
           "quarter. Compared with the prior-year period, margins rose.")
_Q4_BUG = ("the reporting period of a release dated 2024-02-21 with headline 'Fourth Quarter and Fiscal 2023' "
           "is read as Q4 2024 (the dateline's year), so every relative period is a year late")

RELATIVE = [
    pytest.param(_JUNE_Q3, "the quarter", D(2024, 1, 1), D(2024, 3, 31), id="june-fy:the-quarter"),
    pytest.param(_JUNE_Q3, "the prior-year period", D(2023, 1, 1), D(2023, 3, 31), id="june-fy:prior-year-period"),
    pytest.param(_JUNE_Q3, "the previous quarter", D(2023, 10, 1), D(2023, 12, 31), id="june-fy:previous-quarter"),
    pytest.param(_JUNE_Q3, "A year ago", D(2023, 1, 1), D(2023, 3, 31), id="june-fy:a-year-ago"),
    pytest.param(_CAL_Q3, "the quarter", D(2024, 7, 1), D(2024, 9, 30), id="calendar:the-quarter"),
    pytest.param(_CAL_Q3, "the prior-year period", D(2023, 7, 1), D(2023, 9, 30), id="calendar:prior-year-period"),
    pytest.param(_CAL_Q3, "the previous quarter", D(2024, 4, 1), D(2024, 6, 30), id="calendar:previous-quarter"),
    pytest.param(_CAL_Q3, "a year ago", D(2023, 7, 1), D(2023, 9, 30), id="calendar:a-year-ago"),
    pytest.param(_CAL_Q3, "the year", D(2024, 1, 1), D(2024, 12, 31), id="calendar:the-year"),
    pytest.param(_CAL_Q4, "the quarter", D(2023, 10, 1), D(2023, 12, 31), id="q4-headline:the-quarter"),
    pytest.param(_CAL_Q4, "a year ago", D(2022, 10, 1), D(2022, 12, 31), id="q4-headline:a-year-ago"),
    pytest.param(_CAL_Q4, "the previous quarter", D(2023, 7, 1), D(2023, 9, 30), id="q4-headline:previous-quarter"),
    pytest.param(_CAL_Q4, "the prior-year period", D(2022, 10, 1), D(2022, 12, 31),
                 id="q4-headline:prior-year-period"),
]


@pytest.mark.parametrize(("text", "surface", "start", "end"), RELATIVE)
def test_relative_period(text: str, surface: str, start: dt.date, end: dt.date) -> None:
    m = _mention(_extract(text), surface, kind="period")
    assert m.relative is True
    assert (m.period_start, m.period_end) == (start, end)


@pytest.mark.parametrize("surface", ["the quarter", "the prior-year period", "the previous quarter", "a year ago"])
def test_relative_period_without_reporting_period_is_null(surface: str) -> None:
    """No reporting period, no dates: a relative period is never read against today's date."""
    text = ("Revenue for the quarter rose 12% compared with the prior-year period and 3% from the previous "
            "quarter, and doubled from a year ago.")
    result = _extract(text)
    assert result.context.reporting_period is None
    m = _mention(result, surface, kind="period")
    assert m.relative is True
    assert (m.period_start, m.period_end) == (None, None)


def test_relative_periods_follow_the_release_not_today() -> None:
    """The same text under two caller reference dates: each relative period moves with it."""
    text = "Revenue rose 4% from last quarter and should rise again next year."
    early = _extract(text, reference_date=D(2019, 7, 4))
    late = _extract(text, reference_date=D(2024, 11, 5))
    assert [(m.period_start, m.period_end) for m in early.by_type("period")] == [
        (D(2019, 4, 1), D(2019, 6, 30)), (D(2020, 1, 1), D(2020, 12, 31))]
    assert [(m.period_start, m.period_end) for m in late.by_type("period")] == [
        (D(2024, 7, 1), D(2024, 9, 30)), (D(2025, 1, 1), D(2025, 12, 31))]


# --------------------------------------------------------------------------- 3. bases
BASES = [
    pytest.param("Revenue rose 19.2% year-on-year.", "year-on-year", "year_over_year", id="year-on-year"),
    pytest.param("Revenue rose 19.2% year-over-year to $5 million.", "year-over-year", "year_over_year",
                 id="year-over-year"),
    pytest.param("Revenue rose 19.2% year over year to $5 million.", "year over year", "year_over_year",
                 id="year-over-year-spaced"),
    pytest.param("Revenue rose 19.2% year on year to $5 million.", "year on year", "year_over_year",
                 id="year-on-year-spaced"),
    pytest.param("Revenue rose 19.2% YoY, while costs fell.", "YoY", "year_over_year", id="YoY"),
    pytest.param("Revenue rose 19.2% YoY.", "YoY", "year_over_year", id="YoY-sentence-end"),
    pytest.param("Costs fell 2% y/y in the quarter.", "y/y", "year_over_year", id="y/y"),
    pytest.param("Costs fell 2% Y/Y in the quarter.", "Y/Y", "year_over_year", id="Y/Y"),
    pytest.param("Costs fell 2% y-o-y in the quarter.", "y-o-y", "year_over_year", id="y-o-y"),
    pytest.param("Costs fell 2% y-on-y in the quarter.", "y-on-y", "year_over_year", id="y-on-y"),
    pytest.param("Revenue rose 4% quarter-over-quarter to $5 million.", "quarter-over-quarter",
                 "quarter_over_quarter", id="quarter-over-quarter"),
    pytest.param("Revenue rose 4% quarter-on-quarter to $5 million.", "quarter-on-quarter", "quarter_over_quarter",
                 id="quarter-on-quarter"),
    pytest.param("Revenue rose 4% sequentially to $5 million.", "sequentially", "quarter_over_quarter",
                 id="sequentially"),
    pytest.param("Revenue rose 4% QoQ in the quarter.", "QoQ", "quarter_over_quarter", id="QoQ"),
    pytest.param("Revenue rose 4% QoQ.", "QoQ", "quarter_over_quarter", id="QoQ-sentence-end"),
    pytest.param("Revenue rose 4% q/q in the quarter.", "q/q", "quarter_over_quarter", id="q/q"),
    pytest.param("Revenue rose 4% q-o-q in the quarter.", "q-o-q", "quarter_over_quarter", id="q-o-q"),
    pytest.param("Sales rose 4% HoH in the period.", "HoH", "half_over_half", id="HoH"),
    pytest.param("Sales rose 4% half-on-half in the period.", "half-on-half", "half_over_half", id="half-on-half"),
    pytest.param("Sales rose 4% half over half in the period.", "half over half", "half_over_half",
                 id="half-over-half"),
    pytest.param("Sales rose 4% h/h in the period.", "h/h", "half_over_half", id="h/h"),
    pytest.param("Sales rose 4% HoH.", "HoH", "half_over_half", id="HoH-sentence-end"),
]


@pytest.mark.parametrize(("text", "surface", "basis"), BASES)
def test_basis(text: str, surface: str, basis: str) -> None:
    m = _mention(_extract(text), surface, kind="basis")
    assert isinstance(m, finfacts.Basis)
    assert m.basis == basis


def test_basis_is_not_a_period() -> None:
    result = _extract("Revenue rose 19.2% year-on-year and 4% sequentially.")
    assert [m.type for m in result.mentions] == ["percent", "basis", "percent", "basis"]


# --------------------------------------------------------------------------- 4. currency
CURRENCY = [
    pytest.param("Revenue was $812.6 million. All amounts are in Canadian dollars unless otherwise stated. "
                 "Gold sold for US$1,900 per ounce, or C$2,570 per ounce.", {},
                 {"$812.6 million": "CAD", "US$1,900": "USD", "C$2,570": "CAD"}, "CAD", id="canadian-statement"),
    pytest.param("Acme (in thousands of U.S. dollars) reported revenue of $5,200 and a C$300 grant.", {},
                 {"$5,200": "USD", "C$300": "CAD"}, "USD", id="in-thousands-of-us-dollars"),
    pytest.param("Acme Corp. (TSX: ACM) reports. All figures are expressed in U.S. dollars. Revenue was $40 million "
                 "and C$3 million.", {}, {"$40 million": "USD", "C$3 million": "CAD"}, "USD",
                 id="statement-beats-listing"),
    pytest.param("Freelancer Limited (ASX: FLN) (OTCQX: FLNCF) reported revenue of $55.2 million and US$3 million.",
                 {}, {"$55.2 million": "AUD", "US$3 million": "USD"}, "AUD", id="asx-listing"),
    pytest.param("Maple Minerals Corp. (TSX: MPM) reported revenue of $812.6 million and C$5 million.", {},
                 {"$812.6 million": "CAD", "C$5 million": "CAD"}, "CAD", id="tsx-listing"),
    pytest.param("Acme Inc. (NASDAQ: ACME; TSX: ACM) reported revenue of $40 million.", {},
                 {"$40 million": "USD"}, None, id="us-and-tsx-listing-is-usd"),
    pytest.param("Acme Inc. (NYSE: ACM) reported revenue of $40 million.", {}, {"$40 million": "USD"}, None,
                 id="no-statement"),
    pytest.param("Freelancer Limited (ASX: FLN) reported revenue of $55.2 million and US$3 million.",
                 {"default_currency": "NZD"}, {"$55.2 million": "NZD", "US$3 million": "USD"}, "NZD",
                 id="caller-beats-listing"),
    pytest.param("All amounts are in Canadian dollars. Revenue was $5 million and C$2 million.",
                 {"default_currency": "usd"}, {"$5 million": "USD", "C$2 million": "CAD"}, "USD",
                 id="caller-beats-statement"),
]


@pytest.mark.parametrize(("text", "kw", "currencies", "context_currency"), CURRENCY)
def test_currency_context(text: str, kw: dict[str, Any], currencies: dict[str, str],
                          context_currency: str | None) -> None:
    result = _extract(text, **kw)
    assert result.context.currency == context_currency
    got = {s: _mention(result, s, kind="money").currency for s in currencies}
    assert got == currencies


@pytest.mark.parametrize(("text", "kw", "expected"), [
    pytest.param("All amounts are in Canadian dollars unless otherwise stated.", {},
                 ("CAD", "All amounts are in Canadian dollars"), id="statement"),
    pytest.param("Freelancer Limited (ASX: FLN) (OTCQX: FLNCF) reports", {}, ("AUD", "(ASX: FLN)"), id="asx"),
    pytest.param("Acme (NASDAQ: ACME; TSX: ACM) reports", {}, (None, None), id="dual-us-listing"),
    pytest.param("All amounts are in Canadian dollars.", {"default_currency": "EUR"}, ("EUR", "caller"),
                 id="caller"),
])
def test_find_currency(text: str, kw: dict[str, Any], expected: tuple[str | None, str | None]) -> None:
    assert find_currency(text, **kw) == expected


@pytest.mark.parametrize("code", ["US", "DOLLARS", "12$", "€"])
def test_invalid_default_currency_raises(code: str) -> None:
    with pytest.raises(finfacts.FinfactsError, match=r"\[E006\]"):
        finfacts.extract("Revenue was $5 million.", default_currency=code)


TRANSLATIONS = [
    pytest.param("Revenue was RMB12.3 billion (US$1.7 billion).", [("RMB12.3 billion", None),
                 ("US$1.7 billion", "RMB12.3 billion")], id="rmb-usd"),
    pytest.param("Revenue was RMB12.3 billion (approximately US$1.7 billion).", [("RMB12.3 billion", None),
                 ("US$1.7 billion", "RMB12.3 billion")], id="approximately"),
    pytest.param("Revenue was RMB12.3 billion (US$1.7 billion), and profit RMB1.0 billion (US$0.14 billion).",
                 [("RMB12.3 billion", None), ("US$1.7 billion", "RMB12.3 billion"), ("RMB1.0 billion", None),
                  ("US$0.14 billion", "RMB1.0 billion")], id="two-pairs"),
    pytest.param("Revenue was €5 million (£4.3 million).", [("€5 million", None), ("£4.3 million", "€5 million")],
                 id="eur-gbp"),
    pytest.param("Revenue was RMB12.3 billion and US$1.7 billion.", [("RMB12.3 billion", None),
                 ("US$1.7 billion", None)], id="no-parenthesis-no-link"),
    pytest.param("Revenue was US$1.7 billion (US$1.6 billion adjusted).", [("US$1.7 billion", None),
                 ("US$1.6 billion", None)], id="same-currency-no-link"),
    pytest.param("The price was US$1,994 per ounce (C$2,711 per ounce).", [("US$1,994", None),
                 ("C$2,711", "US$1,994")], id="per-unit-between"),
    pytest.param("The price was US$0.22 per share (approximately C$0.30 per share).", [("US$0.22", None),
                 ("C$0.30", "US$0.22")], id="per-unit-approximately"),
    pytest.param("The price was US$1,994 per ounce (C$2,711 per tonne).", [("US$1,994", None),
                 ("C$2,711", None)], id="per-other-unit-no-link"),
]


@pytest.mark.parametrize(("text", "pairs"), TRANSLATIONS)
def test_translation_of(text: str, pairs: list[tuple[str, str | None]]) -> None:
    result = _extract(text)
    ids = {m.text: m.id for m in result.by_type("money")}
    assert [m.text for m in result.by_type("money")] == [s for s, _ in pairs]
    for surface, source in pairs:
        m = _mention(result, surface, kind="money")
        assert m.translation_of == (None if source is None else ids[source])


# --------------------------------------------------------------------------- 4. declared scales
SCALES = [
    pytest.param("CONSOLIDATED STATEMENTS OF INCOME\n(in millions, except per share data)\nRevenue | $212.4",
                 [("(in millions, except per share data)", Decimal(10**6))], id="in-millions-except-per-share"),
    pytest.param("Revenue (in thousands of U.S. dollars) was $5,200.",
                 [("(in thousands of U.S. dollars)", Decimal(1000))], id="in-thousands-of-us-dollars"),
    pytest.param("| | 2024 | 2023 |\n(Unaudited, in thousands, except per share amounts)\n| Revenue | 5 | 4 |",
                 [("(Unaudited, in thousands, except per share amounts)", Decimal(1000))], id="unaudited-in-thousands"),
    pytest.param("RMB'000 | 2024 | 2023", [("RMB'000", Decimal(1000))], id="rmb-thousands-header"),
    pytest.param("Key figures (€ million) | H1 2024", [("(€ million)", Decimal(10**6))], id="euro-million-header"),
    pytest.param("(in millions)\nRevenue | 5\n\n(in billions)\nAssets | 2",
                 [("(in millions)", Decimal(10**6)), ("(in billions)", Decimal(10**9))], id="two-tables"),
    pytest.param("Revenue rose to $5 million in 2024.", [], id="none"),
]


@pytest.mark.parametrize(("text", "expected"), SCALES)
def test_declared_scales_in_context(text: str, expected: list[tuple[str, Decimal]]) -> None:
    scales = _extract(text).context.scales
    assert [(s.text, s.multiplier) for s in scales] == expected
    for s in scales:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(("text", "expected"), [(p.values[0], p.values[1]) for p in SCALES],
                         ids=[p.id for p in SCALES])
def test_find_scales(text: str, expected: list[tuple[str, Decimal]]) -> None:
    assert [(s.text, s.multiplier) for s in find_scales(text)] == expected


def test_infer_caller_values_win() -> None:
    text = ("Acme Reports Third Quarter Fiscal 2024 Results\n\nBEIJING, March 19, 2024 /PRNewswire/ -- Acme "
            "reported results for the fiscal year ended June 30, 2024. All amounts are in Canadian dollars.")
    stated = infer(text)
    assert (stated.reference_date, (stated.calendar.month, stated.calendar.day), stated.currency) == (
        D(2024, 3, 19), (6, 30), "CAD")
    caller = infer(text, reference_date=D(2024, 5, 1), fiscal_year_end="09-30", default_currency="USD")
    assert (caller.reference_date, (caller.calendar.month, caller.calendar.day), caller.currency) == (
        D(2024, 5, 1), (9, 30), "USD")
    assert caller.currency_source == "caller"
    assert caller.reporting is not None and (caller.reporting.start, caller.reporting.end) == (
        D(2024, 4, 1), D(2024, 6, 30))


# ----------------------------------------------------------------------------- faster searches, same finds

CONTEXT_FRAGMENTS = [
    "Third Quarter", "third-quarter", " 2024", "2023", " of ", "fiscal ", "year ", "Q3", "q4 ", "FY", "FY24", "1H25",
    "H2 ", "first half", "half-year ", "nine months", "9M ", "full-year ", "Full Year", " annual", " results",
    " Results", " Financial", " highlights", "three months ended ", "September 30, 2024", "March 19, 2024",
    "11 August 2026", "results for ", "performance in the ", "(YTD ", ": ", "(", ")", "\n", " -- ", " – ", "/PRNewswire/",
    "BEIJING, ", "(in millions, except per share data)", "(in thousands)", "(€ million)", "($m)", "RMB'000",
    "US$’000", "'000", " ", ".", ",", "and ", "Acme ",
]
context_text = st.lists(st.sampled_from(CONTEXT_FRAGMENTS), max_size=30).map("".join)


@given(context_text)
@example("Q3 2024 and Fiscal 2024 results")
@example("Third Quarter and Fiscal 2023 Results for the year 2023 full-year 2024")
def test_reporting_alternation_finds_what_the_joined_pattern_finds(text: str) -> None:
    """REPORTING searches its branches one by one (the engine's fast scan finds each branch alone):
    its matches are those of the branches joined into one pattern, start, end and text."""
    joined = regex.compile(REPORTING.pattern)
    assert [(m.span(), m.group(0)) for m in REPORTING.finditer(text)] == \
        [(m.span(), m.group(0)) for m in joined.finditer(text)]
    for pos in (0, len(text) // 3):
        assert [m.span() for m in REPORTING.finditer(text, pos)] == [m.span() for m in joined.finditer(text, pos)]


@given(context_text)
@example("(in millions) RMB'000 (€ million)")
def test_scales_found_without_the_thousands_branch_when_no_text_has_it(text: str) -> None:
    """find_scales drops SCALE_DECL's "RMB'000" branch from texts without "'000": the same scales."""
    expected = [(m.start(), m.end(), m.group(0)) for m in SCALE_DECL.finditer(text)]
    assert [(s.start, s.end, s.text) for s in find_scales(text)] == expected


@given(context_text)
@example("Acme results\n\nBEIJING, March 19, 2024 /PRNewswire/ -- Acme today")
@example("March 19, 2024\nBEIJING, March 19, 2024 -- x")
def test_dateline_searched_from_the_first_date_finds_the_same_date(text: str) -> None:
    """find_reference_date searches the dateline from the line of the head's first date only."""
    m = DATELINE.search(text[:HEAD_CHARS])
    expected = None if m is None else parse_date(m.group("date").replace(",", ", ").replace("  ", " "))
    assert find_reference_date(text) == expected


ALTERNATIVES = ["a", "ab", "abc", "b+", "(?<=a)b", "c(?=a)", "[ab]c", "ba?"]


@given(st.lists(st.sampled_from(ALTERNATIVES), min_size=1, max_size=5, unique=True),
       st.text(alphabet="abc ", max_size=30), st.integers(min_value=0, max_value=5))
@example(["a", "ab"], "ab", 0)
@example(["ab", "a"], "ab", 0)
@example(["b+", "ab"], "abbb", 0)
def test_alternation_is_the_joined_pattern(parts: list[str], text: str, pos: int) -> None:
    """fastre.Alternation finds, branch by branch, what its branches joined with "|" find: where
    branches match at one start the first one listed wins, and an overlapped branch searches on."""
    rx = Alternation(parts, prefix="(?i)")
    joined = regex.compile(rx.pattern)
    assert [(m.span(), m.group(0)) for m in rx.finditer(text, pos)] == \
        [(m.span(), m.group(0)) for m in joined.finditer(text, pos)]
