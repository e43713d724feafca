"""A figure named as a list of measures ("Cash, cash equivalents, and marketable securities were
$58.08 billion"): the list's items, and the figures (table rows or figures of the text) that are
each item's."""

from __future__ import annotations

from typing import Any

import regex

from ..models import Fact

# "Cash, cash equivalents, and marketable securities were": the list a figure is the sum of
LIST_SEP = regex.compile(r"(?i)(?<!\s)\s*+,\s*+(?:and\s++|including\s++)?|(?<!\s)\s++(?:and|including)\s++")
LIST_VERB = regex.compile(r"(?i)(?<![\s,])\s*+,?\s*+(?:were|was|are|is|totall?ed|amounted\s+to|stood\s+at|reached|of|:)\s*+$")
LIST_LEAD = regex.compile(r"(?i)^(?:the|our|its|total)\s++")
ROW_TAIL = regex.compile(r"(?i)(?<!\s)\s*+(?:,\s*+net|\(\d\)|\[\d\])\s*+$")
MAX_LIST = 6


def list_items(phrase: str) -> list[str]:
    return [LIST_LEAD.sub("", x.strip()).lower() for x in LIST_SEP.split(phrase) if x.strip()]


def cover(items: list[str], rows: list[Fact], metrics: Any) -> list[Fact] | None:
    """The rows that are the list's items, one row for one or more items in order; None unless
    every item is one row's."""
    labels = [(list_items(ROW_TAIL.sub("", g.metric_text or "")), g) for g in rows]
    parts: list[Fact] = []
    i = 0
    while i < len(items):
        hit = next(((len(lab), g) for lab, g in sorted(labels, key=lambda x: -len(x[0]))
                    if lab and items[i:i + len(lab)] == lab), None)
        if hit is None:
            named = metrics.row(items[i])
            hit = next(((1, g) for _lab, g in labels if named is not None and g.metric == named.id), None)
        if hit is None or hit[1] in parts:
            return None
        parts.append(hit[1])
        i += hit[0]
    return parts if len(parts) >= 2 else None
