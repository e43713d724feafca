"""Checks across releases of one company: the same fact stated twice, the prior-year figure a
growth rate implies, and a year's parts stated in other releases.

Across releases a difference is more often a restatement (a later release correcting an earlier
figure) than a contradiction, so these rules warn where the rules of one release fail.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from ..models import Extraction, Fact, Finding
from ..resources import load_metrics
from .intervals import Interval, of_mention, of_value
from .rules import _shift_year, _stretch, _tiling, sum_of

HUNDRED = Decimal(100)


def check_across(extractions: list[Extraction]) -> list[Finding]:
    """The rules over several releases of one company (``finfacts.check([a, b, ...])``).

    Rules:
        restated_across_documents: a fact of one release (metric, scope, adjusted flag, dated
            period, unit) stated again in a later release of the same company passes when the
            two agree within rounding and warns when they do not.
        growth_across_documents: a change stated against the year before ("revenue of $95.1
            million, up 12%") implies the prior year's figure; another release that states that
            figure must agree within rounding (a warning when it does not: one of the two may
            have been restated).
        period_coherent: a flow stated for a year in one release and for its quarters or halves in
            others (each release its own quarter) adds up within rounding; a warning when it does
            not.
    """
    return _restated(extractions) + _growth_across(extractions) + _period_coherent(extractions)


def _name(f: Fact) -> str:
    return f.metric_text or f.metric or "the figure"


def _warning(rule: str, ok: bool, document: int, f: Fact, message: str, why: str,
             extra: list[tuple[int, int]] | None = None) -> Finding:
    """A finding across releases: ``pass``, or ``warn`` with the likely reason after the message."""
    return Finding(rule=rule, status="pass" if ok else "warn", message=f"{message}{'' if ok else ': ' + why}.",
                   spans=[(f.value.start, f.value.end), *(extra or [])], fact_ids=[f.id], document=document)


def _key(f: Fact) -> tuple[object, ...]:
    return (f.metric, f.scope, f.adjusted, f.value.type, getattr(f.value, "currency", None),
            getattr(f.value, "per", None), getattr(f.value, "unit", None))


def _dated(f: Fact) -> bool:
    return (f.role == "value" and f.metric is not None and f.period is not None and f.period.period_start is not None
            and f.period.period_end is not None)


def _restated(extractions: list[Extraction]) -> list[Finding]:
    out = []
    seen: dict[tuple[object, ...], tuple[int, Fact]] = {}
    for i, ex in enumerate(extractions):
        for f in ex.facts:
            if not _dated(f):
                continue
            key = (*_key(f), f.period.period_start, f.period.period_end)  # type: ignore[union-attr]
            iv = of_mention(f.value)
            if iv is None:
                continue
            if key in seen:
                j, g = seen[key]
                if j == i:
                    continue
                ig = of_mention(g.value)
                ok = ig is not None and ig.overlaps(iv)
                out.append(_warning(
                    "restated_across_documents", ok, i, f,
                    f"{_name(f)} for {f.period.period_start}..{f.period.period_end} is "  # type: ignore[union-attr]
                    f"{g.value.text} in release {j} and {f.value.text} in release {i}", "a restatement"))
            else:
                seen[key] = (i, f)
    return out


def _growth_across(extractions: list[Extraction]) -> list[Finding]:
    """growth_across_documents: "Revenue for 2024 was $95.1 million, up 12%" against the 2023
    release's "Revenue for 2023 was $84.6 million"."""
    stated: dict[tuple[object, ...], list[tuple[int, Fact]]] = defaultdict(list)
    for i, ex in enumerate(extractions):
        for f in ex.facts:
            if _dated(f) and f.value.value is not None:
                stated[(*_key(f), f.period.period_start, f.period.period_end)].append((i, f))  # type: ignore[union-attr]
    out = []
    for i, ex in enumerate(extractions):
        mentions = {m.id: m for m in ex.mentions}
        for f in ex.facts:
            c = f.change
            if not _dated(f) or c is None or c.unit != "percent" or c.basis not in (None, "year_over_year") \
                    or f.value.type == "percent" or c.absolute is not None:
                continue
            m = mentions.get(c.mention_id or "")
            cur = of_mention(f.value)
            if m is None or cur is None or cur.lo is None or cur.lo <= 0:
                continue
            rate = of_value(c.value, getattr(m, "decimals", None), m.qualifier, m.qualifier_text)
            factor = Interval(Decimal(1), Decimal(1)) + rate.scale(Decimal(1) / HUNDRED)
            if factor.lo is None or factor.lo <= 0:
                continue
            implied = cur / factor
            prior_key = (*_key(f), _shift_year(f.period.period_start), _shift_year(f.period.period_end))  # type: ignore[union-attr]
            for j, g in stated.get(prior_key, []):
                ig = of_mention(g.value)
                if j == i or ig is None:
                    continue
                ok = implied.overlaps(ig)
                out.append(_warning(
                    "growth_across_documents", ok, i, f,
                    f"{_name(f)} of {f.value.text}, {c.value:+}% against the year before, implies {implied} for "
                    f"{g.period.period_start}..{g.period.period_end}; release {j} states {g.value.text} {ig}",  # type: ignore[union-attr]
                    "one of the two was restated, or the rate is wrong", [(c.start, c.end)]))
                break
    return out


def _period_coherent(extractions: list[Extraction]) -> list[Finding]:
    """period_coherent: a year in one release against its quarters (or halves) in others."""
    metrics = load_metrics()
    groups: dict[tuple[object, ...], dict[Any, list[tuple[int, Fact]]]] = defaultdict(lambda: defaultdict(list))
    for i, ex in enumerate(extractions):
        for f in ex.facts:
            if f.role != "value" or f.metric is None or f.value.value is None or metrics.kind(f.metric) != "flow":
                continue
            stretch = _stretch(f)
            if stretch is not None and stretch[0] == "dates":
                groups[_key(f)][stretch].append((i, f))
    out = []
    for by_period in groups.values():
        if len(by_period) < 3:
            continue
        # one figure for each period: a period stated with two values is left to restated_across_documents
        one: dict[Any, tuple[int, Fact]] = {}
        for stretch, stated in by_period.items():
            ivs = {(of_mention(f.value) or Interval(None, None)) for _, f in stated}
            if len(ivs) == 1:
                one[stretch] = stated[0]
        doc_of = {id(f): i for i, f in one.values()}  # fact ids repeat across releases
        facts = {k: f for k, (_, f) in one.items()}
        for stretch, whole in sorted(facts.items(), key=lambda kv: kv[0][1] - kv[0][2]):
            parts = {k: f for k, f in facts.items() if k != stretch and stretch[1] <= k[1] and k[2] <= stretch[2]}
            tiled = _tiling(stretch, parts) if len(parts) >= 2 else None
            if tiled is None or len({doc_of[id(f)] for f in [whole, *tiled]}) < 2:
                continue  # parts stated in the whole's own release are checked with it
            total, it = sum_of(tiled), of_mention(whole.value)
            if it is None or total is None:
                continue
            ok = total.overlaps(it)
            names = " + ".join(f"{f.value.text} (release {doc_of[id(f)]})" for f in tiled)
            out.append(_warning(
                "period_coherent", ok, doc_of[id(whole)], whole,
                f"{_name(whole)} of its parts of {whole.period.period_start}..{whole.period.period_end}, "  # type: ignore[union-attr]
                f"{names} = {total}, against {whole.value.text} {it} in release {doc_of[id(whole)]}",
                "a part was restated, or one of them is wrong"))
            break
    return out
