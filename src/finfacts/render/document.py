"""The view of one release: its text marked up, the facts table and the findings panel.

Anchors (``P`` is empty on a standalone page, a unique prefix in a notebook):

- ``P<mention id>`` (``#m3``): the mention in the text;
- ``Pfact-<fact id>`` (``#fact-f0``): the fact's row;
- ``Pfinding-<n>`` (``#finding-1``): the n-th failed or warned finding of the panel;
- ``Pspan-<start>-<end>`` (``#span-51-63``): a span a finding questions, outlined in the text.

Elements also carry ``data-k`` keys (``m-m3``, ``f-f0``, ``x-1``, ``s-51-63``) and
``data-light`` lists of keys, which the page's small script uses to light counterparts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from ..models import Extraction, Fact, Finding, Mention, Report
from . import describe
from .markup import Layer, esc, highlight, tag, visible
from .page import fragment, fragment_prefix, page

TYPES = ("money", "percent", "count", "period", "rank", "basis")
_STATUS_ORDER = {"fail": 0, "warn": 1}
_SNIPPET = 60


def _tip(m: Mention, fact: Fact | None) -> str:
    return "\n".join(f"{k:<9}{v}" for k, v in describe.details(m, fact))


def _snippet(text: str, start: int, end: int) -> str:
    piece = visible(text[start:end])
    return piece if len(piece) <= _SNIPPET else piece[: _SNIPPET - 1] + "…"


def _title(extraction: Extraction) -> str:
    for line in extraction.text.splitlines():
        line = " ".join(line.split()).lstrip("•●*-– ")
        if line:
            return line if len(line) <= 100 else line[:99] + "…"
    return "Release"


def _shown(report: Report, document: int | None) -> list[Finding]:
    keep = [
        f for f in report.findings
        if f.status in _STATUS_ORDER and (document is None or f.document in (None, document))
    ]
    return sorted(keep, key=lambda f: _STATUS_ORDER[f.status])


def _fact_of(extraction: Extraction) -> dict[str, Fact]:
    """The fact each mention is the value of (the first one when several share it)."""
    out: dict[str, Fact] = {}
    for fact in extraction.facts:
        out.setdefault(fact.value.id, fact)
    return out


def _layers(extraction: Extraction, shown: Sequence[Finding], p: str) -> list[Layer]:
    fact_of = _fact_of(extraction)
    facts_with: dict[str, list[str]] = defaultdict(list)
    for fact in extraction.facts:
        for mid in dict.fromkeys([fact.value.id, *fact.mention_ids]):
            facts_with[mid].append(f"f-{fact.id}")
    layers = []
    for m in extraction.mentions:
        every = {"class": f"ff-m ff-{m.type}", "data-k": f"m-{m.id}", "data-tip": _tip(m, fact_of.get(m.id)),
                 "data-light": " ".join(facts_with.get(m.id, [])) or None}
        layers.append(Layer(m.start, m.end, "mark", every, {"id": p + m.id, "tabindex": 0}, rank=1))
    n = len(extraction.text)
    groups: dict[tuple[int, int], list[tuple[int, Finding]]] = defaultdict(list)
    for i, f in enumerate(shown, 1):
        for a, b in dict.fromkeys(f.spans):
            if 0 <= a < b <= n:
                groups[(a, b)].append((i, f))
    for (a, b), items in groups.items():
        worst = min((f.status for _, f in items), key=_STATUS_ORDER.__getitem__)
        refs = "".join(
            tag("a", "", class_=f"ff-ref ff-ref-{f.status}", href=f"#{p}finding-{i}", data_n=i,
                aria_label=f"finding {i}: {f.rule}", title=f"{f.status}: {f.rule}")
            for i, f in items
        )
        every = {"class": f"ff-s ff-s-{worst}", "data-k": f"s-{a}-{b}",
                 "data-light": " ".join(f"x-{i}" for i, _ in items)}
        layers.append(Layer(a, b, "span", every, {"id": f"{p}span-{a}-{b}"}, after=refs, rank=0))
    return layers


def _header(extraction: Extraction, title: str, report: Report) -> str:
    counts: Counter[str] = Counter(m.type for m in extraction.mentions)
    status = Counter(f.status for f in report.findings)
    summary = (f"{len(extraction.mentions)} mentions · {len(extraction.facts)} facts · "
               f"{status['fail']} failed, {status['warn']} warned, {status['pass']} passed checks")
    ctx = extraction.context
    bits = []
    if ctx.reference_date:
        bits.append(f"release date {ctx.reference_date}")
    if ctx.currency:
        bits.append(f"currency {ctx.currency}" + (f" (“{ctx.currency_source}”)" if ctx.currency_source else ""))
    if ctx.fiscal_year_end:
        bits.append(f"fiscal year ends {ctx.fiscal_year_end}")
    rp = ctx.reporting_period
    if rp is not None:
        label = " ".join(x for x in (rp.fiscal_period, str(rp.fiscal_year) if rp.fiscal_year else None) if x)
        dates = describe.period_range(rp.period_start, rp.period_end)
        bits.append("reporting period " + " ".join(x for x in (label, f"({dates})" if dates else "") if x))
    for sc in ctx.scales:
        bits.append(f"scale “{sc.text}”")
    legend = "".join(
        tag("li", tag("span", t, class_=f"ff-key ff-m ff-{t}") + f" {counts[t]}")
        for t in TYPES if counts[t] or t in ("money", "percent", "count", "period")
    )
    warnings = ""
    if extraction.warnings:
        warnings = tag("ul", "".join(tag("li", esc(w)) for w in extraction.warnings), class_="ff-context")
    return tag(
        "header",
        tag("h1", esc(title))
        + tag("p", esc(summary), class_="ff-summary")
        + (tag("p", esc(" · ".join(bits)), class_="ff-context") if bits else "")
        + tag("ul", legend, class_="ff-legend", aria_label="mention types")
        + warnings,
        class_="ff-head",
    )


def _span_link(text: str, a: int, b: int, p: str) -> str:
    if 0 <= a < b <= len(text):
        return tag("a", esc("“" + _snippet(text, a, b) + "”"), href=f"#{p}span-{a}-{b}")
    return tag("span", esc(f"[{a}, {b}] (not in this text)"), class_="ff-muted")


def _findings(extraction: Extraction, report: Report, shown: Sequence[Finding], p: str) -> str:
    fact_ids = {f.id for f in extraction.facts}
    status = Counter(f.status for f in report.findings)
    head = tag("h2", esc(f"Checks: {status['fail']} failed, {status['warn']} warned, {status['pass']} passed"))
    items = []
    for i, f in enumerate(shown, 1):
        spans = list(dict.fromkeys(f.spans))
        where = " ".join(_span_link(extraction.text, a, b, p) for a, b in spans)
        facts = " ".join(
            tag("a", esc(fid), href=f"#{p}fact-{fid}") if fid in fact_ids else esc(fid) for fid in f.fact_ids
        )
        body = (
            tag("p", tag("span", f.status.upper(), class_=f"ff-badge ff-{f.status}") + " "
                + tag("code", esc(f.rule)) + (esc(f" (release {f.document})") if f.document is not None else ""))
            + tag("p", esc(f.message))
            + tag("p", ("In the text: " + where if where else "")
                  + (" · Facts: " + facts if facts else ""), class_="ff-where")
        )
        light = " ".join(f"s-{a}-{b}" for a, b in spans) or None
        items.append(tag("li", body, id=f"{p}finding-{i}", class_=f"ff-finding ff-{f.status}",
                         data_k=f"x-{i}", data_light=light))
    if items:
        listing = tag("ol", "".join(items))
    elif report.findings:
        listing = tag("p", "No check failed or warned.", class_="ff-ok")
    else:
        listing = tag("p", "No check applied to these figures.", class_="ff-muted")
    passed = [f for f in report.findings if f.status == "pass"]
    if passed:
        rows = "".join(tag("li", tag("code", esc(f.rule)) + " " + esc(f.message)) for f in passed)
        listing += tag("details", tag("summary", esc(f"{len(passed)} checks passed")) + tag("ul", rows))
    return tag("section", head + listing, class_="ff-panel ff-findings", aria_label="findings")


def _period_cell(fact: Fact) -> str:
    # each date unbroken, the range breaking at its dash
    parts, note = describe.fact_period_parts(fact.period)
    cell = " – ".join(tag("span", esc(x), class_="ff-nw") for x in parts)
    return cell + (tag("span", esc(note), class_="ff-said") if note else "")


def _facts(extraction: Extraction, p: str) -> str:
    head = tag("h2", esc(f"Facts ({len(extraction.facts)})"))
    if not extraction.facts:
        return tag("section", head + tag("p", "No facts.", class_="ff-muted"), class_="ff-panel ff-facts")
    cols = "".join(tag("th", c, scope="col") for c in ("metric", "scope", "period", "value", "change"))
    rows = []
    for fact in extraction.facts:
        metric = esc(describe.metric_text(fact))
        if fact.role != "value":
            metric += " " + tag("span", esc(f"({fact.role})"), class_="ff-muted")
        if fact.metric_text:
            metric += tag("span", esc(f"“{visible(fact.metric_text)}”"), class_="ff-said")
        value = (tag("a", esc(describe.value_text(fact.value)), href=f"#{p}{fact.value.id}")
                 + tag("span", esc(f"“{visible(fact.value.text)}”"), class_="ff-said"))
        change = esc(describe.change_text(fact.change))
        if fact.change is not None and fact.change.mention_id:
            change = tag("a", change, href=f"#{p}{fact.change.mention_id}")
        light = " ".join(f"m-{mid}" for mid in dict.fromkeys([fact.value.id, *fact.mention_ids]))
        cells = [tag("td", metric), tag("td", esc(fact.scope or "")),
                 tag("td", _period_cell(fact)), tag("td", value), tag("td", change)]
        rows.append(tag("tr", "".join(cells), id=f"{p}fact-{fact.id}", data_k=f"f-{fact.id}", data_light=light))
    table = tag("table", tag("thead", tag("tr", cols)) + tag("tbody", "".join(rows)))
    return tag("section", head + tag("div", table, class_="ff-scroll"), class_="ff-panel ff-facts", aria_label="facts")


def _mentions(extraction: Extraction, p: str) -> str:
    cols = "".join(tag("th", c, scope="col") for c in ("id", "type", "text", "value", "rule"))
    rows = "".join(
        tag("tr", tag("td", esc(m.id)) + tag("td", esc(m.type))
            + tag("td", tag("a", esc(visible(m.text)), href=f"#{p}{m.id}"))
            + tag("td", esc(describe.value_text(m))) + tag("td", tag("code", esc(m.rule))))
        for m in extraction.mentions
    )
    table = tag("table", tag("thead", tag("tr", cols)) + tag("tbody", rows))
    return tag("details", tag("summary", esc(f"All {len(extraction.mentions)} mentions"))
               + tag("div", table, class_="ff-scroll"), class_="ff-panel ff-mentions")


def render_extraction(
    extraction: Extraction,
    report: Report | None = None,
    *,
    title: str | None = None,
    document: int | None = None,
    standalone: bool = True,
    back: str | None = None,
) -> str:
    """The HTML view of one release: marked-up text, facts table and findings panel.

    Args:
        extraction: what :func:`finfacts.extract` found in the release.
        report: its findings; ``None`` runs :func:`finfacts.check` on ``extraction``.
        title: the page's heading; by default the release's first line.
        document: when ``report`` checked several releases, this release's index (only its
            findings are shown).
        standalone: a complete page (with a Content-Security-Policy); False gives a
            fragment with uniquely prefixed anchors, as for Jupyter.
        back: a link to the page this one belongs to (a corpus overview), shown at the top.

    Returns:
        str: the HTML page; every piece of the release's text in it is escaped.
    """
    if report is None:
        from ..checks import check

        report = check(extraction)
    p = "" if standalone else fragment_prefix()
    heading = title if title is not None else _title(extraction)
    shown = _shown(report, document)
    text = highlight(extraction.text, _layers(extraction, shown, p))
    nav = tag("nav", tag("a", "← All documents", href=back), class_="ff-context ff-nav") if back else ""
    body = tag(
        "div",
        nav + _header(extraction, heading, report)
        + tag(
            "main",
            _findings(extraction, report, shown, p)
            + tag("section", tag("h2", "Release text") + tag("div", text, class_="ff-text"),
                  class_="ff-panel ff-doc", aria_label="release text")
            + _facts(extraction, p)
            + _mentions(extraction, p),
            class_="ff-body",
        ),
        class_="ff",
    )
    if standalone:
        return page(body, title=f"finfacts: {heading}", css=("view.css",), js=("view.js",))
    return fragment(body, css=("view.css",), js=("view.js",))


def render_report(report: Report, *, standalone: bool = False) -> str:
    """The findings of a report as a table (a report alone has no text to mark up)."""
    status = Counter(f.status for f in report.findings)
    cols = "".join(tag("th", c, scope="col") for c in ("status", "rule", "message", "spans", "release"))
    rows = "".join(
        tag("tr", tag("td", tag("span", f.status.upper(), class_=f"ff-badge ff-{f.status}"))
            + tag("td", tag("code", esc(f.rule))) + tag("td", esc(f.message))
            + tag("td", esc(", ".join(f"[{a}, {b}]" for a, b in f.spans)))
            + tag("td", esc("" if f.document is None else str(f.document))))
        for f in sorted(report.findings, key=lambda f: {"fail": 0, "warn": 1}.get(f.status, 2))
    )
    summary = f"{status['fail']} failed, {status['warn']} warned, {status['pass']} passed checks"
    body = tag("div", tag("p", esc(summary), class_="ff-summary")
               + tag("div", tag("table", tag("thead", tag("tr", cols)) + tag("tbody", rows)), class_="ff-scroll"),
               class_="ff")
    if standalone:
        return page(body, title="finfacts: findings", css=("view.css",))
    return fragment(body, css=("view.css",))
