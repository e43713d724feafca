"""What a release states once for all its figures: its date, fiscal calendar, reporting
period, currency and declared scales.

:func:`infer` reads these from the text with a few anchored regular expressions; what the
caller passes (``reference_date``, ``fiscal_year_end``, ``default_currency``) always wins.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import regex

from .fastre import Alternation
from .normalize.periods import MONTHS, Calendar, PeriodValue, month_end, parse_date, resolve

_MONTH = "|".join(sorted((m for m in MONTHS), key=len, reverse=True))
_DATE = (rf"(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\.?,?\s+(?:19|20)\d\d)")
# "BEIJING, March 19, 2024 /PRNewswire/ --", "SANTA CLARA, Calif., Feb. 21, 2024 --",
# "HONG KONG SAR – Media OutReach Newswire – 11 August 2026 –"
DATELINE = regex.compile(
    rf"(?im)(?:^|\n)[^\n]{{0,120}}?\b(?P<date>{_DATE})\s*(?:\([^)\n]{{0,40}}\)\s*)?(?:/[^/\n]{{1,60}}/\s*)?(?:--|–|—|-|:)"
)
ANY_DATE = regex.compile(rf"(?i)\b(?P<date>{_DATE})")
FYE = regex.compile(
    rf"(?i)\bfiscal\s+(?:year|yr\.?)\s+(?:ended|ending|ends|end(?:s|ed)?\s+on)\s+(?P<date>(?:{_MONTH})\.?\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?"
    rf"|\d{{1,2}}\s+(?:{_MONTH})(?:,?\s+(?:19|20)\d\d)?)"
)
YEAR_ENDED = regex.compile(
    rf"(?i)\b(?:the\s+)?(?:fiscal\s+)?years?\s+ended\s+(?P<date>(?:{_MONTH})\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+(?:{_MONTH}),?\s+(?:19|20)\d\d)"
)
LABELLED_END = regex.compile(
    rf"(?i)(?<!(?:quarter|half|months|period)\s+of\s+(?:the\s+)?)\bfiscal\s+(?:year\s+)?(?P<fy>(?:19|20)\d\d)\b"
    rf"(?:(?!quarter|half|months)[^.\n]){{0,60}}?\b(?:ended|ending|ends)\s+"
    rf"(?P<date>(?:{_MONTH})\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+(?:{_MONTH}),?\s+(?:19|20)\d\d)"
)
# "The group's financial year is the calendar year", "our fiscal year coincides with the calendar year"
CALENDAR_YEAR_STATED = regex.compile(
    r"(?i)\b(?:financial|fiscal|business|accounting|reporting)\s+year\s+"
    r"(?:is|corresponds\s+to|coincides\s+with|is\s+the\s+same\s+as|is\s+identical\s+to|equals|matches)\s+"
    r"(?:the\s+)?calendar\s+year\b"
)
WEEKS_SIGNAL = regex.compile(r"(?i)\b(?:5[23][- ]weeks?\b|52/53|(?:13|14)[- ]weeks?\b)")
QUARTER_ENDED = regex.compile(
    rf"(?i)\b(?P<q>first|second|third|fourth)[- ]quarter(?:\s+of)?(?:\s+fiscal(?:\s+year)?)?(?:\s+(?:19|20)\d\d)?"
    rf"[^.\n]{{0,40}}?\s(?:ended|ending)\s+(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})"
)
CURRENCY_STATEMENT = regex.compile(
    r"(?i)(?:all\s+(?:amounts|figures|dollar\s+amounts|financial\s+figures)\s+(?:are\s+)?(?:expressed\s+|presented\s+|stated\s+|reported\s+)?in"
    r"|expressed\s+in|presented\s+in|reported\s+in|denominated\s+in|in\s+thousands\s+of|in\s+millions\s+of|\(in\s+(?:thousands|millions)\s+of)"
    r"\s+(?:the\s+)?(?P<cur>u\.s\.|us|united\s+states|canadian|australian|new\s+zealand|hong\s+kong|singapore|"
    r"taiwan|new\s+taiwan|mexican)\s+dollars?"
)
CUR_ADJ = {"u.s.": "USD", "us": "USD", "united states": "USD", "canadian": "CAD", "australian": "AUD",
           "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD", "taiwan": "TWD",
           "new taiwan": "TWD", "mexican": "MXN"}
LISTING = regex.compile(r"\((?P<body>[^()\n]{0,80}?\b(?:ASX|TSX|TSXV|TSX-V|NZX|SGX|HKEX|SEHK|NYSE|NASDAQ|Nasdaq|OTCQX|OTCQB|OTC)\b[^()\n]{0,80})\)")
EXCHANGE_CURRENCY = {"ASX": "AUD", "TSX": "CAD", "TSXV": "CAD", "TSX-V": "CAD", "NZX": "NZD", "SGX": "SGD",
                     "HKEX": "HKD", "SEHK": "HKD"}
US_EXCHANGES = {"NYSE", "NASDAQ", "Nasdaq"}
_SCALE_PAREN_WORDS = r"\((?:[^()\n]{0,40}?\b)?in\s+(?P<scale>thousands|millions|billions)\b[^()\n]{0,80}\)"
_SCALE_THOUSANDS_CODE = r"(?P<code>RMB|HK\$|US\$|\$|€|£|EUR|USD)\s*['’]000\b"
_SCALE_PAREN_CURRENCY = r"\((?P<cur2>€|\$|£|EUR|USD|RMB|CHF)\s*(?P<scale2>million|m|mn|bn|billion|thousand|k)\)"
SCALE_DECL = regex.compile("(?i)" + "|".join((_SCALE_PAREN_WORDS, _SCALE_THOUSANDS_CODE, _SCALE_PAREN_CURRENCY)))
# SCALE_DECL without its "RMB'000" branch, for the texts that hold no "'000" (most): the same matches,
# found without trying a currency at every character
SCALE_DECL_PARENS = regex.compile("(?i)" + "|".join((_SCALE_PAREN_WORDS, _SCALE_PAREN_CURRENCY)))
SCALE_WORDS = {"thousands": 1000, "millions": 10**6, "billions": 10**9, "thousand": 1000, "k": 1000,
               "million": 10**6, "m": 10**6, "mn": 10**6, "bn": 10**9, "billion": 10**9}
HEAD_CHARS = 1500
ISSUER_CHARS = 4000
_TICKER = regex.compile(r":\s*(?P<ticker>[A-Z0-9][A-Z0-9.\-]{0,9})\b")
_NAME_WORD = regex.compile(r"(?:[A-Z0-9][\w&.'’\-]*|&|and|of|de|du|la|le|the)[,]?")


@dataclass(frozen=True)
class Scale:
    """A declared scale ("(in millions, except per share data)") and where it stands."""

    start: int
    end: int
    multiplier: Decimal
    text: str


@dataclass
class DocContext:
    """Document-level facts that resolve each figure."""

    reference_date: dt.date | None = None
    calendar: Calendar = field(default_factory=Calendar)
    reporting: PeriodValue | None = None
    currency: str | None = None
    currency_source: str | None = None
    scales: list[Scale] = field(default_factory=list)
    issuer: str | None = None
    ticker: str | None = None

    @property
    def default_year(self) -> int | None:
        """The year that phrases without one ("the third quarter") belong to."""
        if self.reporting is not None and self.reporting.end is not None:
            return _fiscal_year_of(self.reporting.end, self.calendar)
        if self.reporting is not None and self.reporting.fiscal_year is not None:
            return self.reporting.fiscal_year
        if self.reference_date is not None:
            return _fiscal_year_of(self.reference_date, self.calendar)
        return None


def to_data(ctx: DocContext) -> dict[str, Any]:
    """A msgpack/JSON-safe form of a DocContext (it travels in ``doc.user_data``)."""
    rep = ctx.reporting
    cal = ctx.calendar
    return {
        "reference_date": ctx.reference_date.isoformat() if ctx.reference_date else None,
        "calendar": [cal.month, cal.day, cal.known, [[fy, d.isoformat()] for fy, d in cal.ends], cal.offset,
                     cal.weekday],
        "reporting": None if rep is None else [
            rep.start.isoformat() if rep.start else None, rep.end.isoformat() if rep.end else None,
            rep.kind, rep.fiscal_year, rep.fiscal_period],
        "currency": ctx.currency,
        "currency_source": ctx.currency_source,
        "scales": [[sc.start, sc.end, str(sc.multiplier), sc.text] for sc in ctx.scales],
        "issuer": [ctx.issuer, ctx.ticker],
    }


def from_data(data: dict[str, Any]) -> DocContext:
    """The DocContext back from :func:`to_data`."""
    day = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
    month, mday, known, ends, *weeks = data["calendar"]
    offset, weekday = (weeks + [0, None])[:2] if len(weeks) < 2 else weeks
    rep = data.get("reporting")
    return DocContext(
        reference_date=day(data.get("reference_date")),
        calendar=Calendar(month, mday, known, tuple((fy, dt.date.fromisoformat(d)) for fy, d in ends), offset or 0, weekday),
        reporting=None if rep is None else PeriodValue(day(rep[0]), day(rep[1]), rep[2], rep[3], rep[4]),
        currency=data.get("currency"),
        currency_source=data.get("currency_source"),
        scales=[Scale(a, b, Decimal(m), t) for a, b, m, t in data.get("scales", [])],
        issuer=(data.get("issuer") or [None, None])[0],
        ticker=(data.get("issuer") or [None, None])[1],
    )


def _fiscal_year_of(day: dt.date, cal: Calendar) -> int:
    return cal.fiscal_year_of(day)


def parse_fiscal_year_end(value: str) -> tuple[int, int]:
    """'06-30' or '--06-30' -> (6, 30).

    >>> parse_fiscal_year_end("06-30"), parse_fiscal_year_end("--12-31")
    ((6, 30), (12, 31))
    """
    month, day = value.strip().lstrip("-").split("-")
    dt.date(2000, int(month), int(day))  # raises ValueError on a date that does not exist
    return int(month), int(day)


def find_reference_date(text: str) -> dt.date | None:
    """The release date from the dateline near the top.

    >>> find_reference_date("Xiaomi results\\n\\nBEIJING, March 19, 2024 /PRNewswire/ -- Xiaomi today")
    datetime.date(2024, 3, 19)
    >>> find_reference_date("HONG KONG SAR – Media OutReach Newswire – 11 August 2026 – The world")
    datetime.date(2026, 8, 11)
    """
    head = text[:HEAD_CHARS]
    first = ANY_DATE.search(head)
    if first is None:
        return None
    # a dateline holds a date on its line: search from the line of the first date (from the newline
    # before it, where a match may start), not from every line of the head
    m = DATELINE.search(head, max(0, head.rfind("\n", 0, first.start())))
    if m is None:
        return None
    return parse_date(m.group("date").replace(",", ", ").replace("  ", " "))


def find_calendar(text: str, fiscal_year_end: str | None = None) -> Calendar:
    """The fiscal calendar the caller gives or the text states.

    >>> find_calendar("for the fiscal year ended June 30, 2024").month
    6
    >>> c = find_calendar("Revenue for the year ended December 31, 2023 rose"); (c.month, c.known)
    (12, True)
    >>> find_calendar("no statement").known
    False
    >>> c = find_calendar("The group's financial year is the calendar year."); (c.month, c.day, c.known)
    (12, 31, True)
    """
    if fiscal_year_end:
        month, day = parse_fiscal_year_end(fiscal_year_end)
        return Calendar(month, day, True)
    ends: list[tuple[int, dt.date]] = []
    found: tuple[int, int] | None = None
    for rx in (FYE, YEAR_ENDED):
        for m in rx.finditer(text):
            raw = " ".join(m.group("date").replace(",", " ").split())
            d = parse_date(raw) or parse_date(raw + " 2000")
            if d is None:
                continue
            if found is None:
                found = (d.month, d.day)
            if d.year != 2000:
                ends.append((d.year, d))
        if found is not None:
            break
    # a year named by the calendar year it starts in: "fiscal year 2024, the 52 weeks ended
    # February 1, 2025", "Fiscal 2023 comprised 53 weeks and ended February 3, 2024"
    labelled = []
    for m in LABELLED_END.finditer(text):
        d = parse_date(" ".join(m.group("date").replace(",", " ").split()))
        if d is not None and int(m.group("fy")) in (d.year, d.year - 1):
            labelled.append((int(m.group("fy")), d))
    if found is None and labelled:
        found = (labelled[0][1].month, labelled[0][1].day)
    if found is None and CALENDAR_YEAR_STATED.search(text) is not None:
        return Calendar(12, 31, True)
    if found is None:
        # "second quarter of fiscal 2024 ended June 30, 2024": the year ends two quarters later
        m = QUARTER_ENDED.search(text)
        if m is None:
            return Calendar()
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4}[m.group("q").lower()]
        month = (MONTHS[m.group("mon").lower()] - 1 + 3 * (4 - q)) % 12 + 1
        day = calendar.monthrange(2001, month)[1] if q != 4 else int(m.group("day"))
        return Calendar(month, day, True)
    month, day = found
    offset = 1 if sum(d.year == fy + 1 for fy, d in labelled) > sum(d.year == fy for fy, d in labelled) else 0
    stated = dict((d.year - offset, d) for _, d in ends)
    stated.update(labelled)
    weekly = _weekly(sorted(stated.values()), WEEKS_SIGNAL.search(text) is not None)
    if weekly is not None:
        return Calendar(weekly[0], 31, True, tuple(sorted(stated.items())), offset, weekly[1])
    return Calendar(month, day, True, tuple(sorted(stated.items())), offset)


def _weekly(ends: list[dt.date], weeks_said: bool) -> tuple[int, int] | None:
    """(month, weekday) of a 52/53-week year: its stated ends fall on one weekday, each within three
    days of the last day of one month (February 1, 2025 and February 3, 2024: the Saturday nearest
    January 31). None for a year that ends on a fixed day."""
    if not ends or len({d.weekday() for d in ends}) != 1:
        return None
    if not weeks_said and all(d == month_end(d) for d in ends):
        return None
    for back in (0, 1):
        anchors = []
        for d in ends:
            y, mo = (d.year, d.month) if back == 0 else ((d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12))
            anchors.append((mo, abs((d - month_end(dt.date(y, mo, 1))).days)))
        if len({mo for mo, _ in anchors}) == 1 and all(gap <= 3 for _, gap in anchors):
            return anchors[0][0], ends[0].weekday()
    return None




def find_currency(text: str, default_currency: str | None = None) -> tuple[str | None, str | None]:
    """The currency a bare ``$`` stands for, and the evidence.

    >>> find_currency("All amounts are in Canadian dollars unless otherwise stated.")
    ('CAD', 'All amounts are in Canadian dollars')
    >>> find_currency("Freelancer Limited (ASX: FLN) (OTCQX: FLNCF) reports")
    ('AUD', '(ASX: FLN)')
    >>> find_currency("Acme (NASDAQ: ACME; TSX: ACM) reports")
    (None, None)
    """
    if default_currency:
        return default_currency, "caller"
    m = CURRENCY_STATEMENT.search(text)
    if m is not None:
        return CUR_ADJ[" ".join(m.group("cur").lower().split())], m.group(0)
    for lm in LISTING.finditer(text[:HEAD_CHARS * 2]):
        body = lm.group("body")
        names = set(regex.findall(r"\b(ASX|TSX-V|TSXV|TSX|NZX|SGX|HKEX|SEHK|NYSE|NASDAQ|Nasdaq)\b", body))
        if not names or names & US_EXCHANGES:
            continue
        currencies = {EXCHANGE_CURRENCY[n] for n in names if n in EXCHANGE_CURRENCY}
        if len(currencies) == 1:
            return currencies.pop(), lm.group(0)
    return None, None


def find_scales(text: str) -> list[Scale]:
    """Declared scales of tables and statements.

    >>> [(s.multiplier, s.text) for s in find_scales("(in millions, except per share data)")]
    [(Decimal('1000000'), '(in millions, except per share data)')]
    >>> [s.multiplier for s in find_scales("RMB'000 | 2024")]
    [Decimal('1000')]
    """
    out = []
    decl = SCALE_DECL if "'000" in text or "’000" in text else SCALE_DECL_PARENS
    for m in decl.finditer(text):
        word = (m.group("scale") or m.group("scale2") or "thousand").lower()
        out.append(Scale(m.start(), m.end(), Decimal(SCALE_WORDS[word]), m.group(0)))
    return out


REPORTING = Alternation([
    r"(?:first|second|third|fourth)[- ]quarter(?:\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d\d)?",
    r"q[1-4]\s*(?:fy\s*)?(?:19|20)\d\d",
    r"(?:first|second)\s+half(?:[- ]year)?\s+(?:of\s+)?(?:fiscal\s+)?(?:19|20)\d\d",
    r"h[12]\s+(?:19|20)\d\d",
    r"(?:9m|(?:first\s+)?nine\s+months)\s+(?:of\s+)?(?:19|20)\d\d",
    r"(?:full[- ]year|fiscal(?:\s+year)?|(?<!half[- ])year)\s+(?:19|20)\d\d",
    r"(?:19|20)\d\d\s+(?:annual|full[- ]year)",
    r"fy\s*(?:19|20)\d\d",
    # "FY24 Financial Results", "1H25 Results": a two-digit label where the headline says it reports
    r"(?:(?:q[1-4]|[1-4]q|h[12]|[12]h|9m)\s*(?:fy\s*)?|fy\s*)'?\d\d(?=\s+(?:(?:financial|interim|annual|operating|half[- ]year|"
    r"full[- ]year|preliminary|unaudited|and)\s+)*(?:results|highlights|report|earnings))",
    r"(?:three|six|nine|twelve)\s+months\s+ended\s+" + _DATE,
    r"(?<=(?:results|performance)\s+(?:for|in|of)\s+(?:the\s+)?(?:(?:fiscal|financial|full)\s+)?(?:year\s+)?)(?:19|20)\d\d",
], prefix=r"(?i)\b")


def find_reporting_period(text: str, cal: Calendar, reference: dt.date | None) -> PeriodValue | None:
    """The period a release reports on, from its headline and first paragraphs.

    >>> p = find_reporting_period("Acme Reports Third Quarter 2024 Results\\n...", Calendar(), None)
    >>> (p.start, p.end)
    (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    """
    head = text[:HEAD_CHARS]
    for m in REPORTING.finditer(head):
        if regex.match(r"\s*:", head[m.end():m.end() + 3]) and "(" in head[max(0, m.start() - 8):m.start()]:
            continue  # "(YTD Q3 2024: EUR 257.2 million)": a comparative's label
        phrase = m.group(0)
        low = phrase.lower()
        if low.endswith(("annual", "full-year", "full year")):
            phrase = phrase.split()[0]
        default_year = None
        if not regex.search(r"(?:19|20)\d\d", phrase):
            # "Fourth Quarter and Fiscal 2023 Results": the year a few words on names both
            near = regex.match(r"\s+(?:and|&)\s+(?:(?:fiscal|full[- ]year|financial)\s+)?(?:year\s+)?((?:19|20)\d\d)",
                               head[m.end():m.end() + 40], regex.I)
            if near is not None:
                default_year = int(near.group(1))
        pv = resolve(phrase, cal, reference, default_year)
        if (pv is None or (pv.end is None and pv.fiscal_year is None)) and default_year is None and reference is not None:
            # no year at all: the latest such period that ended before the release
            for year in (_fiscal_year_of(reference, cal), _fiscal_year_of(reference, cal) - 1):
                found = resolve(phrase, cal, reference, year)
                if found is not None and found.end is not None and found.end < reference:
                    pv = found
                    break
        if pv is not None and (pv.end is not None or pv.fiscal_year is not None):
            return pv
    return None


def find_issuer(text: str) -> tuple[str | None, str | None]:
    """The company a release is from, by its first stock listing near the top: (name, ticker).

    >>> find_issuer("SEATTLE, May 2, 2024 -- Founded in 2005, Northwind Software, Inc. (NASDAQ: NWSW) today")
    ('Northwind Software, Inc.', 'NWSW')
    >>> find_issuer("Maple Minerals Corp. (TSX-V: MPL) reports")
    ('Maple Minerals Corp.', 'MPL')
    >>> find_issuer("No listing here.")
    (None, None)
    >>> find_issuer("Vycor Medical Reports Second Quarter Results")
    ('Vycor Medical', None)
    """
    listed = [_listing(text, m) for m in LISTING.finditer(text, 0, ISSUER_CHARS)]
    stripped = text.lstrip()
    headline = stripped[:stripped.find("\n")] if "\n" in stripped else stripped
    if not listed:
        # no listing: the name a headline opens with, before its verb ("Vycor Medical Reports ...")
        named = HEADLINE_SUBJECT.match(headline)
        return (named.group("name"), None) if named is not None else (None, None)
    # "BitFuFu Posts ... Growth" naming its peers "Riot Platforms Inc (NASDAQ: RIOT), ..." before its
    # own listing: the company the headline names
    for issuer, ticker in listed:
        first = (issuer or "").split()[:1]
        if first and regex.search(r"\b" + regex.escape(first[0].strip(",.")) + r"\b", headline):
            return issuer, ticker
    return listed[0]


def _listing(text: str, m: Any) -> tuple[str | None, str | None]:
    """The company name before a listing ("Northwind Software, Inc. (NASDAQ: NWSW)") and its ticker."""
    t = _TICKER.search(m.group("body"))
    ticker = t.group("ticker") if t else None
    before = text[max(0, m.start() - 120):m.start()]
    words = before[before.rfind("\n") + 1:].split()[-8:]
    name: list[str] = []
    for w in reversed(words):
        if not _NAME_WORD.fullmatch(w) or "--" in w or (name and w.endswith(",") and not name[0].rstrip(".").lower() in LEGAL_SUFFIXES):
            break
        name.insert(0, w)
    while name and name[0].lower() in ("and", "of", "de", "du", "la", "le", "the", "&"):
        name.pop(0)
    issuer = " ".join(name).strip(" ,") or None
    return issuer, ticker


def issuer_words(issuer: str | None) -> set[str]:
    """The words of an issuer's name that tell it apart (three letters or more), lowercased.

    >>> sorted(issuer_words("Seanergy Maritime Holdings Corp."))
    ['corp', 'holdings', 'maritime', 'seanergy']
    """
    return {w for w in regex.findall(r"[a-z][\w\-]+", (issuer or "").lower()) if len(w) > 2}


def listed_companies(text: str) -> list[tuple[str | None, str | None]]:
    """Every company the text names with its stock listing, in order: (name, ticker).

    >>> listed_companies("peers Riot Platforms Inc (NASDAQ: RIOT) and MARA Holdings Inc. (NASDAQ: MARA)")
    [('Riot Platforms Inc', 'RIOT'), ('MARA Holdings Inc.', 'MARA')]
    """
    return [_listing(text, m) for m in LISTING.finditer(text)]


HEADLINE_SUBJECT = regex.compile(
    r"(?P<name>[A-Z][\w&.'’\-]*+(?:\s++[A-Z][\w&.'’\-]*+){0,3}?)\s++(?i:reports?|announces?|posts?|records?|"
    r"achieves?|delivers?|increases?|raises?|lifts?|publishes|confirms?|closes?|completes?|grows?|"
    r"generates?|continues?|expands?|sees|secures?|signs?|launches|releases?|presents?|provides?)\b")
LEGAL_SUFFIXES = {"inc", "ltd", "llc", "l.p", "lp", "plc", "corp", "co", "sa", "s.a", "ag", "nv", "n.v", "se", "limited",
             "corporation", "incorporated", "holdings", "group", "gmbh", "oyj", "ab", "asa", "spa", "s.p.a"}


def infer(text: str, reference_date: dt.date | None = None, fiscal_year_end: str | None = None,
          default_currency: str | None = None) -> DocContext:
    """Everything the text states once; the caller's values win."""
    ref = reference_date or find_reference_date(text)
    cal = find_calendar(text, fiscal_year_end)
    currency, source = find_currency(text, default_currency)
    issuer, ticker = find_issuer(text)
    return DocContext(
        reference_date=ref,
        calendar=cal,
        reporting=find_reporting_period(text, cal, ref),
        currency=currency,
        currency_source=source,
        scales=find_scales(text),
        issuer=issuer,
        ticker=ticker,
    )
