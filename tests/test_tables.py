"""Tables: finding them in the text, reading cells into facts, and the table checks.

The golden part reads the releases in ``fixtures/tables/`` (written by the team) and compares every
table fact with ``fixtures/tables/expected/<stem>.jsonl``: one ``table`` line per table (title, form,
scale, currency), one ``fact`` line per figure cell of a period column (its surface, metric, scope,
period and value after the declared scale), one ``fail`` line per planted inconsistency. The other
tests are small tables written inline, one behaviour each.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import finfacts
from finfacts.normalize.periods import Calendar
from finfacts.resources import load_metrics
from finfacts.tables.cells import parse_cell, stream_cells
from finfacts.tables.find import _LABEL_SPLIT, find_tables, label_cuts
from finfacts.tables.read import TITLE, title_matches
from finfacts.tables.header import SCALE, find_declared, header_items, resolve_heading, scale_matches
from finfacts.tables.rows import read_row

from .conftest import FIXTURES, RELEASES, dec

TABLES = FIXTURES / "tables"
EXPECTED = TABLES / "expected"
TABLE_RULES = {"table_total", "table_identity", "table_change", "reconciliation_adds_up", "prose_matches_table",
               "prose_sums_table_rows"}


def _release(stem: str) -> tuple[str, finfacts.Extraction]:
    path = next(p for p in TABLES.iterdir() if p.is_file() and p.stem == stem)
    text = finfacts.read(path).text
    return text, _extract(text)


_CACHE: dict[str, finfacts.Extraction] = {}


def _extract(text: str) -> finfacts.Extraction:
    if text not in _CACHE:
        _CACHE[text] = finfacts.extract(text)
    return _CACHE[text]


def _expected(stem: str) -> list[dict[str, Any]]:
    with (EXPECTED / f"{stem}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


STEMS = sorted(p.stem for p in EXPECTED.glob("*.jsonl"))
FACT_CASES = [pytest.param(stem, n, id=f"{stem}:{n}:{item['row_label']}:{item['column']}")
              for stem in STEMS for n, item in enumerate(e for e in _expected(stem) if e["kind"] == "fact")]


def _table_facts(ex: finfacts.Extraction) -> list[finfacts.Fact]:
    return [f for f in ex.facts if f.source == "table"]


def _match(ex: finfacts.Extraction, text: str, want: dict[str, Any], nth: int) -> finfacts.Fact | None:
    """The nth predicted fact of a (table, row label, column, surface)."""
    hits = [f for f in _table_facts(ex) if f.cell is not None and f.cell.table == want["table"]
            and f.cell.column == want["column"] and f.cell.row_label == want["row_label"]
            and text[f.cell.start:f.cell.end] == want["surface"]]
    return hits[nth] if nth < len(hits) else None


# ----------------------------------------------------------------------------------- golden
@pytest.mark.parametrize("stem,n", FACT_CASES)
def test_tables_golden_fact(stem: str, n: int) -> None:
    text, ex = _release(stem)
    facts = [e for e in _expected(stem) if e["kind"] == "fact"]
    want = facts[n]
    same = [e for e in facts[:n] if (e["table"], e["row_label"], e["column"], e["surface"])
            == (want["table"], want["row_label"], want["column"], want["surface"])]
    got = _match(ex, text, want, len(same))
    assert got is not None, f"no table fact for {want['row_label']!r} column {want['column']}"
    v = got.value
    assert text[v.start:v.end] == v.text == want["surface"]
    assert (got.metric, got.scope) == (want["metric"], want["scope"])
    assert got.period is not None and got.period.source == "table"
    assert (str(got.period.period_start), str(got.period.period_end)) == (want["period_start"], want["period_end"])
    assert v.type == want["type"]
    assert dec(v.value) == dec(want["value"])
    assert v.decimals == want["decimals"]
    for key in ("currency", "per", "unit"):
        if key in want:
            assert getattr(v, key, None) == want[key], key
    assert got.cell is not None and (got.cell.start, got.cell.end) == (v.start, v.end)
    assert v.id in got.mention_ids and any(m.id == v.id and m.start == v.start for m in ex.mentions)


@pytest.mark.parametrize("stem", STEMS)
def test_tables_golden_no_unexpected_facts(stem: str) -> None:
    _text, ex = _release(stem)
    facts = [e for e in _expected(stem) if e["kind"] == "fact"]
    assert len(_table_facts(ex)) == len(facts)


@pytest.mark.parametrize("stem", STEMS)
def test_tables_golden_tables(stem: str) -> None:
    _text, ex = _release(stem)
    want = [e for e in _expected(stem) if e["kind"] == "table"]
    got = [{"table": t.index, "title": t.title, "form": t.form, "scale": str(t.scale), "currency": t.currency}
           for t in ex.tables]
    assert got == [{k: v for k, v in w.items() if k != "kind"} for w in want]


@pytest.mark.parametrize("stem", STEMS)
def test_tables_golden_failures(stem: str) -> None:
    """The planted inconsistencies fail, and nothing else a table rule says fails."""
    text, ex = _release(stem)
    fails = [f for f in finfacts.check(ex).failed if f.rule in TABLE_RULES]
    want = [e for e in _expected(stem) if e["kind"] == "fail"]
    got = [(f.rule, sorted(text[a:b] for a, b in f.spans)) for f in fails]
    assert sorted(got) == sorted((w["rule"], sorted(w["surfaces"])) for w in want)


@pytest.mark.parametrize("path", sorted(p for p in RELEASES.iterdir() if p.suffix in (".txt", ".md", ".html")),
                         ids=lambda p: p.name)
def test_tables_fixture_releases_agree(path: Any) -> None:
    """The team's other releases hold tables that add up and agree with their prose."""
    ex = _extract(finfacts.read(path).text)
    assert [f.message for f in finfacts.check(ex).failed if f.rule in TABLE_RULES] == []


def test_tables_golden_reads_northwind_statement() -> None:
    """The pipe-table income statement of a release whose figures the golden corpus also lists."""
    ex = _extract((RELEASES / "northwind-software-q3fy2024.txt").read_text(encoding="utf-8"))
    (table,) = ex.tables
    assert (table.scale, table.currency) == (Decimal(1000), "USD")
    rev = [f for f in _table_facts(ex) if f.metric_text == "Total revenue"]
    assert [(f.value.value, f.period.period_start) for f in rev] == [  # type: ignore[union-attr]
        (Decimal("131482000"), dt.date(2024, 1, 1)), (Decimal("118907000"), dt.date(2023, 1, 1))]


# ------------------------------------------------------------------------------------ cells
@pytest.mark.parametrize("text,value,decimals,percent,dash", [
    ("$ 76,693", "76693", 0, False, False),
    ("(1,688 )", "-1688", 0, False, False),
    ("$(0.02)", "-0.02", 2, False, False),
    ("($ 146)", "-146", 0, False, False),
    ("-23.9%", "-23.9", 1, True, False),
    ("(1)%", "-1", 0, True, False),
    ("22 %", "22", 0, True, False),
    ("—", "0", 0, False, True),
    ("$ —", "0", 0, False, True),
    ("12,345 (1)", "12345", 0, False, False),
    ("RMB 1,234.5", "1234.5", 1, False, False),
])
def test_tables_parse_cell(text: str, value: str, decimals: int, percent: bool, dash: bool) -> None:
    c = parse_cell(text)
    assert c is not None
    assert (c.value, c.decimals, c.percent, c.dash) == (Decimal(value), decimals, percent, dash)


@pytest.mark.parametrize("text", ["n/m", "N/A", "Revenue", "", "   ", "2024 Q3", "12 (a) 13"])
def test_tables_parse_cell_no_figure(text: str) -> None:
    assert parse_cell(text) is None


@pytest.mark.parametrize("text,cells", [
    ("Revenues $ 47,004 $ 70,764Cost of goods sold 49,044 69,900", ["$ 47,004", "$ 70,764", "49,044", "69,900"]),
    ("Tax credit 12,300 - Prepaid 4,251 6,809", ["12,300", "-", "4,251", "6,809"]),
    ("as of September 30, 2024 and 3/31/24 and 30-89 days", ["2024"]),
    ("Loss (1,688  ) 16 -4955.5%", ["(1,688  )", "16", "-4955.5%"]),
    ("Cash and cash equivalents$ 22,042,638$ 30,125,944", ["$ 22,042,638", "$ 30,125,944"]),
    # regression: a hyphen between words is not a dash cell
    ("Certificates of deposit - Retail 397,338 440,612", ["397,338", "440,612"]),
    # regression: the digit of a half or quarter label is no cell ("1H 2026 1H 2025" were four cells)
    ("RMB Million 1H 2026 1H 2025 Change Operating revenue 48,693 49,601 -1.8% 3Q24 9M 2025",
     ["2026", "2025", "48,693", "49,601", "-1.8%", "2025"]),
])
def test_tables_stream_cells(text: str, cells: list[str]) -> None:
    assert [text[a:b] for a, b in stream_cells(text)] == cells


# ----------------------------------------------------------------------------------- headers
@pytest.mark.parametrize("heading,start,end", [
    ("Three Months Ended September 30, 2024", "2024-07-01", "2024-09-30"),
    ("Quarter Ended September 30, 2023", "2023-07-01", "2023-09-30"),
    ("Year to Date September 30, 2024", "2024-01-01", "2024-09-30"),
    ("Nine Months EndedSeptember 30, 2024", "2024-01-01", "2024-09-30"),
    ("Thirteen Weeks Ended November 2, 2024", "2024-08-04", "2024-11-02"),
    ("Three Month Period Ended 3/31/24", "2024-01-01", "2024-03-31"),
    ("As of December 31, 2023", "2023-12-31", "2023-12-31"),
    ("February 3, 2024 (1)", "2024-02-03", "2024-02-03"),
    ("31-Dec 2023", "2023-12-31", "2023-12-31"),
    ("Q3'24", "2024-07-01", "2024-09-30"),
    ("Fiscal 2023", "2022-07-01", "2023-06-30"),
])
def test_tables_column_heading_period(heading: str, start: str, end: str) -> None:
    cal = Calendar(6, 30, True) if "Fiscal" in heading else Calendar(12, 31, True)
    p = resolve_heading(heading, cal, None)
    assert p is not None and (str(p.start), str(p.end)) == (start, end)


@pytest.mark.parametrize("header,items", [
    ("For the three months ended December 31, For the years ended December 31, 2024 2023 2024 2023",
     ["three months ended December 31, 2024", "three months ended December 31, 2023",
      "years ended December 31, 2024", "years ended December 31, 2023"]),
    ("Three Months Ended\n\nNine Months Ended\n\nSeptember 30,\n\nSeptember 30,\n\n2024\n\n2023\n\n2024\n\n2023",
     ["Three Months Ended September 30, 2024", "Three Months Ended September 30, 2023",
      "Nine Months Ended September 30, 2024", "Nine Months Ended September 30, 2023"]),
    ("September 30,\n\n31-Dec\n\n2024\n\n2023", ["September 30, 2024", "31-Dec, 2023"]),
    ("December 31,2024 2023", ["December 31, 2024", "December 31, 2023"]),
    ("2024 Three Month Period Ended Annual 3/31/24 6/30/24", ["Three Month Period Ended 3/31/24",
                                                             "Three Month Period Ended 6/30/24"]),
    ("The following tables summarize results for the periods shown.", []),
    # regression: half labels with a four-digit year were read as bare years
    ("June 2026.   Performance Highlights   RMB Million 1H 2026 1H 2025 Change", ["1H 2026", "1H 2025"]),
    ("3Q 2025 3Q 2024", ["3Q 2025", "3Q 2024"]),
    # regression: two spans shared out over four dated columns, not the last span for all of them
    ("Three Months Period Ended Nine Months Period Ended September 30, 2025 September 30, 2024 "
     "September 30, 2025 September 30, 2024",
     ["Three Months Period Ended September 30, 2025", "Three Months Period Ended September 30, 2024",
      "Nine Months Period Ended September 30, 2025", "Nine Months Period Ended September 30, 2024"]),
])
def test_tables_header_items(header: str, items: list[str]) -> None:
    assert header_items(header) == items


@pytest.mark.parametrize("text,multiplier,currency,shares_unscaled", [
    ("(in millions, except per share data)", 10**6, None, False),
    ("(in thousands, except share and per share amounts)", 10**3, None, True),
    ("(in thousands of U.S. dollars)", 10**3, "USD", False),
    ("Figures in RMB'000", 10**3, "CNY", False),
    ("(Amounts in Thousands Except Per Share Amounts)", 10**3, None, False),
    ("(in $ thousands)", 10**3, "$", False),
    ("U.S. dollars in thousands", 10**3, "USD", False),
    ("(EUR million)", 10**6, "EUR", False),
])
def test_tables_declared_scale(text: str, multiplier: int, currency: str | None, shares_unscaled: bool) -> None:
    d = find_declared(text, 0, len(text))
    assert d is not None
    assert (d.multiplier, d.currency, d.shares_unscaled) == (Decimal(multiplier), currency, shares_unscaled)


_SCALE_PIECES = ["in", " ", "  ", "\n", "thousands", "millions", "billion", "of", "the", "U.S.", "US", "dollars", "$", "€",
                 "(", ")", "'000", "’000", "000", "EUR", "usd", "k", "m", "mn", "T", "kEUR", "RMB", "HK$", "euros", "x",
                 "s", "'", "Canadian dollars", "bn", ",", "CAD", "Sek", "swiss francs"]


@given(st.lists(st.sampled_from(_SCALE_PIECES), max_size=14), st.integers(0, 60), st.integers(0, 60))
def test_tables_scale_matches_are_the_union_patterns(pieces: list[str], lo: int, hi: int) -> None:
    # the alternatives searched apart find what the one pattern finds: the same matches, groups and all
    text = "".join(pieces)
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    def found(ms: Any) -> list[Any]:
        return [(m.span(), {k: v for k, v in m.groupdict().items() if v is not None}) for m in ms]
    assert found(scale_matches(text, lo, hi)) == found(SCALE.finditer(text, lo, hi))


_TITLE_PIECES = ["Condensed", "consolidated", " ", "  ", "\n", "statements", "statement", "of", "operations", "balance",
                 "sheets", "Reconciliation", "from", "net income", "to", "(", "key", "financial", "operating", "highlights",
                 "and", "segment", "results", "income", "cash", "flow", "comprehensive", "loss", "for", "x", "KEY"]


@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=14), st.integers(0, 80), st.integers(0, 80))
def test_tables_title_matches_are_the_patterns(pieces: list[str], lo: int, hi: int) -> None:
    # TITLE tried only where one of its first words starts finds what TITLE searched for finds
    text = "".join(pieces)
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    assert [m.span() for m in title_matches(text, lo, hi)] == [m.span() for m in TITLE.finditer(text, lo, hi)]


@given(st.lists(st.sampled_from(["abc", "Def", "de", "X", "Yz", "\n", "\n\n", ":", " ", "1", "(a)", "Total"]), max_size=16),
       st.integers(0, 60), st.integers(0, 60))
def test_tables_label_cuts_are_the_split_pattern(pieces: list[str], lo: int, hi: int) -> None:
    # a label's cuts searched apart are the label split pattern's matches
    text = "".join(pieces)
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    assert label_cuts(text, lo, hi) == [m.span() for m in _LABEL_SPLIT.finditer(text, lo, hi)]


# --------------------------------------------------------------------------------------- rows
@pytest.mark.parametrize("label,sections,metric,kind,scope", [
    ("Total revenues", [], "Revenues", "money", None),
    ("SALES, Net of returns and allowances", [], "Revenues", "money", None),
    ("COST OF SALES (Including buying, distribution, and occupancy costs)", [], "CostOfRevenue", "money", None),
    ("Net Income (loss )", [], "NetIncomeLoss", "money", None),
    ("Net loss attributable to common stockholders", [], "NetIncomeLoss", "money", None),
    ("Net income attributable to noncontrolling interests", [], None, "money", None),
    ("Revenues, excluding hedging effect", [], None, "money", None),
    ("Research and development", [], "ResearchAndDevelopmentExpense", "money", None),
    ("Subscription revenue", [], "Revenues", "money", "subscription"),
    ("Deferred revenue", [], None, "money", None),
    ("Google Cloud", ["Revenues:"], "Revenues", "money", "google cloud"),
    ("Basic", ["Net loss per share of common stock"], "EarningsPerShareBasic", "per_share", None),
    ("Diluted", ["Weighted-average shares used to compute earnings per share:"],
     "WeightedAverageNumberOfDilutedSharesOutstanding", "shares", None),
    ("Net income (loss) per share - diluted", [], "EarningsPerShareDiluted", "per_share", None),
    ("Number of shares used in basic earnings per share calculation", [],
     "WeightedAverageNumberOfSharesOutstandingBasic", "shares", None),
    ("Preferred stock, $0.001 par value per share, 100 shares authorized", [], None, "money", None),
    ("Average sales price/gallon", [], None, "per_unit", None),
    ("Gallons sold (in millions)", [], None, "count", None),
    ("Accretion of Series A preferred units", [], None, "money", None),
    ("Operating margin(2)", [], "OperatingMargin", "money", None),
    ("Adjusted EBITDA (a non-GAAP measure)", [], "EBITDA", "money", None),
    ("Accounts receivable", ["Changes in operating assets and liabilities:"], None, "money", None),
    # regressions found by the corpus spot check
    ("General and administrative expense", [], "SellingGeneralAndAdministrativeExpense", "money", None),
    ("Weighted Average Shares Outstanding, Basic and Diluted", [], "WeightedAverageNumberOfSharesOutstanding",
     "shares", None),
    ("Net income (loss) before tax", [], "IncomeLossBeforeIncomeTaxes", "money", None),
    ("EBITDA[1]", [], "EBITDA", "money", None),  # a bracketed footnote mark
])
def test_tables_row_meaning(label: str, sections: list[str], metric: str | None, kind: str, scope: str | None) -> None:
    r = read_row(label, sections, load_metrics())
    assert (r.metric, r.kind, r.scope) == (metric, kind, scope)


# ------------------------------------------------------------------------- finding, by shape
GRID = """ACME CORP.
CONDENSED STATEMENTS OF OPERATIONS
(in millions, except per share data)

| | Three Months Ended March 31, | |
| | 2024 | 2023 |
|---|---:|---:|
| Revenue | $ 120.5 | $ 100.0 |
| Cost of revenue | 70.5 | 60.0 |
| Gross profit | 50.0 | 40.0 |
| Diluted earnings per share | $ 0.25 | $ 0.20 |
"""
ALIGNED = """ACME CORP.
CONDENSED STATEMENTS OF OPERATIONS
(in millions)

                          Q1 2024      Q1 2023
Revenue                 $   120.5    $   100.0
Cost of revenue              70.5         60.0
Gross profit                 50.0         40.0
"""
FLAT = ("ACME CORP. CONDENSED STATEMENTS OF OPERATIONS (in millions) Three Months Ended March 31, 2024 2023 "
        "Revenue $ 120.5 $ 100.0 Cost of revenue 70.5 60.0 Gross profit 50.0 40.0\n")
VERTICAL = ("ACME CORP.\n\nCONDENSED STATEMENTS OF OPERATIONS\n\n(in millions)\n\nThree Months Ended March 31,\n\n"
            "2024\n\n2023\n\nRevenue\n\n$\n\n120.5\n\n$\n\n100.0\n\nCost of revenue\n\n70.5\n\n60.0\n\n"
            "Gross profit\n\n50.0\n\n40.0\n")


@pytest.mark.parametrize("text,form", [(GRID, "grid"), (ALIGNED, "aligned"), (FLAT, "flat"), (VERTICAL, "vertical")],
                         ids=["grid", "aligned", "flat", "vertical"])
def test_tables_read_every_shape(text: str, form: str) -> None:
    ex = _extract(text)
    assert [t.form for t in ex.tables] == [form]
    got = {(f.metric, str(f.period.period_start), f.value.value) for f in _table_facts(ex) if f.period}
    assert ("Revenues", "2024-01-01", Decimal("120500000")) in got
    assert ("GrossProfit", "2023-01-01", Decimal("40000000")) in got
    assert [f.status for f in finfacts.check(ex).findings if f.rule == "table_identity"] == ["pass", "pass"]


@pytest.mark.parametrize("text", [
    "Revenue was $5.0 million in 2024, up from $4.1 million, and net income was $0.3 million.",
    "PATRIZIA increased its EBITDA guidance to EUR 50.0 - 65.0m (previously EUR 40.0 - 60.0m). The margin guidance "
    "was raised to 19.0 - 24.0% (previously 15.2 - 20.8%) for FY 2025. EBITDA rose to EUR 44.6m (9M 2024: EUR 6.7m).",
    "Call 1-800-555-0142 or 555 0199 between 9 and 17; offices at 12 Main St, 45 Elm St, 78 Oak St.",
])
def test_tables_prose_is_not_a_table(text: str) -> None:
    assert find_tables(text) == []
    assert _extract(text).tables == []


def test_tables_table_lines_leave_the_prose_linker() -> None:
    """Cells of a table that was read are facts of the table, not of the prose linker's guesses."""
    ex = _extract(GRID)
    cell_facts = [f for f in ex.facts if ex.tables[0].start <= f.value.start < ex.tables[0].end]
    assert cell_facts and all(f.source == "table" for f in cell_facts)


def test_tables_cell_mentions_keep_their_ids() -> None:
    """A cell the pipeline already found keeps its mention id; its value now carries the table's scale."""
    text = GRID
    plain = finfacts.extract(text.replace("(in millions, except per share data)", ""))
    before = next(m for m in plain.mentions if m.text == "$ 120.5")
    ex = _extract(text)
    after = next(m for m in ex.mentions if m.text == "$ 120.5")
    assert after.value == Decimal("120500000") and before.value == Decimal("120.5")
    fact = next(f for f in ex.facts if f.value.start == after.start)
    assert fact.mention_ids[0] == after.id
    assert len({m.id for m in ex.mentions}) == len(ex.mentions)


def test_tables_html_heading_rows_keep_the_table_together() -> None:
    """Regression: a heading row over empty cells ("OPERATING EXPENSES:") no longer ends the table."""
    html = ("<p>STATEMENTS OF INCOME</p><p>(in thousands)</p><table>"
            "<tr><td></td><td>2024</td><td>2023</td></tr>"
            "<tr><td>Net sales</td><td>$</td><td>500</td><td>$</td><td>400</td></tr>"
            "<tr><td>OPERATING EXPENSES:</td><td></td><td></td><td></td><td></td></tr>"
            "<tr><td>Selling</td><td></td><td>100</td><td></td><td>90</td></tr>"
            "<tr><td>General</td><td></td><td>50</td><td></td><td>40</td></tr>"
            "<tr><td></td><td></td><td>150</td><td></td><td>130</td></tr></table>")
    text = finfacts.documents.parse(html, "html").text
    ex = _extract(text)
    assert len(ex.tables) == 1 and len(_table_facts(ex)) == 8
    totals = [f for f in finfacts.check(ex).findings if f.rule == "table_total"]
    assert [f.status for f in totals] == ["pass", "pass"]


@pytest.mark.parametrize("text,label,values", [
    # a year at the end of a label is not a figure ("as of December 31, 2024 and 2023 - -")
    ("December 31,\n\n2024\n\n2023\n\nCash\n\n10\n\n12\n\nReceivables\n\n5\n\n6\n\n"
     "Preferred stock, none issued as of December 31, 2024 and 2023\n\n-\n\n-\n\nOther\n\n1\n\n2\n\n"
     "Total assets\n\n16\n\n20\n",
     "Preferred stock, none issued as of December 31, 2024 and 2023", ["0", "0"]),
    # "N/A" on a line of its own is an empty cell, not a heading
    ("December 31,\n\n2024\n\n2023\n\nCash\n\n10\n\n12\n\nReceivables\n\n5\n\nN/A\n\nOther\n\n1\n\n2\n\n"
     "Inventory\n\n3\n\n4\n\nTotal assets\n\n19\n\n18\n", "Other", ["1", "2"]),
    # a total's label broken over two lines is one label
    ("December 31,\n\n2024\n\n2023\n\nShare capital\n\n10\n\n12\n\nDeficit\n\n(5)\n\n(6)\n\n"
     "Total Northwind Holdings\n\nLtd. equity\n\n5\n\n6\n\nMinority interest\n\n1\n\n1\n\nTotal equity\n\n6\n\n7\n",
     "Total Northwind Holdings Ltd. equity", ["5", "6"]),
])
def test_tables_vertical_regressions(text: str, label: str, values: list[str]) -> None:
    ex = _extract(text)
    got = [f for f in _table_facts(ex) if f.metric_text == label]
    assert [str(f.value.value) for f in got] == values


def test_tables_glued_years_give_no_periods() -> None:
    """Regression: headings run together ("2024 20232024 2023") are not shared out over the columns."""
    text = ("Three Months ended December 31, Years ended December 31, 2024 20232024 2023 Gallons sold 15.7 15.0 60.6 "
            "32.1 Price per gallon $ 1.93 $ 2.20 $ 1.96 $ 2.44 Nameplate use 114 % 109 % 110 % 58 %\n")
    assert _extract(text).tables == []


# ------------------------------------------------------------------------------ check rules
TOTAL = """SEGMENT REVENUE
(in thousands)

| | Year ended December 31, | |
| | 2024 | 2023 |
|---|---:|---:|
| Devices | 6,000 | 5,000 |
| Services | 4,000 | 3,500 |
| Total revenue | {x} | 8,500 |
"""
IDENTITY = """INCOME STATEMENT
(in thousands)

| | Year ended December 31, | |
| | 2024 | 2023 |
|---|---:|---:|
| Revenue | 9,000 | 8,000 |
| Cost of revenue | 5,000 | 4,600 |
| Gross profit | {x} | 3,400 |
"""
BALANCE = """BALANCE SHEET
(in thousands)

| | December 31, 2024 | December 31, 2023 |
|---|---:|---:|
| Cash | 700 | 600 |
| Receivables | 300 | 250 |
| Total assets | 1,000 | 850 |
| Total liabilities | 400 | 350 |
| Total stockholders' equity | 600 | 500 |
| Total liabilities and stockholders' equity | {x} | 850 |
"""
CASH = """CASH FLOWS
(in thousands)

| | Year ended December 31, | |
| | 2024 | 2023 |
|---|---:|---:|
| Net cash provided by operating activities | 500 | 450 |
| Net cash used in investing activities | (200) | (150) |
| Net cash used in financing activities | (100) | (100) |
| Net increase in cash and cash equivalents | 200 | 200 |
| Cash and cash equivalents at beginning of period | 800 | 600 |
| Cash and cash equivalents at end of period | {x} | 800 |
"""
CHANGE = """KEY FIGURES
(in thousands)

| | 2024 | 2023 | % Change |
|---|---:|---:|---:|
| Revenue for the year ended December 31 | 1,200 | 1,000 | {x} |
| Net income for the year ended December 31 | 300 | 250 | 20% |
| Operating income for the year ended December 31 | 400 | 320 | 25% |
"""
RECON = """RECONCILIATION OF NET INCOME TO ADJUSTED EBITDA
(in thousands)

| | Year ended December 31, | |
| | 2024 | 2023 |
|---|---:|---:|
| Net income | 1,000 | 800 |
| Income tax expense | 300 | 250 |
| Depreciation and amortization | 200 | 180 |
| Stock-based compensation | 100 | 90 |
| Adjusted EBITDA | {x} | 1,320 |
"""
PROSE = """Acme Corp. reported results for the year ended December 31, 2024. Revenue was {x} in 2024.

INCOME STATEMENT
(in thousands)

| | Year ended December 31, | |
| | 2024 | 2023 |
|---|---:|---:|
| Revenue | 9,000 | 8,000 |
| Cost of revenue | 5,000 | 4,600 |
| Gross profit | 4,000 | 3,400 |
"""
# a converted statement: section headings written without pipes between its rows
SECTIONS = """CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS
(In millions)

Three Months Ended June 30, 2024 | Three Months Ended June 30, 2023
Cash flows from operating activities
Net income | $ 1,300 | $ 1,100
Cash flows from financing activities
Repurchases of common stock | (600) | (400)
Dividend payments | (120) | —
Net cash used in financing activities | {x} | (400)
"""
CLAUSES = """Acme Corp. reported its results for the second quarter of 2024.
- Capital return program – Share repurchases were $0.60 billion of our common stock and dividend payments were {x}.

CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS
(In millions)

Three Months Ended June 30, 2024 | Three Months Ended June 30, 2023
Cash flows from financing activities
Repurchases of common stock | (600) | (400)
Dividend payments | (120) | —
"""
# a figure the text names as a list of a statement's rows ("X, including Y")
LISTED = """Acme Corp. reported its results for the second quarter of 2024.
- Capital expenditures, including principal payments on finance leases, were {x}.

CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS
(In millions)

Three Months Ended June 30, 2024 | Three Months Ended June 30, 2023
Cash flows from investing activities
Purchases of property and equipment, net | (1,173) | (1,134)
Cash flows from financing activities
Principal payments on finance leases | (99) | (120)
"""

# rule, template, consistent figure, contradicting figure
RULE_CASES = [
    ("table_total", TOTAL, "10,000", "10,400"),
    ("table_identity", IDENTITY, "4,000", "4,100"),
    ("table_identity", BALANCE, "1,000", "1,010"),
    ("table_identity", CASH, "1,000", "1,100"),
    ("table_change", CHANGE, "20%", "25%"),
    ("reconciliation_adds_up", RECON, "1,600", "1,650"),
    ("prose_matches_table", PROSE, "$9.0 million", "$9.6 million"),
    ("table_total", SECTIONS, "(720)", "(820)"),
    ("prose_matches_table", CLAUSES, "$0.12 billion", "$0.15 billion"),
    ("prose_sums_table_rows", LISTED, "$1.27 billion", "$1.17 billion"),
]


@pytest.mark.parametrize("rule,template,good,bad", RULE_CASES, ids=[f"{r}-{i}" for i, (r, *_x) in enumerate(RULE_CASES)])
def test_tables_check_passes(rule: str, template: str, good: str, bad: str) -> None:
    text = template.format(x=good)
    found = [f for f in finfacts.check(_extract(text)).findings if f.rule == rule]
    assert found and all(f.status == "pass" for f in found), [f.message for f in found]


@pytest.mark.parametrize("rule,template,good,bad", RULE_CASES, ids=[f"{r}-{i}" for i, (r, *_x) in enumerate(RULE_CASES)])
def test_tables_check_fails(rule: str, template: str, good: str, bad: str) -> None:
    text = template.format(x=bad)
    failed = [f for f in finfacts.check(_extract(text)).failed if f.rule == rule]
    assert failed, f"{rule} did not fail"
    a = text.index(bad)
    assert any(s <= a < e for f in failed for s, e in f.spans), "the finding does not point at the changed figure"


def test_tables_prose_rules_skip_table_facts() -> None:
    """Two tables stating the same revenue differently are not a prose restatement."""
    text = TOTAL.format(x="10,000") + "\n" + TOTAL.format(x="10,000").replace("6,000", "6,001")
    rules = {f.rule for f in finfacts.check(_extract(text)).findings}
    assert "restated_differently" not in rules


# ------------------------------------------------------------------------------- properties
_amount = st.integers(min_value=-999_999, max_value=999_999)


def _fmt(n: int) -> str:
    return f"({abs(n):,})" if n < 0 else f"{n:,}"


@given(rows=st.lists(st.tuples(st.sampled_from(["Revenue", "Cost of revenue", "Other income", "Total assets",
                                                 "Research and development", "Net loss"]), _amount, _amount),
                     min_size=2, max_size=12),
       scale=st.sampled_from([("thousands", 1000), ("millions", 10**6)]))
def test_tables_property_scaled_values_and_offsets(rows: list[tuple[str, int, int]], scale: tuple[str, int]) -> None:
    body = "\n".join(f"| {label} | {_fmt(a)} | {_fmt(b)} |" for label, a, b in rows)
    text = f"STATEMENT\n(in {scale[0]})\n\n| | 2024 | 2023 |\n|---|---:|---:|\n{body}\n"
    ex = finfacts.extract(text)
    facts = _table_facts(ex)
    assert len(facts) == 2 * len(rows)
    for f in facts:
        assert text[f.value.start:f.value.end] == f.value.text
        cell = parse_cell(f.value.text)
        assert cell is not None and f.value.value == cell.value * scale[1]


@given(st.text(alphabet=st.sampled_from(list("0123456789,.()$%- |\nRevnuTotalsQ:")), max_size=300))
def test_tables_property_never_crash(text: str) -> None:
    ex = finfacts.extract(text)
    for t in ex.tables:
        assert 0 <= t.start <= t.end <= len(text)
    for f in _table_facts(ex):
        assert text[f.value.start:f.value.end] == f.value.text
    finfacts.check(ex)


@pytest.mark.parametrize("form", ["grid", "flat"])
def test_tables_reading_is_linear(form: str) -> None:
    """A statement four times as long takes about four times as long to read, not sixteen."""
    def make(n: int) -> str:
        rows = [f"Line item {i} | {i * 7 % 1000:,} | {i * 3 % 1000:,}" for i in range(n)]
        if form == "flat":
            return "Results (in thousands) 2024 2023 " + " ".join(r.replace(" |", "") for r in rows) + "\n"
        return "RESULTS\n(in thousands)\n\n| | 2024 | 2023 |\n" + "\n".join(f"| {r} |" for r in rows) + "\n"

    def timed(n: int) -> float:
        text = make(n)
        t0 = time.perf_counter()
        ex = finfacts.extract(text)
        finfacts.check(ex)
        return time.perf_counter() - t0

    timed(50)
    small, big = min(timed(300) for _ in range(2)), min(timed(1200) for _ in range(2))
    assert big < 8 * small + 0.5, (small, big)


@pytest.mark.parametrize("eps,status", [("$0.89", "pass"), ("$0.98", "fail"), ("$0.90", "warn")])
def test_tables_earnings_per_share_against_income_and_shares(eps: str, status: str) -> None:
    """Basic EPS = net income / basic weighted average shares, column by column: 44,172 / 49,854 is
    0.886; $0.90 is within 5% (another numerator may explain it: a warning); $0.98 is not."""
    text = ("Acme Corp. Reports Fiscal 2024 Results\n\nCondensed Statements of Income (in thousands, except per share "
            "data)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Net income | 44,172 | 51,762 |\n"
            f"| Basic earnings per share | {eps} | $1.05 |\n| Basic weighted average shares | 49,854 | 49,513 |\n")
    found = [f for f in finfacts.check(finfacts.extract(text)).findings if f.rule == "earnings_per_share"]
    assert sorted(f.status for f in found) == sorted([status, "pass"])
