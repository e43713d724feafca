"""Consistency rules: each a small pure function from an extraction's facts to findings.

A rule fails only when the intervals of the figures (see :mod:`.intervals`) cannot be
reconciled. Rules that cannot tell what relates to what (an ambiguous whole, a missing
prior value) say nothing rather than guess.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any

import regex

from ..doccontext import LEGAL_SUFFIXES, issuer_words, listed_companies
from ..link import PARAGRAPH
from ..link import sentences as _split_sentences
from ..models import Extraction, Fact, Finding
from ..resources import load_metrics
from .intervals import Interval, far_apart, fmt, of_mention, of_value
from .lists import LIST_VERB, MAX_LIST, cover, list_items

HUNDRED = Decimal(100)
MARGINS = {
    "GrossMargin": "GrossProfit",
    "OperatingMargin": "OperatingIncomeLoss",
    "EBITDAMargin": "EBITDA",
    "NetProfitMargin": "NetIncomeLoss",
}
TOTAL_WORDS = ("total", "group", "consolidated", "overall", "company-wide")
LOSS_WORDS = ("loss", "deficit", "expense", "cost", "burn", "deficiency")
Rule = Callable[[Extraction], list[Finding]]
RESTATED_RATIO = Decimal("1.7")
# words that declare a breakdown complete: "Total revenue of $84.6 million comprised ..."
BREAKDOWN = regex.compile(r"(?i)\b(?:compris|consist|made up of|split (?:between|into|across)|broken down|"
                          r"breaks down|divided (?:between|into)|of which)")
RESTATED_FIRST = 16
PART_DISTANCE = 600  # characters between a part of a period and its whole (see _near)
_NEWLINE = regex.compile(r"\n")
PRICE_LEAD = regex.compile(r"(?:\bat|price of|priced at|for)\s+(?:a\s+price\s+of\s+)?(?:approximately\s+)?$")
# figures of a table have at most 40 characters: unbounded, each digit of a long run would start a
# scan to its end (quadratic in a line with a 100,000-digit number)
ROW_REACH = 160  # characters either side of a figure that can be its table row on a long line
TABLE_ROW = regex.compile(r"[\d)]\s*\$?\s?\(?[\d,.]{1,40}\)?\s+\$?\s?\(?[\d,.]{1,40}\)?\s+(?:-?[\d.]{1,40}\s*%|\$?\s?\(?[\d,.]{1,40})")


@lru_cache(maxsize=4)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of a release, split once for the rules that read them."""
    return tuple(_split_sentences(text))


def _iv(f: Fact) -> Interval | None:
    return of_mention(f.value)


def sum_of(facts: Iterable[Fact]) -> Interval | None:
    """The interval of the sum of some figures; None when one has no interval."""
    total = Interval(Decimal(0), Decimal(0))
    for f in facts:
        iv = _iv(f)
        if iv is None:
            return None
        total = total + iv
    return total


def _span(f: Fact) -> tuple[int, int]:
    return (f.value.start, f.value.end)


def _period(f: Fact) -> tuple[Any, Any] | None:
    if f.period is None:
        return None
    if f.period.period_start is None and f.period.fiscal_year is not None:
        return (f"FY{f.period.fiscal_year}", f.period.fiscal_period)
    return (f.period.period_start, f.period.period_end)


def _unit(f: Fact) -> str | None:
    v = f.value
    if v.type == "money":
        return f"{v.currency}/{v.per}"
    return f"{v.type}:{getattr(v, 'unit', None)}"


def _show(f: Fact) -> str:
    return f.value.text


def _label(f: Fact) -> str:
    return f.metric_text or f.metric or "the figure"


def _norm_text(f: Fact) -> str:
    words = (f.metric_text or "").lower().replace("’", "'").split()
    return " ".join(w for w in words if w not in ("the", "company's", "group's", "its", "our"))


def _finding(rule: str, ok: bool, message: str, facts: Iterable[Fact], extra_spans: Iterable[tuple[int, int]] = ()) -> Finding:
    facts = list(facts)
    spans = [_span(f) for f in facts] + list(extra_spans)
    return Finding(rule=rule, status="pass" if ok else "fail", message=message, spans=spans,
                   fact_ids=[f.id for f in facts])


def _same_measure(a: Fact, b: Fact) -> bool:
    return (a.metric == b.metric and a.scope == b.scope and a.adjusted == b.adjusted and _unit(a) == _unit(b))


# --------------------------------------------------------------------------- rules
class Lines:
    """The lines of a text, found once: which line a figure is on, and whether it reads as a table row."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.start() for m in _NEWLINE.finditer(text)]
        self.memo: dict[tuple[str, int, int], bool] = {}

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the line text[start:end] starts on, running to the end of ``end``'s line."""
        i = bisect_left(self.ends, start)
        a = self.ends[i - 1] + 1 if i > 0 else 0
        j = bisect_left(self.ends, end)
        return a, self.ends[j] if j < len(self.ends) else len(self.text)

    def in_table(self, f: Fact) -> bool:
        """A figure on a table-like line ("Revenue | 7,962 | 5,812", "Revenue$ 7,962,480 $ 5,812,472 37%"):
        its column (and so its period) is unknown until tables are read, so it is left out."""
        a, b = self.bounds(f.value.start, f.value.end)
        if b - a <= 2 * ROW_REACH:
            found = self.memo.get(("table", a, b))
            if found is None:
                line = self.text[a:b]
                found = self.memo[("table", a, b)] = "|" in line or TABLE_ROW.search(line) is not None
            return found
        # a long line (a release whose paragraphs and tables were run together on one line): the
        # row is the run of figures the figure itself stands in, not anything on the line
        lo, hi = max(a, f.value.start - ROW_REACH), min(b, f.value.end + ROW_REACH)
        near = self.text[lo:hi]
        s, e = f.value.start - lo, f.value.end - lo
        return "|" in near[max(0, s - 40):e + 40] or any(
            m.start() <= e and m.end() >= s for m in TABLE_ROW.finditer(near, overlapped=True))


CONSTANT_CURRENCY = regex.compile(r"(?i)\bconstant[\s\-]+(?:currency|exchange)|\bfx[\s\-]+neutral|\bcurrency[\s\-]+neutral")


def check_restated_differently(ex: Extraction) -> list[Finding]:
    """The same metric, period and scope stated twice must agree within rounding.

    Rules:
        restated_differently: two statements of one measure (same metric, scope, adjusted
            flag, period and unit, and named alike) whose rounding intervals do not overlap
            fail; those that overlap pass. Figures far apart (more than 1.7 times) or named
            differently are taken for two measures and left alone, as are figures on
            table-like lines.
    """
    groups: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    lines = Lines(ex.text)
    # a release that reports no period (a financing, an acquisition) states its figures once for
    # all: two undated statements of one measure are one figure ("Closes C$40.4 Million Bought
    # Deal Financing" and "gross proceeds of approximately C$40.42 million")
    undated = ex.context is None or ex.context.reporting_period is None
    first_line = ex.text.find("\n", len(ex.text) - len(ex.text.lstrip()))
    headline_end = len(ex.text) if first_line < 0 else first_line
    # a constant-currency figure is restated at the rates of the period it is compared with: two
    # of one period against two bases are two measures (Q3 at last Q3's rates, at Q2's rates)
    base_of = {r.target: _period(p) for p in ex.facts if p.period is not None
               for r in p.relations if r.type == "prior_of"}
    paired = []  # the figures _restated_pairs may pair: comparatives of unstated period too
    for f in ex.facts:
        period = _period(f) if f.period is not None else ("undated",) if undated else None
        if f.role == "guidance":
            period = _outlook_year(f, ex)
        constant = CONSTANT_CURRENCY.search(f.metric_text or "") is not None
        if period is not None and constant:
            period = (*period, base_of.get(f.id))
        if f.role not in ("value", "prior", "guidance") or f.metric is None or _iv(f) is None:
            continue
        if lines.in_table(f):
            continue
        if f.role != "guidance" and not constant:
            paired.append(f)
        if period is None:
            continue
        if f.role == "prior" and (f.period is None or f.period.source != "sentence"):
            continue
        is_range = f.value.value is None
        # an outlook is compared with the outlook stated elsewhere, not with what was reported
        groups[(f.metric, f.scope, f.adjusted, period, _unit(f), f.value.type, is_range, f.role == "guidance")].append(f)
    out = []
    compared: set[tuple[str, str]] = set()
    for facts in groups.values():
        # each statement is compared with the first RESTATED_FIRST of its measure: all pairs in a
        # release (which states a measure a few times), a bounded number in a text that repeats one
        for i, a in enumerate(facts[:RESTATED_FIRST]):
            for b in facts[i + 1:]:
                ia, ib = _iv(a), _iv(b)
                if ia is None or ib is None or (a.value.start, a.value.end) == (b.value.start, b.value.end):
                    continue
                ia, ib = _restated_iv(a, b), _restated_iv(b, a)
                ok = ia.overlaps(ib) and _ends_agree(a, b)
                if not ok and not _comparable(a, b):
                    continue  # far apart and named differently: more likely two measures than one restated
                if a.period is None and a.role != "guidance" and min(a.value.start, b.value.start) > headline_end:
                    continue  # undated figures: only the headline's is surely the one the body restates
                if a.role == "guidance":
                    year = _outlook_year(a, ex)
                    when = "..".join(str(x) for x in year[1:]) if year else "the outlook"
                else:
                    when = "..".join(str(x) for x in _period(a)) if a.period is not None else "the release"  # type: ignore[union-attr]
                verb = "agree" if ok else "do not agree"
                compared.add((a.id, b.id))
                out.append(_finding("restated_differently", ok,
                                    f"{_label(a)} for {when} is stated as {_show(a)} {ia} and as {_show(b)} {ib}: "
                                    f"the two {verb} within their rounding.", [a, b]))
    return out + _restated_pairs(ex, paired, compared) + _back_references(ex)


BACK_REFERENCE_LEAD = regex.compile(r"(?i)\b(?:the|this|that)\s++$")
BACK_REFERENCE_TAIL = regex.compile(r"(?i)\s++(?:figure|number|amount|level|mark|result)\b")


def _back_references(ex: Extraction) -> list[Finding]:
    """restated_differently for a figure the text refers back to: "the cost per mined Bitcoin rose
    to $59,452 ... Lu noted that the $59,452 figure may not be directly comparable" names a figure
    already stated in its paragraph, so one of the paragraph's earlier figures of that kind and
    unit must have its value (the last of them is compared when none has)."""
    text = ex.text
    out = []
    for f in ex.facts:
        v = f.value
        if f.source != "prose" or v.value is None or BACK_REFERENCE_TAIL.match(text, v.end) is None \
                or BACK_REFERENCE_LEAD.search(text, max(0, v.start - 8), v.start) is None:
            continue
        breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, v.start)]
        lo = breaks[-1] if breaks else 0
        earlier = sorted((g for g in ex.facts if g.source == "prose" and lo <= g.value.start < v.start
                          and g.value.type == v.type and _unit(g) == _unit(f) and g.value.value is not None),
                         key=lambda g: g.value.start)
        iv = _iv(f)
        if not earlier or iv is None:
            continue
        same = next((g for g in reversed(earlier) if (_iv(g) or Interval(None, None)).overlaps(iv)), None)
        g = same if same is not None else earlier[-1]
        ok = same is not None
        out.append(_finding("restated_differently", ok,
                            f"the {_show(f)} figure refers back to {_label(g)} of {_show(g)} "
                            f"{'and agrees with it' if ok else 'but no figure before it in its paragraph has that value'}.",
                            [f, g]))
    return out


def _loose_key(f: Fact) -> tuple[Any, ...]:
    return (f.metric, f.scope, f.adjusted, _unit(f), f.value.type, f.value.value is None)


def _periods_fit(a: Fact, b: Fact) -> bool:
    """Two periods that may be one: the same, or one of them not stated."""
    return a.period is None or b.period is None or _period(a) == _period(b)


ONE_SIDED = {"more_than", "at_least", "less_than", "at_most"}


def _restated_iv(f: Fact, other: Fact) -> Interval | None:
    """A figure's interval as a restatement of ``other``: one bound said twice with the same
    qualifier is the same bound ("EBITDA of more than AU $1.9 million" restated as "more than
    AUD$2.9m" disagrees, though both could be true), so the stated figures are compared."""
    v, q = f.value, f.value.qualifier
    if q in ONE_SIDED and q == other.value.qualifier and v.value is not None:
        return of_value(v.value, v.decimals)
    return _iv(f)


def _signed_iv(f: Fact, other: Fact) -> Interval | None:
    """A figure's interval, negated when it is named a loss and the figure it is compared with is
    negative ("a $2.4 million deficit" against "$(2.4)m")."""
    iv = _restated_iv(f, other)
    v, w = f.value.value, other.value.value
    if iv is not None and v is not None and w is not None and v > 0 > w and \
            any(x in (f.metric_text or "").lower() for x in LOSS_WORDS):
        return iv.scale(Decimal(-1))
    return iv


def _namers(a: Fact, b: Fact, partners: dict[str, list[tuple[str, Fact]]]) -> tuple[Fact, Fact]:
    """The facts whose names say whether ``a`` and ``b`` are one measure: two comparatives are
    named by the figures they compare with ("$(2.4)m in pcp", "a $2.4 million deficit in FY23")."""
    if a.role == "prior" and b.role == "prior":
        ca = next((p for side, p in partners[a.id] if side == "current"), None)
        cb = next((p for side, p in partners[b.id] if side == "current"), None)
        if ca is not None and cb is not None:
            return ca, cb
    return a, b


def _restated_pairs(ex: Extraction, facts: list[Fact], compared: set[tuple[str, str]]) -> list[Finding]:
    """restated_differently for a pair of figures stated twice: when two sentences each state one
    measure with a second figure beside it (its comparative, or the next measure of a list), and the
    first measure agrees in both, the second figures are one measure said twice, however far apart
    their values are or whichever period only one of them names ("Cash Flow: $0.8m vs. $(2.4)m in
    pcp" and "positive cash flow of $0.8 million (vs. a $2.4 million deficit in FY23)"; "revenue
    exceeding AUD$7.4 million and EBITDA of more than AU $1.9 million", twice)."""
    spans = sentences(ex.text)
    starts = [s for s, _ in spans]
    sent = {f.id: bisect_right(starts, f.value.start) - 1 for f in facts}
    in_sentence: dict[int, list[Fact]] = defaultdict(list)
    for f in sorted(facts, key=lambda f: f.value.start):
        in_sentence[sent[f.id]].append(f)
    by_id = {f.id: f for f in facts}
    # a figure's companions: its comparative, and its neighbours in its sentence (with the side they are on)
    partners: dict[str, list[tuple[str, Fact]]] = defaultdict(list)
    for row in in_sentence.values():
        for i, f in enumerate(row):
            for r in f.relations:
                if r.type == "prior_of" and r.target in by_id:
                    partners[r.target].append(("prior", f))
                    partners[f.id].append(("current", by_id[r.target]))
            if i + 1 < len(row) and row[i + 1].role == "value" and f.role == "value":
                partners[f.id].append(("next", row[i + 1]))
                partners[row[i + 1].id].append(("previous", f))
    for fid, ps in partners.items():
        sides = Counter(side for side, _ in ps)
        # a figure with two comparatives (or two currents) is not one pair: leave the side out
        partners[fid] = [(side, p) for side, p in ps if sides[side] == 1]
    keyed: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for f in facts:
        if partners.get(f.id):
            keyed[_loose_key(f)].append(f)
    out = []
    done = set(compared)
    for group in keyed.values():
        for i, a in enumerate(group[:RESTATED_FIRST]):
            for b in group[i + 1:]:
                if sent[a.id] == sent[b.id] or not _periods_fit(a, b) or not _named_alike(*_namers(a, b, partners)):
                    continue
                ia, ib = _signed_iv(a, b), _signed_iv(b, a)
                if ia is None or ib is None or not (ia.overlaps(ib) and _ends_agree(a, b)):
                    continue  # the two statements are one only when their first figure agrees
                for side, pa in partners[a.id]:
                    for side_b, pb in partners[b.id]:
                        if side != side_b or _loose_key(pa) != _loose_key(pb) or not _periods_fit(pa, pb) \
                                or (pa.id, pb.id) in done or (pb.id, pa.id) in done:
                            continue
                        if side not in ("prior", "current") and not _named_alike(pa, pb):
                            continue
                        done.add((pa.id, pb.id))
                        ja, jb = _signed_iv(pa, pb), _signed_iv(pb, pa)
                        if ja is None or jb is None:
                            continue
                        ok = ja.overlaps(jb)
                        verb = "agree" if ok else "do not agree"
                        name = f"the comparative of {_label(a)}" if side == "prior" else _label(pa)
                        anchor = f"its comparative {_show(a)}" if side == "current" else f"{_label(a)} of {_show(a)}"
                        out.append(_finding(
                            "restated_differently", ok,
                            f"{name} is stated beside {anchor} as {_show(pa)} {ja}, and beside the same "
                            f"{_show(b)} as {_show(pb)} {jb}: the two {verb} within their rounding.",
                            [pa, pb]))
    return out


def _outlook_year(f: Fact, ex: Extraction) -> tuple[Any, ...] | None:
    """The period an outlook is for, as restatements of it are compared: a quarter or half still
    to come as stated; otherwise the year. An outlook gives no past period ("published its results
    for 9M 2025 and increased its EBITDA guidance to ...": the year 2025), and one stated without a
    period is for the year the release reports."""
    p = f.period
    ctx = ex.context
    ref = ctx.reference_date if ctx is not None else None
    if p is not None and p.period_start is not None and p.period_end is not None:
        ahead = ref is None or p.period_end >= ref
        if ahead and (p.period_end - p.period_start).days < 300:
            return ("outlook", p.period_start, p.period_end)
        return ("outlook", p.period_end.year)
    if p is not None and p.fiscal_year is not None:
        return ("outlook", p.fiscal_year)
    rep = ctx.reporting_period if ctx is not None else None
    if rep is not None and rep.period_end is not None:
        return ("outlook", rep.period_end.year)
    if rep is not None and rep.fiscal_year is not None:
        return ("outlook", rep.fiscal_year)
    return None


def _ends_agree(a: Fact, b: Fact) -> bool:
    """Two ranges ("EUR 50.0 - 65.0m") are one statement when each end agrees within rounding; a
    figure and a range, when they overlap (as checked by the caller)."""
    va, vb = a.value, b.value
    if va.value is not None or vb.value is not None:
        return True
    ends = [(getattr(va, k, None), getattr(vb, k, None)) for k in ("low", "high")]
    if any(x is None or y is None for x, y in ends):
        return True
    return all(of_value(x, va.decimals).overlaps(of_value(y, vb.decimals)) for x, y in ends)


def _comparable(a: Fact, b: Fact) -> bool:
    """Two facts of one key are one measure said twice when they are named alike: one name holds
    the other, or both are names the metric taxonomy gives the metric ("Gross Marketplace Value"
    and "Group GMV")."""
    if not _named_alike(a, b):
        return False
    va, vb = (f.value.value if f.value.value is not None else (f.value.high or f.value.low or 0) for f in (a, b))
    if not va or not vb or (va < 0) != (vb < 0):
        return False  # a profit and a loss: two measures (a segment's EBITDA of EUR -1.7 million, the group's EUR 1.0 million)
    va, vb = abs(va), abs(vb)
    # far apart, they are more likely two measures (a segment, another period) than one misstated
    if _unit(a) is not None and _unit(a).endswith("/share"):  # type: ignore[union-attr]
        return True  # a per-share figure of one period has one value, however far apart the two are
    return max(va, vb) / min(va, vb) <= RESTATED_RATIO


PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n")


def _near(text: str, a: Fact, b: Fact) -> bool:
    """Two figures of one paragraph: a part of a period and its whole are stated together ("RMB870
    million, of which, ... the second half of 2023 reached RMB480 million"); far apart, one of the
    two is more often read with the wrong period than misstated."""
    lo, hi = sorted((a.value.start, b.value.start))
    return hi - lo <= PART_DISTANCE and PARAGRAPH_BREAK.search(text, lo, hi) is None


def _named_alike(a: Fact, b: Fact) -> bool:
    """One name holds the other, or both are names the metric taxonomy gives their metric."""
    ta, tb = _norm_text(a), _norm_text(b)
    if not ta or not tb:
        return False
    return f" {ta} " in f" {tb} " or f" {tb} " in f" {ta} " or _both_names_of(a.metric, ta, tb)


def _both_names_of(metric: str | None, ta: str, tb: str) -> bool:
    metrics = load_metrics()
    rows = [metrics.row(" ".join(w for w in t.split() if w not in TOTAL_WORDS)) for t in (ta, tb)]
    return metric is not None and all(r is not None and r.id == metric for r in rows)


class _Index:
    """Lookups over one extraction, built once per rule, so that no rule scans every fact or
    mention for each fact (which is quadratic in a long text)."""

    def __init__(self, ex: Extraction) -> None:
        self.mentions: dict[str, Any] = {}
        self.position: dict[str, int] = {}
        self.by_value: dict[tuple[str, Any], Any] = {}
        for n, m in enumerate(ex.mentions):
            self.mentions.setdefault(m.id, m)
            self.position.setdefault(m.id, n)
            v = getattr(m, "value", None)
            if v is not None:
                self.by_value.setdefault((m.type, abs(v)), m)
        self.prior: dict[str, Fact] = {}
        self.by_measure: dict[tuple[Any, ...], list[Fact]] = {}
        for p in ex.facts:
            if p.role == "prior":
                for r in p.relations:
                    if r.type == "prior_of":
                        self.prior.setdefault(r.target, p)
            key = _measure_key(p)
            if key is not None and p.role in ("value", "prior"):
                self.by_measure.setdefault(key, []).append(p)


def _measure_key(f: Fact) -> tuple[Any, ...] | None:
    """What a figure measures and over which dates: the key of its other statements."""
    per = f.period
    if f.metric is None or per is None or per.period_start is None or per.period_end is None:
        return None
    return (f.metric, f.scope, f.adjusted, f.value.type, _unit(f), per.period_start, per.period_end)


def _shift_year(d: Any) -> Any:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # February 29
        return d.replace(year=d.year - 1, day=28)


def _prior_of(idx: _Index, f: Fact) -> Fact | None:
    """The figure a change is measured against: the comparative stated with it, else, for a
    year-over-year change, the same measure of the year-earlier period stated elsewhere in the
    release (a statement table's prior-year column), when every such statement agrees."""
    prior = idx.prior.get(f.id)
    if prior is not None or f.change is None or f.change.basis != "year_over_year":
        return prior
    key = _measure_key(f)
    if key is None:
        return None
    earlier = idx.by_measure.get((*key[:5], _shift_year(key[5]), _shift_year(key[6])), [])
    values = {g.value.value for g in earlier}
    return earlier[0] if len(values) == 1 and None not in values else None


def _change_interval(idx: _Index, f: Fact) -> Interval | None:
    c = f.change
    if c is None:
        return None
    m = idx.mentions.get(c.mention_id) if c.mention_id is not None else None
    decimals = getattr(m, "decimals", None) if m is not None else None
    if m is not None and getattr(m, "value", None) is not None:
        iv = of_value(c.value, decimals, m.qualifier, m.qualifier_text)
    else:
        iv = of_value(c.value, decimals)
    if m is None and c.unit == "percent":  # "doubled": loosely
        iv = Interval(c.value - abs(c.value) * Decimal("0.05") - 1, c.value + abs(c.value) * Decimal("0.05") + 1)
    return iv


def check_growth_matches_values(ex: Extraction) -> list[Finding]:
    """A stated change against the figures it relates (prior and current, or amount and rate).

    Rules:
        growth_matches_values: the change implied by a prior and a current value (a rate, points,
            or an amount), or by an amount and a rate ("up $4.0 million or 8.0%"), must overlap
            the stated change within the rounding of every figure.
        direction_matches: a change said to go up while the figures fell, or down while they
            rose, fails. Silent when the direction agrees, and for losses, costs and negative
            figures, whose direction words read both ways ("the loss narrowed").
    """
    out = []
    idx = _Index(ex)  # over every fact: a table's year-earlier column is a prior of a sentence's figure
    # a change the linker also gave to its level is checked there, once
    on_levels = {f.change.mention_id for f in ex.facts if f.role != "change" and f.change is not None
                 and f.change.mention_id is not None}
    for f in ex.facts:
        c = f.change
        cur = _iv(f)
        if f.role == "change" and c is not None and cur is not None and f.source == "prose" \
                and c.mention_id not in on_levels:
            out += _change_against_level(idx, f, cur)
        if c is None or cur is None or f.role == "change" or f.source != "prose":
            continue  # table figures are checked by the table rules
        stated = _change_interval(idx, f)
        if stated is None:
            continue
        prior = _prior_of(idx, f)
        piv = _iv(prior) if prior is not None else None
        if piv is not None and prior is not None and _a_loss_of(ex.text, prior, f):
            piv = piv.scale(Decimal(-1))  # "$166k vs. a loss of $539k": the comparative is negative
        absolute = c.absolute if c.unit in ("percent", "percentage_point") else (c.value if c.unit not in ("percent", "percentage_point") else None)
        if prior is not None and piv is not None and f.value.type == prior.value.type:
            if c.unit == "percent" and f.value.type != "percent":
                if piv.lo is not None and piv.lo > 0:
                    implied = (cur - piv) / piv
                    implied = implied.scale(HUNDRED)
                    ok = implied.overlaps(stated)
                    out.append(_finding("growth_matches_values", ok,
                                        f"{_label(f)} {_show(prior)} -> {_show(f)} is a change of {implied} %, "
                                        f"stated as {fmt(c.value)} %.", [f, prior], [(c.start, c.end)]))
            elif c.unit == "percentage_point" or (c.unit == "percent" and f.value.type == "percent"):
                implied = cur - piv
                ok = implied.overlaps(stated)
                out.append(_finding("growth_matches_values", ok,
                                    f"{_label(f)} {_show(prior)} -> {_show(f)} moves {implied} points, "
                                    f"stated as {fmt(c.value)}.", [f, prior], [(c.start, c.end)]))
            if absolute is not None and (c.unit not in ("percent", "percentage_point") or f.value.type != "percent"):
                # the amount of the change, alone ("up $5.0 million") or with its rate ("up $13.6
                # million or 26.6%"), against the difference of the two figures
                implied = cur - piv
                amount = _amount_interval(idx, f)
                if amount is not None:
                    ok = implied.overlaps(amount)
                    out.append(_finding("growth_matches_values", ok,
                                        f"{_label(f)} {_show(prior)} -> {_show(f)} differs by {implied}, stated as {fmt(absolute)}.",
                                        [f, prior], [(c.start, c.end), *_amount_span(idx, f)]))
            out += _direction(f, prior, cur, piv)
        elif prior is None and c.unit == "percent" and (base := _further_from(ex, f)) is not None:
            # "decreased to 6.8 cents per kilowatt hour ... further reduced hosting costs by an
            # additional 5% to 6.5 cents": the change is from the level stated before
            biv = _iv(base)
            if biv is not None and biv.lo is not None and biv.lo > 0:
                implied = ((cur - biv) / biv).scale(HUNDRED)
                ok = implied.overlaps(stated)
                name = _label(f) if f.metric is not None else _label(base)
                out.append(_finding("growth_matches_values", ok,
                                    f"{name} {_show(base)} -> {_show(f)} is a further change of {implied} %, "
                                    f"stated as {fmt(c.value)} %.", [f, base], [(c.start, c.end)]))
        elif prior is None and c.unit == "percent" and c.absolute is None and f.value.type == "money":
            out += _growth_from_margin(ex, idx, f, stated)
        elif c.absolute is not None and c.unit == "percent" and f.value.type in ("money", "count"):
            # "up $4.0 million or 8.0%": the base is the figure less the amount
            amount = _amount_interval(idx, f, absolute_of_percent=True)
            if amount is None:
                continue
            base = cur - amount
            if base.lo is None or base.lo <= 0:
                continue
            implied = (amount / base).scale(HUNDRED)
            ok = implied.overlaps(stated)
            out.append(_finding("growth_matches_values", ok,
                                f"{_label(f)} of {_show(f)} after a change of {fmt(c.absolute)} implies {implied} %, "
                                f"stated as {fmt(c.value)} %.", [f], [(c.start, c.end), *_amount_span(idx, f)]))
    return out


FURTHER = regex.compile(r"(?i)\b(?:further|additional|another)\b[^.;\d]{0,40}$")
FURTHER_REACH = 800  # characters back from a further change to the level it continues from


def _further_from(ex: Extraction, f: Fact) -> Fact | None:
    """The level a change said to go further ("an additional 5% to 6.5 cents") starts from: the
    last figure of the same kind and unit before it, within its paragraph or the one before."""
    c = f.change
    if c is None or c.start is None or FURTHER.search(ex.text, max(0, c.start - 60), c.start) is None:
        return None
    lo = f.value.start - FURTHER_REACH
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(ex.text, max(0, lo), f.value.start)]
    if len(breaks) > 1:
        lo = breaks[-2]
    before = [g for g in ex.facts if g.source == "prose" and g.role == "value" and lo <= g.value.start < f.value.start
              and g.id != f.id and g.value.type == f.value.type and _unit(g) == _unit(f) and g.value.value is not None
              and g.value.start < c.start]
    return max(before, key=lambda g: g.value.start, default=None)


MARGIN_OF = {profit: margin for margin, profit in MARGINS.items()}


def _growth_from_margin(ex: Extraction, idx: _Index, f: Fact, stated: Interval) -> list[Finding]:
    """ "Revenue up 16% ..., EBITDA margin from 18.7% to 23.3% ... EBITDA up 44%": a profit's growth
    follows from revenue's growth and its margin's move, (1 + g) x m / m' - 1."""
    margin_id = MARGIN_OF.get(f.metric or "")
    if margin_id is None or f.period is None:
        return []
    same = [g for g in ex.facts if g.role == "value" and g.scope == f.scope and g.adjusted == f.adjusted
            and g.period is not None and (g.period.period_start, g.period.period_end) == (f.period.period_start, f.period.period_end)
            and g.period.period_start is not None]
    revenue = [g for g in same if g.metric == "Revenues" and g.change is not None and g.change.unit == "percent"
               and g.change.absolute is None and _unit(g) == _unit(f)]
    margins = [(g, idx.prior[g.id]) for g in same if g.metric == margin_id and g.id in idx.prior]
    if len(revenue) != 1 or len(margins) != 1:
        return []
    rev, (margin, before) = revenue[0], margins[0]
    growth, im, ib = _change_interval(idx, rev), _iv(margin), _iv(before)
    if growth is None or im is None or ib is None or ib.lo is None or ib.lo <= 0:
        return []
    one = Interval(Decimal(1), Decimal(1))
    implied = ((one + growth.scale(Decimal("0.01"))) * (im / ib) - one).scale(HUNDRED)
    ok = implied.overlaps(stated)
    return [_finding("growth_matches_values", ok,
                     f"{_label(f)} growth follows from {_label(rev)} up {fmt(rev.change.value)} % "  # type: ignore[union-attr]
                     f"and {_label(margin)} {_show(before)} -> {_show(margin)}: {implied} %, stated as {fmt(f.change.value)} %.",  # type: ignore[union-attr]
                     [f, rev, margin, before], [(f.change.start, f.change.end)])]  # type: ignore[union-attr]


def _change_against_level(idx: _Index, f: Fact, amount: Interval) -> list[Finding]:
    """ "R&D expenses decreased by $2,419,000 or 40%" with the level of the same measure and
    period stated elsewhere: the rate the amount makes of the level less the amount."""
    c = f.change
    if c is None or c.unit != "percent" or c.absolute is None or f.value.type != "money":
        return []
    key = _measure_key(f)
    levels = [g for g in idx.by_measure.get(key, []) if g.role == "value"] if key is not None else []
    if len({g.value.value for g in levels}) != 1 or levels[0].value.value is None:
        return []
    level = levels[0]
    liv = _iv(level)
    stated = _change_interval(idx, f)
    if liv is None or stated is None:
        return []
    signed_amount = amount.scale(Decimal(-1)) if c.absolute < 0 else amount
    base = liv - signed_amount
    if base.lo is None or base.lo <= 0:
        return []
    implied = (signed_amount / base).scale(HUNDRED)
    ok = implied.overlaps(stated)
    return [_finding("growth_matches_values", ok,
                     f"{_label(level)} of {_show(level)} after a change of {'-' if c.absolute < 0 else '+'}{_show(f)} "
                     f"implies {implied} %, stated as {fmt(c.value)} %.", [f, level], [(c.start, c.end)])]


LOSS_OF = regex.compile(r"(?i)\b(?:a\s+)?(?:net\s+)?loss\s+of\s*$")


def _a_loss_of(text: str, prior: Fact, f: Fact) -> bool:
    """A comparative written as a loss ("from a loss of $5.2 million") of a figure that is not
    itself named a loss: its value is below zero."""
    v = prior.value.value
    return (v is not None and v > 0 and LOSS_OF.search(text, max(0, prior.value.start - 24), prior.value.start) is not None
            and "loss" not in (f.metric_text or "").lower())


def _amount_span(idx: _Index, f: Fact) -> list[tuple[int, int]]:
    """Where the absolute amount of ``f``'s change is written, when it is a mention of its own."""
    c = f.change
    amount = c.absolute if c is not None else None
    if amount is None:
        return []
    m = idx.by_value.get((f.value.type, abs(amount)))
    return [(m.start, m.end)] if m is not None and m.id != f.value.id else []


def _amount_interval(idx: _Index, f: Fact, absolute_of_percent: bool = False) -> Interval | None:
    """The interval of the absolute change amount stated for ``f``."""
    c = f.change
    if c is None:
        return None
    amount = c.absolute if absolute_of_percent or c.unit in ("percent", "percentage_point") else c.value
    if amount is None:
        return None
    own = [idx.mentions[i] for i in f.mention_ids if i in idx.mentions]
    own = [m for m in own if m.type == f.value.type and getattr(m, "value", None) is not None and abs(m.value) == abs(amount)]
    if own:
        m = min(own, key=lambda x: idx.position[x.id])
        return of_value(amount, m.decimals, m.qualifier, m.qualifier_text)
    # the amount's own mention is the one that is not the figure itself
    m = idx.by_value.get((f.value.type, abs(amount)))
    if m is not None:
        return of_value(amount, m.decimals, m.qualifier, m.qualifier_text)
    return of_value(amount, None)


def _direction(f: Fact, prior: Fact, cur: Interval, piv: Interval) -> list[Finding]:
    c = f.change
    if c is None or c.direction not in ("up", "down"):
        return []
    text = (f.metric_text or "").lower()
    if any(w in text for w in LOSS_WORDS) or (cur.lo is not None and cur.lo < 0) or (piv.lo is not None and piv.lo < 0):
        return []  # "the loss narrowed": directions of losses and costs read both ways
    rose = cur.lo is not None and piv.hi is not None and cur.lo > piv.hi
    fell = cur.hi is not None and piv.lo is not None and cur.hi < piv.lo
    if (c.direction == "down" and rose) or (c.direction == "up" and fell):
        return [_finding("direction_matches", False,
                         f"{_label(f)} is said to go {c.direction} but moves from {_show(prior)} to {_show(f)}.",
                         [f, prior], [(c.start, c.end)])]
    return []


_ANY = ("any",)


class _Group:
    """Facts of one key (a metric, scope and period): the first two, all their ids and values."""

    def __init__(self) -> None:
        self.first: list[Fact] = []
        self.ids: set[str] = set()
        self.values: Counter[Any] = Counter()
        self.by_value: dict[Any, Fact] = {}  # the first fact of each value, a few values at most

    def add(self, f: Fact) -> None:
        if len(self.first) < 2:
            self.first.append(f)
        self.ids.add(f.id)
        self.values[f.value.value] += 1  # type: ignore[union-attr]
        if len(self.by_value) <= MAX_WHOLES:
            self.by_value.setdefault(f.value.value, f)


def _wholes(ex: Extraction) -> dict[tuple[Any, ...], _Group]:
    """Candidate wholes by (metric, scope, period), and by (metric, scope, any period)."""
    out: dict[tuple[Any, ...], _Group] = defaultdict(_Group)
    for f in ex.facts:
        if f.role == "value" and f.value.type != "percent":
            out[(f.metric, f.scope, _period(f))].add(f)
            out[(f.metric, f.scope, _ANY)].add(f)
    return out


def _whole_for(wholes: dict[tuple[Any, ...], _Group], share: Fact, part: Fact | None) -> Fact | None:
    """The one whole a share is of: the figures of its metric, scope and period, the part left
    out, must have one value."""
    group = wholes.get((share.metric, share.scope, _ANY if share.period is None else _period(share)))
    if group is None:
        return None
    distinct = len(group.values)
    if part is not None and part.id in group.ids and group.values[part.value.value] == 1:  # type: ignore[union-attr]
        distinct -= 1
    if distinct != 1:
        return None
    return next((f for f in group.first if part is None or f.id != part.id), None)


def check_share_of(ex: Extraction) -> list[Finding]:
    """ "X, accounting for 28.0% of Y" against X / Y.

    Rules:
        share_of: a share stated of a whole ("accounting for 39.5% of total revenue") must match
            part / whole within rounding. Runs only when the whole (the same metric, scope and
            period) has one value in the release.
    """
    out = []
    by_id = {f.id: f for f in ex.facts}
    wholes = _wholes(ex)
    for s in ex.facts:
        if s.role != "share" or s.metric is None:
            continue
        part = next((by_id[r.target] for r in s.relations if r.type == "share_of" and r.target in by_id), None)
        if part is None:
            continue
        whole = _whole_for(wholes, s, part)
        if whole is None:
            out += _share_of_any(wholes, s, part)
            continue
        if part.value.type != whole.value.type or _unit(part) != _unit(whole):
            continue
        ip, iw, ish = _iv(part), _iv(whole), _iv(s)
        if ip is None or iw is None or ish is None:
            continue
        implied = (ip / iw).scale(HUNDRED)
        ok = implied.overlaps(ish)
        if not ok and far_apart(implied, ish, SHARE_FACTOR):
            continue  # "ACL of $68.6 million (1.14% of total loans)" against loans past due: another whole
        out.append(_finding("share_of", ok,
                            f"{_show(part)} of {_show(whole)} ({_label(whole)}) is {implied} %, stated as {_show(s)}.",
                            [s, part, whole]))
    return out


MAX_WHOLES = 3  # a share whose whole is stated with more values than this is left alone


def _share_of_any(wholes: dict[tuple[Any, ...], _Group], s: Fact, part: Fact) -> list[Finding]:
    """A share whose whole is stated with two or three values ("Net Sales of $4.2 Billion" in the
    headline, "$4.6 billion" in the body): it fails only when it agrees with none of them."""
    group = wholes.get((s.metric, s.scope, _ANY if s.period is None else _period(s)))
    if group is None:
        return []
    candidates = {v: f for v, f in group.by_value.items()
                  if f.id != part.id and f.value.type == part.value.type and _unit(f) == _unit(part)
                  and f.adjusted == s.adjusted}  # "Comparable sales" are no whole of net sales
    if len(group.values) > MAX_WHOLES + (part.id in group.ids):
        return []
    ip, ish = _iv(part), _iv(s)
    if not 2 <= len(candidates) <= MAX_WHOLES or ip is None or ish is None:
        return []
    implied = {v: (ip / _iv(f)).scale(HUNDRED) for v, f in candidates.items() if _iv(f) is not None}  # type: ignore[operator]
    if any(iv.overlaps(ish) for iv in implied.values()) or all(far_apart(iv, ish, SHARE_FACTOR) for iv in implied.values()):
        return []  # one of the wholes agrees (it is the whole meant), or none is near: another whole
    shown = "; ".join(f"of {_show(candidates[v])} it is {iv} %" for v, iv in implied.items())
    return [_finding("share_of", False,
                     f"{_show(part)} is stated as {_show(s)} of {_label(s)}, whose figures disagree: {shown}, "
                     f"none of which agrees.", [s, part, *candidates.values()])]


SHARE_FACTOR = Decimal(20)  # a share this many times off its part over its whole is of another whole


def check_margin_matches_ratio(ex: Extraction) -> list[Finding]:
    """A stated margin against profit / revenue of the same period and scope.

    Rules:
        margin_matches_ratio: a gross, operating, EBITDA or net margin must match its profit over
            revenue of the same period and scope, within rounding. Runs only when the profit and
            the revenue each have one value.
    """
    out = []
    amounts: dict[tuple[Any, ...], _Group] = defaultdict(_Group)
    for f in ex.facts:
        iv = _iv(f)
        if f.role == "value" and f.value.type == "money" and iv is not None and None not in (iv.lo, iv.hi):
            # a bound ("revenue potential of up to £95 million") is not the period's figure
            amounts[(f.metric, f.scope, f.adjusted, _period(f))].add(f)
            amounts[(f.metric, f.scope, _ANY, _period(f))].add(f)
    for m in ex.facts:
        numerator_metric = MARGINS.get(m.metric or "")
        if numerator_metric is None or m.role != "value" or m.value.type != "percent":
            continue
        nums = amounts.get((numerator_metric, m.scope, m.adjusted, _period(m)))
        revs = amounts.get(("Revenues", m.scope, _ANY, _period(m)))  # adjusted or not
        if nums is None or revs is None or len(nums.values) != 1 or len(revs.values) != 1:
            continue
        num, rev = nums.first[0], revs.first[0]
        if num.value.currency != rev.value.currency:
            continue
        inum, irev, imar = _iv(num), _iv(rev), _iv(m)
        if inum is None or irev is None or imar is None:
            continue
        implied = (inum / irev).scale(HUNDRED)
        ok = implied.overlaps(imar)
        out.append(_finding("margin_matches_ratio", ok,
                            f"{_label(num)} {_show(num)} / {_label(rev)} {_show(rev)} is {implied} %, stated margin {_show(m)}.",
                            [m, num, rev]))
    return out


SIGNED_IDS = {"EBITDA", "FreeCashFlow", "GrossProfit", "NetCashFlow"}


def signed(metric: str | None) -> bool:
    """A metric whose figures may be negative (a profit that can be a loss, a cash flow): one of
    its parts may then exceed its total, because another part is negative.

    By the us-gaap naming convention: ``...IncomeLoss``, ``...ProfitLoss``, ``...IncomeExpense``,
    ``...ProvidedByUsedIn...``, ``...IncreaseDecrease...``; and EBITDA, gross profit, free cash flow.

    >>> signed("OperatingIncomeLoss"), signed("NetCashProvidedByUsedInOperatingActivities"), signed("Revenues")
    (True, True, False)
    """
    m = metric or ""
    return (m in SIGNED_IDS or m.endswith(("IncomeLoss", "ProfitLoss", "IncomeExpense"))
            or "ProvidedByUsedIn" in m or "IncreaseDecrease" in m)


def _containing(scopes: set[str]) -> set[str]:
    """The scopes that contain another one: "cloud services" when "cloud" is a scope too.

    Looks up each scope's substrings of the lengths the scopes have, so the cost grows with the
    number of scopes, not its square.

    >>> sorted(_containing({"cloud", "cloud services", "devices", "asia"}))
    ['cloud services']
    """
    lengths = sorted({len(x) for x in scopes})
    out = set()
    for p in scopes:
        for n in lengths:
            if n >= len(p):
                break
            if any(p[i:i + n] in scopes for i in range(len(p) - n + 1)):
                out.add(p)
                break
    return out


def _is_total(f: Fact, text: str = "", issuer: set[str] | frozenset[str] = frozenset()) -> bool:
    """A figure of the whole company: unscoped, and named a total ("total revenue", "Group GMV") or
    stated with the company as its subject ("The company reported revenue of $90.3 million")."""
    if f.scope is not None:
        return False
    if any(w in (f.metric_text or "").lower() for w in TOTAL_WORDS):
        return True
    if not text or f.metric_start is None or f.role != "value" or f.source != "prose":
        return False
    lead = ISSUER_SUBJECT.search(text, max(0, f.metric_start - 60), f.metric_start)
    if lead is None:
        return False
    subject = lead.group("subject").lower().split()
    return subject[-1] in COMPANY_WORDS or bool(issuer) and all(w.strip(".,") in issuer for w in subject)


# "The company reported revenue of", "BitFuFu posted total revenue of": the company's own figure
ISSUER_SUBJECT = regex.compile(
    r"(?i)(?:^|(?<=[.;:]\s)|(?<=\n)|(?<=\n[^\S\n]))(?P<subject>(?:the\s++)?[\w&.\-]++(?:\s++[\w&.\-]++){0,2}?)\s++(?:also\s++)?"
    r"(?:reported|recorded|posted|generated|achieved|delivered)\s++(?:(?:a|its|total|record|quarterly|consolidated)\s++)*+$")
COMPANY_WORDS = {"company", "group", "we", "firm", "bank"}  # not "business": an acquired one is no whole of the issuer




def _peers(ex: Extraction) -> set[str]:
    """Other listed companies the release names ("Riot Platforms Inc (NASDAQ: RIOT)"): their names
    (without legal forms) and tickers, lowercased; a scope that is one of them is no segment."""
    own = ex.context.ticker if ex.context is not None else None
    out: set[str] = set()
    for name, ticker in listed_companies(ex.text):
        if ticker is not None and ticker == own:
            continue
        words = [w.strip(".,").lower() for w in (name or "").split()]
        words = [w for w in words if w and w not in LEGAL_SUFFIXES]
        for k in range(1, len(words) + 1):
            out.add(" ".join(words[:k]))
        if ticker:
            out.add(ticker.lower())
    return out


def check_parts(ex: Extraction) -> list[Finding]:
    """A segment against its total, and a declared breakdown against its sum.

    Rules:
        part_exceeds_whole: a figure with a scope (a segment, product line or region) above the
            total of its metric, period and unit fails. The total is the figure without a scope
            whose name says total, group, consolidated or overall. So does a flow of a part of a
            period above the whole period ("the second half of 2023" above "2023"), stated in
            one paragraph.
        parts_sum_to_total: parts declared as the whole on the total's own line ("Total revenue
            of $84.6 million comprised ...") must add up to it within rounding; segments listed
            on the total's line may fall short of it but not exceed it; segments stated anywhere
            whose sum exceeds the total give a warning (segments may overlap).
    """
    out = []
    groups: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for f in ex.facts:
        if f.role == "value" and f.metric is not None and f.value.type in ("money", "count") and _period(f) is not None:
            groups[(f.metric, f.adjusted, _period(f), _unit(f))].append(f)
    text = ex.text
    lines = Lines(text)
    issuer = issuer_words(ex.context.issuer if ex.context is not None else None)
    peers = _peers(ex)
    for facts in groups.values():
        totals = [f for f in facts if _is_total(f, text, issuer)]
        if len({f.value.value for f in totals}) != 1:
            continue
        total = totals[0]
        it = _iv(total)
        parts = [f for f in facts if f.scope is not None and f.value.value is not None and f.scope not in peers]
        if it is None or not parts:
            continue
        # with a part that is (or may be) negative, another part may exceed the total
        may_offset = signed(total.metric) or any(f.value.value is not None and f.value.value < 0 for f in facts)
        for p in parts if not may_offset else []:
            ip = _iv(p)
            if ip is None:
                continue
            ok = ip.below(it)
            out.append(_finding("part_exceeds_whole", ok,
                                f"{_label(p)} ({p.scope}) of {_show(p)} {'is within' if ok else 'exceeds'} "
                                f"{_label(total)} of {_show(total)}.", [p, total]))
        inner = _containing({p.scope for p in parts if p.scope})
        top = [p for p in parts if p.scope not in inner]
        top = list({p.scope: p for p in top}.values())
        if len(top) >= 2:
            ivs = [_iv(p) for p in top]
            if all(i is not None for i in ivs):
                lo_sum = sum((i.lo for i in ivs if i is not None and i.lo is not None), Decimal(0))  # type: ignore[misc]
                ok = it.hi is None or lo_sum <= it.hi
                names = " + ".join(_show(p) for p in top)
                out.append(Finding(rule="parts_sum_to_total", status="pass" if ok else "warn",
                                   message=f"{names} (at least {fmt(lo_sum)}) "
                                   f"{'does not exceed' if ok else 'exceeds'} {_label(total)} of {_show(total)}.",
                                   spans=[_span(total)] + [_span(p) for p in top],
                                   fact_ids=[total.id] + [p.id for p in top]))
        line_end = lines.bounds(total.value.end, total.value.end)[1]
        declared = [p for p in parts if total.value.end <= p.value.start < line_end]
        if len(declared) >= 2 and len({p.scope for p in declared}) == len(declared):
            s = declared[0]
            total_iv = _iv(s)
            for p in declared[1:]:
                total_iv = total_iv + _iv(p)  # type: ignore[operator,assignment]
            names = " + ".join(_show(p) for p in declared)
            if BREAKDOWN.search(text, total.value.end, declared[0].value.start) is not None:
                # "comprised", "consisting of": the parts are the whole
                ok = total_iv.overlaps(it)  # type: ignore[union-attr]
                out.append(_finding("parts_sum_to_total", ok,
                                    f"{names} = {total_iv} against {_label(total)} of {_show(total)} {it}.",
                                    [total, *declared]))
            else:
                # segments listed after their total on its line are parts of it, not all of it
                ok = it.hi is None or total_iv.lo is None or total_iv.lo <= it.hi  # type: ignore[union-attr]
                out.append(_finding("parts_sum_to_total", ok,
                                    f"{names} = {total_iv} {'does not exceed' if ok else 'exceeds'} {_label(total)} "
                                    f"of {_show(total)} {it}.", [total, *declared]))
    return out + _period_parts(ex) + _period_sums(ex) + _shared_out_counts(ex) + _named_sums(ex)


NAMED_REACH = 800  # characters after a figure named as a list within which its parts are stated
RESPECTIVELY = regex.compile(r"(?i)\brespectively\b")


def _named_sums(ex: Extraction) -> list[Finding]:
    """parts_sum_to_total for a figure the text names as a list of measures it then states one by
    one: "Net sales revenues and co-investment income of EUR 10.6m ... While net sales revenues
    increased to EUR 7.3m ..., co-investment income normalised to EUR 3.3m" adds up. Only a
    figure whose list names no one metric, not one of a "respectively" list."""
    metrics = load_metrics()
    text = ex.text
    prose = [f for f in ex.facts if f.source == "prose" and f.role == "value" and f.value.value is not None
             and f.period is not None]
    out = []
    for f in prose:
        if f.metric is not None or f.metric_start is None or f.metric_start >= f.value.start:
            continue
        phrase = text[f.metric_start:f.value.start]
        if len(phrase) > 160 or "\n" in phrase or regex.search(r"\d", phrase) \
                or RESPECTIVELY.search(text, f.value.end, min(len(text), f.value.end + 200)):
            continue
        items = list_items(LIST_VERB.sub("", phrase))
        if not 2 <= len(items) <= MAX_LIST:
            continue
        when = _period(f)
        after = [g for g in prose if g is not f and f.value.end <= g.value.start <= f.value.end + NAMED_REACH
                 and _period(g) == when and _unit(g) == _unit(f) and g.value.type == f.value.type]
        parts = cover(items, after, metrics)
        it = _iv(f)
        total = sum_of(parts or [])
        if parts is None or it is None or total is None:
            continue
        ok = total.overlaps(it)
        names = " + ".join(f"{_label(g)} {_show(g)}" for g in parts)
        out.append(_finding("parts_sum_to_total", ok,
                            f"{' '.join(phrase.split())} {_show(f)} {it} is named as its parts: {names} = {total}"
                            f"{'' if ok else ', which does not agree'}.", [f, *parts]))
    return out


SHARED_OUT = "count.of_these"  # the mention rule of "Of these sites, ten are in ..."
SHARED_REACH = 600  # characters back from the first share to the count it shares out


def _shared_out_counts(ex: Extraction) -> list[Finding]:
    """parts_sum_to_total for "... across 17 sites ... Of these sites, ten are in the U.S., six are
    in Ethiopia and one is in Paraguay": the counts a sentence shares out of the things it opens on
    may not add up to more than the count of them stated just before."""
    shares = [f for f in ex.facts if f.value.type == "count" and f.value.rule == SHARED_OUT and f.value.value is not None]
    if not shares:
        return []
    spans = sentences(ex.text)
    starts = [s for s, _ in spans]
    groups: dict[int, list[Fact]] = defaultdict(list)
    for f in shares:
        groups[bisect_right(starts, f.value.start) - 1].append(f)
    counts = sorted((f for f in ex.facts if f.value.type == "count" and f.value.rule != SHARED_OUT and f.role == "value"
                     and f.value.value is not None), key=lambda f: f.value.start)
    out = []
    for parts in groups.values():
        parts.sort(key=lambda f: f.value.start)
        unit = getattr(parts[0].value, "unit", None)
        first = parts[0].value.start
        whole = next((f for f in reversed(counts) if f.value.start < first and first - f.value.start <= SHARED_REACH
                      and getattr(f.value, "unit", None) == unit), None)
        if whole is None or len(parts) < 2 or any(getattr(f.value, "unit", None) != unit for f in parts):
            continue
        total, it = sum_of(parts), _iv(whole)
        ok = total is None or it is None or total.lo is None or it.hi is None or total.lo <= it.hi
        names = " + ".join(_show(f) for f in parts)
        out.append(_finding("parts_sum_to_total", ok,
                            f"{names} = {total} {'does not exceed' if ok else 'exceeds'} the {_show(whole)} "
                            f"they are shared out of.", [whole, *parts]))
    return out


# the months of a fiscal year each label covers, for periods known by their label alone (FY24, 1H24)
LABEL_MONTHS = {"FY": (1, 12), "H1": (1, 6), "H2": (7, 12), "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12),
                "9M": (1, 9)}


def _stretch(f: Fact) -> tuple[Any, Any, Any] | None:
    """A fact's period as (calendar, first, last) with consecutive stretches adjoining: dates
    (days), or a fiscal label's months of its year when the dates are unknown."""
    p = f.period
    if p is None:
        return None
    if p.period_start is not None and p.period_end is not None:
        if p.period_start == p.period_end:
            return None  # an instant is no stretch of time
        return ("dates", p.period_start.toordinal(), p.period_end.toordinal())
    months = LABEL_MONTHS.get(p.fiscal_period or "")
    if p.fiscal_year is None or months is None:
        return None
    return (f"FY{p.fiscal_year}", *months)


def _tiling(whole: tuple[Any, Any, Any], parts: dict[tuple[Any, Any, Any], Fact]) -> list[Fact] | None:
    """Parts whose periods follow one another without gap or overlap from the whole's first day
    (or month) to its last: the halves of a year, its quarters, a half and two quarters."""
    def walk(at: Any, chosen: list[Fact]) -> list[Fact] | None:
        if at == whole[2] + 1:
            return chosen if len(chosen) >= 2 else None
        for (cal, first, last), f in sorted(parts.items(), key=lambda kv: -(kv[0][2] - kv[0][1])):
            if cal == whole[0] and first == at and last <= whole[2] and (first, last) != whole[1:]:
                found = walk(last + 1, [*chosen, f])
                if found is not None:
                    return found
        return None
    return walk(whole[1], [])


def _period_sums(ex: Extraction) -> list[Finding]:
    """parts_sum_to_total over periods: a flow stated for a period and for each part of it (the
    year and its two halves, "Operating Profit: $0.8m ... 1H24: $(1.0) million; 2H24: $1.8
    million") adds up to it within rounding, whatever the parts' signs."""
    metrics = load_metrics()
    lines = Lines(ex.text)
    groups: dict[tuple[Any, ...], dict[tuple[Any, Any, Any], list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for f in ex.facts:
        if (f.role != "value" or f.source != "prose" or f.metric is None or f.value.value is None
                or metrics.kind(f.metric) != "flow" or lines.in_table(f)):
            continue
        stretch = _stretch(f)
        if stretch is not None:
            groups[(f.metric, f.scope, f.adjusted, f.value.type, _unit(f))][stretch].append(f)
    out = []
    for by_period in groups.values():
        if len(by_period) < 3:
            continue
        # one figure for each period: a period stated with two different values is left out
        one = {k: fs[0] for k, fs in by_period.items() if all(_iv(x) == _iv(fs[0]) for x in fs)}
        for stretch, whole in sorted(one.items(), key=lambda kv: kv[0][1] - kv[0][2]):
            parts = {k: f for k, f in one.items() if k != stretch and k[0] == stretch[0]
                     and stretch[1] <= k[1] and k[2] <= stretch[2]}
            tiled = _tiling(stretch, parts) if len(parts) >= 2 else None
            if tiled is None:
                continue
            total, it = sum_of(tiled), _iv(whole)
            if it is None or total is None:
                continue
            ok = total.overlaps(it)
            names = " + ".join(_show(f) for f in tiled)
            out.append(_finding("parts_sum_to_total", ok,
                                f"{_label(whole)} of its parts of the period, {names} = {total}, against the whole "
                                f"period's {_show(whole)} {it}.", [whole, *tiled]))
            break  # the longest period tiled; its parts are checked as wholes no further
    return out


def _period_parts(ex: Extraction) -> list[Finding]:
    """part_exceeds_whole over periods: a flow (revenue, shipments: a metric the taxonomy says
    adds up over time) stated for a period inside another period of the same measure ("the
    second half of 2023" inside "2023", a quarter inside its year) may not exceed it. Silent for
    balances, ratios and figures that may be negative, and for two figures of different
    paragraphs."""
    metrics = load_metrics()
    groups: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for f in ex.facts:
        per = f.period
        if (f.role != "value" or f.metric is None or per is None or per.source != "sentence" or per.period_start is None
                or per.period_end is None or per.period_start == per.period_end or f.value.value is None
                or f.value.value < 0 or signed(f.metric) or metrics.kind(f.metric) != "flow"):
            continue  # the period as the sentence states it, a stretch of time, a flow that cannot be negative
        groups[(f.metric, f.scope, f.adjusted, f.value.type, _unit(f))].append(f)
    out = []
    for facts in groups.values():
        facts = sorted(facts, key=lambda f: f.period.period_end - f.period.period_start)[:RESTATED_FIRST]  # type: ignore[union-attr]
        for i, part in enumerate(facts):
            p = part.period
            for whole in facts[i + 1:]:
                w = whole.period
                if not (w.period_start <= p.period_start and p.period_end <= w.period_end  # type: ignore[union-attr,operator]
                        and (w.period_start, w.period_end) != (p.period_start, p.period_end)):  # type: ignore[union-attr]
                    continue
                ip, iw = _iv(part), _iv(whole)
                if ip is None or iw is None or not _named_alike(part, whole) or not _near(ex.text, part, whole):
                    continue
                ok = ip.below(iw)
                out.append(_finding("part_exceeds_whole", ok,
                                    f"{_label(part)} for {p.period_start}..{p.period_end} of {_show(part)} "  # type: ignore[union-attr]
                                    f"{'is within' if ok else 'exceeds'} {_label(whole)} for the whole "
                                    f"{w.period_start}..{w.period_end} of {_show(whole)}.", [part, whole]))  # type: ignore[union-attr]
    return out


def check_translation_consistent(ex: Extraction) -> list[Finding]:
    """Convenience translations imply one exchange rate per currency pair.

    Rules:
        translation_consistent: every amount translated into another currency
            ("RMB12.3 billion (US$1.7 billion)") implies a rate; the rates of one currency pair
            in a release must overlap within rounding. Balances (translated at the closing
            rate) and flows of a period (at its average rate) are compared among themselves.
            A rate the release states ("at a rate of RMB7.2993 to US$1.00") is respected by
            every translation of its pair.
    """
    by_id = {m.id: m for m in ex.mentions}
    metrics = load_metrics()
    kind_of: dict[str, str] = {}
    for f in ex.facts:
        per = f.period
        instant = per is not None and per.period_start is not None and per.period_start == per.period_end
        kind_of[f.value.id] = "balance" if instant or metrics.kind(f.metric) == "stock" else "period"
    rates: dict[tuple[str, str, str], list[tuple[Interval, Any, Any]]] = defaultdict(list)
    for m in ex.mentions:
        src = by_id.get(getattr(m, "translation_of", None) or "")
        if src is None or src.value is None or m.value is None or not m.value:
            continue
        isrc, idst = of_mention(src), of_mention(m)
        if isrc is None or idst is None:
            continue
        rates[(src.currency, m.currency, kind_of.get(src.id, "period"))].append((isrc / idst, src, m))
    out = []
    stated = _stated_rates(ex)
    for (a, b, _kind), items in rates.items():
        rate = stated.get((a, b))
        if rate is not None:
            # a rate the release states ("at a rate of RMB7.2993 to US$1.00"): every translation of the pair uses it
            for r, src, dst in items:
                ok = any(r.overlaps(Interval(x, x)) for x in rate)
                out.append(Finding(rule="translation_consistent", status="pass" if ok else "fail",
                                   message=f"{src.text} ({dst.text}) implies {a}/{b} {r}; the release states the rate "
                                           f"{fmt(rate[0])}{'' if ok else ': they do not agree'}.",
                                   spans=[(src.start, src.end), (dst.start, dst.end)]))
            continue
        for i in range(1, len(items)):
            r0, s0, d0 = items[0]
            r1, s1, d1 = items[i]
            ok = r0.overlaps(r1)
            out.append(Finding(rule="translation_consistent", status="pass" if ok else "fail",
                               message=f"{s0.text} ({d0.text}) implies {a}/{b} {r0}; {s1.text} ({d1.text}) implies {r1}.",
                               spans=[(s0.start, s0.end), (d0.start, d0.end), (s1.start, s1.end), (d1.start, d1.end)]))
    return out


RATE_WORDS = regex.compile(r"(?i)\brates?\b|\btranslat")
RATE_JOIN = regex.compile(r"\s*+(?:to|=|per|:)\s*+")
PAIR_RATE = regex.compile(r"\b(?P<a>[A-Z]{3})/(?P<b>[A-Z]{3})\s++(?:exchange\s++)?rate\s++of\s++(?P<x>\d{1,6}(?:\.\d{1,8})?)\b")


def _stated_rates(ex: Extraction) -> dict[tuple[str, str], tuple[Decimal, ...]]:
    """The exchange rates a release states, as units of the first currency for one of the second
    (both ways round): "at a rate of RMB7.2993 to US$1.00", "US$1.00 = HK$7.80", "calculated at
    CAD/USD exchange rate of 1.3734" (a pair written either way: both readings are accepted)."""
    out: dict[tuple[str, str], tuple[Decimal, ...]] = {}
    money = sorted((m for m in ex.mentions if m.type == "money" and m.value and m.currency), key=lambda m: m.start)
    text = ex.text
    for m1, m2 in zip(money, money[1:]):
        if RATE_JOIN.fullmatch(text, m1.end, m2.start) is None or m1.currency == m2.currency \
                or RATE_WORDS.search(text, max(0, m1.start - 200), min(len(text), m2.end + 60)) is None:
            continue
        if m2.value == 1:
            out[(m1.currency, m2.currency)] = (m1.value,)
            out[(m2.currency, m1.currency)] = (1 / m1.value,)
        elif m1.value == 1:
            out[(m2.currency, m1.currency)] = (m2.value,)
            out[(m1.currency, m2.currency)] = (1 / m2.value,)
    for hit in PAIR_RATE.finditer(text):
        x = Decimal(hit.group("x"))
        if x:
            out[(hit.group("a"), hit.group("b"))] = out[(hit.group("b"), hit.group("a"))] = (x, 1 / x)
    return out


def check_per_unit(ex: Extraction) -> list[Finding]:
    """Shares x price per share against the amount in the same sentence ("4,000,000 shares at $0.75").

    Rules:
        per_unit: in a sentence with one share count, one price per share and one amount
            ("repurchased 4,000,000 shares at $0.75 per share for $3.0 million"), count x price
            must match the amount within rounding. An issue price prices the proceeds and the
            purchases of its paragraph too ("purchased 1,263,416 shares for C$4.49 million").
    """
    out = _offering_price(ex)
    text = ex.text
    mentions = sorted(ex.mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    for s0, s1 in sentences(text):
        ms = mentions[bisect_left(starts, s0):bisect_left(starts, s1)]
        counts = [m for m in ms if m.type == "count" and m.unit == "share" and m.value is not None]
        prices = [m for m in ms if m.type == "money" and m.per == "share" and m.value is not None]
        amounts = [m for m in ms if m.type == "money" and m.per is None and m.value is not None
                   and getattr(m, "translation_of", None) is None]
        if len(counts) != 1 or len(prices) != 1 or len(amounts) != 1:
            continue
        n, p, a = counts[0], prices[0], amounts[0]
        lead = text[max(s0, p.start - 20):p.start].lower()
        if a.currency != p.currency or n.start > p.start or not PRICE_LEAD.search(lead):
            continue  # only "N shares at $X per share": a dividend per share is not the price of those shares
        out.append(_shares_at_price(n, p, a))
    return out


def _shares_at_price(n: Any, price: Any, amount: Any) -> Finding:
    """per_unit: a share count times a price per share against the amount stated for them."""
    ia, iprod = of_mention(amount), of_mention(n) * of_mention(price)  # type: ignore[operator]
    ok = ia.overlaps(iprod)  # type: ignore[union-attr]
    return Finding(rule="per_unit", status="pass" if ok else "fail",
                   message=f"{n.text} x {price.text} = {iprod}, stated as {amount.text} {ia}.",
                   spans=[(n.start, n.end), (price.start, price.end), (amount.start, amount.end)])


PROCEEDS_LEAD = regex.compile(r"(?i)proceeds\s+of\s+(?:approximately\s+|about\s+|roughly\s+)?$")
FOR_LINK = regex.compile(r"(?i)^\s*(?:[a-z]+\s+){0,2}?for\s+$")  # "1,263,416 shares for", "C$10.95 million investment for"


def _offering_price(ex: Extraction) -> list[Finding]:
    """per_unit over a paragraph: one issue price ("issued 11,385,000 common shares at C$3.55 per
    share") prices the paragraph's proceeds ("gross proceeds of approximately C$40.42 million")
    and each purchase in it ("purchased 1,263,416 shares for C$4.49 million", "a C$10.95 million
    investment for 3,083,536 shares")."""
    out = []
    text = ex.text
    mentions = sorted(ex.mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    for para in PARAGRAPH.finditer(text):
        a0, b0 = para.start(), para.end()
        ms = mentions[bisect_left(starts, a0):bisect_left(starts, b0)]
        shares = [m for m in ms if m.type == "count" and m.unit == "share" and m.value is not None]
        prices = [m for m in ms if m.type == "money" and m.per == "share" and m.value is not None
                  and PRICE_LEAD.search(text[max(a0, m.start - 20):m.start].lower())]
        if len(prices) != 1 or not shares:
            continue
        price = prices[0]
        issued = [n for n in shares if n.end <= price.start and price.start - n.end <= 12]
        amounts = [m for m in ms if m.type == "money" and m.per is None and m.value is not None
                   and m.currency == price.currency and getattr(m, "translation_of", None) is None]
        pairs = []
        if len(issued) == 1:
            proceeds = [a for a in amounts if PROCEEDS_LEAD.search(text[max(a0, a.start - 40):a.start])]
            if len(proceeds) == 1:
                pairs.append((issued[0], proceeds[0]))
        for n in shares:
            if issued and n is issued[0]:
                continue
            for a in amounts:
                lo, hi = (n, a) if n.end <= a.start else (a, n)
                if hi.start - lo.end <= 40 and FOR_LINK.match(text[lo.end:hi.start]):
                    pairs.append((n, a))
                    break
        out += [_shares_at_price(n, price, a) for n, a in pairs]
    return out


# rules that read the table facts too (they check the sentences' figures only)
WITH_TABLES = {"growth_matches_values"}

RULES: dict[str, Rule] = {
    "restated_differently": check_restated_differently,
    "growth_matches_values": check_growth_matches_values,
    "share_of": check_share_of,
    "margin_matches_ratio": check_margin_matches_ratio,
    "parts": check_parts,
    "translation_consistent": check_translation_consistent,
    "per_unit": check_per_unit,
}
