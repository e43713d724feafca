"""Figures and periods listed in parallel: "$51,146 and $38,340 for the three and six months ended
June 30, 2025, respectively".

A sentence with "respectively" pairs its n-th figure with its n-th period. The periods are often
written as one coordinated phrase that names no period on its own ("the three and six months
ended", "the fourth quarters of 2024 and 2023", "the years ended December 31, 2024 and 2023"), so
this module expands the phrase into the periods it lists and resolves each of them.
"""

from __future__ import annotations

from typing import Any

from . import fastre
from .doccontext import DocContext
from .normalize.periods import resolve

RESPECTIVELY = r"(?i)\brespectively\b"
_NUM = r"(?:three|six|nine|twelve|3|6|9|12)"
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+)?(?:19|20)\d\d"
_ORD = r"(?:first|second|third|fourth)"
# each form: a regex over the sentence and how to spell the periods it lists
_LISTS: list[tuple[str, Any]] = [
    # "the three and six months ended June 30, 2025"
    (rf"(?i)\b(?P<a>{_NUM})(?:[\s-]+months?)?\s+and\s+(?P<b>{_NUM})[\s-]+months?\s+(?:periods?\s+)?ended\s+"
     rf"(?P<d>{_DATE})",
     lambda g: [f"{g['a']} months ended {g['d']}", f"{g['b']} months ended {g['d']}"]),
    # "the fourth quarters of 2024 and 2023", "the third quarter of 2025 and 2024"
    (rf"(?i)\b(?P<q>{_ORD})\s+(?:fiscal\s+)?quarters?\s+(?:of\s+|in\s+)?(?:fiscal\s+)?(?P<y1>(?:19|20)\d\d)\s*,?\s+and\s+"
     rf"(?:fiscal\s+)?(?P<y2>(?:19|20)\d\d)\b",
     lambda g: [f"{g['q']} quarter of {g['y1']}", f"{g['q']} quarter of {g['y2']}"]),
    # "the years ended December 31, 2024 and December 31, 2023", "the quarters ended June 30, 2025 and 2024"
    (rf"(?i)\b(?P<kind>(?:fiscal\s+)?years?|quarters?|three\s+months|six\s+months|nine\s+months)\s+ended\s+"
     rf"(?P<d1>{_DATE})\s*,?\s+and\s+(?P<d2>{_DATE})",
     lambda g: [f"{_singular(g['kind'])} ended {g['d1']}", f"{_singular(g['kind'])} ended {_full_date(g['d2'], g['d1'])}"]),
    # "in 2024 and 2023", "for fiscal 2025 and 2024"
    (r"(?i)\b(?:in|for|during|of)\s+(?:the\s+)?(?P<fy>fiscal\s+(?:years?\s+)?)?(?P<y1>(?:19|20)\d\d)\s*,?\s+and\s+"
     r"(?P<y2>(?:19|20)\d\d)\b",
     lambda g: [f"{g['fy'] or ''}{g['y1']}", f"{g['fy'] or ''}{g['y2']}"]),
]


def _singular(kind: str) -> str:
    kind = " ".join(kind.lower().split())
    return {"years": "year", "quarters": "quarter", "fiscal years": "fiscal year"}.get(kind, kind)


def _full_date(date: str, like: str) -> str:
    """ "2023" after "December 31, 2024 and": the same day of that year."""
    if fastre.match(r"^\d{4}$", date.strip()):
        head = fastre.match(r"^(.*?)(?:19|20)\d\d$", like.strip())
        return (head.group(1) if head else "") + date.strip()
    return date


def listed_periods(sentence: str, ctx: DocContext | None) -> list[tuple[Any, Any]] | None:
    """The periods a sentence lists in parallel, in order, as (start, end) pairs; ``None`` if it
    lists none or one of them does not resolve.

    >>> listed_periods("for the three and six months ended June 30, 2025, respectively", None)
    [(datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)), (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))]
    >>> listed_periods("for the fourth quarters of 2024 and 2023, respectively", None)[1]
    (datetime.date(2023, 10, 1), datetime.date(2023, 12, 31))
    """
    cal = ctx.calendar if ctx is not None else None
    reference = ctx.reference_date if ctx is not None else None
    for rx, spell in _LISTS:
        hit = fastre.search(rx, sentence)
        if hit is None:
            continue
        out = []
        for phrase in spell(hit.groupdict()):
            value = resolve(phrase, cal, reference)
            if value is None or value.start is None or value.end is None:
                return None
            out.append((value.start, value.end))
        return out
    return None


def pair_respectively(text: str, s0: int, s1: int, drafts: list[Any], ctx: DocContext | None) -> None:
    """Give the n-th figure of a run "X and Y[, respectively]" the n-th listed period, and the
    run's first name to the figures after it that have none."""
    if fastre.search(RESPECTIVELY, text[s0:s1]) is None:
        return
    periods = listed_periods(text[s0:s1], ctx)
    runs: list[list[Any]] = []
    for d in drafts:
        if d.role not in ("value", "prior"):
            continue
        run = runs[-1] if runs else None
        if run is not None and run[-1].mention.type == d.mention.type and fastre.match(
                r"^\s*(?:,\s*)?(?:and\s+)?$", text[run[-1].mention.end:d.mention.start]):
            run.append(d)
        else:
            runs.append([d])
    for run in runs:
        if len(run) < 2:
            d = run[0]
            if periods is not None and fastre.match(r"\s*+(?:,\s*+)?and\s++[\d$€£(]", text[d.mention.end:s1]):
                # "4,640,537 and 4,666,349 for the fourth quarters of 2024 and 2023": the first of
                # the list, whatever the second figure was read as
                a, b = periods[0]
                d.period = {"period_start": a, "period_end": b, "source": "sentence"}
            continue
        head = run[0]
        for d in run[1:]:
            if d.metric is None and head.metric is not None:
                d.metric, d.metric_text, d.metric_start, d.metric_end = (
                    head.metric, head.metric_text, head.metric_start, head.metric_end)
                d.adjusted, d.scope = head.adjusted, head.scope
        if periods is not None and len(periods) == len(run):
            for d, (a, b) in zip(run, periods):
                d.role = "value"
                d.relations = [r for r in d.relations if r["type"] != "prior_of"]
                d.period = {"period_start": a, "period_end": b, "source": "sentence"}
        else:
            # the periods are listed in a form we do not read: no period is better than a wrong one
            for d in run:
                d.period = None
