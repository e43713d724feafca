"""Spot-check the tables finfacts reads from real releases, against verdicts written by hand.

Usage (from the repository root, with the corpus at ../shared/corpus/raw):

    .venv/bin/python benchmarks/tables_spotcheck.py show RELEASE      # every table fact, for checking by hand
    .venv/bin/python benchmarks/tables_spotcheck.py score             # the hand verdicts, re-checked, per release

Rows are the table rows read with figures; unread rows are rows whose figures could not be put in
columns (run together by a lost separator, or fewer than the columns) and give no facts.
``benchmarks/tables_spotcheck.jsonl`` holds one checked cell a line: the release, the cell as written
(``row_label``, ``surface`` and which of the same ``occurrence``), what a reader of the release says it is
(``metric``, ``period_start``, ``period_end``, ``value`` after the table's scale) and the ``verdict`` given
when it was checked ("right", or what was wrong). ``score`` reads every release again, compares, and
prints per release: tables and rows read, cells checked, right metric / period / value, and the table
checks with every failing finding, so each can be judged a real inconsistency or a bug of ours.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import finfacts

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
VERDICTS = Path(__file__).with_name("tables_spotcheck.jsonl")
TABLE_RULES = ("table_total", "table_identity", "table_change", "reconciliation_adds_up", "prose_matches_table")


def _extract(release: str) -> tuple[str, finfacts.Extraction]:
    text = finfacts.read(CORPUS / release).text
    return text, finfacts.extract(text)


def show(release: str) -> None:
    _text, ex = _extract(release)
    for t in ex.tables:
        print(f"== table {t.index} [{t.form}] {t.title!r} scale={t.scale} currency={t.currency}")
        for c in t.columns:
            print(f"   column {c.index}: {c.kind} {c.period_start}..{c.period_end} {c.header!r}")
        for f in ex.facts:
            if f.source != "table" or f.cell is None or f.cell.table != t.index:
                continue
            p = f.period
            print(f"   r{f.cell.row:<3} c{f.cell.column} {f.cell.row_label!r:45.45} {' '.join(f.value.text.split())!r:14} "
                  f"{f.metric or '-':32} {p.period_start if p else None}..{p.period_end if p else None} "
                  f"{f.value.value}")


def _find(ex: finfacts.Extraction, text: str, item: dict) -> finfacts.Fact | None:
    hits = [f for f in ex.facts if f.source == "table" and f.cell is not None and f.cell.row_label == item["row_label"]
            and " ".join(text[f.cell.start:f.cell.end].split()) == item["surface"]]
    n = item.get("occurrence", 0)
    return hits[n] if n < len(hits) else None


def score() -> int:
    items = [json.loads(line) for line in VERDICTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_release: dict[str, list[dict]] = defaultdict(list)
    for it in items:
        by_release[it["release"]].append(it)
    totals: Counter[str] = Counter()
    changed = 0
    print(f"{'release':45} tables rows unread cells metric period value  all  checks fail")
    for release, checks in by_release.items():
        text, ex = _extract(release)
        c: Counter[str] = Counter()
        for it in checks:
            f = _find(ex, text, it)
            c["cells"] += 1
            if f is None:
                verdict = "not read"
            else:
                p = f.period
                ok_m = f.metric == it["metric"]
                ok_p = p is not None and (str(p.period_start), str(p.period_end)) == (it["period_start"], it["period_end"])
                ok_v = f.value.value is not None and f.value.value == Decimal(it["value"])
                c["metric"] += ok_m
                c["period"] += ok_p
                c["value"] += ok_v
                c["all"] += ok_m and ok_p and ok_v
                wrong = [w for w, ok in (("metric", ok_m), ("period", ok_p), ("value", ok_v)) if not ok]
                verdict = "right" if not wrong else "wrong: " + ", ".join(wrong)
            if verdict != it["verdict"]:
                changed += 1
                print(f"   changed since checked: {it['row_label']!r} {it['surface']!r}: now {verdict}, was {it['verdict']}")
        rows = sum(1 for t in ex.tables for r in t.rows if r.kind == "values")
        unread = sum(1 for t in ex.tables for r in t.rows if r.kind == "unread")
        findings = [x for x in finfacts.check(ex).findings if x.rule in TABLE_RULES]
        fails = [x for x in findings if x.status == "fail"]
        print(f"{release:45} {len(ex.tables):6} {rows:4} {unread:6} {c['cells']:5} {c['metric']:6} {c['period']:6} {c['value']:5} "
              f"{c['all']:4} {len(findings):7} {len(fails):4}")
        for x in fails:
            print(f"   FAIL {x.rule}: {' '.join(x.message.split())[:300]}")
        totals.update(c)
        totals["tables"] += len(ex.tables)
        totals["rows"] += rows
        totals["unread"] += unread
        totals["checks"] += len(findings)
        totals["fails"] += len(fails)
    print(f"{'total':45} {totals['tables']:6} {totals['rows']:4} {totals['unread']:6} {totals['cells']:5} {totals['metric']:6} "
          f"{totals['period']:6} {totals['value']:5} {totals['all']:4} {totals['checks']:7} {totals['fails']:4}")
    rate = totals["fails"] / totals["checks"] if totals["checks"] else 0.0
    print(f"cells right on all three: {totals['all']}/{totals['cells']}; table checks failing: "
          f"{totals['fails']}/{totals['checks']} ({rate:.2%}); verdicts changed since checked: {changed}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("show")
    s.add_argument("release")
    sub.add_parser("score")
    args = ap.parse_args(argv)
    if args.cmd == "show":
        show(args.release)
        return 0
    return score()


if __name__ == "__main__":
    sys.exit(main())
