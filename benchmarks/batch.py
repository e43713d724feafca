"""Batch throughput and memory: ``finfacts batch`` over the corpus repeated to a target size.

Usage (from the repo root, with the project's venv)::

    python benchmarks/batch.py                    # 50 MB, 1 and 2 workers
    python benchmarks/batch.py --mb 10 --workers 1 2
    python benchmarks/batch.py --memory-scaling   # also at 1/4 and 1/2 of the size: peak RSS must not grow
    python benchmarks/batch.py --json out.json

Method: the texts of ``../shared/corpus/text/`` are written, repeated, into one JSONL file of
``{"id", "text"}`` records until it holds ``--mb`` megabytes of text (each copy has its own id,
so every record is a new document). Each run starts from an empty store, in a fresh Python
process (``--_child``), and reports documents/s and MB/s over the whole run (pipeline start-up
included), the peak resident memory of the main process and of each worker (``VmHWM`` read from
``/proc`` while the run goes), and the store's size. Targets checked by ``--check``: 2 workers at
least 1.7x the speed of 1; with ``--memory-scaling`` (the largest worker count at a quarter and a half
of the size, next to the full run), the peak memory of the main process and of the largest worker
at the full size within 15% of the quarter size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "text"


def build_jsonl(corpus: Path, megabytes: float, out: Path) -> tuple[int, int]:
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no *.txt files in {corpus}")
    target = int(megabytes * 1_000_000)
    size = docs = 0
    copy = 0
    with out.open("w", encoding="utf-8") as fh:
        while size < target:
            for name, text in texts:
                fh.write(json.dumps({"id": f"{copy:04d}/{name}", "text": text}, ensure_ascii=False) + "\n")
                size += len(text.encode("utf-8"))
                docs += 1
                if size >= target:
                    break
            copy += 1
    return docs, size


def _hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    """The pool's worker processes (not multiprocessing's resource tracker)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    workers = []
    for c in out:
        try:
            cmdline = Path(f"/proc/{c}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in cmdline:
            workers.append(c)
    return workers


def child(jsonl: Path, workers: int, text_bytes: int) -> dict[str, object]:
    from finfacts import batch

    peaks: dict[int, int] = {}
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            for pid in _children(os.getpid()):
                peaks[pid] = max(peaks.get(pid, 0), _hwm_kib(pid))
            stop.wait(0.2)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        stats = batch.run([str(jsonl)], store_path, workers=workers)
        seconds = time.perf_counter() - t0
        usage = resource.getrusage(resource.RUSAGE_SELF)
        store_mb = store_path.stat().st_size / 1e6
    stop.set()
    thread.join()
    worker_peaks = sorted(v / 1024 for v in peaks.values() if v)
    return {
        "workers": workers, "documents": stats.done, "errors": stats.errors, "seconds": round(seconds, 2),
        "docs_per_s": round(stats.done / seconds, 2), "mb_per_s": round(text_bytes / 1e6 / seconds, 3),
        "main_peak_mib": round(_hwm_kib(os.getpid()) / 1024, 1),
        "main_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "worker_peak_mib": [round(v, 1) for v in worker_peaks] if workers > 1 else None,
        "store_mb": round(store_mb, 1),
    }


def run_child(jsonl: Path, workers: int, text_bytes: int) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--_child", str(jsonl), "--workers", str(workers), "--_bytes", str(text_bytes)]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the run with {workers} workers failed (exit {done.returncode}):\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--mb", type=float, default=50.0, help="megabytes of text to process (default 50)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--memory-scaling", action="store_true", help="also run at 1/4 and 1/2 of --mb")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--_child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_bytes", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._child:
        print(json.dumps(child(args._child, args.workers[0], args._bytes)))
        return
    results: dict[str, object] = {"cpu_count": os.cpu_count(), "mb": args.mb, "runs": [], "memory_scaling": []}
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        docs, size = build_jsonl(args.corpus, args.mb, jsonl)
        print(f"corpus: {docs} documents, {size / 1e6:.1f} MB of text ({args.corpus})")
        print(f"{'workers':>7} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'main MiB':>9} {'main CPU s':>10} {'worker peak MiB':>16} {'store MB':>9}")
        for w in args.workers:
            r = run_child(jsonl, w, size)
            results["runs"].append(r)  # type: ignore[union-attr]
            peaks = r["worker_peak_mib"]
            print(f"{w:>7} {r['documents']:>6} {r['seconds']:>8} {r['docs_per_s']:>8} {r['mb_per_s']:>7} "
                  f"{r['main_peak_mib']:>9} {r['main_cpu_s']:>10} {str(peaks if peaks else '-'):>16} {r['store_mb']:>9}")
        if args.memory_scaling:
            # the largest worker count at a quarter and half of the size; the full size is the run above
            w = max(args.workers)
            full = next(r for r in results["runs"] if r["workers"] == w)  # type: ignore[union-attr]
            for frac in (0.25, 0.5, 1.0):
                if frac == 1.0:
                    sz, r = size, full
                else:
                    small = Path(tmp) / f"corpus-{frac}.jsonl"
                    _, sz = build_jsonl(args.corpus, args.mb * frac, small)
                    r = run_child(small, w, sz)
                results["memory_scaling"].append({"mb": round(sz / 1e6, 1), **r})  # type: ignore[union-attr]
                print(f"memory: {sz / 1e6:6.1f} MB, {w} workers -> peak main {r['main_peak_mib']} MiB, "
                      f"per worker {r['worker_peak_mib'] or '-'} MiB")
    runs = {r["workers"]: r for r in results["runs"]}  # type: ignore[union-attr]
    ok = True
    if 1 in runs and 2 in runs:
        speedup = runs[2]["docs_per_s"] / runs[1]["docs_per_s"]
        results["speedup_2_vs_1"] = round(speedup, 2)
        print(f"speed-up, 2 workers vs 1: {speedup:.2f}x (target >= 1.7x)")
        ok = ok and speedup >= 1.7
    mem = results["memory_scaling"]
    if mem:
        def peak(r: dict, key: str) -> float:
            v = r[key]
            return max(v) if isinstance(v, list) else float(v)

        for key, label in (("main_peak_mib", "main process"), ("worker_peak_mib", "largest worker")):
            if mem[0][key] is None:  # type: ignore[index]
                continue
            growth = peak(mem[-1], key) / peak(mem[0], key)  # type: ignore[arg-type]
            results[f"memory_growth_{key}"] = round(growth, 3)
            print(f"peak memory of the {label}, largest vs smallest size: {growth:.2f}x (target <= 1.15x)")
            ok = ok and growth <= 1.15
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if args.check and not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
