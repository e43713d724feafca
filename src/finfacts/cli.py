"""The ``finfacts`` command: parse arguments, call the library, print, set exit codes."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from pydantic import TypeAdapter
from rich.console import Console
from rich.table import Table

from . import documents
from .api import extract
from .errors import Errors, FinfactsError
from .models import Extraction, Mention

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Typed, checkable facts from press releases.")


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"finfacts: {message}", err=True)
    return typer.Exit(code=2)


def read_text(path: str) -> tuple[str, str]:
    """Read a release (.txt, .md, .html) or standard input for ``-``; returns (source name, text)."""
    if path == "-":
        raw = documents.decode(sys.stdin.buffer.read(), "<stdin>")
        return "<stdin>", documents.parse(raw, documents.sniff(raw), source="<stdin>").text
    p = Path(path)
    if p.suffix.lower() not in documents.SUFFIXES:
        # an unknown suffix is read as plain text rather than refused
        try:
            data = p.read_bytes()
        except OSError as e:
            raise FinfactsError(Errors.E008.format(path=path, msg=e.strerror or e)) from e
        return path, documents.parse(documents.decode(data, path), "txt", source=path).text
    return path, documents.read(p).text


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise FinfactsError(f"[E012] --reference-date must be YYYY-MM-DD, got {value!r}") from e


def _describe(m: Mention) -> tuple[str, str, str]:
    if m.type == "rank":
        return str(m.value), "", ""
    if m.type == "period":
        dates = f"{m.period_start} .. {m.period_end}" if m.period_start else "(dates unknown)"
        return dates, m.fiscal_period or m.period_kind or "", "relative" if m.relative else ""
    if m.type == "basis":
        return m.basis, "", ""
    value = m.value if m.value is not None else f"{m.low} .. {m.high}"
    value_text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    if m.type == "money":
        unit = (m.currency or "?") + (f" per {m.per}" if m.per else "")
    else:
        unit = m.unit or ""
    return value_text, unit, m.qualifier or ""


def _print_table(name: str, result: Extraction, console: Console) -> None:
    table = Table(title=f"{name}: {len(result.mentions)} mentions", show_lines=False)
    for col in ("type", "text", "value", "unit", "qualifier", "offsets", "rule"):
        table.add_column(col, overflow="fold")
    for m in result.mentions:
        value, unit, qualifier = _describe(m)
        table.add_row(m.type, m.text, value, unit, qualifier, f"{m.start}-{m.end}", m.rule)
    console.print(table)


def _print_facts(name: str, result: Extraction, console: Console) -> None:
    table = Table(title=f"{name}: {len(result.facts)} facts")
    for col in ("metric", "scope", "period", "value", "change", "role", "said as"):
        table.add_column(col, overflow="fold")
    for f in result.facts:
        value, unit, qualifier = _describe(f.value)
        period = f"{f.period.period_start} .. {f.period.period_end}" if f.period and f.period.period_start else ""
        change = ""
        if f.change is not None:
            change = f"{format(f.change.value.normalize(), 'f')} {f.change.unit}" + (f" {f.change.basis}" if f.change.basis else "")
        metric = (f.metric or "?") + (" (adjusted)" if f.adjusted else "")
        table.add_row(metric, f.scope or "", period, f"{value} {unit}".strip(), change, f.role, f.metric_text or "")
    console.print(table)


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[str], typer.Argument(help="Text files to read, or - for standard input.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table (default on a terminal), json or jsonl.")] = None,  # type: ignore[assignment]
    default_currency: Annotated[
        Optional[str], typer.Option("--default-currency", help="ISO code for bare $, ¥, £ and 'dollars'.")
    ] = None,
    reference_date: Annotated[
        Optional[str], typer.Option("--reference-date", help="Release date YYYY-MM-DD (default: the dateline).")
    ] = None,
    fiscal_year_end: Annotated[
        Optional[str], typer.Option("--fiscal-year-end", help="Fiscal year end MM-DD (default: what the text states).")
    ] = None,
    facts: Annotated[bool, typer.Option("--facts", help="Show facts (metric, scope, period, change) instead of mentions.")] = False,
) -> None:
    """Find every amount, percentage, count and period in each file (.txt, .md, .html or -)."""
    chosen = fmt or (Format.table if sys.stdout.isatty() else Format.json)
    console = Console()
    results = []
    for path in paths:
        try:
            name, text = read_text(path)
            ref = _date(reference_date)
            result = extract(text, default_currency=default_currency, reference_date=ref,
                             fiscal_year_end=fiscal_year_end)
        except FinfactsError as e:
            raise _fail(str(e)) from None
        results.append((name, result))
    if chosen is Format.table:
        for name, result in results:
            if facts:
                _print_facts(name, result, console)
            else:
                _print_table(name, result, console)
        return
    for name, result in results:
        record = {"source": name, "context": result.context.model_dump(mode="json"),
                  "mentions": [m.model_dump(mode="json") for m in result.mentions],
                  "facts": [f.model_dump(mode="json") for f in result.facts]}
        if chosen is Format.jsonl:
            for m in record["facts" if facts else "mentions"]:
                typer.echo(json.dumps({"source": name, **m}, ensure_ascii=False))
        else:
            typer.echo(json.dumps(record, ensure_ascii=False, indent=2))


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("check")
def check_cmd(
    paths: Annotated[list[str], typer.Argument(help="Releases to check (.txt, .md, .html, or -).")],
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="text (default) or json.")] = CheckFormat.text,
    show_pass: Annotated[bool, typer.Option("--all", help="Also list the checks that passed.")] = False,
    together: Annotated[bool, typer.Option("--together", help="Check the releases as one company's series.")] = False,
) -> None:
    """Check each release for figures that contradict each other; exit 1 when any check fails."""
    from .checks import check

    extractions = []
    for path in paths:
        try:
            name, text = read_text(path)
            extractions.append((name, extract(text)))
        except FinfactsError as e:
            raise _fail(str(e)) from None
    reports = [check([ex for _, ex in extractions])] if together else [check(ex) for _, ex in extractions]
    names = ["(together)"] if together else [name for name, _ in extractions]
    failed = False
    console = Console(highlight=False)
    out = []
    for name, report, (_, ex) in zip(names, reports, extractions):
        failed = failed or not report.ok
        if fmt is CheckFormat.json:
            out.append({"source": name, "findings": [f.model_dump(mode="json") for f in report.findings]})
            continue
        shown = [f for f in report.findings if show_pass or f.status != "pass"]
        counts = {s: sum(1 for f in report.findings if f.status == s) for s in ("fail", "warn", "pass")}
        console.print(f"[bold]{name}[/bold]: {counts['fail']} failed, {counts['warn']} warned, {counts['pass']} passed")
        for f in shown:
            colour = {"fail": "red", "warn": "yellow", "pass": "green"}[f.status]
            console.print(f"  [{colour}]{f.status.upper()}[/{colour}] {f.rule}: {f.message}")
            for a, b in f.spans[:4]:
                line_start = ex.text.rfind("\n", 0, a) + 1
                line_end = ex.text.find("\n", b)
                line = ex.text[line_start:line_end if line_end >= 0 else len(ex.text)]
                console.print(f"      {line[max(0, a - line_start - 60):b - line_start + 60]!r}", markup=False)
    if fmt is CheckFormat.json:
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    raise typer.Exit(code=1 if failed else 0)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the results (Extraction, with every mention type)."""
    schema = {
        "extraction": Extraction.model_json_schema(mode="serialization"),
        "mention": TypeAdapter(Mention).json_schema(mode="serialization"),
    }
    typer.echo(json.dumps(schema, indent=2))


@app.callback()
def main() -> None:
    """finfacts: typed, normalized, checkable facts from company press releases."""


if __name__ == "__main__":  # pragma: no cover
    app()
