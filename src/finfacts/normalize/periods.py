"""Resolve the text of a period mention to inclusive ISO dates. Doctests are the spec.

A period is resolved against a :class:`Calendar` (the fiscal year end, when the caller or
the document gives one) and a reference date (the release date), never against today.
Where the fiscal calendar cannot be known, the fiscal label is kept and the dates are None.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, field

import regex

from .. import fastre

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
       "one": 1, "two": 2, "three": 3, "four": 4}
SPAN_MONTHS = {"three": 3, "3": 3, "six": 6, "6": 6, "nine": 9, "9": 9, "twelve": 12, "12": 12}

_M = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_Y4 = r"(?P<year>(?:19|20)\d\d)"
_D = r"(?P<day>[0-3]?\d(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
DATE_PATTERNS = [
    regex.compile(rf"^{_M}\s+{_D}\s*,?\s*(?:of\s+)?{_Y4}$"),  # December 31, 2023
    regex.compile(rf"^{_D}\s+(?:of\s+)?{_M}\s*,?\s*(?:of\s+)?{_Y4}$"),  # 31 December 2023
    regex.compile(rf"^{_Y4}-(?P<mo>\d\d?)-(?P<day>\d\d?)$"),  # 2024-03-19
    regex.compile(r"^(?P<day>\d\d?)\.(?P<mo>\d\d?)\.(?P<year>(?:19|20)\d\d)$"),  # 30.06.2025
    regex.compile(r"^(?P<mo>\d\d?)/(?P<day>\d\d?)/(?P<year>(?:19|20)\d\d)$"),  # 1/1/2016 (US order)
    regex.compile(r"^(?P<mo>\d\d?)/(?P<day>\d\d?)/(?P<yy>\d\d)$"),  # 03/18/40
    regex.compile(rf"^{_D} ?[-/] ?{_M} ?[-/] ?{_Y4}$"),  # 05-Aug-2016
    regex.compile(rf"^{_Y4} ?[-/] ?{_M} ?[-/] ?{_D}$"),  # 2019/aug/01
    regex.compile(rf"^{_M} ?[-/] ?{_D} ?[-/] ?{_Y4}$"),  # Sep-23-2020
]


@dataclass(frozen=True)
class Calendar:
    """A fiscal year that ends on ``month``/``day`` (12/31 for a calendar year).

    ``known`` is False when nothing settled it; ``ends`` holds stated 52/53-week year ends.
    """

    month: int = 12
    day: int = 31
    known: bool = False
    ends: tuple[tuple[int, dt.date], ...] = ()
    # a year named by the calendar year it starts in ("fiscal 2024, the 52 weeks ended February 1,
    # 2025"): its end falls in the year after its name
    offset: int = 0
    # a 52/53-week year: it ends on this weekday (0 is Monday) nearest the last day of ``month``
    weekday: int | None = None

    @property
    def is_calendar(self) -> bool:
        return (self.month, self.day) == (12, 31) and self.weekday is None

    def year_end(self, fiscal_year: int) -> dt.date:
        """The last day of a fiscal year, named (as usual) by the calendar year it ends in.

        >>> Calendar(1, 31, True, offset=1, weekday=5).year_end(2022)   # the Saturday nearest Jan 31, 2023
        datetime.date(2023, 1, 28)
        """
        for fy, end in self.ends:
            if fy == fiscal_year:
                return end
        year = fiscal_year + self.offset
        day = min(self.day, _cal.monthrange(year, self.month)[1])
        end = dt.date(year, self.month, day)
        if self.weekday is not None:
            end = nearest_weekday(month_end(end), self.weekday)
        return end

    def fiscal_year_of(self, day: dt.date) -> int:
        """The fiscal year a day falls in.

        >>> Calendar(6, 30, True).fiscal_year_of(dt.date(2024, 7, 1))
        2025
        >>> Calendar(1, 31, True, offset=1, weekday=5).fiscal_year_of(dt.date(2025, 1, 15))   # Feb 2024-Feb 2025
        2024
        """
        fy = day.year - self.offset
        if day > self.year_end(fy):
            return fy + 1
        if day <= self.year_end(fy - 1):
            return fy - 1
        return fy

    def year(self, fiscal_year: int) -> tuple[dt.date, dt.date]:
        """First and last day of a fiscal year.

        >>> Calendar(6, 30, True).year(2024)
        (datetime.date(2023, 7, 1), datetime.date(2024, 6, 30))
        """
        return self.year_end(fiscal_year - 1) + dt.timedelta(days=1), self.year_end(fiscal_year)

    def part(self, fiscal_year: int, first_month: int, months: int) -> tuple[dt.date, dt.date]:
        """Months ``first_month`` (1-based, within the fiscal year) to ``first_month + months - 1``.

        >>> Calendar(6, 30, True).part(2024, 7, 3)   # Q3 of a June year
        (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
        >>> Calendar().part(2023, 7, 6)              # second half of calendar 2023
        (datetime.date(2023, 7, 1), datetime.date(2023, 12, 31))
        """
        start, end = self.year(fiscal_year)
        if self.weekday is not None and (first_month - 1) % 3 == 0 and months % 3 == 0:
            # a 52/53-week year's quarters are 13 weeks each, the last takes a 53rd week
            first = start + dt.timedelta(weeks=(first_month - 1) // 3 * 13)
            last = first + dt.timedelta(weeks=months // 3 * 13, days=-1)
            return first, end if first_month - 1 + months == 12 else last
        first = _add_months(dt.date(start.year, start.month, 1), first_month - 1)
        if first_month == 1:
            first = start
        last = month_end(_add_months(first, months - 1))
        if first_month - 1 + months == 12:
            last = end
        return first, last


def nearest_weekday(day: dt.date, weekday: int) -> dt.date:
    """The date of ``weekday`` nearest to ``day`` (within three days either side).

    >>> nearest_weekday(dt.date(2025, 1, 31), 5), nearest_weekday(dt.date(2024, 1, 31), 5)
    (datetime.date(2025, 2, 1), datetime.date(2024, 2, 3))
    """
    diff = (weekday - day.weekday()) % 7
    return day + dt.timedelta(days=diff if diff <= 3 else diff - 7)


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def month_end(d: dt.date) -> dt.date:
    return dt.date(d.year, d.month, _cal.monthrange(d.year, d.month)[1])


def _months_ending(end: dt.date, months: int) -> tuple[dt.date, dt.date]:
    first = _add_months(dt.date(end.year, end.month, 1), -(months - 1))
    return first, end


def parse_date(text: str) -> dt.date | None:
    """A full date written out with its year.

    >>> parse_date("December 31, 2023"), parse_date("30 June 2026"), parse_date("Dec. 31 , 1994")
    (datetime.date(2023, 12, 31), datetime.date(2026, 6, 30), datetime.date(1994, 12, 31))
    >>> parse_date("30.06.2025"), parse_date("1/1/2016"), parse_date("2018-7-6")
    (datetime.date(2025, 6, 30), datetime.date(2016, 1, 1), datetime.date(2018, 7, 6))
    >>> parse_date("June 31, 2024") is None, parse_date("2023") is None
    (True, True)
    """
    t = " ".join(text.lower().replace("\u00a0", " ").split())
    for rx in DATE_PATTERNS:
        m = rx.match(t)
        if m is None:
            continue
        g = m.groupdict()
        month = MONTHS[g["mon"]] if g.get("mon") else int(g["mo"])
        year = int(g["year"]) if g.get("year") else _year2(g["yy"])
        day_text = g["day"]
        day = NTH.get(day_text) or int(fastre.sub(r"\D", "", day_text))
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


@dataclass
class PeriodValue:
    """A resolved period: dates (inclusive, None when unknowable) and its fiscal label."""

    start: dt.date | None
    end: dt.date | None
    kind: str
    fiscal_year: int | None = None
    fiscal_period: str | None = None
    notes: list[str] = field(default_factory=list)


def _year2(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


_WS = regex.compile(r"\s+")
_DASH = regex.compile(r"[\u2010-\u2015\u2212]")
_LEAD = regex.compile(r"^(?:the|a|an|in|for|during|of)\s+")


def _clean(text: str) -> str:
    t = _DASH.sub("-", text.lower().replace("\u00a0", " ").replace("’", "'"))
    t = _WS.sub(" ", t).strip().rstrip(",;:").replace(" ,", ",")  # "November , 2016"
    return _LEAD.sub("", t)


_QWORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
_HWORD = r"(?P<h>first|second|1st|2nd)"
_FY = r"(?P<fiscal>fiscal(?: year)?|financial year|fy)"
# "the first four months", "the final 2 months": a year's first or last months, one to eleven
_PART_MONTHS = r"(?:the )?(?P<side>first|last|final) (?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|1[01]|[1-9])[- ]months?"
RULES: list[tuple[str, regex.Pattern[str]]] = [
    ("months_ended", regex.compile(
        r"^(?P<n>three|six|nine|twelve|3|6|9|12)[- ]months?(?: period)?s? (?:ended|ending|to|through) (?P<date>.+)$")),
    ("year_ended", regex.compile(
        r"^(?:(?P<fiscal>fiscal|financial) )?(?:full[- ])?year(?: period)? (?:ended|ending|to) (?P<date>.+)$")),
    ("quarter_ended", regex.compile(r"^(?:fiscal )?(?P<pl>quarters?|(?:three|3)[- ]month periods?) (?:ended|ending) (?P<date>.+)$")),
    ("half_ended", regex.compile(r"^(?:half[- ]year|six[- ]month period|interim period) (?:ended|ending) (?P<date>.+)$")),
    ("weeks_ended", regex.compile(
        r"^(?P<w>13|26|39|52|53)[- ]weeks?(?: fiscal)?(?: periods?)? (?:ended|ending|to|through) (?P<date>.+)$")),
    ("ttm", regex.compile(r"^(?:trailing|last) (?:twelve|12)[- ]months?(?: period)?(?: (?:ended|ending) (?P<date>.+))?$")),
    ("ttm_label", regex.compile(r"^(?:ttm|ltm)(?: (?:ended|ending) (?P<date>.+))?$")),
    ("ytd", regex.compile(r"^(?:year[- ]to[- ]date|ytd)(?: period)?(?: (?:ended|ending|through) (?P<date>.+))?$")),
    ("end_of_year", regex.compile(rf"^end of (?:(?P<fiscal>fiscal) (?:year )?)?{_Y4}$")),
    # "year-end 2024", "fiscal year end 2024", "2024 year-end"
    ("end_of_year", regex.compile(rf"^(?:(?P<fiscal>fiscal) )?year[- ]?end(?: of)? {_Y4}$")),
    ("end_of_year", regex.compile(rf"^{_Y4} (?:(?P<fiscal>fiscal) )?year[- ]?end$")),
    ("end_of_quarter", regex.compile(rf"^end of (?:the )?{_QWORD} quarter(?: of)?(?: (?:fiscal )?{_Y4})?$")),
    ("end_of_month", regex.compile(rf"^end of {_M}(?:,? (?:of )?{_Y4})?$")),
    ("quarter", regex.compile(rf"^{_QWORD}[- ]quarter(?: of| in)?(?: {_FY})?(?: {_Y4}| (?P<yy>\d\d))?$")),
    ("quarter", regex.compile(rf"^(?:{_FY} )?q(?P<qn>[1-4])(?:[ ,'/-]*(?:{_FY} ?)?(?:{_Y4}|'?(?P<yy>\d\d)))?$")),
    ("quarter", regex.compile(rf"^{_Y4} q(?P<qn>[1-4])$")),
    ("quarter", regex.compile(r"^(?P<qn>[1-4])q ?(?:fy)?'?(?P<yy>\d\d|(?:19|20)\d\d)$")),
    ("quarter", regex.compile(rf"^{_Y4} {_QWORD} quarter$")),
    ("half", regex.compile(rf"^{_HWORD} half(?:-year)?(?: of| in)?(?: (?:the )?(?:{_FY} ?)?(?:year )?(?:{_Y4}|(?P<yy>\d\d)))?$")),
    ("half", regex.compile(rf"^(?:{_FY} )?h(?P<hn>[12])(?:[ ,'/-]*(?:{_FY} ?)?(?:{_Y4}|'?(?P<yy>\d\d)))?$")),
    ("half", regex.compile(r"^(?P<hn>[12])h ?(?:fy)?'?(?P<yy>\d\d|(?:19|20)\d\d)$")),
    ("half", regex.compile(rf"^(?:interim|half[- ]year) (?:period )?(?:of )?{_Y4}$")),
    ("nine_months", regex.compile(rf"^(?:first )?(?:9m|9 months?|nine months?|nine[- ]month(?: period)?)(?: of| in| to)? (?:{_FY} ?)?(?:{_Y4}|(?P<yy>\d\d))$")),
    ("half", regex.compile(rf"^(?:first )?(?:6m|6 months?|six months?|six[- ]month(?: period)?)(?: of| in| to)? (?:{_FY} ?)?(?:{_Y4}|(?P<yy>\d\d))$")),
    ("nine_months", regex.compile(r"^9m ?(?:fy)?'?(?P<yy>\d\d)$")),
    # "the first nine months (of the year)": of the year the release reports
    ("nine_months", regex.compile(r"^(?:first |after (?:the first )?)(?:nine|9)[- ]months(?: of the (?:fiscal |financial )?year)?$")),
    ("half", regex.compile(r"^(?:first |after (?:the first )?)(?:six|6)[- ]months(?: of the (?:fiscal |financial )?year)?$")),
    # "the first four months of 2024", "the last two months of fiscal 2023" (after the nine and six
    # months above, which keep their own kinds)
    ("part_months", regex.compile(rf"^{_PART_MONTHS} (?:of|in) (?:{_FY} ?)?(?:{_Y4}|(?P<yy>\d\d))$")),
    ("part_months", regex.compile(rf"^{_PART_MONTHS}$")),  # (of "the year": see _OF_RELATIVE_YEAR)
    ("fiscal_year", regex.compile(rf"^(?:full[- ]year )?{_FY} ?(?:year )?(?:{_Y4}|'?(?P<yy>\d\d))(?:/\d\d)?$")),
    ("fiscal_year", regex.compile(rf"^{_Y4} (?P<fiscal>fiscal|financial) year$")),
    ("year", regex.compile(rf"^(?:(?:full|(?P<cal>calendar)|the)[- ])?(?:year )?{_Y4}(?: (?:full[- ]year|(?P<cal2>calendar) year))?$")),
    ("year_range", regex.compile(r"^(?:from |between )?(?P<y1>(?:19|20)\d\d) ?(?:-|~|to|till|until|through|thru|and) ?(?P<y2>(?:19|20)\d\d)$")),
    ("fiscal_year_bare", regex.compile(r"^(?:fiscal|financial) year$")),
    ("month", regex.compile(rf"^{_M}(?:,? (?:of )?{_Y4}| ?'(?P<yy>\d\d))?$")),  # ("june '24")
    ("month", regex.compile(rf"^{_M} ?[-/] ?{_Y4}$")),
    ("year_month", regex.compile(rf"^{_Y4},? {_M}$")),
    ("month_num", regex.compile(rf"^{_Y4} ?[-/.] ?(?P<mo>1[0-2]|0?[1-9])$")),
    ("month_num", regex.compile(rf"^(?P<mo>1[0-2]|0?[1-9]) ?[-/]? ?{_Y4}$")),
    ("quarter", regex.compile(rf"^{_Y4} ?-? ?q(?P<qn>[1-4])$")),
    ("quarter", regex.compile(rf"^q(?P<qn>[1-4]) of {_Y4}$")),
    ("half", regex.compile(rf"^{_Y4} ?-? ?h(?P<hn>[12])$")),
    ("nth_month", regex.compile(rf"^(?P<nth>\w+) month of {_Y4}$")),
    ("calendar_label", regex.compile(r"^cy'?(?P<yy>\d\d|(?:19|20)\d\d)$")),
    ("month_range", regex.compile(
        rf"^(?:from |between )?(?P<m1>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?(?: ?[-/]? ?(?P<y1>(?:19|20)\d\d))? ?(?:-|~|to|through|until|till|and) ?"
        rf"(?P<m2>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?(?:(?:,? (?:in |of )?| ?[-/] ?)(?P<y2>(?:19|20)\d\d))?$")),
    ("relative", regex.compile(
        r"^(?P<rel>this|current|last|previous|prior|past|preceding|next|coming|following|upcoming)"
        r"(?: (?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?(?: (?P<cal>fiscal|calendar))?"
        r" (?P<unit>quarter|month|year|half)s?$")),
    ("relative_month", regex.compile(rf"^(?P<rel>this|last|next|coming|previous|past){{0}}(?P<rel2>this|last|next|coming|previous|past) {_M}$")),
    ("instant", regex.compile(r"^(?:(?:as (?:of|at)|at|on|by|ended|ending|end of) )?(?P<date>.+)$")),
]


def resolve(text: str, cal: Calendar | None = None, reference: dt.date | None = None,
            default_year: int | None = None, kinds: tuple[str, ...] | None = None) -> PeriodValue | None:
    """Resolve a period phrase; ``None`` if the text is not a period.

    ``default_year`` names the (fiscal) year of phrases without one ("the third quarter").

    >>> r = resolve("nine months ended September 30, 2024"); (r.start, r.end)
    (datetime.date(2024, 1, 1), datetime.date(2024, 9, 30))
    >>> r = resolve("third quarter of fiscal 2024", Calendar(6, 30, True)); (r.start, r.end, r.fiscal_period)
    (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31), 'Q3')
    >>> r = resolve("FY24"); (r.start, r.end, r.fiscal_year, r.fiscal_period)
    (None, None, 2024, 'FY')
    >>> r = resolve("fiscal 2024", Calendar(6, 30, True)); (r.start, r.end)
    (datetime.date(2023, 7, 1), datetime.date(2024, 6, 30))
    >>> r = resolve("as of December 31, 2023"); (r.start, r.end, r.kind)
    (datetime.date(2023, 12, 31), datetime.date(2023, 12, 31), 'instant')
    >>> r = resolve("3Q23"); (r.start, r.end)
    (None, None)
    >>> r = resolve("Q3 2023"); (r.start, r.end)
    (datetime.date(2023, 7, 1), datetime.date(2023, 9, 30))
    >>> r = resolve("H1 2024"); (r.start, r.end)
    (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    >>> r = resolve("2020–2030"); (r.start, r.end)
    (datetime.date(2020, 1, 1), datetime.date(2030, 12, 31))
    >>> resolve("the quarter") is None
    True
    """
    cal = cal or Calendar()
    t = _clean(text)
    if (m := _YTD_OF.match(t)) is not None:
        # "YTD Q3 2024": from the start of that quarter's (fiscal) year to its end
        part = resolve(m["rest"], cal, reference, default_year)
        if part is None or part.start is None or part.end is None or part.kind not in ("quarter", "half", "month"):
            return part
        fy = cal.fiscal_year_of(part.end)
        return PeriodValue(cal.year(fy)[0], part.end, "ytd", fiscal_year=fy)
    if (m := _OF_RELATIVE_YEAR.match(t)) is not None and m["rel"]:
        return _of_relative_year(m["head"], m["rel"], bool(m["fiscal"]), cal, reference)
    if m is not None:
        # "the first half of the year": of the year being reported, else of the reference date's year
        found = (resolve(m["head"], cal, reference, default_year) if default_year is not None
                 else _of_relative_year(m["head"], "this", bool(m["fiscal"]), cal, reference))
        if found is not None and found.kind in ("quarter", "half", "month", "nine_months", "ytd", "span"):
            return found
    if kinds is not None:
        # the rule that found the text names the forms to try first (the others follow)
        for kind, rx in RULES:
            if kind in kinds:
                m = rx.match(t)
                if m is not None:
                    out = _apply(kind, m.groupdict(), cal, reference, default_year)
                    if out is not None:
                        return out
    for kind, rx in RULES:
        if kinds is not None and kind in kinds:
            continue
        m = rx.match(t)
        if m is None:
            continue
        out = _apply(kind, m.groupdict(), cal, reference, default_year)
        if out is not None:
            return out
    return None


_YTD_OF = regex.compile(r"^(?:ytd|year[- ]to[- ]date)[ ,]+(?P<rest>(?:q[1-4]|[1-4]q|h[12]|[12]h)\b.*)$")
_OF_RELATIVE_YEAR = regex.compile(
    r"^(?P<head>.+?)(?:,? (?:(?:of|in) )?(?:the )?(?P<rel>this|last|next|current|previous|prior|coming|following)"
    r"| (?:of|in) the) (?P<fiscal>(?:fiscal|financial) )?year$")  # "the first half of the year": this year's


def _of_relative_year(head: str, rel: str, fiscal: bool, cal: Calendar, reference: dt.date | None) -> PeriodValue | None:
    """'the third quarter of last year', 'Q3 this year', 'June next year': a part of the year that
    "last year" (etc.) names on its own, counted from the reference date like it.

    >>> r = resolve("the fourth quarter of last year", reference=dt.date(2024, 5, 7)); (r.start, r.end)
    (datetime.date(2023, 10, 1), datetime.date(2023, 12, 31))
    >>> r = resolve("H1 next fiscal year", Calendar(6, 30, True), dt.date(2024, 5, 7)); (r.start, r.end)
    (datetime.date(2024, 7, 1), datetime.date(2024, 12, 31))
    >>> r = resolve("June next year", reference=dt.date(2024, 5, 7)); (r.start, r.end)
    (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30))
    >>> resolve("the third quarter of this year").start is None
    True
    """
    fiscal = fiscal or (cal.known and not cal.is_calendar)
    use = cal if fiscal else Calendar()
    year = _relative({"rel": rel, "n": None, "unit": "year", "cal": "fiscal" if fiscal else None}, use, reference)
    part = resolve(head, use, reference, year.end.year if year.end is not None else None)
    if part is None or part.kind not in ("quarter", "half", "month", "span"):
        return None
    if year.start is None:
        return PeriodValue(None, None, part.kind, fiscal_period=part.fiscal_period, notes=["relative"])
    if part.kind == "month" and (mon := MONTHS.get(head.rstrip(".,"))) is not None:
        first = dt.date(year.start.year if mon >= year.start.month else year.start.year + 1, mon, 1)
        return PeriodValue(first, month_end(first), "month", notes=["relative"])
    part.notes.append("relative")
    return part


def _label_year(g: dict[str, str | None], default_year: int | None) -> tuple[int | None, bool]:
    """The year a phrase names and whether it was a two-digit label (FY24, 3Q23)."""
    if g.get("year"):
        return int(g["year"]), False  # type: ignore[arg-type]
    if g.get("yy"):
        return _year2(g["yy"]), len(g["yy"] or "") == 2  # type: ignore[arg-type]
    return default_year, False


def _apply(kind: str, g: dict[str, str | None], cal: Calendar, reference: dt.date | None,
           default_year: int | None) -> PeriodValue | None:
    if kind == "weeks_ended":
        # "the 39-week fiscal period ended November 2, 2024" of a retailer's 52/53-week year
        end = parse_date(g["date"] or "") or _month_day(g["date"], default_year, cal)
        if end is None:
            return None
        weeks = int(g["w"])  # type: ignore[arg-type]
        start = end - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
        return PeriodValue(start, end, {13: "quarter", 26: "half", 39: "nine_months"}.get(weeks, "year"))
    if kind in ("months_ended", "year_ended", "quarter_ended", "half_ended", "ttm", "ttm_label", "ytd"):
        end = parse_date(g["date"]) if g.get("date") else None
        if g.get("date") and end is None:
            end = _month_day(g["date"], default_year, cal)  # "year ended June 30"
            if end is None:
                return None
        months = {"year_ended": 12, "quarter_ended": 3, "half_ended": 6, "ttm": 12, "ttm_label": 12}.get(kind)
        if kind == "months_ended":
            months = SPAN_MONTHS[g["n"]]  # type: ignore[index]
        if kind == "ytd":
            end = end or reference  # "year-to-date" runs to the release date unless a date is given
            if end is None:
                return PeriodValue(None, None, "ytd", notes=["relative"])
            fy = cal.fiscal_year_of(end)
            return PeriodValue(cal.year(fy)[0], end, "ytd", fiscal_year=fy)
        if end is None:
            return PeriodValue(None, None, "ttm" if kind.startswith("ttm") else kind, notes=["relative"])
        if kind == "quarter_ended" and (g.get("pl") or "").endswith("s"):
            months = 3
        start, _ = _months_ending(end, months)  # type: ignore[arg-type]
        kind_of = {12: "year", 6: "half", 3: "quarter", 9: "nine_months"}.get(months or 0, kind)
        if kind in ("ttm", "ttm_label"):
            kind_of = "ttm"
        label = {12: "FY", 9: "9M"}.get(months or 0) if kind_of != "ttm" else None
        return PeriodValue(start, end, kind_of, fiscal_period=label)
    if kind == "fiscal_year_bare":
        return PeriodValue(None, None, "fiscal_year", fiscal_period="FY", notes=["no year"])
    if kind == "end_of_year":
        y = int(g["year"])  # type: ignore[arg-type]
        if g.get("fiscal"):
            # the end of a fiscal year is its calendar's; unknown, the label stays and the date is null
            if not (cal.known or cal.is_calendar):
                return PeriodValue(None, None, "instant", fiscal_year=y, fiscal_period="FY")
            end = cal.year_end(y)
            return PeriodValue(end, end, "instant")
        return PeriodValue(dt.date(y, 12, 31), dt.date(y, 12, 31), "instant")
    if kind == "end_of_month":
        # "as of the end of June 2026": the month's last day
        month = _apply("month", g, cal, reference, default_year)
        if month is None or month.end is None:
            return month
        return PeriodValue(month.end, month.end, "instant")
    if kind == "end_of_quarter":
        y, _ = _label_year(g, default_year)
        if y is None:
            return None
        q = ORD[g["q"]]  # type: ignore[index]
        _, end = cal.part(y, 3 * q - 2, 3) if cal.known or cal.is_calendar else (None, None)
        return PeriodValue(end, end, "instant")
    if kind in ("quarter", "half", "nine_months", "fiscal_year"):
        y, short = _label_year(g, default_year)
        fiscal = bool(g.get("fiscal")) or short
        if kind == "quarter":
            n = int(g["qn"]) if g.get("qn") else ORD[g["q"]]  # type: ignore[index]
            first, months, label = 3 * n - 2, 3, f"Q{n}"
        elif kind == "half":
            n = int(g["hn"]) if g.get("hn") else (ORD[g["h"]] if g.get("h") else 1)  # type: ignore[index]
            first, months, label = 6 * n - 5, 6, f"H{n}"
        elif kind == "nine_months":
            first, months, label = 1, 9, "9M"
        else:
            first, months, label, fiscal = 1, 12, "FY", True
        if y is None:
            return PeriodValue(None, None, kind, fiscal_period=label, notes=["no year"])
        if fiscal and not cal.known:
            # "FY24", "fiscal 2024", "3Q23" of a company whose year end nobody stated: keep the
            # label, do not guess the dates
            return PeriodValue(None, None, kind, fiscal_year=y, fiscal_period=label, notes=["calendar unknown"])
        # "first half of 2023" names calendar months; "the third quarter" and fiscal labels
        # follow the company's year
        use = cal if (fiscal or not (g.get("year") or g.get("yy"))) else Calendar()
        start, end = use.part(y, first, months)
        return PeriodValue(start, end, kind, fiscal_year=y if fiscal or cal.known else None, fiscal_period=label)
    if kind == "year":
        y = int(g["year"])  # type: ignore[arg-type]
        # a bare year is the company's (fiscal) year; "calendar 2025", "the 2025 calendar year" is
        # January to December whatever the company's year
        fiscal = cal.known and not cal.is_calendar and not (g.get("cal") or g.get("cal2"))
        start, end = cal.year(y) if fiscal else (dt.date(y, 1, 1), dt.date(y, 12, 31))
        return PeriodValue(start, end, "year", fiscal_year=y if fiscal else None)
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])  # type: ignore[arg-type]
        if y2 <= y1:
            return None
        return PeriodValue(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "span")
    if kind == "month":
        mon = MONTHS[g["mon"]]  # type: ignore[index]
        y = int(g["year"]) if g.get("year") else (_year2(g["yy"]) if g.get("yy") else None)  # type: ignore[arg-type]
        if y is None:
            if reference is None:
                return PeriodValue(None, None, "month", notes=["no year"])
            y = reference.year if mon <= reference.month else reference.year - 1
        first = dt.date(y, mon, 1)
        return PeriodValue(first, month_end(first), "month")
    if kind == "year_month":
        first = dt.date(int(g["year"]), MONTHS[g["mon"]], 1)  # type: ignore[arg-type,index]
        return PeriodValue(first, month_end(first), "month")
    if kind == "month_num":
        first = dt.date(int(g["year"]), int(g["mo"]), 1)  # type: ignore[arg-type]
        return PeriodValue(first, month_end(first), "month")
    if kind == "part_months":
        word = g["n"] or ""
        n = int(word) if word.isdigit() else COUNT_WORDS.get(word, 1)  # ("one" is the only word not in COUNT_WORDS)
        y, short = _label_year(g, default_year)
        if y is None:
            return None
        fiscal = bool(g.get("fiscal")) or short
        if fiscal and not cal.known:
            return PeriodValue(None, None, "span", fiscal_year=y, notes=["calendar unknown"])
        use = cal if (fiscal or not (g.get("year") or g.get("yy"))) else Calendar()
        start, end = use.part(y, 1 if g["side"] == "first" else 13 - n, n)
        if g["side"] != "first" and reference is not None and start <= reference < end:
            # "closed the last nine months of 2025" in November 2025: the months just past, not the
            # year's final ones (which the other readings give). Months that have not begun
            # ("the last four months of 2021" written in 2018) can only be the year's final ones.
            return None
        return PeriodValue(start, end, {3: "quarter", 6: "half", 9: "nine_months"}.get(n, "span"),
                           fiscal_year=y if fiscal or cal.known else None)
    if kind == "nth_month":
        n = NTH.get(g["nth"] or "")
        if n is None or n > 12:
            return None
        first = dt.date(int(g["year"]), n, 1)  # type: ignore[arg-type]
        return PeriodValue(first, month_end(first), "month")
    if kind == "calendar_label":
        y = _year2(g["yy"])  # type: ignore[arg-type]
        return PeriodValue(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if kind == "month_range":
        m1, m2 = MONTHS[g["m1"]], MONTHS[g["m2"]]  # type: ignore[index]
        y2 = int(g["y2"]) if g.get("y2") else (int(g["y1"]) if g.get("y1") else (reference.year if reference else None))
        if y2 is None:
            return PeriodValue(None, None, "span", notes=["no year"])
        y1 = int(g["y1"]) if g.get("y1") else (y2 if m1 <= m2 else y2 - 1)
        first, last = dt.date(y1, m1, 1), month_end(dt.date(y2, m2, 1))
        if last < first:
            return None
        return PeriodValue(first, last, "span")
    if kind == "relative":
        return _relative(g, cal, reference)
    if kind == "relative_month":
        if reference is None:
            return PeriodValue(None, None, "month", notes=["relative"])
        mon, rel = MONTHS[g["mon"]], g["rel2"]  # type: ignore[index]
        y = reference.year
        if rel in ("next", "coming") and mon <= reference.month:
            y += 1
        elif rel in ("last", "previous", "past") and mon >= reference.month:
            y -= 1
        first = dt.date(y, mon, 1)
        return PeriodValue(first, month_end(first), "month")
    if kind == "instant":
        d = parse_date(g["date"])  # type: ignore[arg-type]
        if d is None:
            d = _month_day(g["date"], default_year, cal) if g.get("date") else None
        if d is None:
            return None
        return PeriodValue(d, d, "instant")
    return None


NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
       "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
       "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10, "11th": 11, "12th": 12}
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12}


def _relative(g: dict[str, str | None], cal: Calendar, reference: dt.date | None) -> PeriodValue:
    """'last quarter', 'next 2 quarters', 'this year', 'last 3 months', counted from the reference date.

    >>> r = _relative({"rel": "last", "n": "2", "unit": "quarter", "cal": None}, Calendar(), dt.date(2019, 7, 4))
    >>> (r.start, r.end)
    (datetime.date(2019, 1, 1), datetime.date(2019, 6, 30))
    >>> r = _relative({"rel": "last", "n": "3", "unit": "month", "cal": None}, Calendar(), dt.date(2016, 11, 7))
    >>> (r.start, r.end)
    (datetime.date(2016, 8, 7), datetime.date(2016, 11, 6))
    """
    rel, unit = g["rel"] or "", g["unit"] or ""
    if reference is None or (g.get("cal") == "fiscal" and not cal.known):
        return PeriodValue(None, None, unit, notes=["relative"])
    n_text = g.get("n")
    n = (int(n_text) if n_text.isdecimal() else COUNT_WORDS.get(n_text, 1)) if n_text else 1
    use = cal if g.get("cal") == "fiscal" else Calendar()
    step = {"quarter": 3, "half": 6, "year": 12, "month": 1}[unit]
    direction = 0 if rel in ("this", "current") else (-1 if rel in ("last", "previous", "prior", "past", "preceding") else 1)
    if unit == "month" and n_text and direction:
        # "last 3 months": the trailing months up to the day before
        if direction < 0:
            start = _shift_day(reference, -n)
            return PeriodValue(start, reference - dt.timedelta(days=1), "trailing")
        return PeriodValue(reference + dt.timedelta(days=1), _shift_day(reference, n), "trailing")
    fy_start = use.year(use.fiscal_year_of(reference))[0]
    months_in = (reference.year - fy_start.year) * 12 + reference.month - fy_start.month
    cur_start = _add_months(fy_start, months_in - months_in % step)
    if direction < 0:
        start = _add_months(cur_start, -step * n)
        end = cur_start - dt.timedelta(days=1)
    elif direction > 0:
        start = _add_months(cur_start, step)
        end = _add_months(start, step * n) - dt.timedelta(days=1)
    else:
        start = cur_start
        end = _add_months(start, step) - dt.timedelta(days=1)
    return PeriodValue(start, end, unit)


# (first month, months) of the parts of a fiscal year: the year, its quarters, halves and nine months
WEEKLY_PARTS = ((1, 12), (1, 3), (4, 3), (7, 3), (10, 3), (1, 6), (7, 6), (1, 9))


def _shift_day(d: dt.date, months: int) -> dt.date:
    first = _add_months(dt.date(d.year, d.month, 1), months)
    return dt.date(first.year, first.month, min(d.day, _cal.monthrange(first.year, first.month)[1]))


_MD = regex.compile(rf"^(?:{_M} {_D}|{_D} {_M})$")


def _month_day(text: str | None, default_year: int | None, cal: Calendar) -> dt.date | None:
    """'June 30' or '30 June' with the year taken from context."""
    if not text or default_year is None:
        return None
    m = _MD.match(_clean(text))
    if m is None:
        return None
    try:
        return dt.date(default_year, MONTHS[m.group("mon")], int(m.group("day")))
    except ValueError:
        return None


def shift_reporting(rule: str, words: list[str], reporting: PeriodValue | None,
                    cal: Calendar | None) -> PeriodValue:
    """Resolve 'the quarter', 'the year', 'the prior-year period', 'the previous quarter' and
    'a year ago' against the period a release reports on.

    >>> rep = PeriodValue(dt.date(2024, 7, 1), dt.date(2024, 9, 30), "quarter")
    >>> p = shift_reporting("period.prior_ref", ["the", "prior-year", "period"], rep, None); (p.start, p.end)
    (datetime.date(2023, 7, 1), datetime.date(2023, 9, 30))
    >>> p = shift_reporting("period.prior_ref", ["the", "previous", "quarter"], rep, None); (p.start, p.end)
    (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))
    >>> p = shift_reporting("period.reporting_ref", ["the", "year"], rep, None); (p.start, p.end)
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    """
    cal = cal or Calendar()
    if reporting is None or reporting.start is None or reporting.end is None:
        return PeriodValue(None, None, "relative", notes=["no reporting period"])
    start, end = reporting.start, reporting.end
    text = " ".join(words)
    if rule == "period.end_of_reporting":
        if "year" in text:
            fy = cal.fiscal_year_of(end)
            ye = cal.year_end(fy) if (cal.known or cal.is_calendar) else dt.date(fy, 12, 31)
            return PeriodValue(ye, ye, "instant")
        return PeriodValue(end, end, "instant")
    if rule == "period.reporting_ref":
        if words[-1] == "year" and reporting.kind != "year":
            fy = cal.fiscal_year_of(end)
            s0, e0 = cal.year(fy) if (cal.known or cal.is_calendar) else (dt.date(fy, 1, 1), dt.date(fy, 12, 31))
            return PeriodValue(s0, e0, "year", fiscal_year=fy)
        if words[-1] == "quarter" and reporting.kind not in ("quarter", "quarter_ended"):
            return PeriodValue(_add_months(dt.date(end.year, end.month, 1), -2), end, "quarter")
        return PeriodValue(start, end, reporting.kind, reporting.fiscal_year, reporting.fiscal_period)
    months = 12
    if rule == "period.prior_ref" and "year" not in text and "quarter" in text:
        months = 3  # "the previous quarter", "the prior quarter": one quarter back
    if rule == "period.prior_ref" and text.endswith("year") and "period" not in text and "quarter" not in text:
        fy = cal.fiscal_year_of(end)
        s0, e0 = cal.year(fy - 1)
        return PeriodValue(s0, e0, "year", fiscal_year=fy - 1)
    if months == 12 and cal.weekday is not None:
        # a 52/53-week year: the same year, quarter or half of the fiscal year before, in weeks
        fy = cal.fiscal_year_of(end)
        for first, n in WEEKLY_PARTS:
            if cal.part(fy, first, n) == (start, end):
                s0, e0 = cal.part(fy - 1, first, n)
                return PeriodValue(s0, e0, reporting.kind, fy - 1 if n == 12 else None)
    new_start = _add_months(dt.date(start.year, start.month, 1), -months)
    new_start = dt.date(new_start.year, new_start.month, min(start.day, _cal.monthrange(new_start.year, new_start.month)[1]))
    new_end = month_end(_add_months(dt.date(end.year, end.month, 1), -months))
    if end.day != _cal.monthrange(end.year, end.month)[1]:
        new_end = dt.date(new_end.year, new_end.month, min(end.day, new_end.day))
    return PeriodValue(new_start, new_end, reporting.kind)
