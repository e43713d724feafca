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
from .errors import Errors, FinfactsError, check_currency_code
from .models import Extraction, Mention, Report

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Typed, checkable facts from press releases.")


# The options every command that extracts shares.
DefaultCurrency = Annotated[
    Optional[str], typer.Option("--default-currency", help="ISO code for bare $, ¥, £ and 'dollars'.")]
ReferenceDate = Annotated[
    Optional[str], typer.Option("--reference-date", help="Release date YYYY-MM-DD (default: the dateline).")]
FiscalYearEnd = Annotated[
    Optional[str], typer.Option("--fiscal-year-end", help="Fiscal year end MM-DD (default: what the text states).")]


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"finfacts: {message}", err=True)
    return typer.Exit(code=2)


def read_text(path: str, max_bytes: int = documents.MAX_BYTES) -> tuple[str, str]:
    """Read a release (.txt, .md, .html) or standard input for ``-``; returns (source name, text).

    More than ``max_bytes`` bytes are refused (E014) before they are read.
    """
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise FinfactsError(Errors.E014.format(path="<stdin>", size=f"more than {max_bytes}", limit=max_bytes))
        raw = documents.decode(data, "<stdin>")
        return "<stdin>", documents.parse(raw, documents.sniff(raw), source="<stdin>").text
    p = Path(path)
    if p.suffix.lower() not in documents.SUFFIXES:
        # an unknown suffix is read as plain text rather than refused
        data = documents.read_bytes(p, max_bytes)
        return path, documents.parse(documents.decode(data, path), "txt", source=path).text
    return path, documents.read(p, max_bytes).text


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
    default_currency: DefaultCurrency = None,
    reference_date: ReferenceDate = None,
    fiscal_year_end: FiscalYearEnd = None,
    facts: Annotated[bool, typer.Option("--facts", help="Show facts (metric, scope, period, change) instead of mentions.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse larger files (exit 2).")] = documents.MAX_BYTES,
) -> None:
    """Find every amount, percentage, count and period in each file (.txt, .md, .html or -)."""
    from .api import extract

    chosen = fmt or (Format.table if sys.stdout.isatty() else Format.json)
    console = Console()
    results = []
    for path in paths:
        try:
            name, text = read_text(path, max_bytes)
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
                # "document", not "source": a fact has a "source" of its own (prose or table)
                typer.echo(json.dumps({"document": name, **m}, ensure_ascii=False))
        else:
            typer.echo(json.dumps(record, ensure_ascii=False, indent=2))


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("check")
def check_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Releases to check (.txt, .md, .html, or -).")] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="text (default) or json.")] = CheckFormat.text,
    show_pass: Annotated[bool, typer.Option("--all", help="Also list the checks that passed.")] = False,
    together: Annotated[bool, typer.Option("--together", help="Check the releases as one company's series.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Check what a store holds, each company's releases together.")] = None,
    company: Annotated[Optional[str], typer.Option("--company", help="With --db: only this company's releases.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse larger files (exit 2).")] = documents.MAX_BYTES,
) -> None:
    """Check each release for figures that contradict each other; exit 1 when any check fails."""
    from .api import extract

    from .checks import check

    if (db is None) == (not paths):
        raise _fail("give release files, or --db STORE")
    extractions: list[tuple[str, Extraction]] = []
    if db is not None:
        reports, names, extractions = _check_store(db, company)
    else:
        for path in paths or []:
            try:
                name, text = read_text(path, max_bytes)
                extractions.append((name, extract(text)))
            except FinfactsError as e:
                raise _fail(str(e)) from None
        reports = [check([ex for _, ex in extractions])] if together else [check(ex) for _, ex in extractions]
        names = ["(together)"] if together else [name for name, _ in extractions]
    failed = False
    console = Console(highlight=False)
    out = []
    for i, (name, report) in enumerate(zip(names, reports)):
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
            text = extractions[i][1].text if db is None and not together else (
                extractions[f.document][1].text if f.document is not None else "")
            for a, b in f.spans[:4] if text else []:
                line_start = text.rfind("\n", 0, a) + 1
                line_end = text.find("\n", b)
                line = text[line_start:line_end if line_end >= 0 else len(text)]
                console.print(f"      {line[max(0, a - line_start - 60):b - line_start + 60]!r}", markup=False)
    if fmt is CheckFormat.json:
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    raise typer.Exit(code=1 if failed else 0)


@app.command("batch")
def batch_cmd(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, directories (walked recursively), globs, JSONL files of {\"id\", \"text\"} lines, or - for stdin.")],
    out: Annotated[str, typer.Option("--out", "-o", help="facts.duckdb (the store), a .jsonl file, or a directory for Parquet.")] = "facts.duckdb",
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, help="Worker processes (default: every core).")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Run on a dask.distributed scheduler (tcp://host:8786) or 'local'.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse documents larger than this.")] = 5_000_000,
    time_budget: Annotated[float, typer.Option("--time-budget", min=0, help="Seconds one document may take (0: no limit).")] = 60.0,
    commit_every: Annotated[int, typer.Option("--commit-every", min=1, help="Documents per transaction.")] = 64,
    company: Annotated[Optional[str], typer.Option("--company", help="Company of every input (JSONL records may carry their own).")] = None,
    default_currency: DefaultCurrency = None,
    fiscal_year_end: FiscalYearEnd = None,
    retry_errors: Annotated[bool, typer.Option("--retry-errors", help="Process again documents stored as errors.")] = False,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).")] = None,
) -> None:
    """Process many releases into a store (resumable; exit 1 when some documents are errors)."""
    from . import batch

    try:
        currency = check_currency_code(default_currency)
        options = batch.Options(max_bytes=max_bytes, time_budget=time_budget, default_currency=currency,
                                fiscal_year_end=fiscal_year_end)
        show = sys.stderr.isatty() if progress is None else progress
        with _batch_progress(show) as callback:
            stats = batch.run(inputs, out, workers=workers, options=options, commit_every=commit_every,
                              retry_errors=retry_errors, company=company, dask=dask, progress=callback)
    except FinfactsError as e:
        raise _fail(str(e)) from None
    typer.echo(f"finfacts batch: {stats.summary()} -> {out}", err=True)
    raise typer.Exit(code=1 if stats.errors or stats.skipped_errors else 0)


class _batch_progress:
    """A rich progress bar (documents/s, MB/s, ETA, errors) on a terminal; nothing otherwise."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.bar: object | None = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.show:
            return None
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("[bold]batch"), BarColumn(), TextColumn("{task.completed}/{task.total} docs"),
                            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                            TimeRemainingColumn(), TextColumn("[red]{task.fields[errors]} errors"),
                            console=Console(stderr=True), transient=False)
        self.bar.start()
        self.task = self.bar.add_task("batch", total=None, rate="", errors=0)

        def callback(stats, outcome):  # type: ignore[no-untyped-def]
            secs = max(stats.elapsed, 1e-9)
            self.bar.update(self.task, total=stats.total, completed=stats.done + stats.skipped, errors=stats.errors,
                            rate=f"{stats.done / secs:.1f} docs/s {stats.bytes / secs / 1e6:.2f} MB/s")

        return callback

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command("query")
def query_cmd(
    sql: Annotated[Optional[str], typer.Argument(help="SQL over the store's tables documents, mentions, facts, findings.")] = None,
    db: Annotated[str, typer.Option("--db", help="The store written by finfacts batch.")] = "facts.duckdb",
    example: Annotated[Optional[str], typer.Option("--example", "-e", help="A ready query: summary, revenue, failed or currency.")] = None,
    company: Annotated[str, typer.Option("--company", help="For --example revenue.")] = "",
    currency: Annotated[str, typer.Option("--currency", help="For --example currency (ISO code).")] = "USD",
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="text (a table) or json.")] = CheckFormat.text,
    limit: Annotated[int, typer.Option("--limit", help="Rows shown in a table.")] = 50,
) -> None:
    """Run SQL on a store; --example shows the queries users run first."""
    import duckdb

    from . import store

    if (sql is None) == (example is None):
        names = ", ".join(store.EXAMPLES)
        raise _fail(f"give either SQL or --example NAME ({names})")
    params: dict[str, str] = {}
    if example is not None:
        if example not in store.EXAMPLES:
            raise _fail(f"unknown example {example!r}; choose from {', '.join(store.EXAMPLES)}")
        title, sql = store.EXAMPLES[example]
        params = {k: v for k, v in (("company", company), ("currency", currency.upper())) if "$" + k in sql}
    if not Path(db).exists():
        raise _fail(f"no store at {db}; write one with finfacts batch")
    con = store.connect(db, read_only=True)
    try:
        cur = con.execute(sql, params) if params else con.execute(sql)
        rows = store.rows_as_dicts(cur)
    except duckdb.Error as e:
        raise _fail(f"query failed: {e}") from None
    if fmt is CheckFormat.json:
        typer.echo(json.dumps(rows, default=str, ensure_ascii=False, indent=2))
        return
    table = Table(title=store.EXAMPLES[example][0] if example else None, caption=f"{len(rows)} rows")
    for name in (rows[0] if rows else []):
        table.add_column(name, overflow="fold")
    for r in rows[:limit]:
        table.add_row(*("" if v is None else str(v) for v in r.values()))
    Console().print(table)


def _check_store(db: str, company: str | None) -> tuple[list[Report], list[str], list[tuple[str, Extraction]]]:
    """Each company's stored releases checked together (a release without a company alone)."""
    from . import store
    from .checks import check

    if not Path(db).exists():
        raise _fail(f"no store at {db}; write one with finfacts batch")
    con = store.connect(db, read_only=True)
    groups: dict[str, list[tuple[str, Extraction]]] = {}
    for doc_id, key, ex in store.iter_extractions(con, company):
        groups.setdefault(key or f"(no company) {doc_id}", []).append((doc_id, ex))
    if company is not None and not groups:
        raise _fail(f"no stored release of company {company!r}")
    reports, names, flat = [], [], []
    for key, members in sorted(groups.items()):
        report = check([ex for _, ex in members])
        offset = len(flat)
        reports.append(report.model_copy(update={"findings": [
            f.model_copy(update={"document": None if f.document is None else f.document + offset}) for f in report.findings]}))
        names.append(f"{key} ({len(members)} releases)")
        flat += members
    return reports, names, flat


@app.command("render")
def render_cmd(
    path: Annotated[Optional[str], typer.Argument(help="A release (.txt, .md, .html), or - for standard input.")] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="The HTML file to write; - for standard output.")] = "-",
    db: Annotated[Optional[str], typer.Option(
        "--db", help="A store from finfacts batch: writes an overview and OUT-stem_files/<doc>.html.")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Heading of the page (default: the first line).")] = None,
    default_currency: DefaultCurrency = None,
    reference_date: ReferenceDate = None,
    fiscal_year_end: FiscalYearEnd = None,
) -> None:
    """Write a release as one self-contained HTML page: its figures marked up, facts and failed checks."""
    from .api import extract

    from .checks import check
    from .render import render_extraction
    from .render.files import write_store_views

    if (path is None) == (db is None):
        raise _fail("give either a release PATH or --db STORE")
    if db is not None:
        if out == "-":
            raise _fail("--db writes several files: name the overview with -o corpus.html")
        if not Path(db).exists():
            raise _fail(f"no store at {db}; write one with finfacts batch")
        written = write_store_views(db, out)
        typer.echo(f"finfacts render: {written.overview} and {written.pages} pages in {written.folder}/"
                   f" ({written.errors} documents with errors)", err=True)
        return
    try:
        name, text = read_text(path)  # type: ignore[arg-type]
        result = extract(text, default_currency=default_currency, reference_date=_date(reference_date),
                         fiscal_year_end=fiscal_year_end)
    except FinfactsError as e:
        raise _fail(str(e)) from None
    report = check(result)
    page = render_extraction(result, report, title=title)
    if out == "-":
        typer.echo(page, nl=False)
        return
    Path(out).write_text(page, encoding="utf-8")
    typer.echo(f"finfacts render: {out} ({len(result.mentions)} mentions, {len(result.facts)} facts, "
               f"{len(report.failed)} failed checks)", err=True)


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
