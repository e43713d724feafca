"""Period mentions: every written form end to end through ``finfacts.extract``, the pure
resolver (``normalize.periods.resolve``, ``parse_date``, ``Calendar``, ``shift_reporting``),
fiscal calendars, and a golden check of the ``period`` items in ``fixtures/expected``.

Inputs are inline text or ``fixtures/``. Where the library is wrong the case is a strict
xfail whose reason names the bug; fixing the bug turns the case into an XPASS failure, so
the mark must then be removed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import finfacts

from .helpers import bug, extract_cached
from finfacts.normalize.periods import Calendar, PeriodValue, parse_date, resolve, shift_reporting

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "fixtures" / "releases"
EXPECTED = ROOT / "fixtures" / "expected"

D = dt.date
JUNE = "06-30"



_extract = extract_cached


def _locate(text: str, surface: str, occurrence: int = 0) -> tuple[int, int]:
    starts = [i for i in range(len(text)) if text.startswith(surface, i)]
    assert occurrence < len(starts), f"{surface!r} occurs {len(starts)} times in the test text"
    return starts[occurrence], starts[occurrence] + len(surface)


def _periods_over(result: finfacts.Extraction, span: tuple[int, int]) -> list[Any]:
    return [m for m in result.mentions if m.type == "period" and m.start < span[1] and span[0] < m.end]


def _the_period(result: finfacts.Extraction, surface: str, occurrence: int = 0) -> Any:
    """The one period mention overlapping ``surface``; its text must be exactly ``surface``."""
    found = _periods_over(result, _locate(result.text, surface, occurrence))
    assert len(found) == 1, f"period mentions over {surface!r}: {[m.text for m in found]}"
    m = found[0]
    assert m.text == surface
    assert result.text[m.start : m.end] == m.text
    return m


def _check(m: Any, expect: dict[str, Any]) -> None:
    got = {k: getattr(m, k) for k in expect}
    assert got == expect, f"{m.text!r}: {got} != {expect}"


def P(case_id: str, text: str, surface: str, start: dt.date | None, end: dt.date | None, *,
      marks: Any = (), kw: dict[str, Any] | None = None, occurrence: int = 0, **extra: Any) -> Any:
    """A period case: ``surface`` (the exact mention text) in ``text`` resolves to start..end."""
    expect = {"period_start": start, "period_end": end, **extra}
    return pytest.param(text, surface, occurrence, kw or {}, expect, id=case_id, marks=marks)


# --------------------------------------------------------------------------- 1. every form
# No fiscal calendar is stated in these texts unless the case says so.
FORMS = [
    # calendar years
    P("year:bare", "Revenue rose 8% in 2023 on strong demand.", "2023", D(2023, 1, 1), D(2023, 12, 31),
      period_kind="year", fiscal_year=None, relative=False),
    P("year:the-year", "Revenue rose 8% in the year 2023.", "year 2023", D(2023, 1, 1), D(2023, 12, 31),
      period_kind="year"),
    P("year:full-year", "Revenue for full year 2023 rose 8%.", "full year 2023", D(2023, 1, 1), D(2023, 12, 31),
      period_kind="year"),
    P("year:full-year-hyphen", "Full-year 2023 revenue rose 8%.", "Full-year 2023", D(2023, 1, 1), D(2023, 12, 31),
      period_kind="year"),
    P("year:calendar-year", "Revenue for calendar year 2023 rose 8%.", "calendar year 2023", D(2023, 1, 1),
      D(2023, 12, 31), period_kind="year"),
    P("year:after-on", "Sales rose 9% on 2022 levels.", "2022", D(2022, 1, 1), D(2022, 12, 31)),
    P("year:headline-after-capitalised-verb", "Acme Reports 2023 Annual Results\n\nRevenue rose 8%.", "2023",
      D(2023, 1, 1), D(2023, 12, 31)),
    P("year:before-1990", "The company was incorporated in 1987 in Mumbai.", "1987", D(1987, 1, 1),
      D(1987, 12, 31)),
    # fiscal years: the calendar is unknown, so the label is kept and the dates are null
    P("fiscal:fiscal-2024-unknown-calendar", "Revenue for fiscal 2024 rose 8%.", "fiscal 2024", None, None,
      fiscal_year=2024, fiscal_period="FY"),
    P("fiscal:FY2024-unknown-calendar", "FY2024 revenue rose 8%.", "FY2024", None, None,
      fiscal_year=2024, fiscal_period="FY"),
    P("fiscal:FY24-unknown-calendar", "FY24 revenue rose 8%.", "FY24", None, None,
      fiscal_year=2024, fiscal_period="FY"),
    P("fiscal:fiscal-year-2025-unknown-calendar", "Revenue for fiscal year 2025 is expected to rise.",
      "fiscal year 2025", None, None, fiscal_year=2025, fiscal_period="FY"),
    P("fiscal:third-quarter-of-fiscal-2024-unknown-calendar", "Revenue for the third quarter of fiscal 2024 rose.",
      "third quarter of fiscal 2024", None, None, fiscal_year=2024, fiscal_period="Q3"),
    P("fiscal:bullet-fiscal-2024-unknown-calendar", "Outlook\n- Fiscal 2024 revenue of $515 million.",
      "Fiscal 2024", None, None, fiscal_year=2024, fiscal_period="FY"),
    P("fiscal:fiscal-year-ended-june-30", "Revenue for the fiscal year ended June 30, 2024 rose 8%.",
      "fiscal year ended June 30, 2024", D(2023, 7, 1), D(2024, 6, 30), fiscal_period="FY"),
    # quarters
    P("quarter:Q3-2023", "Revenue in Q3 2023 rose 8%.", "Q3 2023", D(2023, 7, 1), D(2023, 9, 30),
      period_kind="quarter", fiscal_period="Q3"),
    P("quarter:2024-Q1", "Revenue in 2024 Q1 rose 8%.", "2024 Q1", D(2024, 1, 1), D(2024, 3, 31),
      fiscal_period="Q1"),
    P("quarter:2024Q3-glued", "Revenue in 2024Q3 rose 8%.", "2024Q3", D(2024, 7, 1), D(2024, 9, 30),
      period_kind="quarter"),
    P("half:2016H2-glued", "Sales in 2016H2 rose 8%.", "2016H2", D(2016, 7, 1), D(2016, 12, 31), period_kind="half"),
    P("half:first-half-year-2025", "Acme reports its First Half-year 2025 results.", "First Half-year 2025",
      D(2025, 1, 1), D(2025, 6, 30), period_kind="half"),
    P("quarter:3Q23-unknown-calendar", "3Q23 revenue rose 8%.", "3Q23", None, None,
      period_kind="quarter", fiscal_year=2023, fiscal_period="Q3"),
    P("quarter:3Q23-calendar-stated", "Revenue for the year ended December 31, 2023 rose. 3Q23 revenue rose 8%.",
      "3Q23", D(2023, 7, 1), D(2023, 9, 30), fiscal_year=2023, fiscal_period="Q3"),
    P("quarter:third-quarter-of-2023", "Revenue in the third quarter of 2023 rose 8%.", "third quarter of 2023",
      D(2023, 7, 1), D(2023, 9, 30), period_kind="quarter", fiscal_period="Q3"),
    P("quarter:fourth-quarter-no-year", "Fourth-quarter revenue rose 8%.", "Fourth-quarter", None, None,
      period_kind="quarter", fiscal_period="Q4"),
    P("quarter:fourth-quarter-year-from-headline",
      "Acme Reports Fourth-Quarter 2023 Results\n\nFourth-quarter revenue rose 8%.", "Fourth-quarter",
      D(2023, 10, 1), D(2023, 12, 31), period_kind="quarter", fiscal_period="Q4"),
    P("quarter:Q3-FY2024-unknown-calendar", "Revenue in Q3 FY2024 rose 8%.", "Q3 FY2024", None, None,
      fiscal_year=2024, fiscal_period="Q3"),
    P("quarter:quarter-ended", "Revenue for the quarter ended March 31, 2024 rose 8%.",
      "quarter ended March 31, 2024", D(2024, 1, 1), D(2024, 3, 31)),
    # halves
    P("half:H1-2024", "Revenue in H1 2024 rose 8%.", "H1 2024", D(2024, 1, 1), D(2024, 6, 30),
      period_kind="half", fiscal_period="H1"),
    P("half:1H24-unknown-calendar", "1H24 revenue rose 8%.", "1H24", None, None,
      period_kind="half", fiscal_year=2024, fiscal_period="H1"),
    P("half:1H24-calendar-stated", "Revenue for the year ended December 31, 2023 rose. 1H24 revenue rose 8%.",
      "1H24", D(2024, 1, 1), D(2024, 6, 30), fiscal_period="H1"),
    P("half:1H24-financial-year-is-calendar-year",
      "The group's financial year is the calendar year. 1H24 revenue rose 8%.", "1H24",
      D(2024, 1, 1), D(2024, 6, 30), fiscal_period="H1"),
    P("half:H2-fiscal-year-coincides-with-calendar-year",
      "Our fiscal year coincides with the calendar year. H2 2024 revenue rose 8%.", "H2 2024",
      D(2024, 7, 1), D(2024, 12, 31), fiscal_period="H2"),
    P("half:first-half-of-2023", "Revenue in the first half of 2023 rose 8%.", "first half of 2023",
      D(2023, 1, 1), D(2023, 6, 30), period_kind="half", fiscal_period="H1"),
    P("half:second-half-of-2025", "Production should rise in the second half of 2025.", "second half of 2025",
      D(2025, 7, 1), D(2025, 12, 31), period_kind="half", fiscal_period="H2"),
    P("half:six-months-ended", "Revenue for the six months ended June 30, 2024 rose 8%.",
      "six months ended June 30, 2024", D(2024, 1, 1), D(2024, 6, 30)),
    # nine months, year ended
    P("nine-months:ended-september-30", "Revenue for the nine months ended September 30, 2024 rose 8%.",
      "nine months ended September 30, 2024", D(2024, 1, 1), D(2024, 9, 30), fiscal_period="9M"),
    P("year-ended:december-31", "Revenue for the year ended December 31, 2023 rose 8%.",
      "year ended December 31, 2023", D(2023, 1, 1), D(2023, 12, 31), fiscal_period="FY"),
    P("year-ended:day-first", "Revenue for the year ended 31 March 2024 rose 8%.",
      "year ended 31 March 2024", D(2023, 4, 1), D(2024, 3, 31)),
    # months
    P("month:March-2024", "Revenue in March 2024 rose 8%.", "March 2024", D(2024, 3, 1), D(2024, 3, 31),
      period_kind="month"),
    P("month:Feb-abbrev-2024", "Revenue in Feb. 2024 rose 8%.", "Feb. 2024", D(2024, 2, 1), D(2024, 2, 29),
      period_kind="month"),
    # year-to-date: runs to the release date, and is null without one (never today)
    P("ytd:reference-date", "Year-to-date revenue rose 8%.", "Year-to-date", D(2024, 1, 1), D(2024, 5, 7),
      kw={"reference_date": D(2024, 5, 7)}, period_kind="ytd"),
    P("ytd:dateline", "TORONTO, May 7, 2024 -- Acme reported. Year-to-date revenue rose 8%.", "Year-to-date",
      D(2024, 1, 1), D(2024, 5, 7), period_kind="ytd"),
    P("ytd:no-reference-is-null", "Year-to-date revenue rose 8%.", "Year-to-date", None, None, period_kind="ytd"),
    P("ytd:period-ended", "Revenue for the year-to-date period ended February 16, 2024 rose 8%.",
      "year-to-date period ended February 16, 2024", D(2024, 1, 1), D(2024, 2, 16), period_kind="ytd"),
    P("ytd:followed-by-comma", "Year-to-date, revenue rose 8%.", "Year-to-date", D(2024, 1, 1), D(2024, 5, 7),
      kw={"reference_date": D(2024, 5, 7)}),
    # trailing twelve months
    P("ttm:ended", "Revenue for the trailing twelve months ended March 31, 2024 rose 8%.",
      "trailing twelve months ended March 31, 2024", D(2023, 4, 1), D(2024, 3, 31)),
    P("ttm:unanchored-is-null", "Revenue over the trailing twelve months rose 8%.", "trailing twelve months",
      None, None, period_kind="ttm"),
    P("ttm:label", "TTM revenue rose 8%.", "TTM", None, None),
    # instants: start == end
    P("instant:as-of", "Cash was $5 million as of December 31, 2023.", "December 31, 2023",
      D(2023, 12, 31), D(2023, 12, 31), period_kind="instant"),
    P("instant:on", "The acquisition closed on December 28, 2023.", "December 28, 2023",
      D(2023, 12, 28), D(2023, 12, 28), period_kind="instant"),
    P("instant:day-first", "Net debt at 30 June 2024 was lower.", "30 June 2024", D(2024, 6, 30), D(2024, 6, 30),
      period_kind="instant"),
    P("instant:dotted", "Net debt as at 30.06.2024 was lower.", "30.06.2024", D(2024, 6, 30), D(2024, 6, 30),
      period_kind="instant"),
    P("instant:iso", "The record date is 2024-03-19 for all holders.", "2024-03-19", D(2024, 3, 19),
      D(2024, 3, 19), period_kind="instant"),
    P("instant:the-end-of-2023", "Headcount rose by the end of 2023.", "the end of 2023", D(2023, 12, 31),
      D(2023, 12, 31), period_kind="instant"),
    P("instant:at-year-end", "Cash at year-end 2024 was higher.", "year-end 2024", D(2024, 12, 31), D(2024, 12, 31),
      period_kind="instant"),
    P("instant:from-year-end", "Assets rose from $15.0 million from year end 2024.", "year end 2024",
      D(2024, 12, 31), D(2024, 12, 31), period_kind="instant"),
    P("instant:year-then-year-end", "Net debt fell compared to 2024 year-end.", "2024 year-end", D(2024, 12, 31),
      D(2024, 12, 31), period_kind="instant"),
    P("year:year-end-results", "Acme Reports Fourth Quarter and Year-End 2024 Financial Results", "Year-End 2024",
      D(2024, 1, 1), D(2024, 12, 31)),
    P("instant:the-end-of-a-month", "As of the end of June 2026, total assets were higher.", "the end of June 2026",
      D(2026, 6, 30), D(2026, 6, 30), period_kind="instant"),
    # spans
    P("span:en-dash", "The 2020–2030 plan targets net zero.", "2020–2030", D(2020, 1, 1), D(2030, 12, 31),
      period_kind="span"),
    P("span:hyphen", "The 2020-2030 plan targets net zero.", "2020-2030", D(2020, 1, 1), D(2030, 12, 31),
      period_kind="span"),
    P("span:from-to", "Revenue grew from 2021 to 2023.", "from 2021 to 2023", D(2021, 1, 1), D(2023, 12, 31),
      period_kind="span"),
    P("span:between-and", "Revenue doubled between 2021 and 2023.", "between 2021 and 2023", D(2021, 1, 1),
      D(2023, 12, 31), period_kind="span"),
    # dates and months glued with hyphens or slashes, as tables and Indian and European releases write them
    P("date:dd-mon-yyyy", "The record date is 05-Aug-2024 for all holders.", "05-Aug-2024", D(2024, 8, 5),
      D(2024, 8, 5), period_kind="instant"),
    P("date:dd/mon/yyyy", "Bonds mature on 23/Sep/2030.", "23/Sep/2030", D(2030, 9, 23), D(2030, 9, 23)),
    P("date:mon-dd-yyyy", "Bonds mature on Sep-23-2030.", "Sep-23-2030", D(2030, 9, 23), D(2030, 9, 23)),
    P("date:padded-ordinal-day", "The dividend is paid on 04th Jan 2025.", "04th Jan 2025", D(2025, 1, 4),
      D(2025, 1, 4)),
    P("month:mon-yyyy", "Sales in Dec-2023 rose 4%.", "Dec-2023", D(2023, 12, 1), D(2023, 12, 31),
      period_kind="month"),
    P("month:of-year", "Sales in June of 2023 rose 4%.", "June of 2023", D(2023, 6, 1), D(2023, 6, 30),
      period_kind="month"),
    P("month:spaced-comma", "Sales in November , 2023 rose 4%.", "November , 2023", D(2023, 11, 1),
      D(2023, 11, 30), period_kind="month"),
    P("month:range-slashed", "Sales from Dec/2023-May/2024 rose 4%.", "from Dec/2023-May/2024", D(2023, 12, 1),
      D(2024, 5, 31)),
    # retailers' 52/53-week years: a period of whole weeks
    P("weeks:39-week-period-ended", "Net income for the 39-week fiscal period ended November 2, 2024 rose.",
      "39-week fiscal period ended November 2, 2024", D(2024, 2, 4), D(2024, 11, 2), period_kind="nine_months"),
    P("weeks:13-week-period-ended", "Sales for the 13-week period ended February 1, 2025 rose.",
      "13-week period ended February 1, 2025", D(2024, 11, 3), D(2025, 2, 1), period_kind="quarter"),
    # "the first nine months" without a year: of the year the release reports
    P("nine-months:first-without-year", "Acme Reports Third Quarter 2025 Results\n\nFor the first nine months, "
      "revenue rose 8%.", "first nine months", D(2025, 1, 1), D(2025, 9, 30), period_kind="nine_months"),
    P("half:first-six-months-of-the-year", "Acme Reports Second Quarter 2025 Results\n\nIn the first six months "
      "of the year, revenue rose 8%.", "first six months of the year", D(2025, 1, 1), D(2025, 6, 30)),
    P("half:first-half-of-the-year", "HAMBURG, September 18, 2025 - In the first half of the year, stays rose 34%.",
      "first half of the year", D(2025, 1, 1), D(2025, 6, 30)),
    P("nine-months:after-nine-months", "Acme Reports Third Quarter 2025 Results\n\nRevenue after nine months was "
      "EUR 1.2 billion.", "after nine months", D(2025, 1, 1), D(2025, 9, 30)),
    P("ytd:ytd-quarter-label", "EBIT: +11% to EUR 24.5 million (YTD Q3 2024: EUR 22.1 million)", "YTD Q3 2024",
      D(2024, 1, 1), D(2024, 9, 30)),
    P("quarter:label-slash-year", "Preliminary Q3/2025 EBITDA reached EUR 136 million.", "Q3/2025", D(2025, 7, 1),
      D(2025, 9, 30)),
    P("half:label-slash-year", "Cash rose in H1/2025.", "H1/2025", D(2025, 1, 1), D(2025, 6, 30)),
    # a part of the year that "last year", "this year", "next year" names, from the release date
    P("relative:quarter-of-last-year", "TORONTO, May 7, 2024 -- Sales beat the fourth quarter of last year.",
      "fourth quarter of last year", D(2023, 10, 1), D(2023, 12, 31), period_kind="quarter", relative=True),
    P("relative:label-this-year", "TORONTO, May 7, 2024 -- Acme expects growth in Q3 this year.", "Q3 this year",
      D(2024, 7, 1), D(2024, 9, 30), relative=True),
    P("relative:half-of-next-year", "TORONTO, May 7, 2024 -- Acme expects growth in the first half of next year.",
      "first half of next year", D(2025, 1, 1), D(2025, 6, 30)),
    P("relative:month-next-year", "TORONTO, May 7, 2024 -- The plant opens in June next year.", "June next year",
      D(2025, 6, 1), D(2025, 6, 30), period_kind="month"),
    P("relative:no-reference-is-null", "Acme expects growth in the third quarter of this year.",
      "third quarter of this year", None, None),
    P("month:range-in-year", "Sales from April to June in 2023 rose 4%.", "from April to June in 2023",
      D(2023, 4, 1), D(2023, 6, 30)),
    # the first or last N months of a year
    P("months:first-four-of-year", "Revenue in the first four months of 2024 was $5 million.",
      "first four months of 2024", D(2024, 1, 1), D(2024, 4, 30)),
    P("months:last-three-of-year", "Revenue in the last three months of 2023 was $5 million.",
      "last three months of 2023", D(2023, 10, 1), D(2023, 12, 31)),
    P("months:final-two-digits", "Orders in the final 2 months of 2023 doubled.", "final 2 months of 2023",
      D(2023, 11, 1), D(2023, 12, 31)),
    P("months:first-two-of-the-year", "TORONTO, March 4, 2024 -- Sales in the first two months of the year rose 5%.",
      "first two months of the year", D(2024, 1, 1), D(2024, 2, 29)),
    P("months:last-two-of-fiscal-year", "Acme's fiscal year ended June 30, 2024. Sales in the last two months of "
      "fiscal 2024 rose.", "last two months of fiscal 2024", D(2024, 5, 1), D(2024, 6, 30), fiscal_year=2024),
    P("months:last-of-a-year-not-over-are-the-months-past", "BERLIN - November 18, 2025 - Acme closed the last "
      "nine months of 2025 with revenue of EUR 196.5 million.", "nine months of 2025", D(2025, 1, 1), D(2025, 9, 30)),
    # a month or quarter with an apostrophe year ("June '24", "Q2 '24"): the year is the label's, not the
    # reference date's (a bug: "Q2 '24" written in 2026 was Q2 2026, "June '24" the last June)
    P("month:apostrophe-year", "TORONTO, January 5, 2026 -- Sales in June '24 rose.", "June '24",
      D(2024, 6, 1), D(2024, 6, 30)),
    P("quarter:apostrophe-year-is-a-fiscal-label", "TORONTO, January 5, 2026 -- Sales in Q2 ’24 rose.", "Q2 ’24",
      None, None, fiscal_year=2024),
    # months that have not begun can only be the year's final ones (a bug: "the last four months of
    # 2021" written in 2018 was read as the four months before the release date)
    P("months:last-of-a-year-to-come-are-its-final-months", "TORONTO, March 4, 2018 -- Acme expects "
      "deliveries in the last four months of 2021.", "last four months of 2021", D(2021, 9, 1), D(2021, 12, 31)),
    P("months:last-of-the-current-year-not-begun", "TORONTO, March 4, 2024 -- Acme expects deliveries in the "
      "last four months of 2024.", "last four months of 2024", D(2024, 9, 1), D(2024, 12, 31)),
    P("months:fiscal-unknown-calendar", "Sales in the first 11 months of fiscal 2024 rose.",
      "first 11 months of fiscal 2024", None, None),
    P("months:last-months-without-year-stay-trailing", "TORONTO, March 4, 2024 -- Sales in the last three months "
      "rose.", "last three months", D(2023, 12, 4), D(2024, 3, 3)),
]


@pytest.mark.parametrize(("text", "surface", "occurrence", "kw", "expect"), FORMS)
def test_period_form(text: str, surface: str, occurrence: int, kw: dict[str, Any], expect: dict[str, Any]) -> None:
    result = _extract(text, **kw)
    _check(_the_period(result, surface, occurrence), expect)


NOT_PERIODS = [
    pytest.param("The company operates 2,023 stores in 38 states.", "2,023", id="thousands-separated-count"),
    pytest.param("Call +86 138-2010-2015 for details.", "2010-2015", id="phone-number-+86"),
    pytest.param("Call +86 138-2010-2015 for details.", "2015", id="phone-number-last-group"),
    pytest.param("Call (503) 555-2023 for details.", "2023", id="phone-number-us"),
    pytest.param("The Aurora Nexus 2020 phone sold well.", "2020", id="product-name"),
    pytest.param("Orders rose 2,024 units to 9,100.", "2,024", id="count-2024"),
    pytest.param("The Decade-2030 plan targets net zero.", "2030", id="month-letters-inside-a-word"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_PERIODS)
def test_not_a_period(text: str, surface: str) -> None:
    result = _extract(text)
    assert _periods_over(result, _locate(text, surface)) == []


def test_phone_number_yields_no_mention_at_all() -> None:
    text = "Media contact: +86 138-2010-2015"
    result = _extract(text)
    span = _locate(text, "+86 138-2010-2015")
    assert [m.text for m in result.mentions if m.start < span[1] and span[0] < m.end] == []


# period_kind uses the vocabulary the Period model documents ("year, quarter, half, nine_months,
# month, instant, span, ytd, ttm...")
KINDS = [
    pytest.param("Revenue for the twelve months ended March 31, 2024 rose.", "twelve months ended March 31, 2024",
                 "year", id="twelve-months-ended"),
    pytest.param("Revenue for the nine months ended September 30, 2024 rose 8%.",
                 "nine months ended September 30, 2024", "nine_months", id="nine-months-ended"),
    pytest.param("Revenue for the six months ended June 30, 2024 rose 8%.", "six months ended June 30, 2024",
                 "half", id="six-months-ended"),
    pytest.param("Revenue for the trailing twelve months ended March 31, 2024 rose 8%.",
                 "trailing twelve months ended March 31, 2024", "ttm", id="ttm-ended"),
    pytest.param("TTM revenue rose 8%.", "TTM", "ttm", id="ttm-label"),
    pytest.param("Revenue for the quarter ended March 31, 2024 rose 8%.", "quarter ended March 31, 2024",
                 "quarter", id="quarter-ended"),
]


@pytest.mark.parametrize(("text", "surface", "kind"), KINDS)
def test_period_kind_vocabulary(text: str, surface: str, kind: str) -> None:
    assert _the_period(_extract(text), surface).period_kind == kind


def test_period_mentions_offsets_and_order() -> None:
    text = ("In fiscal 2024 (the year ended June 30, 2024), revenue in Q3 FY2024 rose 8% over 3Q23, and "
            "H1 2024 margins were flat from the first half of 2023; 2020–2030 targets stand as of "
            "December 31, 2023.")
    result = _extract(text)
    last = 0
    for m in result.mentions:
        assert text[m.start : m.end] == m.text
        assert m.start >= last
        last = m.end
    assert [m.text for m in result.by_type("period")] == [
        "fiscal 2024", "year ended June 30, 2024", "Q3 FY2024", "3Q23", "H1 2024", "first half of 2023",
        "2020–2030", "December 31, 2023"]


# --------------------------------------------------------------------------- 2. fiscal calendars
_NW = "Northwind expects revenue for fiscal 2024 to grow 9%. In the third quarter, revenue rose 12%."
_NW_STATED = ("For the fiscal year ended June 30, 2024, revenue is expected to rise. Revenue for fiscal 2024 "
              "should grow 9%, and third quarter revenue rose 12%.")

FISCAL = [
    P("caller:fiscal-2024", _NW, "fiscal 2024", D(2023, 7, 1), D(2024, 6, 30), kw={"fiscal_year_end": JUNE},
      fiscal_year=2024, fiscal_period="FY"),
    P("caller:third-quarter", _NW, "third quarter", D(2024, 1, 1), D(2024, 3, 31), kw={"fiscal_year_end": JUNE},
      fiscal_year=2024, fiscal_period="Q3"),
    P("caller:leading-dashes", _NW, "fiscal 2024", D(2023, 7, 1), D(2024, 6, 30),
      kw={"fiscal_year_end": "--06-30"}),
    P("caller:FY24", "FY24 revenue rose 8%.", "FY24", D(2023, 7, 1), D(2024, 6, 30), kw={"fiscal_year_end": JUNE},
      fiscal_year=2024, fiscal_period="FY"),
    P("caller:3Q24", "3Q24 revenue rose 8%.", "3Q24", D(2024, 1, 1), D(2024, 3, 31), kw={"fiscal_year_end": JUNE},
      fiscal_year=2024, fiscal_period="Q3"),
    P("caller:Q3-FY2024", "Revenue in Q3 FY2024 rose 8%.", "Q3 FY2024", D(2024, 1, 1), D(2024, 3, 31),
      kw={"fiscal_year_end": JUNE}, fiscal_year=2024, fiscal_period="Q3"),
    P("caller:third-quarter-of-fiscal-2024", "Revenue in the third quarter of fiscal 2024 rose 8%.",
      "third quarter of fiscal 2024", D(2024, 1, 1), D(2024, 3, 31), kw={"fiscal_year_end": JUNE},
      fiscal_year=2024, fiscal_period="Q3"),
    P("caller:first-half-of-fiscal-2024", "Revenue in the first half of fiscal 2024 rose 8%.",
      "first half of fiscal 2024", D(2023, 7, 1), D(2023, 12, 31), kw={"fiscal_year_end": JUNE},
      fiscal_year=2024, fiscal_period="H1"),
    P("caller:nine-months-ended-march", "Revenue for the nine months ended March 31, 2024 rose 8%.",
      "nine months ended March 31, 2024", D(2023, 7, 1), D(2024, 3, 31), kw={"fiscal_year_end": JUNE}),
    P("caller:bare-year-is-fiscal-year", "Revenue in 2024 rose 8%.", "2024", D(2023, 7, 1), D(2024, 6, 30),
      kw={"fiscal_year_end": JUNE}, fiscal_year=2024),
    P("caller:calendar-2024", "Revenue in calendar 2024 rose 8%.", "calendar 2024", D(2024, 1, 1),
      D(2024, 12, 31), kw={"fiscal_year_end": JUNE}, fiscal_year=None),
    P("caller:2024-calendar-year", "Revenue in the 2024 calendar year rose 8%.", "2024 calendar year", D(2024, 1, 1),
      D(2024, 12, 31), kw={"fiscal_year_end": JUNE}, fiscal_year=None),
    P("caller:second-half-of-2023-is-not-fiscal-H2-2023", "Revenue in the second half of 2023 rose 8%.",
      "second half of 2023", D(2023, 7, 1), D(2023, 12, 31), kw={"fiscal_year_end": JUNE}, fiscal_year=None,
      marks=bug("with a June year end, the calendar half 'second half of 2023' (Jul-Dec 2023, which is H1 of "
                "fiscal 2024) is labelled fiscal_year=2023 / H2")),
    P("caller:9M-FY25", "Revenue for 9M FY25 rose 8%.", "9M FY25", D(2024, 4, 1), D(2024, 12, 31),
      kw={"fiscal_year_end": "03-31"}, fiscal_year=2025, fiscal_period="9M"),
    P("stated:fiscal-year-ended", _NW_STATED, "fiscal year ended June 30, 2024", D(2023, 7, 1), D(2024, 6, 30)),
    P("stated:fiscal-2024", _NW_STATED, "fiscal 2024", D(2023, 7, 1), D(2024, 6, 30), fiscal_year=2024,
      fiscal_period="FY"),
    P("stated:third-quarter", _NW_STATED, "third quarter", D(2024, 1, 1), D(2024, 3, 31), fiscal_year=2024,
      fiscal_period="Q3"),
    P("stated:quarter-of-fiscal-year-ended",
      "Revenue for the second quarter of fiscal 2024 ended December 31, 2023 rose. Fiscal 2024 will be strong.",
      "Fiscal 2024", D(2023, 7, 1), D(2024, 6, 30), fiscal_year=2024),
    P("caller-beats-text", _NW_STATED, "fiscal 2024", D(2023, 10, 1), D(2024, 9, 30),
      kw={"fiscal_year_end": "09-30"}, fiscal_year=2024),
    P("unknown:FY24-keeps-label", "Guidance for FY24 was raised.", "FY24", None, None, fiscal_year=2024,
      fiscal_period="FY"),
    P("unknown:fiscal-2025-keeps-label", "Guidance for fiscal 2025 was raised.", "fiscal 2025", None, None,
      fiscal_year=2025, fiscal_period="FY"),
]


@pytest.mark.parametrize(("text", "surface", "occurrence", "kw", "expect"), FISCAL)
def test_fiscal_calendar(text: str, surface: str, occurrence: int, kw: dict[str, Any],
                         expect: dict[str, Any]) -> None:
    _check(_the_period(_extract(text, **kw), surface, occurrence), expect)


@pytest.mark.parametrize(("text", "kw", "fye"), [
    pytest.param(_NW, {"fiscal_year_end": JUNE}, "06-30", id="caller"),
    pytest.param(_NW_STATED, {}, "06-30", id="stated"),
    pytest.param(_NW_STATED, {"fiscal_year_end": "09-30"}, "09-30", id="caller-beats-text"),
    pytest.param("Revenue for the year ended December 31, 2023 rose.", {}, "12-31", id="stated-calendar-year"),
    pytest.param(_NW, {}, None, id="unknown"),
])
def test_context_fiscal_year_end(text: str, kw: dict[str, Any], fye: str | None) -> None:
    assert _extract(text, **kw).context.fiscal_year_end == fye


@pytest.mark.parametrize("value", ["13-45", "02-30", "00-10", "June 30", "06/30", "0630", ""])
def test_invalid_fiscal_year_end_raises(value: str) -> None:
    with pytest.raises(finfacts.FinfactsError, match=r"\[E011\]"):
        finfacts.extract("Revenue for fiscal 2024 rose.", fiscal_year_end=value)


# --------------------------------------------------------------------------- pure functions
JUNE_CAL = Calendar(6, 30, True)
MARCH_CAL = Calendar(3, 31, True)
DEC_CAL = Calendar(12, 31, True)


def R(case_id: str, text: str, cal: Calendar | None, start: dt.date | None, end: dt.date | None, *,
      reference: dt.date | None = None, default_year: int | None = None, marks: Any = (), **extra: Any) -> Any:
    expect = {"start": start, "end": end, **extra}
    return pytest.param(text, cal, reference, default_year, expect, id=case_id, marks=marks)


RESOLVE = [
    R("2023", "2023", None, D(2023, 1, 1), D(2023, 12, 31), kind="year", fiscal_year=None),
    R("the-year-2023", "the year 2023", None, D(2023, 1, 1), D(2023, 12, 31), kind="year"),
    R("full-year-2023", "full year 2023", None, D(2023, 1, 1), D(2023, 12, 31)),
    R("2024-june-calendar", "2024", JUNE_CAL, D(2023, 7, 1), D(2024, 6, 30), fiscal_year=2024),
    R("calendar-2025-march-calendar", "calendar 2025", MARCH_CAL, D(2025, 1, 1), D(2025, 12, 31), fiscal_year=None),
    R("calendar-year-2025-june-calendar", "2025 calendar year", JUNE_CAL, D(2025, 1, 1), D(2025, 12, 31),
      fiscal_year=None),
    R("2025-march-calendar-is-fiscal", "2025", MARCH_CAL, D(2024, 4, 1), D(2025, 3, 31), fiscal_year=2025),
    R("fiscal-2024-unknown", "fiscal 2024", None, None, None, fiscal_year=2024, fiscal_period="FY"),
    R("fiscal-2024-june", "fiscal 2024", JUNE_CAL, D(2023, 7, 1), D(2024, 6, 30), fiscal_year=2024),
    R("FY2024-june", "FY2024", JUNE_CAL, D(2023, 7, 1), D(2024, 6, 30), fiscal_year=2024, fiscal_period="FY"),
    R("FY24-unknown", "FY24", None, None, None, fiscal_year=2024, fiscal_period="FY"),
    R("FY24-calendar-known", "FY24", DEC_CAL, D(2024, 1, 1), D(2024, 12, 31), fiscal_year=2024),
    R("FY'24-june", "FY'24", JUNE_CAL, D(2023, 7, 1), D(2024, 6, 30)),
    R("fiscal-year-2025-june", "fiscal year 2025", JUNE_CAL, D(2024, 7, 1), D(2025, 6, 30)),
    R("2024-financial-year-march", "2024 financial year", MARCH_CAL, D(2023, 4, 1), D(2024, 3, 31)),
    R("fiscal-year-ended", "fiscal year ended June 30, 2024", None, D(2023, 7, 1), D(2024, 6, 30)),
    R("financial-year-ending", "financial year ending March 31, 2026", None, D(2025, 4, 1), D(2026, 3, 31)),
    R("year-ended-month-day-default-year", "year ended June 30", None, D(2023, 7, 1), D(2024, 6, 30),
      default_year=2024),
    R("Q3-2023", "Q3 2023", None, D(2023, 7, 1), D(2023, 9, 30), fiscal_period="Q3"),
    R("Q3-2023-june-is-calendar-quarter", "Q3 2023", JUNE_CAL, D(2023, 7, 1), D(2023, 9, 30)),
    R("Q4'23", "Q4'23", DEC_CAL, D(2023, 10, 1), D(2023, 12, 31)),
    R("3Q23-unknown", "3Q23", None, None, None, fiscal_year=2023, fiscal_period="Q3"),
    R("3Q23-calendar-known", "3Q23", DEC_CAL, D(2023, 7, 1), D(2023, 9, 30)),
    R("third-quarter-of-2023", "third quarter of 2023", None, D(2023, 7, 1), D(2023, 9, 30)),
    R("third-quarter-default-year-june", "the third quarter", JUNE_CAL, D(2024, 1, 1), D(2024, 3, 31),
      default_year=2024, fiscal_year=2024, fiscal_period="Q3"),
    R("fourth-quarter-no-year", "fourth-quarter", None, None, None, fiscal_period="Q4"),
    R("fourth-quarter-default-year", "fourth-quarter", None, D(2023, 10, 1), D(2023, 12, 31), default_year=2023),
    R("Q3-FY2024-june", "Q3 FY2024", JUNE_CAL, D(2024, 1, 1), D(2024, 3, 31), fiscal_year=2024),
    R("Q3-FY26-march", "Q3 FY26", MARCH_CAL, D(2025, 10, 1), D(2025, 12, 31), fiscal_year=2026),
    R("Q1-fiscal-2025-june", "first quarter of fiscal 2025", JUNE_CAL, D(2024, 7, 1), D(2024, 9, 30)),
    R("H1-2024", "H1 2024", None, D(2024, 1, 1), D(2024, 6, 30), fiscal_period="H1"),
    R("H2-2024", "H2 2024", None, D(2024, 7, 1), D(2024, 12, 31), fiscal_period="H2"),
    R("1H24-unknown", "1H24", None, None, None, fiscal_year=2024, fiscal_period="H1"),
    R("1H24-calendar-known", "1H24", DEC_CAL, D(2024, 1, 1), D(2024, 6, 30)),
    R("2H24-june", "2H24", JUNE_CAL, D(2024, 1, 1), D(2024, 6, 30), fiscal_period="H2"),
    R("first-half-of-2023", "first half of 2023", None, D(2023, 1, 1), D(2023, 6, 30)),
    R("first-half-of-2023-june-is-calendar", "first half of 2023", JUNE_CAL, D(2023, 1, 1), D(2023, 6, 30)),
    R("first-half-of-fiscal-2024-june", "first half of fiscal 2024", JUNE_CAL, D(2023, 7, 1), D(2023, 12, 31)),
    R("six-months-ended", "six months ended June 30, 2024", None, D(2024, 1, 1), D(2024, 6, 30)),
    R("6-month-period-ended", "6-month period ended June 30, 2024", None, D(2024, 1, 1), D(2024, 6, 30)),
    R("nine-months-ended", "nine months ended September 30, 2024", None, D(2024, 1, 1), D(2024, 9, 30)),
    R("nine-months-ended-march", "nine months ended March 31, 2024", None, D(2023, 7, 1), D(2024, 3, 31)),
    R("9M-FY25-march", "9M FY25", MARCH_CAL, D(2024, 4, 1), D(2024, 12, 31), fiscal_period="9M"),
    R("three-months-ended", "three months ended March 31, 2024", None, D(2024, 1, 1), D(2024, 3, 31)),
    R("year-ended", "year ended December 31, 2023", None, D(2023, 1, 1), D(2023, 12, 31)),
    R("year-ended-abbrev", "year ended Dec. 31, 2023", None, D(2023, 1, 1), D(2023, 12, 31)),
    R("March-2024", "March 2024", None, D(2024, 3, 1), D(2024, 3, 31), kind="month"),
    R("Feb-2023", "Feb 2023", None, D(2023, 2, 1), D(2023, 2, 28), kind="month"),
    R("March-no-year-no-reference", "March", None, None, None, kind="month"),
    R("March-no-year-reference-before", "March", None, D(2023, 3, 1), D(2023, 3, 31),
      reference=D(2024, 2, 10)),
    R("March-no-year-reference-after", "March", None, D(2024, 3, 1), D(2024, 3, 31), reference=D(2024, 5, 10)),
    R("ytd-reference", "year-to-date", None, D(2024, 1, 1), D(2024, 5, 7), reference=D(2024, 5, 7), kind="ytd"),
    R("ytd-reference-june", "year-to-date", JUNE_CAL, D(2023, 7, 1), D(2024, 5, 7), reference=D(2024, 5, 7),
      fiscal_year=2024),
    R("ytd-no-reference", "YTD", None, None, None, kind="ytd"),
    R("ytd-ended", "year-to-date period ended February 16, 2024", None, D(2024, 1, 1), D(2024, 2, 16)),
    R("ttm-ended", "trailing twelve months ended December 31, 2023", None, D(2023, 1, 1), D(2023, 12, 31)),
    R("ttm-unanchored", "trailing twelve months", None, None, None, kind="ttm"),
    R("ltm-ended", "LTM ended June 30, 2024", None, D(2023, 7, 1), D(2024, 6, 30)),
    R("as-of", "as of December 31, 2023", None, D(2023, 12, 31), D(2023, 12, 31), kind="instant"),
    R("on", "on December 28, 2023", None, D(2023, 12, 28), D(2023, 12, 28), kind="instant"),
    R("as-at-day-first", "as at 31 December 2023", None, D(2023, 12, 31), D(2023, 12, 31)),
    R("end-of-2023", "the end of 2023", None, D(2023, 12, 31), D(2023, 12, 31), kind="instant"),
    R("end-of-fourth-quarter", "end of the fourth quarter 2023", None, D(2023, 12, 31), D(2023, 12, 31)),
    R("end-of-month", "the end of February 2024", None, D(2024, 2, 29), D(2024, 2, 29), kind="instant"),
    R("span-en-dash", "2020–2030", None, D(2020, 1, 1), D(2030, 12, 31), kind="span"),
    R("span-from-to", "from 2021 to 2023", None, D(2021, 1, 1), D(2023, 12, 31), kind="span"),
    R("span-between", "between 2021 and 2023", None, D(2021, 1, 1), D(2023, 12, 31)),
    R("month-range", "January to March 2024", None, D(2024, 1, 1), D(2024, 3, 31), kind="span"),
    R("month-range-across-year", "November to February 2024", None, D(2023, 11, 1), D(2024, 2, 29)),
    R("last-quarter", "last quarter", None, D(2024, 1, 1), D(2024, 3, 31), reference=D(2024, 5, 7)),
    R("next-year", "next year", None, D(2025, 1, 1), D(2025, 12, 31), reference=D(2024, 5, 7)),
    R("this-fiscal-year-june", "this fiscal year", JUNE_CAL, D(2023, 7, 1), D(2024, 6, 30),
      reference=D(2024, 5, 7)),
    R("last-quarter-no-reference-is-null", "last quarter", None, None, None),
    R("this-fiscal-year-unknown-calendar-is-null", "this fiscal year", None, None, None,
      reference=D(2024, 5, 7)),
]


@pytest.mark.parametrize(("text", "cal", "reference", "default_year", "expect"), RESOLVE)
def test_resolve(text: str, cal: Calendar | None, reference: dt.date | None, default_year: int | None,
                 expect: dict[str, Any]) -> None:
    pv = resolve(text, cal, reference, default_year)
    assert pv is not None
    got = {k: getattr(pv, k) for k in expect}
    assert got == expect


@pytest.mark.parametrize("text", ["the quarter", "revenue", "2,023", "138-2010-2015", "2030–2020", "June 31, 2024",
                                  "", "Q5 2023", "fifteenth month of 2024"])
def test_resolve_not_a_period(text: str) -> None:
    assert resolve(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("December 31, 2023", D(2023, 12, 31)),
    ("Dec. 31, 2023", D(2023, 12, 31)),
    ("Sept. 5, 2024", D(2024, 9, 5)),
    ("30 June 2026", D(2026, 6, 30)),
    ("3rd March 2024", D(2024, 3, 3)),
    ("30.06.2025", D(2025, 6, 30)),
    ("1/1/2016", D(2016, 1, 1)),
    ("2024-03-19", D(2024, 3, 19)),
    ("05-Aug-2016", D(2016, 8, 5)),
    ("February 29, 2024", D(2024, 2, 29)),
    ("February\u00a029, 2024", D(2024, 2, 29)),
    ("February 29, 2023", None),
    ("June 31, 2024", None),
    ("2023", None),
    ("March 2024", None),
    ("13/45/2024", None),
])
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("cal", "fy", "start", "end"), [
    pytest.param(Calendar(), 2023, D(2023, 1, 1), D(2023, 12, 31), id="calendar"),
    pytest.param(JUNE_CAL, 2024, D(2023, 7, 1), D(2024, 6, 30), id="june"),
    pytest.param(MARCH_CAL, 2026, D(2025, 4, 1), D(2026, 3, 31), id="march"),
    pytest.param(Calendar(2, 28, True), 2024, D(2023, 3, 1), D(2024, 2, 28), id="feb-28-leap-end"),
    pytest.param(Calendar(2, 1, True, ((2024, D(2024, 2, 3)), (2025, D(2025, 2, 1)))), 2025,
                 D(2024, 2, 4), D(2025, 2, 1), id="stated-52-53-week-ends"),
])
def test_calendar_year(cal: Calendar, fy: int, start: dt.date, end: dt.date) -> None:
    assert cal.year(fy) == (start, end)


@pytest.mark.parametrize(("cal", "fy", "first", "months", "start", "end"), [
    pytest.param(JUNE_CAL, 2024, 7, 3, D(2024, 1, 1), D(2024, 3, 31), id="june-Q3"),
    pytest.param(JUNE_CAL, 2024, 10, 3, D(2024, 4, 1), D(2024, 6, 30), id="june-Q4"),
    pytest.param(JUNE_CAL, 2024, 1, 6, D(2023, 7, 1), D(2023, 12, 31), id="june-H1"),
    pytest.param(Calendar(), 2023, 7, 6, D(2023, 7, 1), D(2023, 12, 31), id="calendar-H2"),
    pytest.param(MARCH_CAL, 2025, 1, 9, D(2024, 4, 1), D(2024, 12, 31), id="march-9M"),
])
def test_calendar_part(cal: Calendar, fy: int, first: int, months: int, start: dt.date, end: dt.date) -> None:
    assert cal.part(fy, first, months) == (start, end)


_Q3_FY24 = PeriodValue(D(2024, 1, 1), D(2024, 3, 31), "quarter", 2024, "Q3")
_Q3_2024 = PeriodValue(D(2024, 7, 1), D(2024, 9, 30), "quarter", None, "Q3")
_FY_JUNE = PeriodValue(D(2023, 7, 1), D(2024, 6, 30), "fiscal_year", 2024, "FY")


@pytest.mark.parametrize(("rule", "words", "reporting", "cal", "start", "end"), [
    pytest.param("period.prior_ref", ["the", "prior-year", "period"], _Q3_FY24, JUNE_CAL,
                 D(2023, 1, 1), D(2023, 3, 31), id="prior-year-period"),
    pytest.param("period.prior_ref", ["the", "previous", "quarter"], _Q3_FY24, JUNE_CAL,
                 D(2023, 10, 1), D(2023, 12, 31), id="previous-quarter"),
    pytest.param("period.prior_ref", ["the", "prior", "quarter"], _Q3_2024, None,
                 D(2024, 4, 1), D(2024, 6, 30), id="prior-quarter"),
    pytest.param("period.year_ago", ["a", "year", "ago"], _Q3_2024, None,
                 D(2023, 7, 1), D(2023, 9, 30), id="a-year-ago"),
    pytest.param("period.reporting_ref", ["the", "quarter"], _Q3_FY24, JUNE_CAL,
                 D(2024, 1, 1), D(2024, 3, 31), id="the-quarter"),
    pytest.param("period.reporting_ref", ["the", "year"], _Q3_FY24, JUNE_CAL,
                 D(2023, 7, 1), D(2024, 6, 30), id="the-year-is-fiscal-year"),
    pytest.param("period.reporting_ref", ["the", "year"], _Q3_2024, None,
                 D(2024, 1, 1), D(2024, 12, 31), id="the-year-calendar"),
    pytest.param("period.prior_ref", ["the", "prior", "year"], _FY_JUNE, JUNE_CAL,
                 D(2022, 7, 1), D(2023, 6, 30), id="prior-year-of-fiscal-year"),
    pytest.param("period.prior_ref", ["the", "prior-year", "period"], None, None, None, None,
                 id="no-reporting-period-is-null"),
])
def test_shift_reporting(rule: str, words: list[str], reporting: PeriodValue | None, cal: Calendar | None,
                         start: dt.date | None, end: dt.date | None) -> None:
    pv = shift_reporting(rule, words, reporting, cal)
    assert (pv.start, pv.end) == (start, end)


# --------------------------------------------------------------------------- 52/53-week years
RETAIL_TEXT = ("Acme Stores, Inc. today reported results for the fourth quarter and fiscal year 2024, the 52 weeks ended "
               "February 1, 2025. Fiscal 2023 comprised 53 weeks and ended February 3, 2024.")


def test_a_retail_calendar_is_learned_from_its_labelled_year_ends() -> None:
    """'fiscal year 2024, the 52 weeks ended February 1, 2025': the year is named by the calendar
    year it starts in, and ends on the Saturday nearest the end of January."""
    from finfacts.doccontext import find_calendar

    cal = find_calendar(RETAIL_TEXT)
    assert (cal.month, cal.offset, cal.weekday) == (1, 1, 5)
    assert cal.year(2024) == (D(2024, 2, 4), D(2025, 2, 1))
    assert cal.year(2023) == (D(2023, 1, 29), D(2024, 2, 3))  # 53 weeks, its start from the rule
    assert cal.fiscal_year_of(D(2025, 1, 15)) == 2024


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("fourth quarter of fiscal 2024", D(2024, 11, 3), D(2025, 2, 1)),   # 13 weeks
    ("fourth quarter of fiscal 2023", D(2023, 10, 29), D(2024, 2, 3)),  # 14 weeks: the 53rd week is the fourth quarter's
    ("first half of fiscal 2024", D(2024, 2, 4), D(2024, 8, 3)),        # 26 weeks
    ("fiscal 2024", D(2024, 2, 4), D(2025, 2, 1)),
])
def test_parts_of_a_52_53_week_year_are_whole_weeks(phrase: str, start: dt.date, end: dt.date) -> None:
    from finfacts.doccontext import find_calendar

    p = resolve(phrase, find_calendar(RETAIL_TEXT))
    assert p is not None and (p.start, p.end) == (start, end)


def test_a_year_ago_in_a_52_53_week_year_is_the_year_before() -> None:
    from finfacts.doccontext import find_calendar

    cal = find_calendar(RETAIL_TEXT)
    q4 = PeriodValue(D(2024, 11, 3), D(2025, 2, 1), "quarter")
    p = shift_reporting("period.year_ago", ["a", "year", "ago"], q4, cal)
    assert (p.start, p.end) == (D(2023, 10, 29), D(2024, 2, 3))


def test_a_quarter_s_end_is_no_year_end() -> None:
    """'the second quarter of fiscal 2024 ("Q2 2024") ended June 30, 2024' names a quarter's end, not
    the fiscal year's: the year's name is not read from it."""
    from finfacts.doccontext import find_calendar

    cal = find_calendar("Results for the second quarter of fiscal 2024 (\u201cQ2 2024\u201d) ended June 30, 2024 and "
                        "for the fiscal year ended December 31, 2023.")
    assert (cal.month, cal.day, cal.offset, cal.weekday) == (12, 31, 0, None)


def test_a_single_stated_end_near_a_month_end_makes_a_52_53_week_year() -> None:
    from finfacts.doccontext import find_calendar

    cal = find_calendar("Revenue for the fiscal year ended September 28, 2024 rose.")
    assert (cal.month, cal.weekday) == (9, 5)
    assert cal.year_end(2023) == D(2023, 9, 30)  # the Saturday nearest September 30, 2023


def test_the_calendar_travels_with_the_doc() -> None:
    from finfacts.doccontext import from_data, infer, to_data

    ctx = infer(RETAIL_TEXT)
    assert from_data(to_data(ctx)).calendar == ctx.calendar


def test_parser_remembers_resolved_periods_per_document_only() -> None:
    # the normalizer's parser resolves each period phrase once per document; every caller gets its
    # own copy, and another document (another context) starts afresh
    from finfacts.doccontext import infer
    from finfacts.normalize.quantities import QuantityParser
    from finfacts.resources import load_rules

    parser = QuantityParser(load_rules().lexicon)
    ctx_a = infer("ACME, March 19, 2024 -- Acme reports", dt.date(2024, 3, 19))
    ctx_b = infer("ACME, March 19, 2025 -- Acme reports", dt.date(2025, 3, 19))
    args = ("last year", ctx_a.calendar, ctx_a.reference_date, None, None)
    first = parser._resolve(*args, ctx_a)
    assert first == resolve(*args)
    first.notes.append("changed by a caller")
    again = parser._resolve(*args, ctx_a)
    assert again == resolve(*args) and again is not first
    other = parser._resolve("last year", ctx_b.calendar, ctx_b.reference_date, None, None, ctx_b)
    assert (other.start, other.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (again.start, again.end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert parser._resolved_for is ctx_b and len(parser._resolved) == 1


@pytest.mark.parametrize(("text", "year"), [
    ("In 2000 customers bought more than ever.", "2000"),
    ("The 2024 Employee Stock Plan was approved.", "2024"),
    ("The plant has 2000 employees.", None),
    ("It opened 2019 stores by year end.", None),
])
def test_year_or_number_of_things(text: str, year: str | None) -> None:
    # "has 2000 employees" counts employees; "In 2000 customers ..." names a year
    periods = [m.text for m in finfacts.extract(text, reference_date=dt.date(2025, 3, 1)).mentions if m.type == "period"]
    assert periods == ([year] if year else [])
