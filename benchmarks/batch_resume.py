"""Every document accounted for, reruns add nothing, a killed run resumes to the same store.

Usage (from the repo root, with the project's venv)::

    python benchmarks/batch_resume.py                      # ../shared/corpus/text + a binary + an empty file
    python benchmarks/batch_resume.py --inputs DIR... --kill-at 0.33 --workers 2

Steps, each with ``finfacts batch`` in a subprocess, as a user runs it:

1. an uninterrupted run into a fresh store (timed: T seconds); count rows by status;
2. the same command again: it must add no row and change nothing;
3. a fresh run killed with SIGKILL (the whole process group, workers included) after
   ``--kill-at`` x T seconds, then the same command again to finish it;
4. the tables of 3 must equal those of 1, column for column, leaving out only ``seconds`` and
   ``stored_at`` (when and how fast, not what).

Exit status 1 when any of these fails.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from finfacts import store

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "text"
VOLATILE = {"seconds", "stored_at"}


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(path), read_only=True)
    out = {}
    for table in store.TABLES:
        cols = ", ".join(f'"{c}"' for c in store.NAMES[table] if c not in VOLATILE)
        out[table] = con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()
    con.close()
    return out


def batch_cmd(inputs: list[str], out: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "finfacts.cli", "batch", *inputs, "--out", str(out), "--workers", str(workers),
            "--no-progress"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", nargs="+", help="inputs (default: the shared corpus plus a binary and an empty file)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kill-at", type=float, default=1 / 3, help="fraction of the uninterrupted run's time")
    ap.add_argument("--repeat", type=int, default=1,
                    help="add the corpus N-1 more times as JSONL records (a longer run, more commits before the kill)")
    args = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        inputs = args.inputs
        if not inputs:
            extra = t / "extra"
            extra.mkdir()
            (extra / "binary.bin").write_bytes(bytes(range(256)) * 16)
            (extra / "empty.txt").write_text("", encoding="utf-8")
            inputs = [str(DEFAULT_CORPUS), str(extra)]
        n_inputs = sum(len([p for p in Path(i).rglob("*") if p.is_file()]) if Path(i).is_dir() else 1 for i in inputs)
        if args.repeat > 1:
            import json

            copies = t / "copies.jsonl"
            texts = sorted(DEFAULT_CORPUS.glob("*.txt"))
            with copies.open("w", encoding="utf-8") as fh:
                for k in range(1, args.repeat):
                    for p in texts:
                        fh.write(json.dumps({"id": f"copy{k}/{p.stem}", "text": p.read_text(encoding="utf-8")}) + "\n")
            inputs.append(str(copies))
            n_inputs += (args.repeat - 1) * len(texts)
        full = t / "full.duckdb"
        t0 = time.perf_counter()
        first = subprocess.run(batch_cmd(inputs, full, args.workers), capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        con = duckdb.connect(str(full), read_only=True)
        by_status = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY ALL").fetchall())
        errors = con.execute("SELECT doc_id, error FROM documents WHERE status = 'error' ORDER BY ALL").fetchall()
        con.close()
        print(f"1. uninterrupted: {elapsed:.1f} s, exit {first.returncode}, {n_inputs} inputs -> "
              f"{sum(by_status.values())} documents rows {by_status}")
        for doc_id, error in errors:
            print(f"   error row: {doc_id}: {error}")
        ok &= sum(by_status.values()) == n_inputs
        before = snapshot(full)
        again = subprocess.run(batch_cmd(inputs, full, args.workers), capture_output=True, text=True)
        same = snapshot(full) == before
        print(f"2. rerun: exit {again.returncode}, {again.stderr.strip().splitlines()[-1]}; tables unchanged: {same}")
        ok &= same
        killed = t / "killed.duckdb"
        proc = subprocess.Popen(batch_cmd(inputs, killed, args.workers), start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(elapsed * args.kill_at)
        os.killpg(proc.pid, signal.SIGKILL)
        code = proc.wait()
        con = duckdb.connect(str(killed), read_only=True)
        kept = con.execute("SELECT count(*) FROM documents").fetchone()[0]  # type: ignore[index]
        con.close()
        print(f"3. killed after {elapsed * args.kill_at:.1f} s (exit {code}): {kept} documents committed")
        finish = subprocess.run(batch_cmd(inputs, killed, args.workers), capture_output=True, text=True)
        print(f"   rerun: exit {finish.returncode}, {finish.stderr.strip().splitlines()[-1]}")
        equal = snapshot(killed) == snapshot(full)
        print(f"4. killed + rerun tables == uninterrupted tables: {equal}")
        ok &= equal
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
