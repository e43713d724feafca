"""Read the tables of a text into table models, cell mentions and facts.

Each figure cell becomes a mention (the pipeline's own mention of that cell keeps its id, with
the table's scale now applied) and, in a period column, a fact whose metric comes from the row
label and whose period comes from the column heading. A change column ("% Change") becomes
the change of the current period's fact.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import regex

from .. import fastre
from ..doccontext import DocContext
from ..models import Count, Fact, Money, Percent, Period, Table, _plain
from ..normalize.periods import Calendar, PeriodValue
from ..resources import Metrics
from .cells import CellValue, parse_cell
from .find import RawRow, RawTable, Span, find_tables
from .header import (
    Column,
    Declared,
    column_kind,
    find_declared,
    header_items,
    header_periods,
    phrases,
    resolve_heading,
)
from .rows import RowMeaning, cell_metric, read_row

Mention = Any
TITLE = regex.compile(
    r"(?i)(?:(?:condensed|consolidated|unaudited|interim|selected|summary|combined)\s+)*"
    r"(?:statements?\s+of\s+(?:consolidated\s+)?(?:operations|income|comprehensive\s+(?:income|loss)|cash\s+flows?|"
    r"financial\s+position|earnings|loss|profit\s+or\s+loss)(?:\s+and\s+comprehensive\s+(?:income|loss))?"
    r"|balance\s+sheets?|reconciliations?\s+(?:of|from)\s+[^\n(|]{3,120}?(?=\s*\(|\s*$|\n|\s+(?:for|three|six|nine|twelve|quarter|year)\b)"
    r"|(?:key\s+)?(?:financial|operating)(?:\s+and\s+(?:financial|operating))?\s+(?:highlights|summary|data|results|metrics)|segment\s+(?:results|information|operating\s+results)"
    r"|income\s+statements?|cash\s+flow\s+statements?)"
)
# the words a TITLE match can start with (its optional leading words, else the first word of one of
# its titles): TITLE, led by an optional repeated group, is tried at every position; an alternation
# of words under (?i) is found by a fast scan, and TITLE is tried only where one starts
_TITLE_START = regex.compile(r"(?i)condensed|consolidated|unaudited|interim|selected|summary|combined|statement|balance"
                             r"|reconciliation|key|financial|operating|segment|income|cash")
DOLLAR_FAMILY = {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN"}
LOOKBACK = 1500
_BASIC_LEAD = regex.compile(r"(?i)^(.*\S)\s++(?:-\s*+)?(?:basic|diluted)$")  # one way to split the spaces
_BARE_BASIS = regex.compile(r"(?i)-?\s*(?:basic|diluted|basic and diluted)")
_TOTAL_LABEL = regex.compile(r"(?i)^\s*total\b")
_GLUED_YEARS = regex.compile(r"(?<!\d)(?:19|20)\d\d(?:19|20)\d\d(?!\d)")
_BARE_YEAR = regex.compile(r"(?<![\d,.$])(?:19|20)\d\d(?![\d,])")
VALUE_TYPES = ("money", "percent", "count")
_MISSING = object()


def title_matches(text: str, lo: int, hi: int) -> Iterator[Any]:
    """The matches of ``TITLE.finditer(text, lo, hi)``, TITLE tried only where a word it starts with does.

    >>> t = "Second quarter income grew. CONDENSED CONSOLIDATED BALANCE SHEETS (in millions) Key financial highlights"
    >>> [m.group(0) for m in title_matches(t, 0, len(t))] == [m.group(0) for m in TITLE.finditer(t)]
    True
    """
    pos = lo
    for start in _TITLE_START.finditer(text, lo, hi, overlapped=True):
        if start.start() < pos:
            continue  # inside the last match
        m = TITLE.match(text, start.start(), hi)
        if m is not None:
            yield m
            pos = m.end()


@dataclass
class _Draft:
    """A table fact before ids are given out."""

    row: int
    column: int
    meaning: RowMeaning
    mention: dict[str, Any]
    period: PeriodValue | None
    cell: dict[str, Any]
    label: Span | None
    change: dict[str, Any] | None = None
    prior_of: tuple[int, int] | None = None  # (row, column) of the fact this one is the comparative of


@dataclass
class TableReading:
    """The tables of one text: their models, their cells as mentions, their facts."""

    tables: list[Table] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    drafts: list[tuple[int, _Draft]] = field(default_factory=list)  # (table index, draft)

    def covers(self, pos: int) -> bool:
        """Whether an offset lies inside a table that was read."""
        i = bisect_left(self.spans, (pos + 1, -1)) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def facts(self, first_id: int = 0) -> list[Any]:
        """The table facts, numbered from ``f{first_id}``."""
        fids = [f"f{first_id + n}" for n in range(len(self.drafts))]
        ids = {(t, d.row, d.column): fid for fid, (t, d) in zip(fids, self.drafts)}
        # each cell's mention model was built once, for ``mentions``: the facts take it, not its data again
        models = {m.id: m for m in self.mentions}
        out = []
        for n, (t, d) in enumerate(self.drafts):
            relations = []
            if d.prior_of is not None:
                target = ids.get((t, *d.prior_of))
                if target is not None:
                    relations.append({"type": "prior_of", "target": target, "mention_id": d.mention["id"]})
            period = None
            if d.period is not None and (d.period.start is not None or d.period.fiscal_year is not None):
                period = {"period_start": d.period.start, "period_end": d.period.end, "source": "table",
                          "fiscal_year": d.period.fiscal_year, "fiscal_period": d.period.fiscal_period}
            m = d.meaning
            change = None
            if d.change is not None:
                change = {k: v for k, v in d.change.items() if k != "_cell"}
                change["mention_id"] = d.change["_cell"].get("id")
            out.append(Fact.model_validate({
                "id": fids[n], "metric": m.metric, "metric_text": m.label or None,
                "metric_start": d.label.start if d.label else None, "metric_end": d.label.end if d.label else None,
                "adjusted": m.adjusted, "scope": m.scope, "role": "value",
                "value": models.get(d.mention["id"], d.mention), "period": period,
                "change": change, "relations": relations,
                "mention_ids": [d.mention["id"]] + ([change["mention_id"]] if change and change.get("mention_id") else []),
                "source": "table", "cell": d.cell,
            }))
        return out


def read_tables(text: str, mentions: list[Mention], ctx: DocContext | None, metrics: Metrics) -> TableReading:
    """Find and read every table of ``text``.

    Args:
        text: the text all offsets refer to.
        mentions: the pipeline's mentions of the text, in text order.
        ctx: the document context (fiscal calendar, release date, currency).
        metrics: the metric taxonomy.

    Returns:
        A :class:`TableReading`; its ``mentions`` are all mentions of the text, the table cells
        among them read with their table's scale.
    """
    out = TableReading()
    raws = find_tables(text)
    if not raws:
        out.mentions = list(mentions)
        return out
    by_start = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    replaced: dict[str, dict[str, Any]] = {}  # pipeline mention id -> its new data (or {} when dropped)
    added: list[dict[str, Any]] = []
    next_id = 1 + max((int(m.id[1:]) for m in mentions if m.id[1:].isdigit()), default=-1)
    prev_end = 0
    declared: Declared | None = None
    # the currency most of the release's amounts are in: what bare table figures are in when
    # neither the table nor the release says
    seen = Counter(m.currency for m in mentions if m.type == "money" and getattr(m, "currency", None))
    main_currency = seen.most_common(1)[0][0] if seen else None
    memo: dict[tuple[Any, ...], Any] = {}  # labels and headings read (for this call only: one taxonomy, one ctx)
    for raw in raws:
        reader = _TableReader(text, raw, ctx, metrics, by_start, starts, prev_end, len(out.tables), declared)
        reader.main_currency = main_currency
        reader.memo = memo
        table = reader.read()
        prev_end = raw.end
        declared = reader.declared
        if table is None:
            continue
        for cell_data, overlapped in reader.cell_mentions:
            keep = next((m for m in overlapped if (m.start, m.end) == (cell_data["start"], cell_data["end"])),
                        overlapped[0] if overlapped else None)
            if keep is not None and keep.id not in replaced:
                cell_data["id"] = keep.id
            else:
                cell_data["id"] = f"m{next_id}"
                next_id += 1
            for m in overlapped:
                replaced.setdefault(m.id, {})
            if keep is not None and cell_data["id"] == keep.id:
                replaced[keep.id] = cell_data
            else:
                added.append(cell_data)
        for mid, data in reader.period_updates.items():
            if mid not in replaced:
                replaced[mid] = data
        out.tables.append(table)
        out.spans.append((table.start, table.end))
        out.drafts += [(table.index, d) for d in reader.drafts]
    merged: list[Any] = []
    dropped = {k for k, v in replaced.items() if not v}
    for m in mentions:
        data = replaced.get(m.id)
        if data is None:
            # only an amount translates another (and a model without the field answers getattr slowly)
            if m.type == "money" and getattr(m, "translation_of", None) in dropped:
                m = m.model_copy(update={"translation_of": None})
            merged.append(m)
        elif data:
            merged.append(type(m).model_validate(data) if data.get("type") == m.type else _model(data))
    merged += [_model(d) for d in added]
    merged.sort(key=lambda m: (m.start, m.end))
    out.mentions = merged
    return out


_MODELS = {"money": Money, "percent": Percent, "count": Count, "period": Period}


def _model(data: dict[str, Any]) -> Any:
    return _MODELS[data["type"]].model_validate(data)


class _TableReader:
    def __init__(self, text: str, raw: RawTable, ctx: DocContext | None, metrics: Metrics, mentions: list[Mention],
                 starts: list[int], prev_end: int, index: int, inherited: Declared | None = None) -> None:
        self.text, self.raw, self.ctx, self.metrics = text, raw, ctx, metrics
        self.inherited = inherited
        self.declared: Declared | None = None
        self.main_currency: str | None = None
        self.mentions, self.starts, self.prev_end, self.index = mentions, starts, prev_end, index
        self.cell_mentions: list[tuple[dict[str, Any], list[Mention]]] = []
        self.period_updates: dict[str, dict[str, Any]] = {}
        self.drafts: list[_Draft] = []
        self._pending_changes: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        # read_row's readings of labels and the headings' periods, shared by the tables of one read_tables
        # call (the same headings recur over columns and tables; ctx, so the calendar, is the call's)
        self.memo: dict[tuple[Any, ...], Any] = {}

    # ----------------------------------------------------------------------------- helpers
    def _s(self, span: Span | None) -> str:
        return "" if span is None else self.text[span.start:span.end]

    def _overlapping(self, a: int, b: int, types: tuple[str, ...] = VALUE_TYPES) -> list[Mention]:
        mentions = self.mentions
        out = []
        for i in range(bisect_left(self.starts, a - 200), len(mentions)):
            m = mentions[i]
            if m.start >= b:
                break
            if m.end > a and m.type in types:
                out.append(m)
        return out

    def _memo(self, fn: Any, *args: Any) -> Any:
        """``fn(*args)``, kept for the read_tables call. The functions kept are pure and their results
        are only read (a PeriodValue, a list of phrases): sharing one result among columns is safe."""
        key = (fn.__name__, *args)
        hit = self.memo.get(key, _MISSING)
        if hit is _MISSING:
            hit = self.memo[key] = fn(*args)
        return hit

    # ------------------------------------------------------------------------------- read
    def read(self) -> Table | None:
        raw = self.raw
        first = next((r for r in raw.rows if not r.section_only and not r.unread), None)
        if first is None:
            return None
        head_lo = max(self.prev_end, raw.start - LOOKBACK)
        declared = find_declared(self.text, head_lo, first.start,
                                 [(r.start, r.end) for r in raw.rows if r.unread or not r.section_only])
        if declared is None and self.inherited is not None and raw.start - self.prev_end < LOOKBACK:
            # "Supplemental information (in millions)" over several tables: the one before lends its scale
            declared = self.inherited
        title = self._title(head_lo, first.start)
        columns = self._columns(first.start)
        if not any(c.kind == "period" for c in columns):
            return None
        self.declared = declared
        scale = declared.multiplier if declared is not None else Decimal(1)
        currency = self._currency(declared)
        rows_out: list[dict[str, Any]] = []
        stack: list[int] = []
        values_since_section = 0
        last_lead = ""
        for i, row in enumerate(raw.rows):
            label = self._s(row.label)
            if row.section_only or row.unread:
                kind = "section" if row.section_only else "unread"
                if kind == "section" and fastre.fullmatch(r"(?i)\(?\s*(?:un)?audited\s*\)?", label.strip()):
                    rows_out.append({"index": i, "label": label, "start": row.start, "end": row.end, "kind": "unread"})
                    continue
                rows_out.append({"index": i, "label": label or None, "start": row.start, "end": row.end,
                                 "kind": kind, "section": stack[-1] if stack else None})
                if kind == "section":
                    stack.append(i)
                    values_since_section = 0
                elif stack and _TOTAL_LABEL.match(label):
                    stack.pop()  # an unread total still closes its section
                continue
            sections = [self._s(raw.rows[k].label) for k in stack]
            lead = _BASIC_LEAD.match(label)
            bare = _BARE_BASIS.fullmatch(label.strip()) is not None
            if bare and last_lead:
                sections = sections + [last_lead]  # "Net loss per common share Basic ... Diluted"
            last_lead = lead.group(1) if lead is not None else (last_lead if bare else "")
            meaning = read_row(label if row.label is not None else None, sections, self.metrics, self.memo)
            if row.label is None and values_since_section < 2:
                meaning = RowMeaning("", None, meaning.kind, total=False)
            rows_out.append({"index": i, "label": label or None, "start": row.start, "end": row.end, "kind": "values",
                             "metric": meaning.metric, "total": meaning.total, "section": stack[-1] if stack else None})
            self._row_cells(i, row, meaning, columns, scale, currency, declared, title)
            values_since_section += 1
            if meaning.total and stack and row.label is not None:
                stack.pop()
                values_since_section = 0
        self._pair_columns(columns)
        if not self.drafts:
            return None
        for c in columns:
            if c.kind != "period" or c.period is None or c.header_start is None or c.header_end is None:
                continue
            for m in self._overlapping(c.header_start, c.header_end, ("period",)):
                if m.start >= c.header_start and m.end <= c.header_end and \
                        (m.period_start, m.period_end) != (c.period.start, c.period.end):
                    self.period_updates[m.id] = {**m.model_dump(), "period_start": c.period.start,
                                                 "period_end": c.period.end, "period_kind": c.period.kind,
                                                 "fiscal_year": c.period.fiscal_year,
                                                 "fiscal_period": c.period.fiscal_period}
        return Table.model_validate({
            "index": self.index, "title": title, "form": raw.form, "start": raw.start, "end": raw.end,
            "scale": scale, "scale_text": declared.text if declared else None, "currency": currency,
            "columns": [{"index": c.index, "header": c.header, "kind": c.kind,
                         "period_start": c.period.start if c.period else None,
                         "period_end": c.period.end if c.period else None} for c in columns],
            "rows": rows_out,
        })

    def _title(self, lo: int, hi: int) -> str | None:
        found = None
        for m in title_matches(self.text, lo, hi):
            a = self.text.rfind("\n", 0, m.start()) + 1
            b = self.text.find("\n", m.end())
            line = self.text[a:b if b >= 0 else len(self.text)]
            heading = len(line.split()) <= 20 and not line.rstrip().endswith((".", ";", ","))
            if heading or (m.start() - a <= 60 and m.group(0).isupper()):
                found = m  # a heading, not words of a sentence ("to strengthen our balance sheet")
        if found is not None:
            a = self.text.rfind("\n", 0, found.start()) + 1
            b = self.text.find("\n", found.end())
            line = self.text[a:b if b >= 0 else len(self.text)].strip().lstrip("#* ").rstrip("* ")
            # the whole heading when it is one ("Reconciliation of Profit for the Year to Adjusted EBITDA")
            return " ".join((line if len(line) <= 150 and found.group(0) in line else found.group(0)).split())
        # else the nearest short line above the table that is not a scale or audit note
        pos = self.raw.start
        for _ in range(3):
            a = self.text.rfind("\n", lo, max(lo, pos - 1))
            line = self.text[a + 1:pos].strip()
            pos = a if a >= 0 else lo
            if line and len(line) < 120 and not fastre.match(r"(?i)^\(?\s*(?:in\s|amounts\s|\(?unaudited|page\s)", line) \
                    and not line.endswith(".") and len(fastre.findall(r"[A-Za-z]{2,}", line)) >= 2:
                return line
            if a < lo:
                break
        return None

    def _currency(self, declared: Declared | None) -> str | None:
        ctx_cur = self.ctx.currency if self.ctx is not None else None
        if declared is not None and declared.currency not in (None, "$"):
            return declared.currency
        seen = Counter[str]()
        text = self.text
        dollar_cells = False  # a cell holding a '$' (found in place: str.find, no slice)
        for row in self.raw.rows:
            for c in row.cells:
                if c is None or text.find("$", c.start, c.end) < 0:
                    continue
                dollar_cells = True
                for m in self._overlapping(c.start, c.end, ("money",)):
                    if m.currency:
                        seen[m.currency] += 1
        if seen:
            return seen.most_common(1)[0][0]
        if (declared is not None and declared.currency == "$") or dollar_cells:
            return ctx_cur if ctx_cur in DOLLAR_FAMILY else "USD"
        return ctx_cur or self.main_currency

    def _bare_year_band(self, cols: list[Column]) -> None:
        """ "Second Quarter 2024 Financial Highlights" over a table headed "2024 | 2023": the columns
        are those quarters, not the whole years."""
        pcols = [c for c in cols if c.kind == "period" and c.period is not None]
        if not pcols or any(c.period.kind != "year" or not _BARE_YEAR.search(c.header) for c in pcols):  # type: ignore[union-attr]
            return
        if any(p for c in pcols for p in self._memo(phrases, _BARE_YEAR.sub(" ", c.header))):
            return
        cal = self.ctx.calendar if self.ctx is not None else Calendar()
        ref = self.ctx.reference_date if self.ctx is not None else None
        lo = max(self.prev_end, self.raw.start - 400)
        band = None
        for p in self._memo(phrases, self.text[lo:self.raw.start]):
            pv = self._memo(resolve_heading, p, cal, ref)
            if pv is not None and pv.kind in ("quarter", "half", "nine_months", "weeks") and _BARE_YEAR.search(p):
                band = _BARE_YEAR.sub("", p).strip()
        if band is None:
            return
        for c in pcols:
            year = _BARE_YEAR.search(c.header).group(0)  # type: ignore[union-attr]
            pv = self._memo(resolve_heading, f"{band} {year}", cal, ref)
            if pv is not None and pv.start is not None:
                c.period = pv

    def _columns(self, first_row: int) -> list[Column]:
        cols = self._read_columns(first_row)
        self._bare_year_band(cols)
        return cols

    def _read_columns(self, first_row: int) -> list[Column]:
        raw, text = self.raw, self.text
        cal = self.ctx.calendar if self.ctx is not None else Calendar()
        ref = self.ctx.reference_date if self.ctx is not None else None
        n = raw.ncols
        cols = [Column(j, "", "other") for j in range(n)]
        percent_cells = [any(r.cells[j] is not None and "%" in self._s(r.cells[j]) for r in raw.rows
                             if j < len(r.cells) and not r.section_only) for j in range(n)]
        bands = " ".join(self._s(b) for b in raw.bands)
        if raw.form == "grid":
            for j in range(n):
                own: list[Span] = []
                for h in raw.header:
                    s = h[j] if j < len(h) else None
                    if s is not None and s not in own:
                        own.append(s)
                own_text = " ".join(self._s(s) for s in own)
                cols[j].header = " ".join(f"{bands} {own_text}".split())
                if own:
                    cols[j].header_start, cols[j].header_end = own[-1].start, own[-1].end
                ps = self._memo(header_periods, cols[j].header, 1, cal, ref) \
                    if self._memo(phrases, cols[j].header) else [None]
                pv = ps[-1] if ps else None
                kind = column_kind(_without_periods(own_text, self._memo(phrases, own_text)), percent_cells[j]) \
                    if own_text else "other"
                if kind != "other":
                    cols[j].kind = kind
                    cols[j].period = pv
                elif pv is not None and (pv.start is not None or pv.fiscal_year is not None):
                    cols[j].kind, cols[j].period = "period", pv
            return cols
        # stream tables: the headings are the words between the table's start and its first row
        head = text[raw.start:first_row]
        if _GLUED_YEARS.search(head):
            return cols  # "2024 20232024 2023": headings run together cannot be put over columns
        items = header_items(head)
        items = items[-n:] if len(items) > n else items
        year_cols = [j for j, s in enumerate(raw.header[-1]) if s is not None] if raw.header else []
        targets = year_cols if year_cols and len(items) == len(year_cols) else list(range(len(items)))
        for j, item in zip(targets, items):
            pv = self._memo(resolve_heading, item, cal, ref)
            cols[j].header = item
            if pv is not None and (pv.start is not None or pv.fiscal_year is not None):
                cols[j].kind, cols[j].period = "period", pv
                if year_cols and j < len(raw.header[-1]) and raw.header[-1][j] is not None:
                    cols[j].header_start, cols[j].header_end = raw.header[-1][j].start, raw.header[-1][j].end  # type: ignore[union-attr]
        tail = head[head.rfind(self._s(raw.header[-1][0])) if raw.header and raw.header[-1][0] else 0:]
        tail = _without_periods(tail, self._memo(phrases, tail))
        for j in range(n):
            if cols[j].kind == "period":
                continue
            kind = column_kind(tail, percent_cells[j])
            if kind != "other":
                cols[j].kind = "change_percent" if percent_cells[j] else "change"
                cols[j].header = "%" if percent_cells[j] else "change"
        return cols

    # ------------------------------------------------------------------------------ cells
    def _row_cells(self, i: int, row: RawRow, meaning: RowMeaning, columns: list[Column], scale: Decimal,
                   currency: str | None, declared: Declared | None, title: str | None) -> None:
        heres: dict[str, RowMeaning] = {}  # the row's meaning for a cell of each value type
        for j, span in enumerate(row.cells[:len(columns)]):
            if span is None:
                continue
            cell_text = self.text[span.start:span.end]
            cv = parse_cell(cell_text)
            if cv is None:
                continue
            col = columns[j]
            if col.kind == "other":
                continue
            overlapped = self._overlapping(span.start, span.end)
            data = self._mention(span, cell_text, cv, meaning, col, scale, currency, declared, overlapped)
            self.cell_mentions.append((data, overlapped))
            if col.kind != "period":
                self._pending_changes.setdefault(i, []).append((j, data))
                continue
            here = heres.get(data["type"])  # (the same for every cell of the type: asked once a row)
            if here is None:
                metric = cell_metric(meaning, data["type"], self.metrics)
                here = heres[data["type"]] = meaning if metric == meaning.metric else replace(meaning, metric=metric)
            period = _fact_period(col.period, here, self.metrics)  # type: ignore[arg-type]
            cell = {"table": self.index, "title": title, "row": i, "row_label": here.label or None, "column": j,
                    "column_header": col.header or None, "start": span.start, "end": span.end}
            self.drafts.append(_Draft(i, j, here, data, period, cell, row.label))

    def _mention(self, span: Span, text: str, cv: CellValue, meaning: RowMeaning, col: Column, scale: Decimal,
                 currency: str | None, declared: Declared | None, overlapped: list[Mention]) -> dict[str, Any]:
        """``text``: the cell's text (``self._s(span)``)."""
        base = {"text": text, "start": span.start, "end": span.end, "rule": "table.cell"}
        if cv.percent or meaning.kind == "percent" or col.kind == "change_percent":
            return {**base, "type": "percent", "value": _plain(cv.value), "decimals": cv.decimals, "unit": "percent"}
        if meaning.kind in ("shares", "count"):
            mult = meaning.scale or (Decimal(1) if meaning.kind == "count" or (declared and declared.shares_unscaled)
                                     else scale)
            return {**base, "type": "count", "value": _plain(cv.value * mult), "decimals": _decimals(cv, mult),
                    "unit": meaning.unit}
        if meaning.kind in ("per_share", "per_unit"):
            return {**base, "type": "money", "value": _plain(cv.value), "decimals": cv.decimals,
                    "currency": self._cell_currency(span, currency, overlapped),
                    "per": "share" if meaning.kind == "per_share" else meaning.unit}
        mult = meaning.scale or scale
        return {**base, "type": "money", "value": _plain(cv.value * mult), "decimals": _decimals(cv, mult),
                "currency": self._cell_currency(span, currency, overlapped), "per": None}

    def _cell_currency(self, span: Span, currency: str | None, overlapped: list[Mention]) -> str | None:
        """``overlapped``: the pipeline's mentions over the cell (its amounts among them)."""
        for m in overlapped:
            if m.type == "money" and m.currency:
                return str(m.currency)
        if currency is None and "$" in self._s(span):
            ctx_cur = self.ctx.currency if self.ctx is not None else None
            return ctx_cur if ctx_cur in DOLLAR_FAMILY else "USD"
        return currency

    # ---------------------------------------------------------------------------- changes
    def _pair_columns(self, columns: list[Column]) -> None:
        """Comparatives: the column a year (or a quarter) before another of the same length; change
        columns: the change of the current period's figure."""
        pcols = [c for c in columns if c.kind == "period" and c.period is not None and c.period.end is not None]
        prior_of: dict[int, int] = {}
        for c in pcols:
            for d in pcols:
                if d is c or d.period.start is None or c.period.start is None:  # type: ignore[union-attr]
                    continue
                if _year_before(d.period, c.period):  # type: ignore[arg-type]
                    prior_of[d.index] = c.index
        current = None
        if len(pcols) == 2:
            a, b = pcols
            current = a if a.period.end >= b.period.end else b  # type: ignore[union-attr,operator]
        by_cell = {(d.row, d.column): d for d in self.drafts}
        for d in self.drafts:
            if d.column in prior_of and (d.row, prior_of[d.column]) in by_cell:
                d.prior_of = (d.row, prior_of[d.column])
        # a change column names its period, or there is one change column of each kind: else which
        # figure a change belongs to is not clear, and none is taken
        clear = {c.index for c in columns if c.kind in ("change", "change_percent") and (
            c.period is not None and sum(1 for d in columns if d.kind == c.kind and d.period is not None
                                         and (d.period.start, d.period.end) == (c.period.start, c.period.end)) == 1
            or sum(1 for d in columns if d.kind == c.kind) == 1)}
        for row, changes in self._pending_changes.items():
            pct = [(j, m) for j, m in changes if columns[j].kind == "change_percent" and j in clear]
            amt = [(j, m) for j, m in changes if columns[j].kind == "change" and j in clear]
            for group in (pct, amt):
                for j, m in group:
                    col = columns[j]
                    target = None
                    if col.period is not None:
                        target = next((c for c in pcols if c.period.start == col.period.start  # type: ignore[union-attr]
                                       and c.period.end == col.period.end), None)  # type: ignore[union-attr]
                    target = target or current
                    if target is None or (row, target.index) not in by_cell:
                        continue
                    fact = by_cell[(row, target.index)]
                    if fact.change is not None and group is amt:
                        fact.change["absolute"] = m["value"]
                        continue
                    if fact.change is not None:
                        continue
                    value = Decimal(m["value"])
                    prior_col = next((k for k, v in prior_of.items() if v == target.index), None)
                    basis = None
                    if prior_col is not None:
                        basis = _basis(columns[prior_col].period, target.period)  # type: ignore[arg-type]
                    # "_cell" is the change cell's mention, whose id is given out once the table is read
                    fact.change = {"value": m["value"], "unit": "percent" if group is pct else (m.get("currency") or ""),
                                   "direction": "up" if value > 0 else ("down" if value < 0 else "flat"),
                                   "basis": basis, "start": m["start"], "end": m["end"], "_cell": m}


def _without_periods(text: str, found: list[str]) -> str:
    """``text`` without its period phrases, ``found`` (``phrases(text)``)."""
    out = text
    for p in found:
        out = out.replace(p, " ")
    return out


def _decimals(cv: CellValue, mult: Decimal) -> int:
    exp = len(str(int(mult))) - 1 if mult >= 1 else 0
    return (cv.decimals if not cv.dash else 0) - exp


def _fact_period(pv: PeriodValue, meaning: RowMeaning, metrics: Metrics) -> PeriodValue:
    """A balance (a stock) is read at the end of its column's period; an opening balance the day before it."""
    if pv.start is None or pv.end is None:
        return pv
    if meaning.edge == "beginning":
        day = pv.start - dt.timedelta(days=1)
        return PeriodValue(day, day, "instant")
    if meaning.edge == "end" or (metrics.kind(meaning.metric) == "stock" and pv.start != pv.end):
        return PeriodValue(pv.end, pv.end, "instant")
    return pv


def _year_before(a: PeriodValue, b: PeriodValue) -> bool:
    """Whether period ``a`` is ``b`` one year earlier (same length, within a week)."""
    if None in (a.start, a.end, b.start, b.end):
        return False
    la = (a.end - a.start).days  # type: ignore[operator]
    lb = (b.end - b.start).days  # type: ignore[operator]
    shift = (b.end - a.end).days  # type: ignore[operator]
    return abs(la - lb) <= 7 and 355 <= shift <= 375


def _basis(prior: PeriodValue | None, cur: PeriodValue | None) -> str | None:
    if prior is None or cur is None or prior.end is None or cur.end is None:
        return None
    shift = (cur.end - prior.end).days
    if 355 <= shift <= 375:
        return "year_over_year"
    if 85 <= shift <= 95:
        return "quarter_over_quarter"
    return None
