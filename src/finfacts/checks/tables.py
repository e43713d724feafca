"""Checks on the tables of a release: totals against their rows, the identities of the
statements, change columns, non-GAAP reconciliations, and prose figures against the table.

Each rule is a pure function of an :class:`~finfacts.models.Extraction` and uses the interval
arithmetic of :mod:`.intervals`, so a figure "in thousands" stands for every value that rounds
to it. A rule fails only where the arithmetic cannot be reconciled; where the table cannot say
what adds up to what (a row that could not be read, a blank cell, two candidate wholes) it says
nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import regex

from ..models import Extraction, Fact, Finding, Table
from ..tables.cells import stream_cells
from .intervals import Interval, far_apart, fmt, magnitude, of_mention
from .lists import LIST_VERB, MAX_LIST, cover, list_items
from .rules import RESTATED_RATIO, ROW_REACH, Lines

Rule = Callable[[Extraction], list[Finding]]
HUNDRED = Decimal(100)
MAX_PARTS = 40  # the longest run of rows a total is tried against (keeps a hostile table linear)
MAX_BACK = 400  # how far above a total its heading is looked for
TOTAL_STOP = {"total", "net", "cash", "provided", "by", "used", "in", "for", "from", "(used", "in)", "of", "the", "and"}
LESS = regex.compile(r"(?i)^\s*(?:less|deduct|minus)\b")
CASH_EDGE = regex.compile(r"(?i)\b(?P<edge>beginning|end)\s+of\s+(?:the\s+)?(?:period|year|quarter|fiscal\s+year)s?\s*$")
QUALIFIED = regex.compile(r"(?i)\b(?:including|includes|excluding|excludes|net\s+of|inclusive|exclusive|adjusted\s+for|"
                          r"before|after|other\s+than|attributable)\b")
GENERIC = {"loss", "losses", "profit", "profits", "earnings", "cash", "income", "equity", "assets", "liabilities",
           "debt", "sales", "orders", "proceeds", "dividend", "dividends", "target", "guidance", "outlook"}
CLAUSE_FIGURE = regex.compile(r"[$€£¥]\s?\d|\d\s*+(?:%|billion|million|bn|mn)\b")
TO_LEVEL = regex.compile(r"(?i)\bto(?:\s+(?:a|an)\s+(?:net\s+)?(?:loss|profit|gain|income))?(?:\s+of)?\s*$")
RESULT_METRICS = {"EBITDA", "FreeCashFlow"}
START_METRICS = {"NetIncomeLoss", "NetCashProvidedByOperatingActivities", "Revenues", "OperatingIncomeLoss",
                 "IncomeLossBeforeIncomeTaxes"}


@dataclass
class _Item:
    row: int
    label: str
    iv: Interval | None  # None: a row marker (a heading, or a row that could not be read)
    fact: Fact | None = None
    kind: str = "item"  # "item", "section", "unread", "gap"


def _iv(f: Fact) -> Interval | None:
    return of_mention(f.value)


def _words(label: str | None) -> set[str]:
    return {w for w in regex.findall(r"[a-z']+", (label or "").lower().replace("’", "'")) if w not in TOTAL_STOP}


def _show(f: Fact) -> str:
    return " ".join(f.value.text.split())


def _when(f: Fact) -> str:
    if f.period is None:
        return ""
    a, b = f.period.period_start, f.period.period_end
    return f" for {a}" if a == b else f" for {a}..{b}"


def _finding(rule: str, ok: bool, message: str, facts: Iterable[Fact], extra: Iterable[tuple[int, int]] = ()) -> Finding:
    facts = list(facts)
    return Finding(rule=rule, status="pass" if ok else "fail", message=message,
                   spans=[(f.value.start, f.value.end) for f in facts] + list(extra), fact_ids=[f.id for f in facts])


def _cells(ex: Extraction) -> dict[tuple[int, int, int], Fact]:
    return {(f.cell.table, f.cell.row, f.cell.column): f for f in ex.facts if f.source == "table" and f.cell is not None}


def _money(f: Fact | None) -> bool:
    return f is not None and f.value.type == "money" and getattr(f.value, "per", None) is None


def _sum(items: Sequence[_Item]) -> Interval:
    total = Interval(Decimal(0), Decimal(0))
    for it in items:
        total = total + it.iv  # type: ignore[operator]
    return total


def _columns(table: Table) -> list[int]:
    return [c.index for c in table.columns if c.kind == "period"]


# --------------------------------------------------------------------------------- totals
def _sequence(table: Table, col: int, cells: dict[tuple[int, int, int], Fact]) -> list[_Item]:
    """The rows of one column in order: figures, headings, and rows that leave the sum unknown."""
    out: list[_Item] = []
    currency = None
    less = False
    for r in table.rows:
        if r.kind == "section" and LESS.match(r.label or "") and len((r.label or "").split()) == 1:
            less = True  # "Less:" over "Allowance for credit losses": the row below is taken away
            continue
        if r.kind == "section":
            out.append(_Item(r.index, r.label or "", None, kind="section"))
            continue
        if r.kind == "unread":
            if r.label and regex.match(r"(?i)^\(?\s*(?:un)?audited", r.label):
                continue
            out.append(_Item(r.index, r.label or "", None, kind="unread"))
            continue
        f = cells.get((table.index, r.index, col))
        if not _money(f):
            if any((table.index, r.index, c) in cells for c in _columns(table)) or f is not None:
                out.append(_Item(r.index, r.label or "", None, kind="gap"))
            continue
        cur = getattr(f.value, "currency", None)  # type: ignore[union-attr]
        if currency is not None and cur is not None and cur != currency:
            out.append(_Item(r.index, r.label or "", None, kind="gap"))
            continue
        currency = currency or cur
        out.append(_Item(r.index, ("Less " if less else "") + (r.label or ""), _iv(f), f))  # type: ignore[arg-type]
        less = False
    return out


def _since(items: list[_Item], k: int) -> list[_Item] | None:
    """The figures after position ``k`` (headings skipped); None when a row in between is unknown."""
    got = []
    for it in items[k + 1:]:
        if it.kind in ("unread", "gap"):
            return None
        if it.kind == "item":
            got.append(it)
    return got


def _matches(parts: list[_Item], total: Interval) -> bool:
    if not parts or any(p.iv is None for p in parts):
        return False
    if len(parts) == 1:
        return parts[0].iv.overlaps(total)  # type: ignore[union-attr]
    if _sum(parts).overlaps(total):
        return True
    # "Less accumulated depreciation 365,241" written without parentheses: taken away
    signed = Interval(Decimal(0), Decimal(0))
    flipped = False
    for p in parts:
        if LESS.match(p.label) and p.iv is not None and p.iv.lo is not None and p.iv.lo > 0:
            signed = signed - p.iv
            flipped = True
        else:
            signed = signed + p.iv  # type: ignore[operator]
    return flipped and signed.overlaps(total)


def _foot(items: list[_Item], total: _Item, last: bool = True) -> tuple[str, list[_Item], int] | None:
    """Find what a total adds up: ``(how, parts, cut)`` where ``items[cut:]`` are replaced by the total.

    Tried in order: the rows since the heading the total names ("Current liabilities:" for "Total
    current liabilities"), the rows since the nearest heading, then any run of rows just above it.
    Returns the first candidate that matches, or the first (failing) named candidate, or None.
    """
    want = _words(total.label)
    named = None
    nearest = None
    for k in range(len(items) - 1, max(-1, len(items) - 1 - MAX_BACK), -1):
        it = items[k]
        if it.kind != "section":
            continue
        if nearest is None:
            nearest = k
        if want and want <= _words(it.label) | {"liabilities", "equity"} and _words(it.label) and \
                _words(it.label) <= want | {"and", "stockholders'", "shareholders'"}:
            named = k
            break
    first_fail: tuple[str, list[_Item], int] | None = None
    unknown = any(it.kind in ("unread", "gap") for it in items)
    for how, k in (("heading", named), ("section", nearest), ("table", -1 if nearest is None else None)):
        if k is None:
            continue
        parts = _since(items, k)
        if not parts:
            continue
        if _matches(parts, total.iv) or (  # type: ignore[arg-type]
                len(parts) == 1 and how != "table" and parts[0].iv is not None and parts[0].iv.overlaps(total.iv)):  # type: ignore[arg-type]
            # (a heading with a single row, and its total)
            return how, parts, k if how == "heading" else k + 1
        if len(parts) < 2:
            continue
        # with no heading at all, only a total that closes the table is taken to add up all of it
        if first_fail is None and (how == "heading" or (how == "section" and not unknown)
                                   or (how == "table" and last and not unknown)):
            # a failure is reported only where the table was read in full above the total
            first_fail = (how, parts, k)
    # any run of figures just above it (subtotals already stand for their rows)
    k = _run_above(items, total.iv, skip_headings=True)  # type: ignore[arg-type]
    if k is not None:
        return "run", [x for x in items[k:] if x.kind == "item"], k
    return first_fail


def _run_above(items: list[_Item], target: Interval, skip_headings: bool) -> int | None:
    """Where a run of at least two figures ending at the bottom of ``items`` starts when it adds up
    to ``target`` (rows labelled "Less ..." taken away too); None when none does. One pass, with
    running sums, over at most MAX_PARTS rows."""
    plain = signed = Interval(Decimal(0), Decimal(0))
    flipped = False
    n = 0
    for k in range(len(items) - 1, max(-1, len(items) - 1 - MAX_PARTS), -1):
        it = items[k]
        if it.kind in ("unread", "gap") or (it.kind != "item" and not skip_headings):
            return None
        if it.kind != "item" or it.iv is None:
            continue
        n += 1
        plain = plain + it.iv
        if LESS.match(it.label) and it.iv.lo is not None and it.iv.lo > 0:
            signed = signed - it.iv
            flipped = True
        else:
            signed = signed + it.iv
        if n >= 2 and (plain.overlaps(target) or (flipped and signed.overlaps(target))):
            return k
    return None


def _footings(ex: Extraction) -> list[tuple[Table, int, _Item, tuple[str, list[_Item], int] | None]]:
    """Every total row of every table, with what it was found to add up (or not)."""
    cells = _cells(ex)
    out = []
    for table in ex.tables:
        rows = {r.index: r for r in table.rows}
        for col in _columns(table):
            # two readings of the rows above: with subtotals that lack the word "total" standing for
            # their rows, and without (a row may equal the sum of the rows above it by chance)
            items: list[_Item] = []
            plain: list[_Item] = []
            seq = _sequence(table, col, cells)
            last_row = max((x.row for x in seq if x.kind == "item"), default=-1)
            for it in seq:
                row = rows[it.row]
                if not (it.kind == "item" and row.total):
                    if it.kind == "item":
                        _collapse_subtotal(items, it)
                    items.append(it)
                    plain.append(it)
                    continue
                found = _foot(items, it, it.row == last_row)
                if found is None or not _matches(found[1], it.iv):  # type: ignore[arg-type]
                    other = _foot(plain, it, it.row == last_row)
                    if other is not None and _matches(other[1], it.iv):  # type: ignore[arg-type]
                        found = other
                out.append((table, col, it, found))
                for seq in (items, plain):
                    got = _foot(seq, it)
                    if got is not None and _matches(got[1], it.iv):  # type: ignore[arg-type]
                        del seq[got[2]:]
                    seq.append(it)
    return out


def _collapse_subtotal(items: list[_Item], it: _Item) -> None:
    """ "Google advertising" after the three rows it adds up: a subtotal without the word "total"
    stands for its rows from here on."""
    if it.iv is None or (it.iv.lo is not None and it.iv.hi is not None and it.iv.lo <= 0 <= it.iv.hi):
        return  # a zero row equals any run that nets to zero
    k = _run_above(items, it.iv, skip_headings=False)
    if k is not None:
        del items[k:]


def check_table_totals(ex: Extraction) -> list[Finding]:
    """A total row ("Total current assets", "Net cash used in investing activities") equals the
    rows it closes, within their rounding."""
    out = []
    for table, _col, total, found in _footings(ex):
        f = total.fact
        if f is None or total.iv is None or found is None:
            continue
        _how, parts, _cut = found
        ok = _matches(parts, total.iv)
        s = _sum(parts)
        label = total.label or "the unlabelled subtotal"
        names = " + ".join(_show(p.fact) for p in parts if p.fact is not None)
        out.append(_finding("table_total", ok,
                            f"{label}{_when(f)} in table {table.index} ({table.title or 'untitled'}) is {_show(f)} "
                            f"{total.iv}; the {len(parts)} rows above it ({names}) add up to {s}"
                            f"{'' if ok else ': they do not agree'}.", [f] + [p.fact for p in parts if p.fact]))
    return out


# ----------------------------------------------------------------------------- identities
def _by_metric(ex: Extraction) -> dict[tuple[int, int], dict[str, list[Fact]]]:
    out: dict[tuple[int, int], dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for f in ex.facts:
        if f.source != "table" or f.cell is None or not _money(f) or f.scope is not None or f.adjusted:
            continue
        if f.metric is not None:
            out[(f.cell.table, f.cell.column)][f.metric].append(f)
    return out


def _one(facts: list[Fact]) -> Fact | None:
    """The figure of a metric in a column, when its rows agree (a total and its restatement)."""
    if not facts:
        return None
    values = {f.value.value for f in facts}
    return facts[-1] if len(values) == 1 else None


def check_statement_identities(ex: Extraction) -> list[Finding]:
    """Gross profit = revenue - cost of revenue; total assets = total liabilities and equity =
    liabilities + equity; cash at the end = cash at the beginning + its change; operating income
    = gross profit (or revenue) - the expenses total right above it."""
    out = []
    cells = _cells(ex)
    tables = {t.index: t for t in ex.tables}
    for (ti, col), m in _by_metric(ex).items():
        table = tables[ti]
        rev, cost, gp = _one(m["Revenues"]), _one(m["CostOfRevenue"]), _one(m["GrossProfit"])
        if rev is not None and cost is not None and gp is not None:
            ir, ic, ig = _iv(rev), _iv(cost), _iv(gp)
            if ir is not None and ic is not None and ig is not None:
                implied = ir + ic if (cost.value.value or 0) < 0 else ir - ic
                ok = implied.overlaps(ig)
                out.append(_finding("table_identity", ok,
                                    f"{gp.metric_text}{_when(gp)} is {_show(gp)}; {rev.metric_text} {_show(rev)} less "
                                    f"{cost.metric_text} {_show(cost)} is {implied}.", [gp, rev, cost]))
        assets, le = _one(m["Assets"]), _one(m["LiabilitiesAndStockholdersEquity"])
        if assets is not None and le is not None:
            ia, il = _iv(assets), _iv(le)
            if ia is not None and il is not None:
                ok = ia.overlaps(il)
                out.append(_finding("table_identity", ok,
                                    f"Total assets{_when(assets)} {_show(assets)} against total liabilities and equity "
                                    f"{_show(le)}.", [assets, le]))
        liab, eq = _one(m["Liabilities"]), (m["StockholdersEquity"] or [None])[-1]
        if le is not None and liab is not None and eq is not None:
            out += _liabilities_and_equity(table, col, cells, le, liab, eq)
        out += _operating_income(table, col, cells, m)
        out += _cash_edges(table, col, cells)
    return out


def _liabilities_and_equity(table: Table, col: int, cells: dict[tuple[int, int, int], Fact], le: Fact, liab: Fact,
                            eq: Fact) -> list[Finding]:
    il, iq, ile = _iv(liab), _iv(eq), _iv(le)
    if il is None or iq is None or ile is None or le.cell is None or liab.cell is None or eq.cell is None:
        return []
    if not liab.cell.row < eq.cell.row < le.cell.row:
        return []
    implied = il + iq
    between: list[Fact] = []
    if not implied.overlaps(ile):
        # mezzanine rows (redeemable stock) between the liabilities and the equity heading
        eq_section = next((r.section for r in table.rows if r.index == eq.cell.row), None)
        stop = eq_section if eq_section is not None and eq_section > liab.cell.row else eq.cell.row
        for r in table.rows:
            if liab.cell.row < r.index < stop and r.kind == "values":
                f = cells.get((table.index, r.index, col))
                if f is None or not _money(f):
                    return []
                between.append(f)
        for f in between:
            implied = implied + _iv(f)  # type: ignore[operator]
    ok = implied.overlaps(ile)
    extra = "".join(f" + {_show(f)}" for f in between)
    return [_finding("table_identity", ok,
                     f"Total liabilities {_show(liab)} + equity {_show(eq)}{extra} = {implied}; total liabilities and "
                     f"equity{_when(le)} is {_show(le)}.", [le, liab, eq, *between])]


def _operating_income(table: Table, col: int, cells: dict[tuple[int, int, int], Fact],
                      m: dict[str, list[Fact]]) -> list[Finding]:
    oi = _one(m["OperatingIncomeLoss"])
    if oi is None or oi.cell is None:
        return []
    rows = [r for r in table.rows if r.kind == "values"]
    pos = next((k for k, r in enumerate(rows) if r.index == oi.cell.row), None)
    if pos is None or pos == 0 or not rows[pos - 1].total:
        return []
    expenses = cells.get((table.index, rows[pos - 1].index, col))
    if expenses is None or not (expenses.metric == "OperatingExpenses" or (
            expenses.metric is None and regex.search(r"(?i)expenses|costs|^$", rows[pos - 1].label or ""))):
        return []  # the total right above is not the expenses ("Total revenues" of a summary table)
    base = _one(m["GrossProfit"]) or _one(m["Revenues"])
    if expenses is None or not _money(expenses) or base is None or base.cell is None or base.cell.row > oi.cell.row:
        return []
    if (expenses.value.value or 0) < 0:
        return []  # expenses written as negatives: the sign convention of this table is not clear
    ib, ie, io = _iv(base), _iv(expenses), _iv(oi)
    if ib is None or ie is None or io is None:
        return []
    implied = ib - ie
    ok = implied.overlaps(io)
    return [_finding("table_identity", ok,
                     f"{oi.metric_text}{_when(oi)} is {_show(oi)}; {base.metric_text} {_show(base)} less "
                     f"{expenses.metric_text or 'the expenses above it'} {_show(expenses)} is {implied}.",
                     [oi, base, expenses])]


def _cash_edges(table: Table, col: int, cells: dict[tuple[int, int, int], Fact]) -> list[Finding]:
    begin = end = change = None
    for r in table.rows:
        f = cells.get((table.index, r.index, col))
        if f is None or not _money(f):
            continue
        m = CASH_EDGE.search(r.label or "")
        if m is not None and (r.label or "").lower().lstrip().startswith(("cash", "balance of cash")):
            if m.group("edge").lower() == "beginning":
                begin = f
            else:
                end = f
        elif f.metric == "CashAndCashEquivalentsPeriodIncreaseDecrease":
            change = f
    if begin is None or end is None or change is None:
        return []
    ib, ie, ic = _iv(begin), _iv(end), _iv(change)
    if ib is None or ie is None or ic is None:
        return []
    implied = ib + ic
    ok = implied.overlaps(ie)
    return [_finding("table_identity", ok,
                     f"{begin.metric_text} {_show(begin)} + {change.metric_text} {_show(change)} = {implied}; "
                     f"{end.metric_text}{_when(end)} is {_show(end)}.", [end, begin, change])]


# -------------------------------------------------------------------------------- changes
def check_table_changes(ex: Extraction) -> list[Finding]:
    """A change column ("% Change", "$ Change") against the two figures of its row."""
    out = []
    by_id = {f.id: f for f in ex.facts}
    mentions = {m.id: m for m in ex.mentions}
    for p in ex.facts:
        if p.source != "table":
            continue
        cur = next((by_id[r.target] for r in p.relations if r.type == "prior_of" and r.target in by_id), None)
        if cur is None or cur.change is None or cur.value.type != p.value.type:
            continue
        c = cur.change
        ic, ip = _iv(cur), _iv(p)
        m = mentions.get(c.mention_id or "")
        stated = of_mention(m) if m is not None else None
        if ic is None or ip is None or stated is None:
            continue
        if c.unit == "percent":
            if ip.lo is None or ip.hi is None or ip.lo <= 0 <= ip.hi:
                continue  # no percentage change from zero
            mag = ip if ip.lo > 0 else Interval(-ip.hi, -ip.lo)
            by_abs = ((ic - ip) / mag).scale(HUNDRED)
            by_signed = ((ic - ip) / ip).scale(HUNDRED)
            ok = by_abs.overlaps(stated) or by_signed.overlaps(stated)
            implied = by_abs
        else:
            implied = ic - ip
            ok = implied.overlaps(stated)
        msg = (f"{cur.metric_text}: {_show(p)} -> {_show(cur)} is a change of {implied}"
               f"{' %' if c.unit == 'percent' else ''}, stated as {m.text if m is not None else fmt(c.value)}.")
        out.append(_finding("table_change", ok, msg, [cur, p], [(c.start, c.end)]))
        if c.absolute is not None and c.unit == "percent" and cur.value.type == "money":
            # "$ Change" next to "% Change": the amount, read with the figures' decimals
            decimals = getattr(cur.value, "decimals", None)
            ia = of_mention(cur.value.model_copy(update={"value": c.absolute, "qualifier": None}))
            if ia is not None and decimals is not None:
                ok = (ic - ip).overlaps(ia)
                out.append(_finding("table_change", ok,
                                    f"{cur.metric_text}: {_show(p)} -> {_show(cur)} differs by {ic - ip}, stated as "
                                    f"{fmt(c.absolute)}.", [cur, p]))
    return out


# ------------------------------------------------------------------------- reconciliations
def check_reconciliation(ex: Extraction) -> list[Finding]:
    """A non-GAAP result (Adjusted EBITDA, free cash flow) equals the GAAP figure it starts from plus
    the adjustments listed under it."""
    out = []
    cells = _cells(ex)
    for table in ex.tables:
        rows = {r.index: r for r in table.rows}
        for col in _columns(table):
            seq = _sequence(table, col, cells)
            for k, it in enumerate(seq):
                f = it.fact
                if it.kind != "item" or f is None or not (f.metric in RESULT_METRICS or f.adjusted):
                    continue
                start = next((j for j in range(k - 1, -1, -1) if seq[j].fact is not None
                              and seq[j].fact.metric in START_METRICS and not seq[j].fact.adjusted), None)  # type: ignore[union-attr]
                if start is None or k - start > MAX_PARTS:
                    continue
                parts = _recon_parts(seq[start:k], rows)
                if parts is None or len(parts) < 2 or it.iv is None:
                    continue
                ok = _matches(parts, it.iv)
                names = " + ".join(_show(p.fact) for p in parts if p.fact is not None)
                out.append(_finding("reconciliation_adds_up", ok,
                                    f"{f.metric_text}{_when(f)} is {_show(f)} {it.iv}; {parts[0].label} and the "
                                    f"adjustments under it ({names}) add up to {_sum(parts)}.",
                                    [f] + [p.fact for p in parts if p.fact]))
    return out


def _recon_parts(seq: list[_Item], rows: dict[int, Any]) -> list[_Item] | None:
    """The rows from the GAAP figure down, each subtotal standing for the rows it adds up."""
    items: list[_Item] = []
    for it in seq:
        if it.kind in ("unread", "gap"):
            return None
        if it.kind != "item":
            items.append(it)
            continue
        if rows[it.row].total:
            found = _foot(items, it)
            if found is None or not _matches(found[1], it.iv):  # type: ignore[arg-type]
                return None
            del items[found[2]:]
        items.append(it)
    return [x for x in items if x.kind == "item"]


# ----------------------------------------------------------------------- prose and tables
def _key(f: Fact) -> tuple[Any, ...] | None:
    if f.metric is None or f.scope is not None or f.period is None or f.period.period_start is None:
        return None
    v = f.value
    return (f.metric, f.adjusted, f.period.period_start, f.period.period_end, v.type,
            getattr(v, "currency", None), getattr(v, "per", None), getattr(v, "unit", None))


def check_prose_matches_table(ex: Extraction) -> list[Finding]:
    """A figure of the text ("revenue of $88.3 billion") against the same metric and period in a
    table of the release (the statement's revenue line)."""
    table: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for f in ex.facts:
        if f.source == "table" and f.role == "value":
            k = _key(f)
            if k is not None:
                table[k].append(f)
    out = []
    text = ex.text
    lines = Lines(text)
    for f in ex.facts:
        if f.source != "prose" or f.role not in ("value", "prior") or f.value.value is None:
            continue
        if f.period is None or f.period.source not in ("sentence", "document"):
            continue
        if f.metric_start is None or f.metric_end is None or not _plain_measure(text, f, lines):
            continue
        k = _key(f)
        cands = table.get(k) if k is not None else None
        if not cands:
            continue
        ivs = [_iv(g) for g in cands]
        if any(i is None for i in ivs):
            continue
        # the table's own rows must agree before one of them can judge the text: intervals that
        # overlap pairwise share a value, so the highest low is at most the lowest high
        los = [i.lo for i in ivs if i is not None and i.lo is not None]
        his = [i.hi for i in ivs if i is not None and i.hi is not None]
        if los and his and max(los) > min(his):
            continue
        g = cands[0]
        ip, it = _iv(f), ivs[0]
        if ip is None or it is None:
            continue
        # statements show outflows and losses with their sign, sentences often without it
        if (ip.lo is not None and ip.lo > 0) != (it.lo is not None and it.lo > 0):
            ip, it = magnitude(ip), magnitude(it)
        ok = ip.overlaps(it)
        if not ok and not _alike(f.value.value, g.value.value):
            continue  # far apart: more likely another measure (a segment, a change) than one misstated
        out.append(_finding("prose_matches_table", ok,
                            f"{f.metric_text or f.metric}{_when(f)} is {_show(f)} {ip} in the text and {_show(g)} {it} "
                            f"in table {g.cell.table if g.cell else '?'} ({g.cell.title if g.cell else ''}, "
                            f"row '{g.metric_text}')"
                            f"{'' if ok else ': they do not agree'}.", [f, g]))
    return out


def _alike(a: Decimal | None, b: Decimal | None) -> bool:
    """Two figures within RESTATED_RATIO of each other (by magnitude)."""
    if a is None or b is None or not a or not b:
        return False
    x, y = abs(a), abs(b)
    return max(x, y) / min(x, y) <= RESTATED_RATIO


def _plain_measure(text: str, f: Fact, lines: Lines | None = None) -> bool:
    """Whether a sentence states the measure plainly, right before its figure: "Revenue was $88.3
    billion", "revenue of", "increased 15% to". Not one of a list ("cash, cash equivalents, and
    marketable securities"), not qualified ("capital expenditures, including principal payments"),
    not a generic word that heads other measures ("loss", "earnings"), not a figure of a table."""
    if (f.metric_text or "").lower().strip() in GENERIC:
        return False
    before = text[max(0, (f.metric_start or 0) - 6):f.metric_start]
    joined = regex.search(r"(?:,|\band|\bor|&)\s*$", before)
    # one of a list, unless the word joins two clauses ("repurchases were $6.32 billion of our
    # stock and dividend payments were $1.27 billion"): a figure before it ends the first
    if joined and not CLAUSE_FIGURE.search(text, max(0, (f.metric_start or 0) - 80),
                                           max(0, (f.metric_start or 0) - 6) + joined.start()):
        return False
    if (f.metric_end or 0) > f.value.start:
        return False
    between = text[f.metric_end:f.value.start]
    if QUALIFIED.search(between) or len(between) > 160 or "\n" in between:
        return False
    if regex.search(r"\d", between) and not TO_LEVEL.search(between):
        return False  # "increased by 333.3%, or $1.3 million": the amount is a change, not the level
    if regex.search(r"(?i)\b(?:by|increase|decrease|improvement|decline|change)\s*(?:of\s*)?$", between):
        return False
    lines = lines or Lines(text)
    a, b = lines.bounds(f.value.start, f.value.end)
    if b - a > 2 * ROW_REACH:
        # a release run together on one line: the figure's own run of figures, not the whole line
        return not lines.in_table(f)
    plain = lines.memo.get(("plain", a, b))
    if plain is None:  # once per line: a text of one long line has many figures on it
        line = text[a:b]
        plain = lines.memo[("plain", a, b)] = "|" not in line and len(stream_cells(line)) < 6  # figures of a table the reader could not read
    return plain


def check_prose_sums_table_rows(ex: Extraction) -> list[Finding]:
    """A figure the text names as a list of the table's rows is their sum: "Cash, cash equivalents,
    and marketable securities were $58.08 billion" against the balance sheet's "Cash and cash
    equivalents" and "Marketable securities"; "Capital expenditures, including principal payments
    on finance leases, were $8.47 billion" against the two cash-flow rows. Each item of the list is
    a row of one table, for the figure's period, by its label or by the metric its name gives."""
    from ..resources import load_metrics

    text = ex.text
    by_period: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for g in ex.facts:
        if g.source == "table" and g.role == "value" and g.period is not None and g.value.value is not None \
                and g.cell is not None and g.value.type == "money":
            by_period[(g.period.period_start, g.period.period_end, getattr(g.value, "currency", None))].append(g)
    if not by_period:
        return []
    metrics = load_metrics()
    out = []
    for f in ex.facts:
        if f.source != "prose" or f.role != "value" or f.value.type != "money" or f.value.value is None \
                or f.period is None or f.metric_start is None or f.metric_start >= f.value.start:
            continue
        rows = by_period.get((f.period.period_start, f.period.period_end, getattr(f.value, "currency", None)))
        phrase = text[f.metric_start:f.value.start]
        if not rows or len(phrase) > 160 or "\n" in phrase or regex.search(r"\d", phrase):
            continue
        phrase = LIST_VERB.sub("", phrase)
        items = list_items(phrase)
        if not 2 <= len(items) <= MAX_LIST:
            continue
        for table in sorted({g.cell.table for g in rows}):  # type: ignore[union-attr]
            parts = cover(items, [g for g in rows if g.cell.table == table], metrics)  # type: ignore[union-attr]
            if parts is None:
                continue
            total = Interval(Decimal(0), Decimal(0))
            for g in parts:
                total = total + magnitude(_iv(g))  # type: ignore[arg-type]
            ip = magnitude(_iv(f))  # type: ignore[arg-type]
            ok = ip.overlaps(total)
            names = " + ".join(f"'{g.metric_text}' {_show(g)}" for g in parts)
            out.append(_finding("prose_sums_table_rows", ok,
                                f"{' '.join(phrase.split())}{_when(f)} is {_show(f)} {ip} in the text; the rows of "
                                f"table {table} it names ({names}) add up to {total}"
                                f"{'' if ok else ': they do not agree'}.", [f, *parts]))
            break
    return out


EPS_SHARES = {
    "EarningsPerShareBasic": ("WeightedAverageNumberOfSharesOutstandingBasic", "WeightedAverageNumberOfSharesOutstanding"),
    "EarningsPerShareDiluted": ("WeightedAverageNumberOfDilutedSharesOutstanding", "WeightedAverageNumberOfSharesOutstanding"),
    "EarningsPerShare": ("WeightedAverageNumberOfSharesOutstanding", "WeightedAverageNumberOfSharesOutstandingBasic",
                         "WeightedAverageNumberOfDilutedSharesOutstanding"),
}
EPS_FACTOR = Decimal(20)  # further apart than this: a scale the table does not declare
EPS_NEAR = Decimal("0.05")  # within this share of the stated figure, another numerator (preferred dividends, NCI)


def check_earnings_per_share(ex: Extraction) -> list[Finding]:
    """Earnings per share in a statement against net income and the weighted average shares.

    Rules:
        earnings_per_share: the per-unit check of a statement: a column's basic (diluted)
            earnings per share = its net income / its basic (diluted) weighted average shares.
            Passes within rounding; within 5% it warns (the numerator may be the income
            attributable to common shareholders, after preferred dividends or non-controlling
            interests, or the count the other of basic and diluted); beyond, it fails. Silent
            unless the column has one net income, the per-share figure and its share count, and
            when the two are more than 20 times apart (a scale the table does not declare).
    """
    out = []
    cols: dict[tuple[int, int], dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for f in ex.facts:
        if f.source == "table" and f.cell is not None and f.metric is not None and f.scope is None and not f.adjusted \
                and f.value.value is not None and f.role == "value":
            cols[(f.cell.table, f.cell.column)][f.metric].append(f)
    for m in cols.values():
        ni = _one([f for f in m.get("NetIncomeLoss", []) if getattr(f.value, "per", None) is None])
        if ni is None:
            continue
        for eps_id, share_ids in EPS_SHARES.items():
            eps = _one(m.get(eps_id, []))
            counts = [c for sid in share_ids if (c := _one(m.get(sid, []))) is not None]
            if eps is None or not counts or getattr(eps.value, "per", None) != "share":
                continue
            shares = counts[0]
            ie, ini, ish = _iv(eps), _iv(ni), _iv(shares)
            if ie is None or ini is None or ish is None or ish.lo is None or ish.lo <= 0:
                continue
            implied = ini / ish
            if far_apart(implied, ie, EPS_FACTOR):
                continue
            if implied.overlaps(ie):
                status = "pass"
            else:
                mid = eps.value.value
                near = mid and all(x is not None and abs(x - mid) <= abs(mid) * EPS_NEAR for x in (implied.lo, implied.hi))
                status = "warn" if near or len(counts) > 1 and eps_id == "EarningsPerShare" else "fail"
            out.append(Finding(rule="earnings_per_share", status=status,
                               message=f"{ni.metric_text} {_show(ni)} / {shares.metric_text} {_show(shares)} = "
                                       f"{implied} per share{_when(eps)}; {eps.metric_text} is {_show(eps)}"
                                       f"{'' if status == 'pass' else ' (income attributable to common shareholders or the other share count may differ)' if status == 'warn' else ': they do not agree'}.",
                               spans=[(f.value.start, f.value.end) for f in (eps, ni, shares)],
                               fact_ids=[eps.id, ni.id, shares.id]))
    return out


TABLE_RULES: dict[str, Rule] = {
    "table_total": check_table_totals,
    "table_identity": check_statement_identities,
    "table_change": check_table_changes,
    "reconciliation_adds_up": check_reconciliation,
    "prose_matches_table": check_prose_matches_table,
    "prose_sums_table_rows": check_prose_sums_table_rows,
    "earnings_per_share": check_earnings_per_share,
}

__all__ = ["TABLE_RULES", "check_prose_matches_table", "check_prose_sums_table_rows", "check_reconciliation", "check_statement_identities",
           "check_table_changes", "check_table_totals"]
