"""Checks across releases of one company: the same fact stated twice, implied prior values."""

from __future__ import annotations

from ..models import Extraction, Finding
from .intervals import of_mention


def check_across(extractions: list[Extraction]) -> list[Finding]:
    """The same metric, scope and period in two releases: a difference beyond rounding is a
    restatement (``warn``), not a contradiction inside one release.

    Rules:
        restated_across_documents: a fact of one release (metric, scope, adjusted flag, dated
            period, unit) stated again in a later release of the same company passes when the
            two agree within rounding and warns when they do not.
    """
    out = []
    seen: dict[tuple[object, ...], tuple[int, object]] = {}
    for i, ex in enumerate(extractions):
        for f in ex.facts:
            if f.role != "value" or f.metric is None or f.period is None or f.period.period_start is None:
                continue
            key = (f.metric, f.scope, f.adjusted, f.period.period_start, f.period.period_end, f.value.type,
                   getattr(f.value, "currency", None), getattr(f.value, "per", None))
            iv = of_mention(f.value)
            if iv is None:
                continue
            if key in seen:
                j, g = seen[key]
                if j == i:
                    continue
                ig = of_mention(g.value)  # type: ignore[attr-defined]
                ok = ig is not None and ig.overlaps(iv)
                out.append(Finding(
                    rule="restated_across_documents", status="pass" if ok else "warn",
                    message=(f"{f.metric_text or f.metric} for {f.period.period_start}..{f.period.period_end} is "
                             f"{g.value.text} in release {j} and {f.value.text} in release {i}"  # type: ignore[attr-defined]
                             f"{'' if ok else ': a restatement'}."),
                    spans=[(f.value.start, f.value.end)], fact_ids=[f.id], document=i))
            else:
                seen[key] = (i, f)
    return out
