"""Column headings -> periods, and the scale and currency a table declares.

A column's period is read from the words over it: its own heading ("2024", "November 2, 2024",
"Q3'24", "Fiscal 2023") and the band over several columns ("Three Months Ended September 30,",
"Thirteen Weeks Ended"). The phrase they make together is resolved by
:func:`finfacts.normalize.periods.resolve` with the document's fiscal calendar; only spans of
weeks ("Thirteen Weeks Ended November 2, 2024") are counted here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import regex

from .. import fastre
from ..fastre import Alternation
from ..normalize.periods import MONTHS, Calendar, PeriodValue, parse_date, resolve

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_NUMW = (r"(?:three|six|nine|twelve|thirteen|fourteen|twenty[- ]?six|twenty[- ]?seven|thirty[- ]?nine|"
         r"forty|fifty[- ]?two|fifty[- ]?three|\d{1,2})")
_SPAN = (rf"(?:{_NUMW}[- ]?(?:months?|weeks?)(?:[- ]periods?)?|(?:fiscal\s+|financial\s+)?(?:years?|quarters?)"
         r"|half[- ]?years?|year[- ]to[- ]date|ytd|(?:interim\s+)?periods?)")
_DATE = (rf"(?:{_MONTH}\s*{_DAY}(?:\s*,\s*|\s+|,)?(?:{_YEAR})?|{_DAY}\s+{_MONTH}(?:\s*,?\s*{_YEAR})?"
         rf"|\d{{1,2}}/\d{{1,2}}/(?:{_YEAR}|\d\d))")
_LABEL = (rf"(?:(?:fiscal|financial)\s+(?:year\s+)?{_YEAR}|fy\s*'?(?:{_YEAR}|\d\d)(?:/\d\d)?|q[1-4]\s*(?:fy)?\s*'?(?:{_YEAR}|\d\d)"
          rf"|{_YEAR}\s*q[1-4]|[1-4]q\s*(?:fy)?'?(?:{_YEAR}|\d\d)|h[12]\s*'?(?:{_YEAR}|\d\d)|[12]h\s*'?(?:{_YEAR}|\d\d)"
          rf"|9m\s*'?(?:{_YEAR}|\d\d)"
          rf"|(?:first|second|third|fourth)\s+quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?{_YEAR})?"
          rf"|(?:first|second)\s+half(?:\s+(?:of\s+)?{_YEAR})?|(?:full[- ])?year\s+{_YEAR})")
# one heading phrase: a span that ended on a date, a date, a fiscal label; its year may come later
PHRASE = regex.compile(
    rf"(?i)(?<![\w/])(?:(?:for\s+the\s+)?{_SPAN}\s*(?:ended|ending|end|through|to)?\s*(?:{_DATE})"
    rf"|(?:for\s+the\s+)?{_SPAN}\s*(?:ended|ending|through)(?=\W|$)"
    rf"|(?:as\s+(?:of|at)\s+)?{_DATE}|{_LABEL}|{_YEAR})(?![\w/])"
)
_YEAR_RX = regex.compile(rf"(?<![\d,.])({_YEAR})(?![\d,])")
_NOISE = regex.compile(r"(?i)\((?:un)?audited\)|\b(?:un)?audited\b|\(\d\)|\([a-z]\)(?!\w)|\brestated\b|\bas adjusted\b|[*¹²³]")
# words and figures run together, but for the labels "1H 2026", "3Q24", "9M 2025"
_GLUE = regex.compile(r"(?<=[a-z])(?=[A-Z])|(?<=,)(?=\d)|(?<=\d)(?=[A-Za-z])"
                      r"(?!(?<=(?:^|[^\w.,])[1-4])[HhQq])(?!(?<=(?:^|[^\w.,])9)[Mm]\b)")
# the two characters around every place _GLUE splits: most headings hold none, and are not searched
# for glue (a pattern of lookarounds alone is tried at every position)
_GLUE_PAIR = regex.compile(r"[a-z][A-Z]|,\d|\d[A-Za-z]")
CHANGE_WORDS = regex.compile(r"(?i)\b(?:change|chg|variance|increase|decrease|inc\.?|dec\.?|growth|y/y|yoy|vs\.?)\b|%")
WEEKS = regex.compile(rf"(?i)^(?:for\s+the\s+)?(?P<n>{_NUMW})[- ]?weeks?(?:[- ]periods?)?\s*(?:ended|ending)\s*(?P<date>.+)$")
WORD_NUMBERS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13, "fourteen": 14, "twenty six": 26,
                "twentysix": 26, "twenty seven": 27, "twentyseven": 27, "thirty nine": 39, "thirtynine": 39,
                "forty": 40, "fifty two": 52, "fiftytwo": 52, "fifty three": 53, "fiftythree": 53}

# "(in millions, except per share data)", "(Amounts in Thousands Except ...)", "(in $ thousands)",
# "(in thousands of U.S. dollars)", "RMB'000", "EUR thousand", "(€m)", "in millions of euros"
# (one alternative a line; SCALE is their union)
_SCALE_ALTS = (
    r"\b(?P<cur0>u\.?s\.?\s+dollars|us\s+dollars|canadian\s+dollars|euros?|renminbi|rmb|eur|usd|chf|gbp)\s+in\s+"
    r"(?P<word0>thousands|millions|billions)\b",
    r"\bin\s+(?:(?:u\.?s\.?\s*)?(?P<cur1>[$€£¥])\s*|(?P<cur1w>us\s+dollars?|dollars|euros?|rmb|eur|usd|gbp|chf|cad)\s+)?"
    r"(?P<word>thousands?|millions?|billions?|'000s?)\b"
    r"(?:\s+of\s+(?:the\s+)?(?P<cur2>u\.?s\.?\s+dollars|us\s+dollars|canadian\s+dollars|australian\s+dollars|hong\s+kong\s+dollars|"
    r"dollars|euros?|renminbi|rmb|pounds(?:\s+sterling)?|swiss\s+francs|[A-Z]{3}))?",
    r"(?P<cur3>RMB|HK\$|US\$|C\$|A\$|\$|€|£|EUR|USD|GBP|CHF|CAD|AUD|HKD)\s*['’]\s*000\b",
    r"\b(?P<cur4>EUR|USD|GBP|CHF|CAD|AUD|RMB|HKD|SEK|NOK|DKK)\s+(?P<word4>thousands?|millions?|billions?|k|m|mn|bn)\b",
    r"\(\s*(?P<cur5>[$€£]|EUR|USD|RMB|CHF|GBP)\s*(?P<word5>m|mn|million|millions|bn|billion|k|thousand|thousands|000s?)\s*\)",
    r"\b(?P<word6>T|k)(?P<cur6>EUR|USD|CHF)\b",
)
SCALE = regex.compile("(?i)" + "|".join(_SCALE_ALTS))
# each alternative searched apart: ``regex`` scans fast for where one alternative can start (its first
# letters), not for where any of six can; the six searched apart take a third of SCALE's time
_SCALES = Alternation(_SCALE_ALTS, prefix="(?i)")


def scale_matches(text: str, lo: int, hi: int) -> Iterator[Any]:
    """The matches of ``SCALE.finditer(text, lo, hi)``, found by its alternatives searched apart.

    >>> t = "(in millions, except per share) EUR thousands, RMB'000 (in US$ millions of dollars) USD in millions"
    >>> [m.group(0) for m in scale_matches(t, 0, len(t))] == [m.group(0) for m in SCALE.finditer(t)]
    True
    """
    return _SCALES.finditer(text, lo, hi)


SCALE_WORD = {"thousand": 10**3, "thousands": 10**3, "'000": 10**3, "'000s": 10**3, "000": 10**3, "000s": 10**3,
              "k": 10**3, "t": 10**3, "million": 10**6, "millions": 10**6, "m": 10**6, "mn": 10**6,
              "billion": 10**9, "billions": 10**9, "bn": 10**9}
EXCEPT_SHARES = regex.compile(r"(?i)except\s+(?:for\s+)?(?:number\s+of\s+)?shares?\b|except\s+share\s+(?:and|&)|shares?\s+in\s+(?:actual|whole|units)")
CURRENCY_WORDS = {"us dollars": "USD", "u.s. dollars": "USD", "us dollar": "USD", "canadian dollars": "CAD",
                  "australian dollars": "AUD", "hong kong dollars": "HKD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
                  "renminbi": "CNY", "rmb": "CNY", "pounds": "GBP", "pounds sterling": "GBP", "swiss francs": "CHF",
                  "usd": "USD", "gbp": "GBP", "chf": "CHF", "cad": "CAD", "aud": "AUD", "hkd": "HKD", "sek": "SEK",
                  "nok": "NOK", "dkk": "DKK", "€": "EUR", "£": "GBP", "¥": "JPY", "us$": "USD", "hk$": "HKD",
                  "c$": "CAD", "a$": "AUD"}


@dataclass(frozen=True)
class Declared:
    """The scale and currency a table declares, and whether share counts escape the scale."""

    multiplier: Decimal
    text: str | None
    start: int | None
    currency: str | None  # ISO code when the declaration names one; "$" when only the sign
    shares_unscaled: bool = False


def find_declared(text: str, lo: int, hi: int, exclude: list[tuple[int, int]] = ()) -> Declared | None:  # type: ignore[assignment]
    """The last scale declaration between two offsets.

    >>> t = "CONDENSED STATEMENTS OF OPERATIONS (in thousands, except share and per share amounts)"
    >>> d = find_declared(t, 0, len(t)); (d.multiplier, d.shares_unscaled)
    (Decimal('1000'), True)
    >>> d = find_declared("Figures in RMB'000", 0, 18); (d.multiplier, d.currency)
    (Decimal('1000'), 'CNY')
    >>> d = find_declared("(in millions of euros)", 0, 22); (d.multiplier, d.currency)
    (Decimal('1000000'), 'EUR')
    >>> find_declared("(in $ thousands)", 0, 16).currency
    '$'
    >>> find_declared("Revenue grew in millions of homes", 0, 33) is None
    False
    """
    last = None
    for m in scale_matches(text, lo, hi):
        if not any(a <= m.start() < b for a, b in exclude):
            last = m  # not a row's own unit ("Gallons sold (in millions)")
    if last is None:
        return None
    g = last.groupdict()
    word = (g.get("word0") or g.get("word") or g.get("word4") or g.get("word5") or g.get("word6") or "thousand").lower()
    word = word.replace("’", "'")
    mult = SCALE_WORD.get(word, 1000)
    cur = g.get("cur0") or g.get("cur2") or g.get("cur1w") or g.get("cur3") or g.get("cur4") or g.get("cur5") or g.get("cur6") or g.get("cur1")
    iso = None
    if cur:
        c = " ".join(cur.lower().replace(".", ". ").replace(". ", ".").split())
        c = c.replace("u.s. dollars", "us dollars")
        iso = "$" if c in ("$", "dollars") else CURRENCY_WORDS.get(c) or (cur.upper() if len(cur) == 3 and cur.isalpha() else None)
        if cur.upper() == "RMB":
            iso = "CNY"
    # a declaration is "(in ...)" or a heading; read on to its closing parenthesis for "except" words
    close = text.find(")", last.end(), min(hi + 80, len(text)))
    tail = text[last.start():close if close >= 0 else min(last.end() + 80, len(text))]
    return Declared(Decimal(mult), last.group(0), last.start(), iso, EXCEPT_SHARES.search(tail) is not None)


@dataclass
class Column:
    """One figure column: its heading words, its period, or the change it states."""

    index: int
    header: str
    kind: str  # "period", "change" (an amount), "change_percent", "other"
    period: PeriodValue | None = None
    header_start: int | None = None
    header_end: int | None = None


def _clean(t: str) -> str:
    t = _NOISE.sub(" ", t.replace("\u00a0", " ").replace("’", "'"))
    if _GLUE_PAIR.search(t):
        t = _GLUE.sub(" ", t)
    return " ".join(t.split())


def phrases(header: str) -> list[str]:
    """The period phrases of a heading text, in order.

    >>> phrases("For the three months ended December 31, For the years ended December 31, 2024 2023 2024 2023")
    ['For the three months ended December 31,', 'For the years ended December 31, 2024', '2023', '2024', '2023']
    >>> phrases("Thirteen Weeks Ended November 2, 2024")
    ['Thirteen Weeks Ended November 2, 2024']
    >>> phrases("Q3'24 Q3'23"), phrases("September 30, December 31, 2024 2023")
    (["Q3'24", "Q3'23"], ['September 30,', 'December 31, 2024', '2023'])
    """
    t = _clean(header)
    return [m.group(0).strip() for m in PHRASE.finditer(t)]


ATOM = regex.compile(
    rf"(?i)(?<![\w/])(?:(?P<label>{_LABEL})"
    rf"|(?P<span>(?:for\s+the\s+)?{_SPAN}\s*(?:ended|ending|end|through)|year[- ]to[- ]date|ytd)"
    rf"|(?P<datey>(?:as\s+(?:of|at)\s+)?(?:{_MONTH}\s*{_DAY}\s*,?\s*{_YEAR}|{_DAY}\s+{_MONTH}\s*,?\s*{_YEAR}"
    rf"|\d{{1,2}}/\d{{1,2}}/(?:{_YEAR}|\d\d)))"
    rf"|(?P<date>(?:as\s+(?:of|at)\s+)?(?:{_MONTH}\s*{_DAY}|{_DAY}\s+{_MONTH}|\d{{1,2}}-{_MONTH}|{_MONTH}-\d{{1,2}}),?)"
    rf"|(?P<year>{_YEAR}))(?![\w/])"
)


def header_items(header: str) -> list[str]:
    """The period phrase of each column under a heading text, left to right.

    A heading is read as spans ("Three Months Ended"), dates without a year ("September 30,"),
    years and whole labels; spans and dates are paired and shared out evenly over the run of
    years after them. A lone year followed by more headings names the year of the table, not a
    column.

    >>> header_items("For the three months ended December 31, For the years ended December 31, 2024 2023 2024 2023")
    ... # doctest: +NORMALIZE_WHITESPACE
    ['three months ended December 31, 2024', 'three months ended December 31, 2023',
     'years ended December 31, 2024', 'years ended December 31, 2023']
    >>> header_items("Three Months Ended Nine Months Ended September 30,(unaudited) September 30, 2024 2023 2024 2023")[2]
    'Nine Months Ended September 30, 2024'
    >>> header_items("September 30, December 31, 2024 2023"), header_items("December 31,2024 2023")
    (['September 30, 2024', 'December 31, 2023'], ['December 31, 2024', 'December 31, 2023'])
    >>> header_items("Three Months Ended Nine Months Ended June 30, 2025 June 30, 2024 June 30, 2025 June 30, 2024")[2]
    'Nine Months Ended June 30, 2025'
    >>> header_items("Thirteen Weeks Ended November 2, 2024"), header_items("Q3'24 Q3'23")
    (['Thirteen Weeks Ended November 2, 2024'], ["Q3'24", "Q3'23"])
    """
    t = _clean(header)
    atoms = [(m.lastgroup, m.group(0).strip()) for m in ATOM.finditer(t)]
    items: list[str] = []
    spans: list[str] = []
    dates: list[str] = []
    k = 0
    while k < len(atoms):
        kind, word = atoms[k]
        if kind == "span":
            spans.append(_strip_for(word))
        elif kind == "date":
            dates.append(word.rstrip(","))
        elif kind == "datey":
            # "Thirteen Weeks Ended November 2, 2024": a dated column; its span stays for the next
            y = _YEAR_RX.search(word)
            if y is not None and k + 1 < len(atoms) and atoms[k + 1][0] == "year":
                # "December 31, 2024 2023": the date lends itself to the years after it
                dates.append(_YEAR_RX.sub("", word).strip().rstrip(","))
                atoms.insert(k + 1, ("year", y.group(1)))
            else:
                # "Three Months Ended Nine Months Ended September 30, 2025 September 30, 2024 ...": the spans
                # are shared out evenly over the dated columns after them
                run = [word]
                while k + 1 < len(atoms) and atoms[k + 1][0] == "datey":
                    k += 1
                    run.append(atoms[k][1])
                if len(spans) > 1 and len(run) % len(spans) == 0:
                    per = len(run) // len(spans)
                    items += [f"{spans[i // per]} {w}" for i, w in enumerate(run)]
                else:
                    items += [f"{spans[-1]} {w}" if spans else w for w in run]
                spans = spans[-1:]
        elif kind == "label":
            items.append(word)
        else:
            run = [word]
            while k + 1 < len(atoms) and atoms[k + 1][0] == "year":
                k += 1
                run.append(atoms[k][1])
            if len(run) == 1 and k + 1 < len(atoms) and not spans and not dates:
                k += 1
                continue  # "2024 Three Month Period Ended ...": the year of the table
            bands = _bands(spans, dates)
            items += _share(bands, run)
            spans, dates = [], []
        k += 1
    return items


def _strip_for(word: str) -> str:
    return fastre.sub(r"(?i)^for\s+the\s+", "", word)


def _bands(spans: list[str], dates: list[str]) -> list[str]:
    if spans and dates and len(spans) == len(dates):
        return [f"{s} {d}," for s, d in zip(spans, dates)]
    if len(spans) == 1 and dates:
        return [f"{spans[0]} {d}," for d in dates]
    if len(dates) == 1 and spans:
        return [f"{s} {dates[0]}," for s in spans]
    if dates:
        return [f"{d}," for d in dates]
    return spans


def _share(bands: list[str], years: list[str]) -> list[str]:
    if not bands:
        return list(years)
    if len(years) % len(bands) == 0:
        k = len(years) // len(bands)
        return [f"{bands[i // k]} {y}" for i, y in enumerate(years)]
    if len(years) < len(bands):
        return [f"{b} {y}" for b, y in zip(bands[-len(years):], years)]
    return [f"{bands[-1]} {y}" for y in years]


def header_periods(header: str, n: int, cal: Calendar, reference: dt.date | None) -> list[PeriodValue | None]:
    """The periods of the columns under a heading text, the last ``n`` of them (all when ``n`` is 0).

    >>> ps = header_periods("For the three months ended December 31, For the years ended December 31, "
    ...                     "2024 2023 2024 2023", 4, Calendar(), None)
    >>> [(p.start.isoformat(), p.end.isoformat()) for p in ps]  # doctest: +NORMALIZE_WHITESPACE
    [('2024-10-01', '2024-12-31'), ('2023-10-01', '2023-12-31'), ('2024-01-01', '2024-12-31'),
     ('2023-01-01', '2023-12-31')]
    >>> p = header_periods("Thirteen Weeks Ended November 2, 2024", 1, Calendar(), None)[0]; (p.start, p.end)
    (datetime.date(2024, 8, 4), datetime.date(2024, 11, 2))
    """
    out = [resolve_heading(p, cal, reference) for p in header_items(header)]
    if n <= 0:
        return out
    return ([None] * n + out)[-n:]


def resolve_heading(phrase: str, cal: Calendar, reference: dt.date | None) -> PeriodValue | None:
    """The period one column heading names.

    >>> p = resolve_heading("Quarter Ended September 30, 2023", Calendar(), None); (p.start, p.end)
    (datetime.date(2023, 7, 1), datetime.date(2023, 9, 30))
    >>> p = resolve_heading("Year to Date September 30, 2024", Calendar(), None); (p.start, p.end)
    (datetime.date(2024, 1, 1), datetime.date(2024, 9, 30))
    >>> p = resolve_heading("For the years ended December 31, 2024", Calendar(), None); (p.start, p.end)
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    >>> p = resolve_heading("Nine Months EndedSeptember 30, 2024", Calendar(), None); p.start
    datetime.date(2024, 1, 1)
    >>> p = resolve_heading("February 3, 2024 (1)", Calendar(), None); (p.start, p.kind)
    (datetime.date(2024, 2, 3), 'instant')
    >>> p = resolve_heading("Three Month Period Ended 3/31/24", Calendar(), None); (p.start, p.end)
    (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    >>> resolve_heading("Change", Calendar(), None) is None
    True
    """
    t = _clean(phrase).lower()
    t = fastre.sub(r"^(?:for\s+the\s+|as\s+of\s+|as\s+at\s+|at\s+)", "", t)
    t = fastre.sub(r"\s*,\s*", ", ", t).strip(" ,")
    t = fastre.sub(r"\b(\d{1,2})-([a-z]{3,9})\b", r"\1 \2", t)  # "31-Dec 2023"
    t = fastre.sub(r"\b([a-z]{3,9})-(\d{1,2})\b", r"\1 \2", t)
    t = fastre.sub(r"\b(years|quarters|periods)\b", lambda m: m.group(1)[:-1], t)
    t = fastre.sub(r"\bmonths period\b", "month period", t)
    t = fastre.sub(r"\b(year[- ]to[- ]date|ytd)\s+(?=[a-z])(?!ended|ending|through)", r"\1 ended ", t)
    t = fastre.sub(r"\bperiod ended\b(?!.*month)", "quarter ended", t) if t.startswith("period") else t
    if not t or not fastre.search(r"\d", t):
        return None
    w = WEEKS.match(t)
    if w is not None:
        end = parse_date(w.group("date"))
        n = w.group("n").replace("-", " ")
        weeks = int(n) if n.isdigit() else WORD_NUMBERS.get(n)
        if end is None or weeks is None:
            return None
        start = end - dt.timedelta(days=7 * weeks - 1)
        return PeriodValue(start, end, "weeks")
    try:
        return resolve(t, cal, reference)
    except (ValueError, KeyError, OverflowError):
        return None


def column_kind(header: str, cells_percent: bool) -> str:
    """What a column without a period holds, from its heading.

    >>> column_kind("% Change", True), column_kind("$ Change", False), column_kind("Change", True), column_kind("Notes", False)
    ('change_percent', 'change', 'change_percent', 'other')
    """
    if CHANGE_WORDS.search(header):
        return "change_percent" if cells_percent or "%" in header else "change"
    return "other"
