"""``finfacts batch``: every input accounted for, resumable, the same store however it ran."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import finfacts
from finfacts import batch, store
from finfacts.cli import app

from .batch_faults import KILL_MARK, SLOW_MARK, die_on_mark, stall_on_mark
from .conftest import RELEASES

# Columns that say when or how fast, not what: they differ between two runs of the same job.
VOLATILE = {"seconds", "stored_at"}


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without the volatile columns."""
    con = duckdb.connect(str(path), read_only=True)
    out = {}
    for table in store.TABLES:
        cols = [c for c in store.NAMES[table] if c not in VOLATILE]
        sql = f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)} FROM {table} ORDER BY ALL"
        out[table] = con.execute(sql).fetchall()
    con.close()
    return out


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """The fixture releases, a binary file, an empty file and a JSONL file with a bad line."""
    d = tmp_path / "in"
    shutil.copytree(RELEASES, d)
    (d / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (d / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (d / "records.jsonl").write_text(
        json.dumps({"id": "acme-q1", "company": "Acme Corp.", "text": "Acme Corp. revenue was $5.0 million in 2023."})
        + "\n{not json\n", encoding="utf-8")
    return d


def test_every_input_is_one_row_and_bad_ones_are_errors(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.duckdb"
    result = CliRunner().invoke(app, ["batch", str(inbox), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # some documents are errors
    con = store.connect(out, read_only=True)
    rows = {Path(d).name if "/" in d else d: (s, e) for d, s, e in
            con.execute("SELECT doc_id, status, error FROM documents").fetchall()}
    releases = sorted(p.name for p in RELEASES.iterdir())
    assert len(rows) == len(releases) + 4
    assert all(rows[name][0] == "ok" for name in releases)
    assert rows["binary.bin"][0] == "error" and "E005" in rows["binary.bin"][1]
    assert rows["empty.txt"][0] == "error" and "E020" in rows["empty.txt"][1]
    assert rows["acme-q1"][0] == "ok"
    assert rows["records.jsonl:2"][0] == "error" and "E025" in rows["records.jsonl:2"][1]
    # the company a JSONL record names is stored; a release's own listing is found otherwise
    assert con.execute("SELECT company FROM documents WHERE doc_id = 'acme-q1'").fetchone() == ("Acme Corp.",)
    assert con.execute("SELECT count(*) FROM documents WHERE doc_id LIKE '%northwind%' AND ticker IS NOT NULL"
                       ).fetchone() == (1,)


def test_rerun_adds_nothing_and_changed_files_replace_their_rows(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.duckdb"
    first = batch.run([str(inbox)], out, workers=1)
    before = snapshot(out)
    again = batch.run([str(inbox)], out, workers=1)
    assert again.done == 0 and again.skipped == first.done
    assert snapshot(out) == before
    # a changed file is processed again and replaces its rows; nothing is duplicated
    target = inbox / "maple-minerals-2023.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nNet income was $1.5 million in 2023.\n", encoding="utf-8")
    third = batch.run([str(inbox)], out, workers=1)
    assert third.done == 1
    con = store.connect(out, read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (len(before["documents"]),) * 2
    dup = con.execute("SELECT count(*) FROM (SELECT doc_id, id FROM mentions GROUP BY ALL HAVING count(*) > 1)").fetchone()
    assert dup == (0,)


def test_stored_extraction_is_what_extract_returns(tmp_path: Path) -> None:
    out = tmp_path / "facts.duckdb"
    paths = sorted(RELEASES.glob("*.txt"))
    batch.run([str(p) for p in paths], out, workers=1)
    con = store.connect(out, read_only=True)
    for p in paths:
        doc_id = os.path.normpath(str(p))
        expected = finfacts.extract(finfacts.read(p).text)
        assert store.load_extraction(con, doc_id) == expected
        assert store.load_report(con, doc_id) == finfacts.check(expected)
        # the typed columns agree with the models
        n_money = sum(1 for m in expected.mentions if m.type == "money")
        assert con.execute("SELECT count(*) FROM mentions WHERE doc_id = ? AND type = 'money'", [doc_id]).fetchone() == (n_money,)


def test_figure_too_large_for_decimal_column_keeps_its_exact_value(tmp_path: Path) -> None:
    out = tmp_path / "facts.duckdb"
    records = tmp_path / "in.jsonl"
    huge = "9" * 40
    records.write_text(json.dumps({"id": "big", "text": f"Revenue was ${huge} in 2023."}) + "\n", encoding="utf-8")
    batch.run([str(records)], out, workers=1)
    con = store.connect(out, read_only=True)
    value, exact, record = con.execute("SELECT value, value_exact, record FROM mentions WHERE type = 'money'").fetchone()
    assert value is None
    assert exact == json.loads(record)["value"]
    assert len(exact) >= 40


def test_decimal_columns_are_exact_or_null() -> None:
    from decimal import Decimal

    assert store._dec(Decimal("271.0E9")) == ("271000000000", "271000000000")
    assert store._dec(Decimal("0.00000000001")) == (None, "0.00000000001")  # finer than DECIMAL(38, 10)
    assert store._dec(Decimal("9" * 30)) == (None, "9" * 30)  # larger than 28 integer digits
    assert store._dec(Decimal("-1.25")) == ("-1.25", "-1.25")


def test_jsonl_and_parquet_outputs_hold_the_same_documents(tmp_path: Path) -> None:
    inputs = [str(p) for p in sorted(RELEASES.glob("*.txt"))]
    batch.run(inputs, tmp_path / "a.duckdb", workers=1)
    batch.run(inputs, tmp_path / "a.jsonl", workers=1)
    batch.run(inputs, tmp_path / "parquet", workers=1)
    lines = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    con = store.connect(tmp_path / "a.duckdb", read_only=True)
    stored = dict(con.execute("SELECT doc_id, n_facts FROM documents").fetchall())
    assert {r["doc_id"]: len(r["facts"]) for r in lines} == stored
    pq = duckdb.sql(f"SELECT doc_id, n_facts FROM '{tmp_path / 'parquet' / 'documents.parquet'}'").fetchall()
    assert dict(pq) == stored
    n_mentions = con.execute("SELECT count(*) FROM mentions").fetchone()
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'parquet' / 'mentions.parquet'}'").fetchall()[0] == n_mentions
    # a rerun into the JSONL file appends nothing
    batch.run(inputs, tmp_path / "a.jsonl", workers=1)
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == len(lines)


def test_jsonl_output_torn_by_a_crash_is_repaired(tmp_path: Path) -> None:
    inputs = [str(p) for p in sorted(RELEASES.glob("*.txt"))[:3]]
    out = tmp_path / "a.jsonl"
    batch.run(inputs, out, workers=1)
    whole = out.read_bytes()
    out.write_bytes(whole[: len(whole) - 40])  # the last line cut mid-way
    stats = batch.run(inputs, out, workers=1)
    assert stats.done == 1
    assert sorted(json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()) == sorted(
        os.path.normpath(p) for p in inputs)


def _corpus(tmp_path: Path, copies: int) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for i in range(copies):
        for p in sorted(RELEASES.glob("*.txt")):
            (d / f"{i:02d}-{p.name}").write_text(p.read_text(encoding="utf-8") + f"\nRelease copy {i}.\n",
                                                 encoding="utf-8")
    return d


@pytest.mark.slow
def test_sigkill_at_any_moment_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 8)
    reference = tmp_path / "reference.duckdb"
    batch.run([str(corpus)], reference, workers=1)
    out = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "finfacts.cli", "batch", str(corpus), "--out", str(out),
           "--workers", "2", "--commit-every", "3"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # wait until some documents are committed (their rows grow the write-ahead log well past the
    # schema's few kilobytes), then kill the run and its workers
    wal = Path(str(out) + ".wal")
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 64_000:
            break
        time.sleep(0.02)
    time.sleep(1.0)  # the log grows during a commit too: let one or two commits finish
    os.killpg(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the run ended before it could be killed: use a larger corpus"
    partial = store.connect(out, read_only=True)
    done = partial.execute("SELECT count(*) FROM documents").fetchone()[0]
    partial.close()
    assert 0 < done < len(list(corpus.iterdir()))
    batch.run([str(corpus)], out, workers=1)
    assert snapshot(out) == snapshot(reference)


def test_a_worker_that_dies_costs_only_its_own_document(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 1)
    (d / "killer.txt").write_bytes(b"Revenue was $5 million. " + KILL_MARK)
    out = tmp_path / "facts.duckdb"
    stats = batch.run([str(d)], out, workers=2, process=die_on_mark)
    con = store.connect(out, read_only=True)
    rows = dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
    assert len(rows) == len(list(d.iterdir()))
    killer = os.path.normpath(str(d / "killer.txt"))
    assert rows.pop(killer) == "error"
    errors = con.execute("SELECT doc_id, error FROM documents WHERE status = 'error' AND doc_id <> ?", [killer]).fetchall()
    assert set(rows.values()) == {"ok"}, errors
    assert "E023" in con.execute("SELECT error FROM documents WHERE doc_id = ?", [killer]).fetchone()[0]
    assert stats.errors == 1


def test_a_runaway_document_is_stopped_by_its_time_budget(tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"id": "fine", "text": "Revenue was $5 million in 2023."},
        {"id": "runaway", "text": f"Revenue was $6 million. {SLOW_MARK}"},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "facts.duckdb"
    t0 = time.monotonic()
    batch.run([str(records)], out, workers=1, options=batch.Options(time_budget=0.5), process=stall_on_mark)
    assert time.monotonic() - t0 < 30
    con = store.connect(out, read_only=True)
    rows = {d: (s, e) for d, s, e in con.execute("SELECT doc_id, status, error FROM documents").fetchall()}
    assert rows["fine"][0] == "ok"
    assert rows["runaway"][0] == "error" and "E022" in rows["runaway"][1]


def test_disk_full_stops_with_a_clear_error_and_a_rerun_finishes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path, 2)
    reference = tmp_path / "reference.duckdb"
    batch.run([str(corpus)], reference, workers=1)
    out = tmp_path / "facts.duckdb"
    real = store.write_rows
    calls = {"n": 0}

    def full_after_first(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "write_rows", full_after_first)
    with pytest.raises(finfacts.FinfactsError, match=r"E029.*No space left"):
        batch.run([str(corpus)], out, workers=1, commit_every=4)
    monkeypatch.setattr(store, "write_rows", real)
    con = store.connect(out, read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (4,)  # the first commit survived
    con.close()
    batch.run([str(corpus)], out, workers=1)
    assert snapshot(out) == snapshot(reference)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_store(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    corpus = _corpus(tmp_path, 1)
    local, on_dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    batch.run([str(corpus)], local, workers=1)
    batch.run([str(corpus)], on_dask, workers=2, dask="local")
    assert snapshot(on_dask) == snapshot(local)


def test_pool_of_two_gives_the_same_store_as_one_process(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 1)
    batch.run([str(corpus)], tmp_path / "one.duckdb", workers=1)
    batch.run([str(corpus)], tmp_path / "two.duckdb", workers=2)
    assert snapshot(tmp_path / "two.duckdb") == snapshot(tmp_path / "one.duckdb")


def test_extract_many_keeps_input_order_across_processes() -> None:
    texts = [f"Revenue was ${i}.5 million in 2023." for i in range(1, 9)] + [RELEASES / "maple-minerals-2023.txt"]
    serial = list(finfacts.extract_many(texts))
    parallel = list(finfacts.extract_many(texts, n_process=2))
    assert parallel == serial
    assert [r.mentions[0].text for r in serial[:8]] == [f"${i}.5 million" for i in range(1, 9)]


def test_extract_many_returns_or_raises_bad_inputs() -> None:
    inputs = ["Revenue was $5 million.", RELEASES / "does-not-exist.txt", "Profit was $1 million."]
    got = list(finfacts.extract_many(inputs, on_error="return"))
    assert isinstance(got[1], finfacts.FinfactsError) and len(got[2].mentions) == 1
    with pytest.raises(finfacts.FinfactsError, match="E008"):
        list(finfacts.extract_many(inputs))


def test_stdin_jsonl_and_the_first_queries(tmp_path: Path) -> None:
    out = tmp_path / "facts.duckdb"
    lines = "\n".join(json.dumps(r) for r in [
        {"id": "q1", "company": "Acme Corp.", "text": "Acme Corp. revenue was $5.0 million in 2023, up 10%."},
        {"id": "q2", "company": "Acme Corp.", "text": "Acme Corp. revenue was €7.5 million in 2024."},
    ]) + "\n"
    runner = CliRunner()
    result = runner.invoke(app, ["batch", "-", "--out", str(out), "--workers", "1"], input=lines)
    assert result.exit_code == 0, result.output
    got = runner.invoke(app, ["query", "--db", str(out), "--example", "revenue", "--company", "acme", "-f", "json"])
    rows = json.loads(got.stdout)
    assert [(r["doc_id"], r["currency"], r["value"]) for r in rows] == [("q1", "USD", "5000000.0000000000"),
                                                                       ("q2", "EUR", "7500000.0000000000")]
    got = runner.invoke(app, ["query", "--db", str(out), "--example", "currency", "--currency", "eur", "-f", "json"])
    assert [r["text"] for r in json.loads(got.stdout)] == ["€7.5 million"]
    got = runner.invoke(app, ["query", "--db", str(out), "SELECT count(*) AS n FROM facts", "-f", "json"])
    assert json.loads(got.stdout)[0]["n"] >= 2
    assert runner.invoke(app, ["query", "--db", str(out), "SELEC nonsense"]).exit_code == 2


def test_check_db_runs_the_cross_document_checks(tmp_path: Path) -> None:
    out = tmp_path / "facts.duckdb"
    records = tmp_path / "in.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "company": "Acme Corp.", "text": "LONDON, March 1, 2024 -- Revenue for 2023 was $5.0 million."},
        {"id": "b", "company": "Acme Corp.", "text": "LONDON, March 1, 2025 -- Revenue for 2023 was $6.0 million."},
        {"id": "c", "company": "Other plc", "text": "LONDON, March 1, 2025 -- Revenue for 2023 was $9.0 million."},
    ]) + "\n", encoding="utf-8")
    batch.run([str(records)], out, workers=1)
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--db", str(out), "--format", "json"])
    found = json.loads(result.stdout)
    acme = next(r for r in found if r["source"].startswith("Acme"))
    assert any(f["rule"] == "restated_across_documents" and f["status"] == "warn" for f in acme["findings"])
    other = next(r for r in found if r["source"].startswith("Other"))
    assert not any(f["rule"] == "restated_across_documents" for f in other["findings"])
    only = runner.invoke(app, ["check", "--db", str(out), "--company", "other plc", "--format", "json"])
    assert [r["source"] for r in json.loads(only.stdout)] == ["Other plc (1 releases)"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["batch", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "x.duckdb")]).exit_code == 2
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert runner.invoke(app, ["batch", str(RELEASES), "--out", str(tmp_path / "file")]).exit_code == 2
    assert runner.invoke(app, ["check"]).exit_code == 2
