"""The overview of a batch: a chart of mentions and failed checks per document, and a table.

It works on plain dicts with the columns of the store's ``documents`` table (``doc_id``,
``source``, ``chars``, ``status``, ``error``, ``seconds``, ``n_mentions``, ``n_facts``,
``n_failed``), so it needs no database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .markup import esc, tag
from .page import fragment, page

_BAR = 10  # width of one document's slot in the chart's own units
_HEIGHT = 120  # height of each half of the chart: mentions up, failed checks down
_UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _safe_href(href: str) -> str | None:
    cleaned = "".join(href.split()).lower()
    return None if cleaned.startswith(_UNSAFE_SCHEMES) else href


def _label(doc: Mapping[str, Any]) -> str:
    return str(doc.get("doc_id") or doc.get("source") or "?")


def _chart(docs: Sequence[Mapping[str, Any]], links: Sequence[str | None]) -> str:
    """An inline SVG: one slot a document, mentions as a bar up, failed checks as a bar down."""
    n = max(len(docs), 1)
    top = max([_int(d.get("n_mentions")) for d in docs] + [1])
    low = max([_int(d.get("n_failed")) for d in docs] + [1])
    width = n * _BAR
    parts = [
        tag("rect", "", x=0, y=0, width=width, height=2 * _HEIGHT + 2, class_="ff-chart-bg"),
        tag("line", "", x1=0, y1=_HEIGHT + 1, x2=width, y2=_HEIGHT + 1, class_="ff-axis"),
    ]
    for i, (doc, href) in enumerate(zip(docs, links, strict=True)):
        x = i * _BAR + 1
        label = _label(doc)
        if doc.get("status") == "error":
            title = f"{label}: error: {doc.get('error') or 'unknown'}"
            bars = tag("rect", "", x=x, y=_HEIGHT - 6, width=_BAR - 2, height=14, class_="ff-bar-error")
        else:
            m, f = _int(doc.get("n_mentions")), _int(doc.get("n_failed"))
            hm = round(_HEIGHT * m / top, 2)
            hf = round(_HEIGHT * f / low, 2)
            title = f"{label}: {m} mentions, {f} failed checks"
            bars = tag("rect", "", x=x, y=_HEIGHT - hm, width=_BAR - 2, height=hm, class_="ff-bar-m")
            if f:
                bars += tag("rect", "", x=x, y=_HEIGHT + 2, width=_BAR - 2, height=hf, class_="ff-bar-f")
        # a full-height transparent slot makes thin bars easy to hover and tap
        slot = tag("rect", "", x=i * _BAR, y=0, width=_BAR, height=2 * _HEIGHT + 2, class_="ff-slot")
        group = tag("title", esc(title)) + slot + bars
        parts.append(tag("a", group, href=href) if href else tag("g", group))
    svg = tag(
        # drawn 3 px a unit wide, but never wider than the page: few documents, narrow chart
        "svg", "".join(parts), viewBox=f"0 0 {width} {2 * _HEIGHT + 2}", preserveAspectRatio="none",
        width=max(width * 3, 360), height=2 * _HEIGHT + 2,
        role="img", aria_label=f"mentions (up, most {top}) and failed checks (down, most {low}) per document",
        class_="ff-chart", xmlns="http://www.w3.org/2000/svg",
    )
    legend = tag(
        "p",
        tag("span", "", class_="ff-swatch ff-swatch-m") + esc(f" mentions, upwards (tallest: {top}) ")
        + tag("span", "", class_="ff-swatch ff-swatch-f") + esc(f" failed checks, downwards (deepest: {low}) ")
        + tag("span", "", class_="ff-swatch ff-swatch-e") + " could not be read",
        class_="ff-context",
    )
    return tag("figure", svg + legend, class_="ff-figure")


def render_corpus(
    documents: Sequence[Mapping[str, Any]],
    href: Callable[[Mapping[str, Any]], str],
    *,
    title: str = "finfacts corpus",
    standalone: bool = True,
) -> str:
    """The overview page of many documents, each linking to its own view.

    Args:
        documents: one dict a document with the store's ``documents`` columns.
        href: the link to a document's view (called for documents whose status is ``ok``).
        title: the page's heading.
        standalone: a complete page; False gives a fragment.

    Returns:
        str: the HTML page; every value from the documents is escaped.
    """
    docs = list(documents)
    links = [None if d.get("status") == "error" else _safe_href(href(d)) for d in docs]
    ok = [d for d in docs if d.get("status") != "error"]
    errors = [d for d in docs if d.get("status") == "error"]
    total_m = sum(_int(d.get("n_mentions")) for d in ok)
    total_f = sum(_int(d.get("n_failed")) for d in ok)
    with_failed = sum(1 for d in ok if _int(d.get("n_failed")))
    summary = (f"{len(docs)} documents ({len(ok)} read, {len(errors)} errors) · {total_m} mentions · "
               f"{sum(_int(d.get('n_facts')) for d in ok)} facts · {total_f} failed checks "
               f"in {with_failed} documents")
    cols = "".join(tag("th", c, scope="col") for c in
                   ("document", "source", "chars", "mentions", "facts", "failed", "seconds", "status"))
    rows = []
    for doc, link in zip(docs, links, strict=True):
        name = esc(_label(doc))
        cell = tag("a", name, href=link) if link else name
        failed = _int(doc.get("n_failed"))
        seconds = doc.get("seconds")
        status = "ok" if doc.get("status") != "error" else f"error: {doc.get('error') or 'unknown'}"
        rows.append(tag(
            "tr",
            tag("td", cell) + tag("td", esc(str(doc.get("source") or "")))
            + tag("td", esc(f"{_int(doc.get('chars')):,}"), class_="ff-num")
            + tag("td", esc(str(_int(doc.get("n_mentions")))), class_="ff-num")
            + tag("td", esc(str(_int(doc.get("n_facts")))), class_="ff-num")
            + tag("td", esc(str(failed)), class_="ff-num" + (" ff-has-failed" if failed else ""))
            + tag("td", esc(f"{float(seconds):.2f}" if isinstance(seconds, int | float) else ""), class_="ff-num")
            + tag("td", esc(status)),
            class_="ff-error" if doc.get("status") == "error" else None,
        ))
    table = tag("div", tag("table", tag("thead", tag("tr", cols)) + tag("tbody", "".join(rows))), class_="ff-scroll")
    error_list = ""
    if errors:
        error_list = tag(
            "section",
            tag("h2", esc(f"Could not be read ({len(errors)})"))
            + tag("ul", "".join(tag("li", tag("code", esc(_label(d))) + ": " + esc(str(d.get("error") or "unknown")))
                                for d in errors)),
            class_="ff-panel ff-errors",
        )
    body = tag(
        "div",
        tag("header", tag("h1", esc(title)) + tag("p", esc(summary), class_="ff-summary"), class_="ff-head")
        + tag("main", _chart(docs, links) + error_list + tag("section", tag("h2", "Documents") + table,
                                                            class_="ff-panel"), class_="ff-corpus"),
        class_="ff",
    )
    if standalone:
        return page(body, title=title, css=("view.css", "corpus.css"))
    return fragment(body, css=("view.css", "corpus.css"))
