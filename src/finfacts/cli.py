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
