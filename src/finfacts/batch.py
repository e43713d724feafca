"""Batch: stream many releases through the pipeline into a store, resumably, on every core.

The flow is ``discover`` (inputs -> :class:`Item`, lazily) -> ``process_item`` (in a worker
process: decode, read, extract, check, pack rows) -> a :class:`Sink` (DuckDB, Parquet or JSONL)
that commits results in batches inside transactions. Every input ends as one stored row:
``ok``, or ``error`` with the reason. Rerunning skips what is stored with the same content hash.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from . import documents, store
from .errors import Errors, FinfactsError

DEFAULT_MAX_BYTES = 5_000_000
STORE_MEMORY_LIMIT = "128MB"  # DuckDB's buffer pool in the process that writes the store
DEFAULT_TIME_BUDGET = 60.0


@dataclass(frozen=True)
class Item:
    """One input document, as discovered: its bytes or text, or why it cannot be read."""

    doc_id: str
    source: str
    data: bytes | None = None
    text: str | None = None
    suffix: str = ""
    company: str | None = None
    error: str | None = None
    size: int = 0
    digest: str | None = None  # the hash of a bad input's bytes, when they were read

    @property
    def sha(self) -> str | None:
        if self.digest is not None:
            return self.digest
        if self.data is not None:
            return store.sha256(self.data)
        if self.text is not None:
            return store.sha256(self.text)
        return None


@dataclass(frozen=True)
class Options:
    """Per-document settings, sent to every worker."""

    max_bytes: int = DEFAULT_MAX_BYTES
    time_budget: float = DEFAULT_TIME_BUDGET
    default_currency: str | None = None
    fiscal_year_end: str | None = None
    sink: str = "duckdb"  # what to pack: 'duckdb' rows, or 'jsonl' lines


@dataclass
class Outcome:
    """What a worker sends back: the document row's facts and the packed rows or JSON line."""

    doc_id: str
    status: str
    sha: str | None
    error: str | None = None
    seconds: float = 0.0
    rows: dict[str, str] | None = None  # table -> newline-delimited JSON rows
    line: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Discovery

def _file_item(path: Path, max_bytes: int, company: str | None) -> Item:
    name = os.path.normpath(str(path))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Item(name, name, suffix=path.suffix.lower(), company=company, size=size,
                        error=Errors.E021.format(size=size, limit=max_bytes))
        data = path.read_bytes()
    except OSError as e:
        return Item(name, name, suffix=path.suffix.lower(), company=company,
                    error=Errors.E008.format(path=name, msg=e.strerror or e))
    return Item(name, name, data=data, suffix=path.suffix.lower(), company=company, size=len(data))


def _jsonl_items(lines: Iterable[bytes], source: str, max_bytes: int, company: str | None) -> Iterator[Item]:
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{source}:{n}"
        try:
            rec = json.loads(raw)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as e:
            yield Item(where, where, company=company, size=len(raw), error=Errors.E025.format(where=where, msg=e),
                       digest=store.sha256(raw))
            continue
        doc_id = str(rec.get("id") or where)
        text = rec["text"]
        comp = rec.get("company") if isinstance(rec.get("company"), str) else company
        if len(raw) > max_bytes:
            yield Item(doc_id, where, company=comp, size=len(raw),
                       error=Errors.E021.format(size=len(raw), limit=max_bytes))
            continue
        yield Item(doc_id, where, text=text, suffix=str(rec.get("format") or ""), company=comp, size=len(raw))


def expand(inputs: Iterable[str]) -> list[str]:
    """Input arguments as a list of paths (directories walked, globs expanded) and ``-``.

    Hidden files and folders are skipped inside directories; an explicit path is always taken.
    Raises FinfactsError (a usage error) for an argument that names nothing.
    """
    out: list[str] = []
    for arg in inputs:
        if arg == "-":
            out.append(arg)
            continue
        p = Path(arg)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [os.path.join(root, f) for f in sorted(files) if not f.startswith(".")]
        elif p.exists() or p.is_symlink():
            out.append(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise FinfactsError(Errors.E026.format(arg=arg))
            out += expand(matches)
        else:
            raise FinfactsError(Errors.E026.format(arg=arg))
    return out


def _lines(head: bytes, stream: Any) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of ``stream``, without reading it all."""
    *complete, partial = head.split(b"\n")
    yield from complete
    yield partial + stream.readline()
    yield from stream


def discover(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, company: str | None = None,
             stdin: Any = None) -> Iterator[Item]:
    """Items of the expanded inputs, read lazily one at a time (bounded memory)."""
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if data.lstrip()[:1] == b"{":  # JSONL, read record by record
                yield from _jsonl_items(_lines(data, stream), "<stdin>", max_bytes, company)
            elif len(data) > max_bytes:
                yield Item("<stdin>", "<stdin>", company=company, error=Errors.E021.format(size=f"more than {max_bytes}", limit=max_bytes))
            else:
                yield Item("stdin:" + store.sha256(data)[:16], "<stdin>", data=data, company=company, size=len(data))
            continue
        p = Path(path)
        if p.suffix.lower() == ".jsonl":
            try:
                with p.open("rb") as fh:
                    yield from _jsonl_items(fh, os.path.normpath(path), max_bytes, company)
            except OSError as e:
                name = os.path.normpath(path)
                yield Item(name, name, company=company, error=Errors.E008.format(path=name, msg=e.strerror or e))
            continue
        yield _file_item(p, max_bytes, company)


# ---------------------------------------------------------------------------------------------
# Work on one document (runs in a worker)

class BudgetExceeded(BaseException):
    """Raised inside a worker when a document runs over its time budget (a BaseException, so
    that no ``except Exception`` on the way swallows it)."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise BudgetExceeded()


@contextlib.contextmanager
def _budget(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread of a process only; else no limit)."""
    usable = seconds > 0 and hasattr(signal, "setitimer")
    if usable:
        try:
            old = signal.signal(signal.SIGALRM, _on_alarm)
        except ValueError:  # not the main thread
            usable = False
    if usable:
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if usable:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _text_of(item: Item) -> str:
    if item.text is not None:
        raw = item.text
        fmt = documents.SUFFIXES.get("." + item.suffix.lower().lstrip("."))
    else:
        assert item.data is not None
        raw = documents.decode(item.data, item.source)
        fmt = documents.SUFFIXES.get(item.suffix)
    if fmt is None:
        fmt = documents.sniff(raw)
    return documents.parse(raw, fmt, source=item.source).text


def process_item(item: Item, options: Options) -> Outcome:
    """Read, extract and check one document; never raises for a bad document."""
    from .api import extract
    from .checks import check

    t0 = time.perf_counter()
    if item.error is not None:
        return _failed(item, options, item.error, t0)
    try:
        text = _text_of(item)
        if not text.strip():
            return _failed(item, options, Errors.E020.format(source=item.source), t0)
        extraction = extract(text, default_currency=options.default_currency,
                             fiscal_year_end=options.fiscal_year_end, max_chars=options.max_bytes)
        report = check(extraction)
    except FinfactsError as e:
        return _failed(item, options, str(e), t0)
    except Exception as e:  # noqa: BLE001 - a pipeline bug must not lose the other documents
        return _failed(item, options, Errors.E024.format(kind=type(e).__name__, msg=e), t0)
    result = store.DocumentResult.ok(item.doc_id, item.source, extraction, report, time.perf_counter() - t0,
                                     sha=item.sha, company=item.company)
    return _pack(result, options)


def guarded(fn: Callable[[Item, Options], Any], item: Item, options: Options) -> Any:
    """``fn(item, options)`` within the document's time budget; over budget, an error outcome."""
    t0 = time.perf_counter()
    try:
        with _budget(options.time_budget):
            return fn(item, options)
    except BudgetExceeded:
        return _failed(item, options, Errors.E022.format(seconds=options.time_budget), t0)


def _failed(item: Item, options: Options, reason: str, t0: float | None = None) -> Outcome:
    seconds = 0.0 if t0 is None else time.perf_counter() - t0
    return _pack(store.DocumentResult.failed(item.doc_id, item.source, reason, sha=item.sha, seconds=seconds,
                                             company=item.company), options)


def _pack(result: store.DocumentResult, options: Options) -> Outcome:
    out = Outcome(result.doc_id, result.status, result.sha, result.error, result.seconds)
    if options.sink == "jsonl":
        out.line = json.dumps(result.to_json(), ensure_ascii=False)
    else:
        out.rows = store.pack([result])
    return out


def _init_worker() -> None:
    from .api import load

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    load()


# ---------------------------------------------------------------------------------------------
# Sinks

class Sink(Protocol):
    def known(self) -> dict[str, tuple[str | None, str]]: ...
    def add(self, outcome: Outcome) -> None: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...


class DuckDBSink:
    """The main store; ``parquet_dir`` also exports the tables as Parquet when closed."""

    def __init__(self, path: Path, parquet_dir: Path | None = None) -> None:
        self.path = path
        self.parquet_dir = parquet_dir
        self.con = store.connect(path)
        # the writer's buffer pool is bounded, so a long run's memory does not grow with the store,
        # and one thread writes, leaving the cores to the workers
        self.con.execute(f"SET memory_limit = '{STORE_MEMORY_LIMIT}'")
        self.con.execute("SET threads = 1")
        self.pending: list[Outcome] = []
        self.stored: set[str] = set()

    def known(self) -> dict[str, tuple[str | None, str]]:
        hashes = store.stored_hashes(self.con)
        self.stored = set(hashes)
        return hashes

    def add(self, outcome: Outcome) -> None:
        self.pending.append(outcome)

    def commit(self) -> None:
        if not self.pending:
            return
        ids = [o.doc_id for o in self.pending]
        store.write_rows(self.con, ids, [o.rows or {} for o in self.pending], spool=self.path.parent,
                         replace=[d for d in ids if d in self.stored])
        self.stored.update(ids)
        self.pending = []

    def close(self) -> None:
        try:
            self.commit()
            if self.parquet_dir is not None:
                store.export_parquet(self.con, self.parquet_dir)
        finally:
            self.con.close()


class JsonlSink:
    """One JSON object per document, appended; a line torn by a crash is cut on the next open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict[str, tuple[str | None, str]] = {}
        if path.exists():
            self._repair_and_scan()
        self.fh = path.open("ab")
        self.pending: list[str] = []

    def _repair_and_scan(self) -> None:
        good = 0
        with self.path.open("rb") as fh:
            for line in fh:
                if not line.endswith(b"\n"):
                    break
                try:
                    rec = json.loads(line)
                except ValueError:
                    break
                self.seen[rec["doc_id"]] = (rec.get("sha256"), rec.get("status"))
                good += len(line)
        if good != self.path.stat().st_size:
            with self.path.open("r+b") as fh:
                fh.truncate(good)

    def known(self) -> dict[str, tuple[str | None, str]]:
        return dict(self.seen)

    def add(self, outcome: Outcome) -> None:
        assert outcome.line is not None
        self.pending.append(outcome.line)

    def commit(self) -> None:
        if not self.pending:
            return
        self.fh.write(("\n".join(self.pending) + "\n").encode("utf-8", "surrogatepass"))
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.pending = []

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.fh.close()


def open_sink(out: str | Path) -> tuple[Sink, str]:
    """The sink for an output path, by its suffix: ``.duckdb`` (or ``.db``), ``.jsonl``, else a
    directory of Parquet files (with its working store ``.finfacts.duckdb`` inside)."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return JsonlSink(path), "jsonl"
    if suffix in (".duckdb", ".db", ".ddb"):
        return DuckDBSink(path), "duckdb"
    if path.exists() and not path.is_dir():
        raise FinfactsError(Errors.E027.format(out=out))
    path.mkdir(parents=True, exist_ok=True)
    return DuckDBSink(path / ".finfacts.duckdb", parquet_dir=path), "duckdb"


class _Writer:
    """Commits batches of outcomes to a sink in a background thread, so the documents keep
    flowing (and the workers busy) while a batch is written.

    At most one batch waits while another is written. A failed write stops the writer; the
    error is raised by the next ``commit`` or by ``close``, with the number of documents whose
    batches were committed before it.
    """

    def __init__(self, sink: Sink) -> None:
        import queue

        self.sink = sink
        self.batch: list[Outcome] = []
        self.committed = 0  # documents in committed batches
        self.error: BaseException | None = None
        self.queue: queue.Queue[list[Outcome] | None] = queue.Queue(maxsize=1)
        self.thread = threading.Thread(target=self._loop, name="finfacts-writer", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue  # drain: nothing more is written after a failure
            try:
                for outcome in batch:
                    self.sink.add(outcome)
                self.sink.commit()
                self.committed += len(batch)
            except BaseException as e:  # noqa: BLE001 - handed to the main thread
                self.error = e

    def add(self, outcome: Outcome) -> None:
        self.batch.append(outcome)

    def commit(self) -> None:
        self._raise()
        if self.batch:
            self.queue.put(self.batch)
            self.batch = []

    def close(self) -> None:
        """Write what is left, wait for the thread, and raise a write error if there was one."""
        self.stop()
        self._raise()

    def stop(self) -> None:
        """Hand over what is left and wait for the thread to finish writing (idempotent)."""
        if self.thread.is_alive():
            if self.batch:
                self.queue.put(self.batch)
                self.batch = []
            self.queue.put(None)
            self.thread.join()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error


# ---------------------------------------------------------------------------------------------
# Running

@dataclass
class Stats:
    total: int = 0
    total_bytes: int = 0
    done: int = 0
    ok: int = 0
    errors: int = 0
    skipped: int = 0
    skipped_errors: int = 0
    bytes: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def summary(self) -> str:
        secs = max(self.elapsed, 1e-9)
        return (f"{self.done + self.skipped} documents: {self.ok} ok, {self.errors} error, {self.skipped} already stored"
                f" | {self.done / secs:.1f} docs/s, {self.bytes / secs / 1e6:.2f} MB/s, {secs:.1f} s")


Progress = Callable[[Stats, Outcome | None], None]


def _wanted(items: Iterable[Item], known: dict[str, tuple[str | None, str]], retry_errors: bool,
            stats: Stats) -> Iterator[Item]:
    seen: set[str] = set()
    for item in items:
        if item.doc_id in seen:
            stats.skipped += 1
            continue
        seen.add(item.doc_id)
        prior = known.get(item.doc_id)
        if prior is not None and item.sha is not None and prior[0] == item.sha and (prior[1] == "ok" or not retry_errors):
            stats.skipped += 1
            if prior[1] != "ok":
                stats.skipped_errors += 1
            continue
        yield item


def _serial(items: Iterable[Item], options: Options, fn: Callable[[Item, Options], Any]) -> Iterator[tuple[Item, Any]]:
    for item in items:
        yield item, guarded(fn, item, options)


def _pool(items: Iterable[Item], options: Options, workers: int, fn: Callable[[Item, Options], Any] | None = None,
          on_failure: Callable[[Item, str], Any] | None = None, ordered: bool = True) -> Iterator[tuple[Item, Any]]:
    """Run in a process pool with a bounded window, in input order or (``ordered=False``) as
    documents finish, which keeps every worker busy when one document takes long.

    A worker that dies (killed, out of memory, a crash in native code) breaks the pool: the pool
    is rebuilt and the documents that were in flight are rerun one at a time, so the one that
    kills its worker again is recorded as an error and the others complete.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    fn = fn or process_item
    if on_failure is None:
        def on_failure(item: Item, reason: str) -> Outcome:
            return _failed(item, options, reason)
    window = workers * 8
    # SIGALRM stops a runaway document inside its worker; this hard limit (which also covers
    # worker start-up) catches one stuck in native code that the signal cannot interrupt
    hard_limit = options.time_budget * 2 + 60 if options.time_budget > 0 else None
    it = iter(items)
    isolate: deque[Item] = deque()
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker)
    inflight: deque[tuple[Item, Future[Outcome]]] = deque()
    try:
        while True:
            if isolate:
                item = isolate.popleft()
                fut = pool.submit(guarded, fn, item, options)
                try:
                    yield item, fut.result(timeout=hard_limit)
                except BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker)
                    yield item, on_failure(item, Errors.E023)
                except TimeoutError:
                    _kill(pool)
                    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker)
                    yield item, on_failure(item, Errors.E022.format(seconds=options.time_budget))
                continue
            while len(inflight) < window:
                try:
                    item = next(it)
                except StopIteration:
                    break
                inflight.append((item, pool.submit(guarded, fn, item, options)))
            if not inflight:
                return
            pos, timeout = 0, hard_limit
            if not ordered:
                done, _ = wait([f for _, f in inflight], timeout=hard_limit, return_when=FIRST_COMPLETED)
                pos = next((n for n, (_, f) in enumerate(inflight) if f in done), 0)
                timeout = 0  # nothing finished within the hard limit: the in-flight ones are stuck
            item, fut = inflight[pos]
            try:
                outcome = fut.result(timeout=timeout)
            except (BrokenProcessPool, TimeoutError):
                # the oldest document is running (or its worker is gone): rebuild the pool and
                # rerun what was in flight one at a time to find the culprit
                isolate.extend(i for i, _ in inflight)
                inflight.clear()
                _kill(pool)
                pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker)
                continue
            del inflight[pos]
            yield item, outcome
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _kill(pool: ProcessPoolExecutor) -> None:
    for proc in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _dask(items: Iterable[Item], options: Options, address: str, workers: int,
          fn: Callable[[Item, Options], Any]) -> Iterator[tuple[Item, Outcome]]:
    """Run on a dask.distributed cluster (``local`` starts a LocalCluster), in input order."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - depends on the extra
        raise FinfactsError(Errors.E028) from e
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        window = max(4, sum(client.nthreads().values()) * 4)
        inflight: deque[tuple[Item, Any]] = deque()
        it = iter(items)
        while True:
            while len(inflight) < window:
                try:
                    item = next(it)
                except StopIteration:
                    break
                inflight.append((item, client.submit(fn, item, options, pure=False)))
            if not inflight:
                return
            item, fut = inflight.popleft()
            try:
                outcome = fut.result()
            except Exception as e:  # noqa: BLE001 - a lost worker or task becomes an error row
                outcome = _failed(item, options, Errors.E024.format(kind=type(e).__name__, msg=e))
            yield item, outcome
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(inputs: Iterable[str], out: str | Path, *, workers: int | None = None, options: Options | None = None,
        commit_every: int = 64, commit_seconds: float = 2.0, retry_errors: bool = False,
        company: str | None = None, dask: str | None = None, progress: Progress | None = None,
        stdin: Any = None, process: Callable[[Item, Options], Outcome] = process_item) -> Stats:
    """Process every input into the store at ``out``; return the run's statistics.

    What ``finfacts batch`` runs. Documents already stored with the same content hash are
    skipped, so a rerun finishes an interrupted run.

    Args:
        inputs: files, directories (walked recursively), globs, JSONL files of
            ``{"id", "text"}`` records, or ``"-"`` for standard input.
        out: a ``.duckdb`` store, a ``.jsonl`` file, or a directory for Parquet files.
        workers: worker processes (default: every core); 1 runs in this process.
        options: per-document settings (size limit, time budget, default currency...).
        commit_every: documents per transaction.
        commit_seconds: commit at least this often.
        retry_errors: process again the documents stored as errors.
        company: the company of every input (JSONL records may carry their own).
        dask: ``"local"`` or a scheduler address (``"tcp://host:8786"``) to run on Dask.
        progress: called after each document with the statistics so far.
        stdin: the stream ``"-"`` reads (default: standard input).
        process: the per-document work (a module-level function, for the worker
            processes); the default reads, extracts and checks.

    Returns:
        Stats: documents done, stored ok, stored as errors and skipped, bytes and time.

    Raises:
        FinfactsError: a usage error (an input that names nothing, an unusable output path).
    """
    options = options or Options()
    paths = expand(inputs)
    sink, kind = open_sink(out)
    options = Options(**{**options.__dict__, "sink": kind})
    workers = workers or os.cpu_count() or 1
    stats = Stats(total=len(paths))
    for p in paths:
        if p != "-":
            with contextlib.suppress(OSError):
                stats.total_bytes += os.stat(p).st_size
    writer: _Writer | None = None
    try:
        wanted = _wanted(discover(paths, options.max_bytes, company, stdin), sink.known(), retry_errors, stats)
        if dask:
            results = _dask(wanted, options, dask, workers, process)
        elif workers <= 1:
            results = _serial(wanted, options, process)
        else:
            results = _pool(wanted, options, workers, process, ordered=False)
        writer = _Writer(sink)
        last_commit = time.monotonic()
        uncommitted = 0
        for item, outcome in results:
            writer.add(outcome)
            uncommitted += 1
            stats.done += 1
            stats.bytes += item.size
            if outcome.status == "ok":
                stats.ok += 1
            else:
                stats.errors += 1
            if uncommitted >= commit_every or time.monotonic() - last_commit >= commit_seconds:
                _commit(writer, stats, writer.commit)
                uncommitted = 0
                last_commit = time.monotonic()
            if progress is not None:
                progress(stats, outcome)
        _commit(writer, stats, writer.close)
    finally:
        if writer is not None:
            writer.stop()  # interrupted: what was done is still committed
        with contextlib.suppress(Exception):
            sink.close()
    return stats


def _commit(writer: _Writer, stats: Stats, step: Callable[[], None]) -> None:
    """Hand a batch to the writer (or finish writing), or stop the run with a clear error when
    the store cannot be written (disk full): what was committed before stays valid, and a rerun
    finishes the rest."""
    import duckdb

    try:
        step()
    except (OSError, duckdb.Error) as e:
        raise FinfactsError(Errors.E029.format(msg=e, committed=writer.committed,
                                               lost=stats.done - writer.committed)) from e


__all__ = ["Item", "Options", "Outcome", "Stats", "discover", "expand", "open_sink", "process_item", "run"]
