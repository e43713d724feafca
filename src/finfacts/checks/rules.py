"""Consistency rules: each a small pure function from an extraction's facts to findings.

A rule fails only when the intervals of the figures (see :mod:`.intervals`) cannot be
reconciled. Rules that cannot tell what relates to what (an ambiguous whole, a missing
prior value) say nothing rather than guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import regex

from ..link import sentences
from ..models import Extraction, Fact, Finding
from .intervals import Interval, fmt, of_mention, of_value

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
PRICE_LEAD = regex.compile(r"(?:\bat|price of|priced at|for)\s+(?:a\s+price\s+of\s+)?(?:approximately\s+)?$")
TABLE_ROW = regex.compile(r"[\d)]\s*\$?\s?\(?[\d,.]+\)?\s+\$?\s?\(?[\d,.]+\)?\s+(?:-?[\d.]+\s*%|\$?\s?\(?[\d,.]+)")


def _iv(f: Fact) -> Interval | None:
    return of_mention(f.value)


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
def _in_table(text: str, f: Fact) -> bool:
    """A figure on a table-like line ("Revenue | 7,962 | 5,812", "Revenue$ 7,962,480 $ 5,812,472 37%"):
    its column (and so its period) is unknown until tables are read, so it is left out."""
    a = text.rfind("\n", 0, f.value.start) + 1
    b = text.find("\n", f.value.end)
    line = text[a:b if b >= 0 else len(text)]
    return "|" in line or TABLE_ROW.search(line) is not None


def check_restated_differently(ex: Extraction) -> list[Finding]:
    """The same metric, period and scope stated twice must agree within rounding."""
    groups: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for f in ex.facts:
        if f.role not in ("value", "prior") or f.metric is None or _period(f) is None or _iv(f) is None:
            continue
        if _in_table(ex.text, f):
            continue
        if f.role == "prior" and (f.period is None or f.period.source != "sentence"):
            continue
        is_range = f.value.value is None
        groups[(f.metric, f.scope, f.adjusted, _period(f), _unit(f), f.value.type, is_range)].append(f)
    out = []
    for facts in groups.values():
        for i, a in enumerate(facts):
            for b in facts[i + 1:]:
                ia, ib = _iv(a), _iv(b)
                if ia is None or ib is None or (a.value.start, a.value.end) == (b.value.start, b.value.end):
                    continue
                ok = ia.overlaps(ib)
                if not ok and not _comparable(a, b):
                    continue  # far apart and named differently: more likely two measures than one restated
                start, end = _period(a)  # type: ignore[misc]
                verb = "agree" if ok else "do not agree"
                out.append(_finding("restated_differently", ok,
                                    f"{_label(a)} for {start}..{end} is stated as {_show(a)} {ia} and as {_show(b)} {ib}: "
                                    f"the two {verb} within their rounding.", [a, b]))
    return out


def _comparable(a: Fact, b: Fact) -> bool:
    """Two facts of one key are one measure said twice when they are named alike."""
    ta, tb = _norm_text(a), _norm_text(b)
    if not ta or not tb or not (f" {ta} " in f" {tb} " or f" {tb} " in f" {ta} "):
        return False
    va, vb = abs(a.value.value or a.value.low or 0), abs(b.value.value or b.value.low or 0)
    if not va or not vb or (va < 0) != (vb < 0):
        return False
    # far apart, they are more likely two measures (a segment, another period) than one misstated
    return max(va, vb) / min(va, vb) <= RESTATED_RATIO


def _prior_of(ex: Extraction, f: Fact) -> Fact | None:
    for p in ex.facts:
        if p.role == "prior" and any(r.type == "prior_of" and r.target == f.id for r in p.relations):
            return p
    return None


def _change_interval(ex: Extraction, f: Fact) -> Interval | None:
    c = f.change
    if c is None:
        return None
    m = next((x for x in ex.mentions if x.id == c.mention_id), None)
    decimals = getattr(m, "decimals", None) if m is not None else None
    if m is not None and getattr(m, "value", None) is not None:
        iv = of_value(c.value, decimals, m.qualifier, m.qualifier_text)
    else:
        iv = of_value(c.value, decimals)
    if m is None and c.unit == "percent":  # "doubled": loosely
        iv = Interval(c.value - abs(c.value) * Decimal("0.05") - 1, c.value + abs(c.value) * Decimal("0.05") + 1)
    return iv


def check_growth_matches_values(ex: Extraction) -> list[Finding]:
    """A stated change against the figures it relates (prior and current, or amount and rate)."""
    out = []
    for f in ex.facts:
        c = f.change
        cur = _iv(f)
        if c is None or cur is None or f.role == "change":
            continue
        stated = _change_interval(ex, f)
        if stated is None:
            continue
        prior = _prior_of(ex, f)
        piv = _iv(prior) if prior is not None else None
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
            if absolute is not None and c.unit not in ("percent", "percentage_point"):
                implied = cur - piv
                amount = _amount_interval(ex, f)
                if amount is not None:
                    ok = implied.overlaps(amount)
                    out.append(_finding("growth_matches_values", ok,
                                        f"{_label(f)} {_show(prior)} -> {_show(f)} differs by {implied}, stated as {fmt(absolute)}.",
                                        [f, prior], [(c.start, c.end)]))
            out += _direction(f, prior, cur, piv)
        elif c.absolute is not None and c.unit == "percent" and f.value.type == "money":
            # "up $4.0 million or 8.0%": the base is the figure less the amount
            amount = _amount_interval(ex, f, absolute_of_percent=True)
            if amount is None:
                continue
            base = cur - amount
            if base.lo is None or base.lo <= 0:
                continue
            implied = (amount / base).scale(HUNDRED)
            ok = implied.overlaps(stated)
            out.append(_finding("growth_matches_values", ok,
                                f"{_label(f)} of {_show(f)} after a change of {fmt(c.absolute)} implies {implied} %, "
                                f"stated as {fmt(c.value)} %.", [f], [(c.start, c.end)]))
    return out


def _amount_interval(ex: Extraction, f: Fact, absolute_of_percent: bool = False) -> Interval | None:
    """The interval of the absolute change amount stated for ``f``."""
    c = f.change
    if c is None:
        return None
    amount = c.absolute if absolute_of_percent or c.unit in ("percent", "percentage_point") else c.value
    if amount is None:
        return None
    for m in ex.mentions:
        if m.type == f.value.type and getattr(m, "value", None) is not None and abs(m.value) == abs(amount) and m.id in f.mention_ids:
            iv = of_value(amount, m.decimals, m.qualifier, m.qualifier_text)
            return iv
    # the amount's own mention is the one that is not the figure itself
    cands = [m for m in ex.mentions if getattr(m, "value", None) is not None and abs(m.value) == abs(amount)
             and m.type == f.value.type]
    if cands:
        m = cands[0]
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


def _whole_for(ex: Extraction, share: Fact, part: Fact | None) -> Fact | None:
    cands = [f for f in ex.facts if f.role == "value" and f.metric == share.metric and f.scope == share.scope
             and f.value.type != "percent" and (part is None or f.id != part.id)
             and (share.period is None or _period(f) == _period(share))]
    values = {f.value.value for f in cands}
    if len(values) != 1:
        return None
    return cands[0]


def check_share_of(ex: Extraction) -> list[Finding]:
    """ "X, accounting for 28.0% of Y" against X / Y."""
    out = []
    by_id = {f.id: f for f in ex.facts}
    for s in ex.facts:
        if s.role != "share" or s.metric is None:
            continue
        part = next((by_id[r.target] for r in s.relations if r.type == "share_of" and r.target in by_id), None)
        if part is None:
            continue
        whole = _whole_for(ex, s, part)
        if whole is None or part.value.type != whole.value.type or _unit(part) != _unit(whole):
            continue
        ip, iw, ish = _iv(part), _iv(whole), _iv(s)
        if ip is None or iw is None or ish is None:
            continue
        implied = (ip / iw).scale(HUNDRED)
        ok = implied.overlaps(ish)
        out.append(_finding("share_of", ok,
                            f"{_show(part)} of {_show(whole)} ({_label(whole)}) is {implied} %, stated as {_show(s)}.",
                            [s, part, whole]))
    return out


def check_margin_matches_ratio(ex: Extraction) -> list[Finding]:
    """A stated margin against profit / revenue of the same period and scope."""
    out = []
    for m in ex.facts:
        numerator_metric = MARGINS.get(m.metric or "")
        if numerator_metric is None or m.role != "value" or m.value.type != "percent":
            continue
        nums = [f for f in ex.facts if f.role == "value" and f.metric == numerator_metric and f.scope == m.scope
                and f.adjusted == m.adjusted and _period(f) == _period(m) and f.value.type == "money"]
        revs = [f for f in ex.facts if f.role == "value" and f.metric == "Revenues" and f.scope == m.scope
                and _period(f) == _period(m) and f.value.type == "money"]
        if len({f.value.value for f in nums}) != 1 or len({f.value.value for f in revs}) != 1:
            continue
        num, rev = nums[0], revs[0]
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


def _is_total(f: Fact) -> bool:
    return f.scope is None and any(w in (f.metric_text or "").lower() for w in TOTAL_WORDS)


def check_parts(ex: Extraction) -> list[Finding]:
    """part_exceeds_whole: a segment above its total; parts_sum_to_total: a declared breakdown."""
    out = []
    groups: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for f in ex.facts:
        if f.role == "value" and f.metric is not None and f.value.type in ("money", "count") and _period(f) is not None:
            groups[(f.metric, f.adjusted, _period(f), _unit(f))].append(f)
    text = ex.text
    for facts in groups.values():
        totals = [f for f in facts if _is_total(f)]
        if len({f.value.value for f in totals}) != 1:
            continue
        total = totals[0]
        it = _iv(total)
        parts = [f for f in facts if f.scope is not None and f.value.value is not None]
        if it is None or not parts:
            continue
        for p in parts:
            ip = _iv(p)
            if ip is None:
                continue
            ok = ip.below(it)
            out.append(_finding("part_exceeds_whole", ok,
                                f"{_label(p)} ({p.scope}) of {_show(p)} {'is within' if ok else 'exceeds'} "
                                f"{_label(total)} of {_show(total)}.", [p, total]))
        top = [p for p in parts if not any(q is not p and q.scope and q.scope != p.scope and q.scope in (p.scope or "")
                                           for q in parts)]
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
        line_end = text.find("\n", total.value.end)
        line_end = len(text) if line_end < 0 else line_end
        declared = [p for p in parts if total.value.end <= p.value.start < line_end]
        if len(declared) >= 2 and len({p.scope for p in declared}) == len(declared):
            s = declared[0]
            total_iv = _iv(s)
            for p in declared[1:]:
                total_iv = total_iv + _iv(p)  # type: ignore[operator,assignment]
            ok = total_iv.overlaps(it)  # type: ignore[union-attr]
            names = " + ".join(_show(p) for p in declared)
            out.append(_finding("parts_sum_to_total", ok,
                                f"{names} = {total_iv} against {_label(total)} of {_show(total)} {it}.", [total, *declared]))
    return out


def check_translation_consistent(ex: Extraction) -> list[Finding]:
    """Convenience translations imply one exchange rate per currency pair."""
    by_id = {m.id: m for m in ex.mentions}
    rates: dict[tuple[str, str], list[tuple[Interval, Any, Any]]] = defaultdict(list)
    for m in ex.mentions:
        src = by_id.get(getattr(m, "translation_of", None) or "")
        if src is None or src.value is None or m.value is None or not m.value:
            continue
        isrc, idst = of_mention(src), of_mention(m)
        if isrc is None or idst is None:
            continue
        rates[(src.currency, m.currency)].append((isrc / idst, src, m))
    out = []
    for (a, b), items in rates.items():
        for i in range(1, len(items)):
            r0, s0, d0 = items[0]
            r1, s1, d1 = items[i]
            ok = r0.overlaps(r1)
            out.append(Finding(rule="translation_consistent", status="pass" if ok else "fail",
                               message=f"{s0.text} ({d0.text}) implies {a}/{b} {r0}; {s1.text} ({d1.text}) implies {r1}.",
                               spans=[(s0.start, s0.end), (d0.start, d0.end), (s1.start, s1.end), (d1.start, d1.end)]))
    return out


def check_per_unit(ex: Extraction) -> list[Finding]:
    """Shares x price per share against the amount in the same sentence ("4,000,000 shares at $0.75")."""
    out = []
    text = ex.text
    for s0, s1 in sentences(text):
        ms = [m for m in ex.mentions if s0 <= m.start < s1]
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
        ia, iprod = of_mention(a), of_mention(n) * of_mention(p)  # type: ignore[operator]
        ok = ia.overlaps(iprod)  # type: ignore[union-attr]
        out.append(Finding(rule="per_unit", status="pass" if ok else "fail",
                           message=f"{n.text} x {p.text} = {iprod}, stated as {a.text} {ia}.",
                           spans=[(n.start, n.end), (p.start, p.end), (a.start, a.end)]))
    return out


RULES: dict[str, Rule] = {
    "restated_differently": check_restated_differently,
    "growth_matches_values": check_growth_matches_values,
    "share_of": check_share_of,
    "margin_matches_ratio": check_margin_matches_ratio,
    "parts": check_parts,
    "translation_consistent": check_translation_consistent,
    "per_unit": check_per_unit,
}
