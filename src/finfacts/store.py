"""The embedded store: one DuckDB file with the documents, mentions, facts and findings of a batch.

Every table is keyed by ``doc_id``. Values are typed columns (``DECIMAL(38, 10)`` for figures,
``DATE`` for periods) for SQL, and each mention, fact and finding also keeps its full JSON form
(the evaluation contract's) in a ``record`` column, so :func:`load_extraction` gives back exactly
the objects ``finfacts.extract`` returned. A figure too large or too fine for ``DECIMAL(38, 10)``
keeps its exact value in ``value_exact`` and leaves ``value`` null.

>>> import finfacts
>>> con = connect(":memory:")
>>> ex = finfacts.extract("Revenue was $12.5 million in 2023, up 8% year-on-year.")
>>> write(con, [DocumentResult.ok("d1", "inline", ex, finfacts.check(ex), 0.01)])
>>> con.sql("SELECT metric, value, currency, period_start FROM facts").fetchall()
[('Revenues', Decimal('12500000.0000000000'), 'USD', datetime.date(2023, 1, 1))]
>>> load_extraction(con, "d1") == ex
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb

from .models import Extraction, Finding, Report

SCHEMA_VERSION = 1

# DECIMAL(38, 10): 28 digits before the point, 10 after. Larger or finer figures keep
# their exact text in value_exact.
_DEC_INT_DIGITS = 28
_DEC_SCALE = 10

_DEC = f"DECIMAL(38, {_DEC_SCALE})"

# The tables, column by column: one definition for the DDL and for bulk loading.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "VARCHAR PRIMARY KEY"), ("source", "VARCHAR"), ("company", "VARCHAR"), ("ticker", "VARCHAR"),
        ("sha256", "VARCHAR"), ("chars", "BIGINT"), ("status", "VARCHAR NOT NULL CHECK (status IN ('ok', 'error'))"),
        ("error", "VARCHAR"), ("seconds", "DOUBLE"), ("n_mentions", "INTEGER"), ("n_facts", "INTEGER"),
        ("n_failed", "INTEGER"), ("n_warned", "INTEGER"), ("reference_date", "DATE"), ("fiscal_year_end", "VARCHAR"),
        ("currency", "VARCHAR"), ("reporting_start", "DATE"), ("reporting_end", "DATE"), ("text", "VARCHAR"),
        ("context", "JSON"), ("extra", "JSON"), ("finfacts_version", "VARCHAR"), ("stored_at", "TIMESTAMP"),
    ],
    "mentions": [
        ("doc_id", "VARCHAR NOT NULL"), ("id", "VARCHAR NOT NULL"), ("seq", "INTEGER NOT NULL"),
        ("type", "VARCHAR NOT NULL"), ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("rule", "VARCHAR"), ("value", _DEC), ("value_exact", "VARCHAR"), ("low", _DEC), ("high", _DEC),
        ("decimals", "INTEGER"), ("currency", "VARCHAR"), ("unit", "VARCHAR"), ("per", "VARCHAR"),
        ("qualifier", "VARCHAR"), ("period_start", "DATE"), ("period_end", "DATE"), ("period_kind", "VARCHAR"),
        ("fiscal_year", "INTEGER"), ("fiscal_period", "VARCHAR"), ("record", "JSON"),
    ],
    "facts": [
        ("doc_id", "VARCHAR NOT NULL"), ("id", "VARCHAR NOT NULL"), ("seq", "INTEGER NOT NULL"),
        ("metric", "VARCHAR"), ("metric_text", "VARCHAR"), ("adjusted", "BOOLEAN"), ("scope", "VARCHAR"),
        ("role", "VARCHAR"), ("value_type", "VARCHAR"), ("value", _DEC), ("value_exact", "VARCHAR"),
        ("currency", "VARCHAR"), ("unit", "VARCHAR"), ("period_start", "DATE"), ("period_end", "DATE"),
        ("fiscal_year", "INTEGER"), ("fiscal_period", "VARCHAR"), ("change_value", _DEC), ("change_unit", "VARCHAR"),
        ("change_basis", "VARCHAR"), ("mention_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("source", "VARCHAR"), ("table_title", "VARCHAR"), ("row_label", "VARCHAR"), ("column_header", "VARCHAR"),
        ("record", "JSON"),
    ],
    "findings": [
        ("doc_id", "VARCHAR NOT NULL"), ("idx", "INTEGER NOT NULL"), ("rule", "VARCHAR"), ("status", "VARCHAR"),
        ("message", "VARCHAR"), ("fact_ids", "VARCHAR[]"), ("record", "JSON"),
    ],
}
TABLES = tuple(COLUMNS)
NAMES = {t: [c for c, _ in cols] for t, cols in COLUMNS.items()}


def _ddl() -> str:
    out = ["CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);"]
    for table, cols in COLUMNS.items():
        body = ",\n    ".join(f'"{name}" {kind}' for name, kind in cols)
        out.append(f"CREATE TABLE IF NOT EXISTS {table} (\n    {body}\n);")
    return "\n".join(out)


SCHEMA = _ddl()


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create, unless read-only) a finfacts store.

    Args:
        path: the DuckDB file (``":memory:"`` for a store in memory).
        read_only: open without creating or changing anything; several processes may read
            one store at once.
    """
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        con.execute(SCHEMA)
        con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    return con


def sha256(data: bytes | str) -> str:
    """The content hash that identifies a document's version in the store."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


@dataclass
class DocumentResult:
    """What one document produced: its row, and the rows of everything found in it."""

    doc_id: str
    source: str
    status: str
    sha: str | None = None
    chars: int | None = None
    error: str | None = None
    seconds: float = 0.0
    company: str | None = None
    text: str | None = None
    extraction: Extraction | None = None
    report: Report | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def ok(cls, doc_id: str, source: str, extraction: Extraction, report: Report,
           seconds: float, sha: str | None = None, company: str | None = None) -> "DocumentResult":
        text = extraction.text
        return cls(doc_id, source, "ok", sha or sha256(text), len(text), None, seconds, company, text,
                   extraction, report)

    @classmethod
    def failed(cls, doc_id: str, source: str, error: str, sha: str | None = None, chars: int | None = None,
               seconds: float = 0.0, company: str | None = None) -> "DocumentResult":
        return cls(doc_id, source, "error", sha, chars, error, seconds, company)

    def to_json(self) -> dict[str, Any]:  # noqa: D102
        """The document as one JSON object (the ``.jsonl`` output's line)."""
        out: dict[str, Any] = {"doc_id": self.doc_id, "source": self.source, "company": self.company,
                               "sha256": self.sha, "chars": self.chars, "status": self.status,
                               "error": self.error, "seconds": round(self.seconds, 4)}
        if self.extraction is not None:
            dumped = self.extraction.model_dump(mode="json")
            out.update(context=dumped["context"], mentions=dumped["mentions"], facts=dumped["facts"],
                       warnings=dumped["warnings"])
        if self.report is not None:
            out["findings"] = [f.model_dump(mode="json") for f in self.report.findings]
        return out


def _dec(value: Any) -> tuple[str | None, str | None]:
    """(text for the DECIMAL column, or None when the figure does not fit it; the exact text)."""
    if value is None:
        return None, None
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    exact = _plain(d)
    try:
        if not d.is_finite() or d.adjusted() >= _DEC_INT_DIGITS:
            return None, exact
        fits = d.quantize(Decimal(1).scaleb(-_DEC_SCALE)) == d
    except InvalidOperation:
        return None, exact
    return (exact if fits else None), exact


def _plain(d: Decimal) -> str:
    """A Decimal as plain digits without trailing zeros, exactly (no context rounding).

    >>> _plain(Decimal("9" * 30 + ".50")), _plain(Decimal("1.2E+3")), _plain(Decimal("-0.0"))
    ('999999999999999999999999999999.5', '1200', '0')
    """
    if not d.is_finite():
        return str(d)
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def mention_row(doc_id: str, seq: int, m: Any) -> dict[str, Any]:
    """The ``mentions`` row of one mention, JSON-ready."""
    valued = m.type in ("money", "percent", "count", "rank")
    value, exact = _dec(m.value if valued else None)
    return {
        "doc_id": doc_id, "id": m.id, "seq": seq, "type": m.type, "text": m.text, "start": m.start, "end": m.end,
        "rule": m.rule, "value": value, "value_exact": exact, "low": _dec(getattr(m, "low", None))[0],
        "high": _dec(getattr(m, "high", None))[0], "decimals": getattr(m, "decimals", None),
        "currency": getattr(m, "currency", None), "unit": getattr(m, "unit", None) if m.type in ("percent", "count") else None,
        "per": getattr(m, "per", None), "qualifier": m.qualifier, "period_start": _iso(getattr(m, "period_start", None)),
        "period_end": _iso(getattr(m, "period_end", None)), "period_kind": getattr(m, "period_kind", None),
        "fiscal_year": getattr(m, "fiscal_year", None), "fiscal_period": getattr(m, "fiscal_period", None),
        "record": m.model_dump(mode="json"),
    }


def fact_row(doc_id: str, seq: int, f: Any) -> dict[str, Any]:
    """The ``facts`` row of one fact, JSON-ready."""
    v, p, ch = f.value, f.period, f.change
    cell = getattr(f, "cell", None)
    value, exact = _dec(getattr(v, "value", None))
    return {
        "doc_id": doc_id, "id": f.id, "seq": seq, "metric": f.metric, "metric_text": f.metric_text,
        "adjusted": f.adjusted, "scope": f.scope, "role": f.role, "value_type": v.type, "value": value,
        "value_exact": exact, "currency": getattr(v, "currency", None),
        "unit": getattr(v, "unit", None) if v.type in ("percent", "count") else None,
        "period_start": _iso(p.period_start) if p else None, "period_end": _iso(p.period_end) if p else None,
        "fiscal_year": p.fiscal_year if p else None, "fiscal_period": p.fiscal_period if p else None,
        "change_value": _dec(ch.value)[0] if ch else None, "change_unit": ch.unit if ch else None,
        "change_basis": ch.basis if ch else None, "mention_id": v.id, "start": v.start, "end": v.end,
        "source": getattr(f, "source", "prose"), "table_title": cell.title if cell else None,
        "row_label": cell.row_label if cell else None, "column_header": cell.column_header if cell else None,
        "record": f.model_dump(mode="json"),
    }


def finding_row(doc_id: str, i: int, f: Finding) -> dict[str, Any]:
    """The ``findings`` row of one finding, JSON-ready."""
    return {"doc_id": doc_id, "idx": i, "rule": f.rule, "status": f.status, "message": f.message,
            "fact_ids": list(f.fact_ids), "record": f.model_dump(mode="json")}


def document_row(r: DocumentResult, version: str) -> dict[str, Any]:
    """The ``documents`` row of one document, JSON-ready."""
    ex, rep = r.extraction, r.report
    ctx = ex.context if ex is not None else None
    rp = ctx.reporting_period if ctx is not None else None
    return {
        "doc_id": r.doc_id, "source": r.source, "company": r.company or (ctx.issuer if ctx else None),
        "ticker": ctx.ticker if ctx else None, "sha256": r.sha, "chars": r.chars, "status": r.status,
        "error": r.error, "seconds": round(r.seconds, 6),
        "n_mentions": len(ex.mentions) if ex else None, "n_facts": len(ex.facts) if ex else None,
        "n_failed": sum(1 for f in rep.findings if f.status == "fail") if rep else None,
        "n_warned": sum(1 for f in rep.findings if f.status == "warn") if rep else None,
        "reference_date": _iso(ctx.reference_date) if ctx else None,
        "fiscal_year_end": ctx.fiscal_year_end if ctx else None, "currency": ctx.currency if ctx else None,
        "reporting_start": _iso(rp.period_start) if rp else None, "reporting_end": _iso(rp.period_end) if rp else None,
        "text": r.text, "context": ctx.model_dump(mode="json") if ctx else None,
        "extra": ex.model_dump(mode="json", exclude={"text", "context", "mentions", "facts"}) if ex else None,
        "finfacts_version": version,
        "stored_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat(),
    }


def pack(results: Sequence[DocumentResult]) -> dict[str, str]:
    """The rows of each table for a list of document results, as newline-delimited JSON."""
    from . import __version__

    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for r in results:
        rows["documents"].append(document_row(r, __version__))
        if r.extraction is not None:
            rows["mentions"] += [mention_row(r.doc_id, i, m) for i, m in enumerate(r.extraction.mentions)]
            rows["facts"] += [fact_row(r.doc_id, i, f) for i, f in enumerate(r.extraction.facts)]
        if r.report is not None:
            rows["findings"] += [finding_row(r.doc_id, i, f) for i, f in enumerate(r.report.findings)]
    return {t: "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rs) for t, rs in rows.items()}


def write(con: duckdb.DuckDBPyConnection, results: Sequence[DocumentResult]) -> None:
    """Store a batch of documents in one transaction, replacing earlier versions of them."""
    if results:
        write_rows(con, [r.doc_id for r in results], [pack(results)])


_LOAD_TYPES = {t: {c: kind.split(" PRIMARY")[0].split(" NOT NULL")[0] for c, kind in cols} for t, cols in COLUMNS.items()}


def write_rows(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], packs: Sequence[dict[str, str]],
               spool: str | Path | None = None, replace: Sequence[str] | None = None) -> None:
    """Replace the documents ``doc_ids`` by the packed rows, in one transaction.

    The rows are spooled to newline-delimited JSON files (in ``spool``, by default the system's
    temporary folder) and bulk-loaded with DuckDB's JSON reader. Either every row is stored or
    none is: a crash mid-write leaves the store as it was.

    ``replace`` names the documents that may already be stored (default: all of ``doc_ids``);
    a caller that knows which ones are new passes only the others, which spares a scan of every
    table per write (a batch run's writes would otherwise cost time growing with the store).
    """
    replace = doc_ids if replace is None else replace
    import tempfile

    with tempfile.TemporaryDirectory(prefix=".finfacts-spool-", dir=spool) as tmp:
        files = {}
        # the JSON reader's buffer is sized from the largest object it may meet: each document's
        # chunk bounds its rows, at most 4 bytes a character in UTF-8
        largest = 1 << 20
        for table in TABLES:
            chunks = [p[table] for p in packs if p.get(table)]
            if chunks:
                files[table] = Path(tmp) / f"{table}.jsonl"
                largest = max(largest, 4 * max(map(len, chunks)))
                with files[table].open("w", encoding="utf-8", errors="surrogatepass") as fh:
                    fh.writelines(chunks)
        con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                con.execute("CREATE OR REPLACE TEMP TABLE _replaced (doc_id VARCHAR)")
                con.executemany("INSERT INTO _replaced VALUES (?)", [[d] for d in replace])
                for table in TABLES:
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _replaced)")
                con.execute("DROP TABLE _replaced")
            for table, path in files.items():
                con.execute(f"INSERT INTO {table} SELECT * FROM read_json($path, format = 'newline_delimited', "
                            "columns = $columns, maximum_object_size = $largest)",
                            {"path": str(path), "columns": _LOAD_TYPES[table], "largest": largest})
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def stored_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, str]]:
    """doc_id -> (sha256, status) of every stored document."""
    return {d: (s, st) for d, s, st in con.execute("SELECT doc_id, sha256, status FROM documents").fetchall()}


def load_extraction(con: duckdb.DuckDBPyConnection, doc_id: str) -> Extraction:
    """The stored extraction of one document, exactly as ``finfacts.extract`` returned it."""
    row = con.execute("SELECT text, context, extra FROM documents WHERE doc_id = ? AND status = 'ok'",
                      [doc_id]).fetchone()
    if row is None:
        raise KeyError(f"no stored document with doc_id {doc_id!r} and status ok")
    text, context, extra = row
    mentions = [json.loads(r) for (r,) in con.execute(
        "SELECT record FROM mentions WHERE doc_id = ? ORDER BY seq", [doc_id]).fetchall()]
    facts = [json.loads(r) for (r,) in con.execute(
        "SELECT record FROM facts WHERE doc_id = ? ORDER BY seq", [doc_id]).fetchall()]
    return Extraction.model_validate({**(json.loads(extra) if extra else {}), "text": text,
                                      "context": json.loads(context), "mentions": mentions, "facts": facts})


def load_report(con: duckdb.DuckDBPyConnection, doc_id: str) -> Report:
    """The stored findings of one document."""
    rows = con.execute("SELECT record FROM findings WHERE doc_id = ? ORDER BY idx", [doc_id]).fetchall()
    return Report(findings=[Finding.model_validate_json(r) for (r,) in rows])


def documents(con: duckdb.DuckDBPyConnection, company: str | None = None) -> list[dict[str, Any]]:
    """The document rows (without their text), as dicts, in doc_id order."""
    sql = ("SELECT doc_id, source, company, ticker, sha256, chars, status, error, seconds, n_mentions, n_facts, "
           "n_failed, n_warned, reference_date FROM documents")
    params: list[Any] = []
    if company is not None:
        sql += " WHERE company ILIKE ? OR upper(ticker) = upper(?)"
        params += [company, company]
    cur = con.execute(sql + " ORDER BY doc_id", params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def iter_extractions(con: duckdb.DuckDBPyConnection, company: str | None = None
                     ) -> Iterator[tuple[str, str | None, Extraction]]:
    """(doc_id, company key, extraction) of every ok document, by company, oldest release first.

    The company key is the ticker when the release states one, else the company name.
    ``company`` matches a name (case-insensitive, ``%`` wildcards allowed) or a ticker.
    """
    sql = "SELECT doc_id, coalesce(upper(ticker), company) AS key FROM documents WHERE status = 'ok'"
    params: list[Any] = []
    if company is not None:
        sql += " AND (company ILIKE ? OR upper(ticker) = upper(?))"
        params += [company, company]
    rows = con.execute(sql + " ORDER BY key NULLS LAST, reference_date NULLS FIRST, doc_id", params).fetchall()
    for doc_id, key in rows:
        yield doc_id, key, load_extraction(con, doc_id)


def export_parquet(con: duckdb.DuckDBPyConnection, directory: str | Path) -> list[Path]:
    """Write every table as ``<directory>/<table>.parquet`` (atomically, file by file)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for table in TABLES:
        final = directory / f"{table}.parquet"
        tmp = directory / f".{table}.parquet.tmp"
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{_sql_str(tmp)}' (FORMAT PARQUET)")
        tmp.replace(final)
        out.append(final)
    return out


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")


# The queries users run first (``finfacts query --example NAME``).
EXAMPLES: dict[str, tuple[str, str]] = {
    "summary": (
        "What each stored release holds",
        "SELECT doc_id, company, status, n_mentions AS mentions, n_facts AS facts, n_failed AS failed, "
        "n_warned AS warned, coalesce(error, '') AS error\nFROM documents\nORDER BY doc_id",
    ),
    "revenue": (
        "All revenue facts of a company, by period",
        "SELECT d.company, f.period_start, f.period_end, f.scope, f.adjusted, f.value, f.currency, "
        "f.metric_text, f.doc_id\nFROM facts f JOIN documents d USING (doc_id)\n"
        "WHERE f.metric = 'Revenues' AND f.role = 'value' AND d.company ILIKE '%' || $company || '%'\n"
        "ORDER BY f.period_end, f.scope NULLS FIRST",
    ),
    "failed": (
        "Every failed check",
        "SELECT d.source, g.rule, g.message\nFROM findings g JOIN documents d USING (doc_id)\n"
        "WHERE g.status = 'fail'\nORDER BY d.source, g.idx",
    ),
    "currency": (
        "Mentions of a currency",
        "SELECT doc_id, text, value, per, \"start\", \"end\"\nFROM mentions\n"
        "WHERE type = 'money' AND currency = $currency\nORDER BY doc_id, \"start\"",
    ),
}


def rows_as_dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table."""
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


__all__ = ["DocumentResult", "EXAMPLES", "connect", "counts", "documents", "export_parquet", "iter_extractions",
           "load_extraction", "load_report", "pack", "sha256", "stored_hashes", "write", "write_rows"]
