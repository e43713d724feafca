"""Row labels -> metrics, and what kind of figures a row holds.

A label is matched to the metric taxonomy (``patterns/metrics.jsonl``) as a whole name, after
footnote markers, parenthesized asides ("(loss)", "(a non-GAAP measure)"), ", net" and a
leading "Total" are set aside; never by a word found inside it, so "Revenues, excluding
hedging effect" is not revenue. "Basic" and "Diluted" take their meaning from the heading
above them ("Net loss per common share", "Weighted average shares outstanding").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import regex

from .. import fastre
from ..resources import Metrics

# spaces before a mark are taken from the start of their run only: from inside it too, a long run
# is quadratic (the text removed is the same)
FOOTNOTE = regex.compile(r"(?:(?<!\s)\s+)?(?:\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|\[\d{1,2}\])(?=\s|$|:|,)|[*†‡¹²³⁴]+"
                         r"|(?:(?<!\s)\s+)?\$$")
_FOOTNOTE_SIGNS = frozenset("([*†‡¹²³⁴$")  # a FOOTNOTE match holds one of these
PAREN = regex.compile(r"\s*\([^()]*\)")
PER_SHARE = regex.compile(r"(?i)\bper\s+(?:basic\s+|diluted\s+)?(?:common\s+|ordinary\s+)?(?:share|ads|adr|unit)s?\b|\beps\b|"
                          r"\bearnings\s+per\b|\bloss\s+per\b")
SHARES = regex.compile(r"(?i)\bweighted[- ]average\b|\bshares?\s+(?:outstanding|used)\b|"
                       r"\bnumber\s+of\s+(?:common\s+|ordinary\s+)?shares\b|\bshares\s+in\s+computing\b")
PER_UNIT = regex.compile(r"(?i)(?:\bprice|\bcost)\s*(?:per\s+|/\s*)(?P<a>[a-z]+(?:\s+ton)?)\b|\bper\s+(?P<b>gallon|ton|barrel|ounce|"
                         r"mmbtu|bushel|rin|unit|credit|user|subscriber|customer|kwh|mwh|boe|tonne|metric ton)s?\b|"
                         r"/\s*(?P<c>gallon|ton|barrel|ounce|mmbtu|bushel|metric ton|tonne)\b")
COUNT_NOUNS = {"employees": "employee", "employee": "employee", "headcount": "employee", "customers": "customer",
               "stores": "store", "locations": "location", "users": "user", "subscribers": "subscriber",
               "gallons": "gallon", "tons": "ton", "bushels": "bushel", "mmbtu": "mmbtu", "units": "unit",
               "credits": "credit", "rins": "rin", "barrels": "barrel", "ounces": "ounce", "members": "member",
               "branches": "branch", "vessels": "vessel", "patients": "patient"}
MONEY_WORDS = regex.compile(r"(?i)\b(?:price|cost|revenues?|sales|per|payable|receivable|expenses?|income|\$)")
ROW_SCALE = regex.compile(r"(?i)\(\s*in\s+(thousands|millions|billions)\s*\)|\(\s*(000s?|'000)\s*\)")
ROW_SCALES = {"thousands": 10**3, "millions": 10**6, "billions": 10**9, "000": 10**3, "000s": 10**3, "'000": 10**3}
TOTAL = regex.compile(r"(?i)^(?:total\b|net\s+cash\b|net\s+(?:increase|decrease|change)\b|.*\btotals?$|"
                   r"\(?(?:increase|decrease)\)?\s*(?:\(?(?:increase|decrease)\)?\s*)?in\s+cash\b)")
CASH_EDGE = regex.compile(r"(?i)^(?:balance\s+of\s+)?(?P<what>cash\b.*?)\s*,?\s*(?:at\s+|-\s*)?(?:the\s+)?"
                          r"(?P<edge>beginning|end)\s+of\s+(?:the\s+)?(?:period|year|quarter|fiscal\s+year)s?$")
ADD_LESS = regex.compile(r"^(?:add|plus|less|deduct|minus)\s*:\s*")
CHANGES = regex.compile(r"(?i)\bchanges?\s+in\b|\b(?:increase|decrease)\s+in\b")
GAAP_WORD = regex.compile(r"^(?:gaap|ifrs|u\.s\. gaap|reported)\s+")
# the leftmost match never starts inside a run of spaces or digits (its run's start matches too),
# so only starts there are tried; a share count has at most 40 characters
PAR_VALUE = regex.compile(r"(?i)(?:[,;]|(?<![\s\d.]))\s*+(?:\$?\s?[\d.]+\s+)?(?:no\s+)?par\s+value\b"
                          r"|[,;]\s*(?:\d[\d,]{0,40}\s+)?shares\s+(?:authorized|issued)\b")
NONCONTROLLING = regex.compile(r"(?i)non-?\s?controlling|minority")
ATTRIBUTABLE = regex.compile(r"(?i)\s+(?:attributable|available)\s+to\s+.*$")
# Most labels hold none of the words these patterns need, and a search fails only after trying them
# at every position: each is run when its words are in the lower-cased label ("par" or "hare" for
# PAR_VALUE, "(" for PAREN...). Of the letters of these words, ``regex``'s (?i) matches none to a
# letter but its two ASCII cases (it does "i" to "İ", "k" to "K", "s" to "ſ": words with an "i" are
# looked for in lower-cased text, where no "İ" is left, and none holds a "k" or an "s").
def _may_par_value(low: str) -> bool:
    return "par" in low or "hare" in low


def _may_total(low: str) -> bool:
    return "total" in low or "net" in low or "crea" in low  # "increase", "decrease"


def _may_noncontrolling(low: str) -> bool:
    return "controlling" in low or "minority" in low


def _may_attributable(low: str) -> bool:
    return "ttributable" in low or "vailable" in low


def _may_per_unit(low: str) -> bool:
    return "per" in low or "/" in low


def _unparen(low: str) -> str:
    return PAREN.sub("", low) if "(" in low else low


BREAKDOWN = {"Revenues", "OperatingIncomeLoss", "GrossProfit", "CostOfRevenue"}
SCOPE_STOP = {"deferred", "unearned", "accrued", "contract", "other", "total", "net", "gross", "share", "interest",
              "income", "cost", "costs", "of"}
EPS_IDS = {"diluted": "EarningsPerShareDiluted", "basic": "EarningsPerShareBasic"}
SHARE_IDS = {"diluted": "WeightedAverageNumberOfDilutedSharesOutstanding",
             "basic": "WeightedAverageNumberOfSharesOutstandingBasic"}


@dataclass(frozen=True)
class RowMeaning:
    """What a row measures and how to read its figures."""

    label: str
    metric: str | None
    kind: str  # "money", "per_share", "per_unit", "shares", "count", "percent"
    adjusted: bool = False
    scope: str | None = None
    total: bool = False
    scale: Decimal | None = None  # "(in millions)" written in the label
    unit: str | None = None
    edge: str | None = None  # "beginning" / "end": a balance at an edge of the column's period


RATIO_AMOUNT = {"GrossMargin": "GrossProfit"}


def cell_metric(meaning: RowMeaning, value_type: str, metrics: Metrics) -> str | None:
    """The metric of one cell: a ratio's name over an amount names the amount ("Gross margin |
    2,475" is gross profit, as US statements use the words); over a percentage, the ratio.

    >>> from finfacts.resources import load_metrics
    >>> m = load_metrics()
    >>> r = read_row("Gross margin", [], m)
    >>> cell_metric(r, "money", m), cell_metric(r, "percent", m)
    ('GrossProfit', 'GrossMargin')
    """
    if metrics.kind(meaning.metric) == "ratio" and value_type != "percent":
        return RATIO_AMOUNT.get(meaning.metric or "")
    return meaning.metric


def clean_label(text: str) -> str:
    """A label without footnote markers, trailing colons and stray spacing.

    >>> clean_label("Operating margin(2)"), clean_label("Net Income (loss )"), clean_label("Revenue$")
    ('Operating margin', 'Net Income (loss)', 'Revenue')
    >>> clean_label("Total revenues(1):"), clean_label("General and administrative (1)"), clean_label("EBITDA[1]")
    ('Total revenues', 'General and administrative', 'EBITDA')
    """
    t = " ".join(text.replace("’", "'").replace("\u00a0", " ").split())
    # the words are now split by one space, so "( " and " )" are all the spaces inside parentheses
    t = t.replace(" )", ")").replace("( ", "(")
    if "(" in t:
        t = fastre.sub(r"(?<=\w)\(", " (", t)
    if not _FOOTNOTE_SIGNS.isdisjoint(t):
        t = FOOTNOTE.sub("", t)
    return t.strip().rstrip(":").strip()


def _variants(low: str) -> list[str]:
    out = [low]
    bare = " ".join(_unparen(low).split())
    out.append(bare)
    for v in (low, bare):
        m = fastre.match(r"^(.*?),\s*net(?:\s+of\s+.*)?$", v) if "net" in v else None
        if m:
            out.append(m.group(1))
    for v in list(out):
        if v.startswith("total "):
            out.append(v[6:])
    for v in list(out):
        if v.endswith(" expense"):
            out.append(v + "s")  # "General and administrative expense"
        elif v.endswith(" expenses"):
            out.append(v[:-1])
        elif len(v.split()) >= 2:
            out += [v + " expenses", v + " expense"]
    return out


def lookup(label: str, metrics: Metrics) -> tuple[str | None, bool]:
    """The metric a whole label names, and whether it is an adjusted (non-GAAP) figure.

    >>> from finfacts.resources import load_metrics
    >>> m = load_metrics()
    >>> [lookup(x, m)[0] for x in ("Total revenues", "SALES, Net of returns and allowances", "Net Income (loss)",
    ...                            "Research and development", "Revenues, excluding hedging effect")]
    ['Revenues', 'Revenues', 'NetIncomeLoss', 'ResearchAndDevelopmentExpense', None]
    >>> lookup("Adjusted EBITDA (a non-GAAP measure)", m)
    ('EBITDA', True)
    >>> lookup("Net income attributable to noncontrolling interests", m)[0] is None
    True
    """
    low = label.lower()
    adjusted = "non-gaap" in low or "non-ifrs" in low
    low = GAAP_WORD.sub("", low)
    if _may_noncontrolling(low) and NONCONTROLLING.search(low):
        return None, adjusted
    if _may_attributable(low):
        low = ATTRIBUTABLE.sub("", low)
    low = ADD_LESS.sub("", low)
    for v in _variants(low):
        row = metrics.by_name.get(v)
        if row is not None:
            return row.id, adjusted
    words = low.split()
    if words and words[0] in metrics.adjusted:
        rest = " ".join(words[1:])
        for v in _variants(rest):
            row = metrics.by_name.get(v)
            if row is not None:
                return row.id, True
    return None, adjusted


def _scoped(label: str, metrics: Metrics) -> tuple[str | None, str | None]:
    """ "Subscription revenue", "Product revenues": a revenue line named by what it sells."""
    low = GAAP_WORD.sub("", " ".join(_unparen(label.lower()).split()))
    words = low.split()
    for n in (2, 1):
        if len(words) <= n:
            continue
        row = metrics.by_name.get(" ".join(words[-n:]))
        if row is None or row.id != "Revenues":
            continue
        scope = words[:-n]
        if any(w in SCOPE_STOP for w in scope) or not all(w.isalpha() or "-" in w or "&" in w for w in scope):
            return None, None
        return row.id, " ".join(scope)
    return None, None


def _count_unit(low: str) -> str | None:
    """The counted noun of a row of counts: "Number of employees", "Gallons sold (in millions)", "Stores"."""
    if MONEY_WORDS.search(low):
        return None
    words = fastre.findall(r"[a-z]+", _unparen(low))
    if not words:
        return None
    if low.startswith(("number of", "total number of")):
        return next((COUNT_NOUNS[w] for w in words if w in COUNT_NOUNS), None) or words[-1]
    if words[-1] in COUNT_NOUNS and len(words) <= 3 and "of" not in words:
        return COUNT_NOUNS[words[-1]]
    if len(words) >= 2 and words[-1] in ("sold", "ground", "produced", "shipped", "delivered") and words[-2] in COUNT_NOUNS:
        return COUNT_NOUNS[words[-2]]
    return None


def _memo(memo: dict[tuple[Any, ...], Any] | None, fn: Any, arg: str, *rest: Any) -> Any:
    """``fn(arg, *rest)``, kept in ``memo`` by the function's name and ``arg`` when there is one."""
    if memo is None:
        return fn(arg, *rest)
    key = (fn.__name__, arg)
    hit = memo.get(key, _MISSING)
    if hit is _MISSING:
        hit = memo[key] = fn(arg, *rest)
    return hit


_MISSING = object()


def read_row(label: str | None, sections: list[str], metrics: Metrics,
             memo: dict[tuple[Any, ...], Any] | None = None) -> RowMeaning:
    """What one row of figures measures.

    ``sections`` are the headings above the row, nearest last. ``memo``, when given, keeps the
    readings of labels and headings (a heading is read again for every row under it); the caller
    keeps it for one text and one taxonomy.

    >>> from finfacts.resources import load_metrics
    >>> m = load_metrics()
    >>> r = read_row("Diluted", ["Net loss per common share"], m); (r.metric, r.kind)
    ('EarningsPerShareDiluted', 'per_share')
    >>> r = read_row("Diluted", ["Weighted average shares outstanding"], m); (r.metric, r.kind)
    ('WeightedAverageNumberOfDilutedSharesOutstanding', 'shares')
    >>> read_row("Weighted Average Shares Outstanding, Basic and Diluted", [], m).metric
    'WeightedAverageNumberOfSharesOutstanding'
    >>> read_row("General and administrative expense", [], m).metric
    'SellingGeneralAndAdministrativeExpense'
    >>> r = read_row("Google Cloud", ["Revenues"], m); (r.metric, r.scope)
    ('Revenues', 'google cloud')
    >>> r = read_row("Subscription revenue", [], m); (r.metric, r.scope)
    ('Revenues', 'subscription')
    >>> r = read_row("Gallons sold (in millions)", [], m); (r.kind, r.scale, r.unit)
    ('count', Decimal('1000000'), 'gallon')
    >>> r = read_row("Cash and cash equivalents at end of period", [], m); (r.metric, r.edge)
    ('CashAndCashEquivalents', 'end')
    >>> read_row("Accounts receivable", ["Changes in operating assets and liabilities"], m).metric is None
    True
    >>> read_row("Total current assets", [], m).total, read_row("Gross margin", [], m).metric
    (True, 'GrossMargin')
    """
    text = clean_label(label or "")
    low = text.lower()
    section = _memo(memo, clean_label, sections[-1]) if sections else ""
    sec_low = section.lower()
    scale = None
    rs = ROW_SCALE.search(text)
    if rs is not None:
        scale = Decimal(ROW_SCALES[(rs.group(1) or rs.group(2)).lower()])
    total = not text or (_may_total(low) and TOTAL.match(text) is not None)
    metric, adjusted = _memo(memo, lookup, text, metrics) if text else (None, False)
    scope = None
    edge = None
    m = CASH_EDGE.match(text)
    if m is not None:
        metric, _ = lookup(m.group("what"), metrics)
        edge = m.group("edge").lower()
        total = False
    # "Preferred stock, $0.001 par value per share; 100 shares authorized": the words after the par value
    # describe the stock, they do not make the row per share or a share count
    if _may_par_value(low):
        low = PAR_VALUE.split(low, 1)[0]
    bare_word = low in ("basic", "diluted", "basic and diluted", "basic & diluted", "- basic", "- diluted")
    context = f"{sec_low} {low}" if bare_word or low.startswith("-") else low
    # share counts and per-share amounts; prices per unit
    pu = PER_UNIT.search(low) if _may_per_unit(low) else None
    if pu is not None and not PER_SHARE.search(low):
        unit = (pu.group("a") or pu.group("b") or pu.group("c") or "").strip()
        return RowMeaning(text, metric, "per_unit", adjusted, None, total, None, unit.split()[-1] if unit else None)
    if SHARES.search(context) and not (PER_SHARE.search(low) and not SHARES.search(low)):
        both = fastre.search(r"basic\s+(?:and|&)\s+diluted", context) is not None
        which = None if both else ("diluted" if "diluted" in context else ("basic" if "basic" in context else None))
        if metric is None or metrics.kind(metric) != "count":
            metric = SHARE_IDS.get(which or "", "WeightedAverageNumberOfSharesOutstanding")
        return RowMeaning(text, metric, "shares", adjusted, None, total, scale, "share")
    if PER_SHARE.search(context) or metrics.kind(metric) == "per_share":
        if metric is None or metrics.kind(metric) != "per_share" or bare_word:
            if "dividend" in context:
                metric = "DividendsPerShare"
            elif "book value" in context:
                metric = None
            else:
                both = "basic and diluted" in context or "basic & diluted" in context
                which = None if both else ("diluted" if "diluted" in context else ("basic" if "basic" in context else None))
                metric = EPS_IDS.get(which or "", "EarningsPerShare")
        return RowMeaning(text, metric, "per_share", adjusted, None, total, scale)
    if "%" in low or fastre.search(r"(?i)\bpercent(?:age)?\b|\bratio\b", low):
        return RowMeaning(text, metric, "percent", adjusted, None, total, scale)
    unit = _count_unit(low)
    if unit is not None and (metric is None or metrics.kind(metric) == "count"):
        return RowMeaning(text, metric, "count", adjusted, None, total, scale, unit)

    if metrics.kind(metric) == "stock" and any(CHANGES.search(x) for x in sections):
        metric = None  # under "Changes in operating assets and liabilities:" a balance's name is its change
    if metric is None and text:
        metric, scope = _scoped(text, metrics)
    if metric is None and text and sections and not total:
        parent, parent_adj = _memo(memo, lookup, section, metrics)
        if parent in BREAKDOWN:
            metric, scope, adjusted = parent, low, parent_adj
    return RowMeaning(text, metric, "money", adjusted, scope, total, scale, edge=edge)
