"""Throughput and memory benchmark for ``finfacts.extract``.

Measures how fast finfacts extracts facts from the real press releases in the
shared corpus, next to a baseline of plain spaCy tokenization
(``spacy.blank("en")``) over the same texts, in the same process.

Usage (from the repo root, with the project's venv)::

    python benchmarks/throughput.py                  # speed table
    python benchmarks/throughput.py --repeat 5       # best of 5 timed passes
    python benchmarks/throughput.py --pipe           # also time finfacts.load().pipe(texts)
    python benchmarks/throughput.py --memory         # also peak RSS for K = 1, 2, 4 passes
    python benchmarks/throughput.py --memory --memory-k 1 2 4 8
    python benchmarks/throughput.py --unseen         # also the first pass over texts not seen before
    python benchmarks/throughput.py --json out.json  # all figures as JSON
    python benchmarks/throughput.py --check          # exit 1 if a speed target is missed (see below)
    python benchmarks/throughput.py --corpus DIR     # another folder of *.txt files

The corpus defaults to ``<repo>/../shared/corpus/text``.

Method:

* Words are whitespace-separated tokens (``len(text.split())``), counted once
  for the corpus; chars are ``len(text)``.
* Before timing, the tokenizer runs once over a few texts and ``extract`` runs
  once over a few texts (which loads the pipeline), so one-off costs are not
  timed.
* Each stage is timed ``--repeat`` times over the whole corpus with
  ``time.perf_counter``, the stages taking turns (one pass each per round); the best (fastest)
  pass of each is reported.
* Everything runs on one core: no ``n_process``, no threads.
* ``--memory`` starts one fresh subprocess per K (``--_memory-child K``). Each
  child loads the corpus, warms up, then runs ``extract`` over the corpus K
  times (results are dropped as it goes, as a streaming user would) and reports
  its peak RSS. If memory is flat, the peak does not grow with K. One more
  child reports tracemalloc's peak (and what is still allocated afterwards)
  for a single pass.

* ``--unseen`` starts one fresh subprocess that warms the tokenizer and
  ``extract`` on half the corpus (every second text, twice), then times each once over the
  other half, which neither has seen. The timed passes above reuse what the
  earlier passes over the same texts left in caches (the tokenizer's cache of
  pieces, the vocabulary, finfacts' Matchers built per set of patterns); this
  shows what a first pass over new releases costs, on both sides of the ratio.

Targets checked by ``--check`` (the project's targets). The extraction of the figures,
``extract(facts=False)`` (every amount, percentage, count and period, normalized, with the
document's context and the tables read, since the figures in them take their scale from them):
at least 100,000 words/s, and at least 20% of the tokenizer's words/s (the quantities issue's
targets, set when ``extract`` did no more than that). Linking facts on top of it (``extract``
against ``extract(facts=False)``): at most 30% of that rate (the facts issue's target), so the
default ``extract`` may run at 70% of the figures' rate. The spaCy pipeline alone
(``finfacts.load()(text)``, its mentions before the tables are read) is timed too, so that what
reading the tables costs is printed beside it.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, NoReturn

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "text"

TARGET_WORDS_PER_SEC = 100_000
TARGET_RATIO_OF_TOKENIZER = 0.20
TARGET_LINKING_SHARE = 0.30  # linking (facts) may cost at most this share of the mentions-only rate
WARMUP_DOCS = 5
CHILD_RESULT_PREFIX = "THROUGHPUT_MEMORY_RESULT "


# --------------------------------------------------------------------------
# Setup helpers
# --------------------------------------------------------------------------


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error to stderr and exit."""
    print(f"throughput.py: error: {message}", file=sys.stderr)
    sys.exit(code)


def import_finfacts() -> ModuleType:
    """Import finfacts, falling back to the repo's own source tree."""
    try:
        finfacts = importlib.import_module("finfacts")
    except ImportError:
        for candidate in (REPO_ROOT / "src", REPO_ROOT):
            if (candidate / "finfacts").is_dir() and str(candidate) not in sys.path:
                sys.path.append(str(candidate))
        try:
            finfacts = importlib.import_module("finfacts")
        except ImportError as exc:
            fail(
                f"cannot import finfacts ({exc}); install the project "
                "(pip install -e .) or put it on PYTHONPATH"
            )
    if not callable(getattr(finfacts, "extract", None)):
        fail(
            f"finfacts at {getattr(finfacts, '__file__', None) or list(finfacts.__path__)}"
            " has no extract() function (yet?)"
        )
    return finfacts


def load_texts(corpus: Path) -> list[str]:
    """Read every *.txt file in the corpus folder, sorted by name."""
    if not corpus.is_dir():
        fail(
            f"corpus folder not found: {corpus}\n"
            "  expected the press releases in <repo>/../shared/corpus/text; "
            "pass --corpus DIR to use another folder"
        )
    paths = sorted(corpus.glob("*.txt"))
    if not paths:
        fail(f"no *.txt files in corpus folder: {corpus}")
    return [p.read_text(encoding="utf-8") for p in paths]


def cpu_model() -> str:
    """CPU model name from /proc/cpuinfo, or platform's best guess."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown"


def environment(texts: list[str], finfacts: ModuleType) -> dict[str, Any]:
    """Versions, CPU and corpus size, for the header and the JSON."""
    return {
        "python": platform.python_version(),
        "spacy": importlib.metadata.version("spacy"),
        "finfacts": getattr(finfacts, "__version__", "unknown"),
        "finfacts_path": str(getattr(finfacts, "__file__", "")),
        "cpu": cpu_model(),
        "platform": platform.platform(),
        "texts": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "chars": sum(len(t) for t in texts),
    }


# --------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------


def count_mentions(results: Iterable[Any]) -> int:
    """Total number of mentions over an iterable of Extraction objects."""
    return sum(len(getattr(r, "mentions", ()) or ()) for r in results)


def time_best(run_pass: Callable[[], int], repeat: int) -> tuple[list[float], int]:
    """Run a full pass `repeat` times; return all pass times and the mention count."""
    times: list[float] = []
    mentions = 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        mentions = run_pass()
        times.append(time.perf_counter() - start)
    return times, mentions


def time_rounds(passes: list[Callable[[], int]], repeat: int) -> list[tuple[list[float], int]]:
    """Run every pass once per round, `repeat` rounds; per pass, all its times and its mention count."""
    out: list[tuple[list[float], int]] = [([], 0) for _ in passes]
    for _ in range(repeat):
        for k, run_pass in enumerate(passes):
            gc.collect()
            start = time.perf_counter()
            mentions = run_pass()
            out[k] = (out[k][0] + [time.perf_counter() - start], mentions)
    return out


def stage_figures(
    name: str, times: list[float], mentions: int | None, corpus: dict[str, Any]
) -> dict[str, Any]:
    """Rates for one stage from its best pass."""
    best = min(times)
    return {
        "stage": name,
        "seconds": best,
        "all_pass_seconds": times,
        "words_per_sec": corpus["words"] / best,
        "chars_per_sec": corpus["chars"] / best,
        "docs_per_sec": corpus["texts"] / best,
        "mentions": mentions,
    }


def run_speed(
    texts: list[str], finfacts: ModuleType, repeat: int, pipe: bool, env: dict[str, Any]
) -> list[dict[str, Any]]:
    """Time tokenizer, extract and (optionally) pipe over the corpus."""
    import spacy

    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    extract = finfacts.extract
    warm = texts[:WARMUP_DOCS]

    def tokenizer_pass() -> int:
        for text in texts:
            tokenizer(text)
        return 0

    def extract_pass() -> int:
        return sum(len(extract(text).mentions) for text in texts)

    def mentions_pass() -> int:
        return sum(len(extract(text, facts=False).mentions) for text in texts)

    pipeline = finfacts.load()

    def pipeline_pass() -> int:
        # the spaCy pipeline alone: the rules' mentions, before the tables are read
        found = 0
        for text in texts:
            doc = pipeline(text)
            found += sum(1 for span in doc.spans["finfacts"] if span._.finfacts_data is not None)
        return found

    # Warm-up: build the tokenizer's caches, load finfacts' pipeline.
    for text in warm:
        tokenizer(text)
    for text in warm:
        extract(text)

    # The stages take turns, one pass each per round, so that a slow spell of a shared machine
    # falls on all of them alike and their ratios (% of the tokenizer, the linking share) hold;
    # each stage's best round is reported.
    timed = time_rounds([tokenizer_pass, extract_pass, mentions_pass, pipeline_pass], repeat)
    stages: list[dict[str, Any]] = [
        stage_figures("spacy tokenizer", timed[0][0], None, env),
        stage_figures("finfacts.extract", timed[1][0], timed[1][1], env),
        stage_figures("extract(facts=False)", timed[2][0], timed[2][1], env),
        stage_figures("pipeline (no tables)", timed[3][0], timed[3][1], env),
    ]

    if pipe:
        load = getattr(finfacts, "load", None)
        if load is None:
            print("note: --pipe skipped: finfacts has no load()", file=sys.stderr)
        else:
            pipeline = load()

            def pipe_pass() -> int:
                return count_mentions(pipeline.pipe(texts))

            count_mentions(pipeline.pipe(warm))
            pipe_times, pipe_mentions = time_best(pipe_pass, repeat)
            stages.append(
                stage_figures("finfacts.load().pipe", pipe_times, pipe_mentions, env)
            )

    tok_rate = stages[0]["words_per_sec"]
    for stage in stages:
        stage["percent_of_tokenizer"] = 100.0 * stage["words_per_sec"] / tok_rate
    return stages


# --------------------------------------------------------------------------
# Memory
# --------------------------------------------------------------------------


def peak_rss_bytes() -> tuple[int, str]:
    """Peak resident set size of this process, and where the figure came from.

    /proc/self/status VmHWM is preferred on Linux: it belongs to this process
    image only, while ru_maxrss can carry over the parent's peak across
    fork+exec.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024, "VmHWM"
    try:
        import resource

        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Linux reports KiB, macOS bytes.
        return (maxrss if sys.platform == "darwin" else maxrss * 1024), "ru_maxrss"
    except ImportError:
        pass
    try:
        psutil = importlib.import_module("psutil")
        info = psutil.Process().memory_info()
        peak = getattr(info, "peak_wset", None) or info.rss
        return int(peak), "psutil"
    except ImportError:
        return 0, "unavailable"


def memory_child(k: int, corpus: Path, trace: bool) -> None:
    """Body of a `--_memory-child K` subprocess: print one JSON result line."""
    finfacts = import_finfacts()
    texts = load_texts(corpus)
    extract = finfacts.extract
    for text in texts[:WARMUP_DOCS]:
        extract(text)
    gc.collect()
    after_warmup, source = peak_rss_bytes()

    result: dict[str, Any] = {"k": k, "rss_source": source}
    if trace:
        tracemalloc.start()
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        mentions = sum(len(extract(text).mentions) for text in texts)
        current, peak = tracemalloc.get_traced_memory()
        gc.collect()
        retained, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result.update(
            tracemalloc_peak_bytes=peak - before,
            tracemalloc_retained_bytes=retained - before,
            mentions=mentions,
        )
    else:
        per_pass: list[int] = []
        mentions = 0
        for _ in range(k):
            mentions += sum(len(extract(text).mentions) for text in texts)
            per_pass.append(peak_rss_bytes()[0])
        result.update(
            peak_rss_after_warmup_bytes=after_warmup,
            peak_rss_bytes=per_pass[-1],
            peak_rss_per_pass_bytes=per_pass,
            docs=k * len(texts),
            mentions=mentions,
        )
    print(CHILD_RESULT_PREFIX + json.dumps(result), flush=True)


def spawn_memory_child(k: int, corpus: Path, trace: bool) -> dict[str, Any]:
    """Run one memory child in a fresh interpreter and parse its result."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--_memory-child",
        str(k),
        "--corpus",
        str(corpus),
    ]
    if trace:
        cmd.append("--_tracemalloc")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(CHILD_RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(CHILD_RESULT_PREFIX):])
            return result
    fail(
        f"memory child {' '.join(cmd[2:])} failed (exit {proc.returncode}):\n"
        f"{proc.stderr.strip()}",
        code=1,
    )


def run_memory(corpus: Path, ks: list[int]) -> dict[str, Any]:
    """Peak RSS for each K (fresh process each), plus tracemalloc for one pass."""
    runs = [spawn_memory_child(k, corpus, trace=False) for k in ks]
    traced = spawn_memory_child(1, corpus, trace=True)
    return {
        "runs": runs,
        "rss_source": runs[0]["rss_source"] if runs else "unavailable",
        "tracemalloc_peak_bytes": traced["tracemalloc_peak_bytes"],
        "tracemalloc_retained_bytes": traced["tracemalloc_retained_bytes"],
    }


def unseen_child(corpus: Path, facts: bool = True) -> None:
    """Body of the ``--_unseen-child`` subprocess: print one JSON result line. With ``facts``
    False it times ``extract(facts=False)`` (the figures) in place of ``extract``."""
    import functools

    import spacy

    finfacts = import_finfacts()
    extract = finfacts.extract if facts else functools.partial(finfacts.extract, facts=False)
    texts = load_texts(corpus)
    seen, unseen = texts[1::2], texts[0::2]
    tokenizer = spacy.blank("en").tokenizer
    for _ in range(2):
        for text in seen:
            tokenizer(text)
            extract(text)
    gc.collect()
    result: dict[str, Any] = {"texts": len(unseen), "words": sum(len(t.split()) for t in unseen)}
    for name, run in (("tokenizer", tokenizer), ("extract", extract)):
        for label in ("first", "again"):
            start = time.perf_counter()
            for text in unseen:
                run(text)
            result[f"{name}_{label}_seconds"] = time.perf_counter() - start
    print(CHILD_RESULT_PREFIX + json.dumps(result), flush=True)


def run_unseen(corpus: Path) -> dict[str, Any]:
    """The ``--unseen`` figures, each side from a fresh interpreter: ``extract``, and
    ``extract(facts=False)`` (under the key ``"figures"``)."""
    out: dict[str, Any] = {}
    for facts in (True, False):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_unseen-child", "--corpus", str(corpus)]
        if not facts:
            cmd.append("--_no-facts")
        proc = subprocess.run(cmd, capture_output=True, text=True)
        for line in reversed(proc.stdout.splitlines()):
            if line.startswith(CHILD_RESULT_PREFIX):
                result: dict[str, Any] = json.loads(line[len(CHILD_RESULT_PREFIX):])
                break
        else:
            fail(f"unseen child failed (exit {proc.returncode}):\n{proc.stderr.strip()}", code=1)
        if facts:
            out.update(result)
        else:
            out["figures"] = result
    return out


def print_unseen(result: dict[str, Any]) -> None:
    """The --unseen table: each side's first pass over new texts, and its second."""
    print(f"\nunseen half ({result['texts']} texts, {result['words']:,} words; the other half warmed both, twice;"
          " a fresh process for each of the two)")
    print(f"{'pass':30} {'tokenizer s':>12} {'extract s':>10} {'extract words/s':>16} {'% of tok':>9}")
    for prefix, part in (("", result), ("facts=False, ", result.get("figures"))):
        if part is None:
            continue
        for label in ("first", "again"):
            tok, ext = part[f"tokenizer_{label}_seconds"], part[f"extract_{label}_seconds"]
            print(f"{prefix + label + ' pass':30} {tok:12.4f} {ext:10.4f} {part['words'] / ext:16,.0f}"
                  f" {100 * tok / ext:8.1f}%")


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def mib(n: float) -> str:
    return f"{n / (1024 * 1024):.1f}"


def print_header(env: dict[str, Any], repeat: int) -> None:
    print(
        f"Python {env['python']} | spaCy {env['spacy']} | finfacts {env['finfacts']}"
        f" | CPU {env['cpu']} | {env['texts']} texts, {env['words']:,} words,"
        f" {env['chars']:,} chars | best of {repeat}"
    )


def print_speed_table(stages: list[dict[str, Any]]) -> None:
    header = (
        f"{'stage':<22} {'seconds':>9} {'words/s':>13} {'chars/s':>14}"
        f" {'docs/s':>10} {'mentions':>9} {'% of tok':>10}"
    )
    print()
    print(header)
    print("-" * len(header))
    for s in stages:
        mentions = "-" if s["mentions"] is None else f"{s['mentions']:,}"
        print(
            f"{s['stage']:<22} {s['seconds']:>9.4f} {s['words_per_sec']:>13,.0f}"
            f" {s['chars_per_sec']:>14,.0f} {s['docs_per_sec']:>10,.1f}"
            f" {mentions:>9} {s['percent_of_tokenizer']:>9.1f}%"
        )
    by_name = {s["stage"]: s for s in stages}
    if "extract(facts=False)" in by_name:
        figures = by_name["extract(facts=False)"]
        print(f"the figures (extract(facts=False)) run at {figures['percent_of_tokenizer']:.1f}% of the tokenizer's"
              f" rate (target >= {TARGET_RATIO_OF_TOKENIZER:.0%}) and {figures['words_per_sec']:,.0f} words/s"
              f" (target {TARGET_WORDS_PER_SEC:,})")
    if "finfacts.extract" in by_name and "extract(facts=False)" in by_name:
        cost = linking_share(by_name["finfacts.extract"], by_name["extract(facts=False)"])
        print(f"linking (the facts of the prose and of the tables read) costs {cost:.1%} of the"
              f" mentions-only rate (target <= {TARGET_LINKING_SHARE:.0%})")
    if "extract(facts=False)" in by_name and "pipeline (no tables)" in by_name:
        cost = linking_share(by_name["extract(facts=False)"], by_name["pipeline (no tables)"])
        print(f"reading the tables (and building the result) costs {cost:.1%} of the pipeline's rate")


def print_memory_table(memory: dict[str, Any], n_texts: int) -> None:
    print()
    print(f"Memory (one fresh process per K; peak RSS from {memory['rss_source']})")
    header = (
        f"{'K':>3} {'docs':>7} {'peak RSS after warm-up MiB':>27}"
        f" {'peak RSS after K passes MiB':>28} {'growth MiB':>11}"
    )
    print(header)
    print("-" * len(header))
    for run in memory["runs"]:
        warm = run["peak_rss_after_warmup_bytes"]
        peak = run["peak_rss_bytes"]
        print(
            f"{run['k']:>3} {run['docs']:>7} {mib(warm):>27} {mib(peak):>28}"
            f" {mib(peak - warm):>11}"
        )
    print(
        f"tracemalloc, one pass over {n_texts} texts: peak"
        f" {mib(memory['tracemalloc_peak_bytes'])} MiB, still allocated after"
        f" the pass {mib(memory['tracemalloc_retained_bytes'])} MiB"
    )


def linking_share(full: dict[str, Any], mentions_only: dict[str, Any]) -> float:
    """How much of the mentions-only rate linking costs: 1 - full / mentions-only."""
    return 1.0 - full["words_per_sec"] / mentions_only["words_per_sec"]


def check_targets(stages: list[dict[str, Any]]) -> list[str]:
    """Messages for each missed target (empty list if all are met): the figures'
    extraction (``extract(facts=False)``) against the speed targets, linking against its share."""
    extract = next(s for s in stages if s["stage"] == "finfacts.extract")
    mentions_only = next((s for s in stages if s["stage"] == "extract(facts=False)"), None)
    figures = mentions_only if mentions_only is not None else extract
    name = figures["stage"]
    failures: list[str] = []
    if figures["words_per_sec"] < TARGET_WORDS_PER_SEC:
        failures.append(
            f"{name} runs at {figures['words_per_sec']:,.0f} words/s,"
            f" below the target of {TARGET_WORDS_PER_SEC:,} words/s"
        )
    ratio = figures["percent_of_tokenizer"] / 100.0
    if ratio < TARGET_RATIO_OF_TOKENIZER:
        failures.append(
            f"{name} runs at {ratio:.1%} of the tokenizer's rate,"
            f" below the target of {TARGET_RATIO_OF_TOKENIZER:.0%}"
        )
    if mentions_only is not None:
        cost = linking_share(extract, mentions_only)
        if cost > TARGET_LINKING_SHARE:
            failures.append(
                f"linking costs {cost:.1%} of the mentions-only rate,"
                f" above the target of {TARGET_LINKING_SHARE:.0%}"
            )
    return failures


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def positive_int(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark finfacts.extract against spaCy tokenization.",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="DIR",
        help="folder of *.txt press releases (default: <repo>/../shared/corpus/text)",
    )
    parser.add_argument(
        "--repeat",
        type=positive_int,
        default=3,
        metavar="N",
        help="timed passes per stage; the best is reported (default: 3)",
    )
    parser.add_argument(
        "--pipe",
        action="store_true",
        help="also time finfacts.load().pipe(texts), if finfacts.load exists",
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="also measure peak RSS over K passes (fresh process per K) and tracemalloc",
    )
    parser.add_argument(
        "--memory-k",
        type=positive_int,
        nargs="+",
        default=[1, 2, 4],
        metavar="K",
        help="pass counts for --memory (default: 1 2 4)",
    )
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="also time one first pass over half the corpus, after warming on the other half (fresh process)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="write all figures as JSON")
    parser.add_argument(
        "--check",
        action="store_true",
        # The trailing "%" doubles the one from ":.0%": argparse %-formats help.
        help=(
            f"exit 1 if extract(facts=False) is below {TARGET_WORDS_PER_SEC:,} words/s or below"
            f" {TARGET_RATIO_OF_TOKENIZER:.0%}% of the tokenizer's rate, or linking costs more than"
            f" {TARGET_LINKING_SHARE:.0%}% of it"
        ),
    )
    # Internal: the body of one --memory subprocess.
    parser.add_argument("--_memory-child", type=positive_int, help=argparse.SUPPRESS)
    parser.add_argument("--_tracemalloc", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_unseen-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_no-facts", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = args.corpus.resolve()

    if args._memory_child is not None:
        memory_child(args._memory_child, corpus, args._tracemalloc)
        return 0
    if args._unseen_child:
        unseen_child(corpus, facts=not args._no_facts)
        return 0

    texts = load_texts(corpus)
    finfacts = import_finfacts()
    env = environment(texts, finfacts)
    env["corpus"] = str(corpus)
    print_header(env, args.repeat)

    stages = run_speed(texts, finfacts, args.repeat, args.pipe, env)
    print_speed_table(stages)

    memory = None
    if args.memory:
        memory = run_memory(corpus, args.memory_k)
        print_memory_table(memory, env["texts"])

    unseen = None
    if args.unseen:
        unseen = run_unseen(corpus)
        print_unseen(unseen)

    failures = check_targets(stages)
    if args.json:
        report = {
            "environment": env,
            "repeat": args.repeat,
            "stages": stages,
            "memory": memory,
            "unseen": unseen,
            "targets": {
                "words_per_sec": TARGET_WORDS_PER_SEC,
                "ratio_of_tokenizer": TARGET_RATIO_OF_TOKENIZER,
                "linking_share": TARGET_LINKING_SHARE,
                "met": not failures,
                "failures": failures,
            },
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")

    if args.check:
        print()
        if failures:
            for message in failures:
                print(f"CHECK FAILED: {message}")
            return 1
        print(
            f"CHECK OK: the figures' extraction meets {TARGET_WORDS_PER_SEC:,} words/s and"
            f" {TARGET_RATIO_OF_TOKENIZER:.0%} of the tokenizer's rate; linking costs at most"
            f" {TARGET_LINKING_SHARE:.0%} of it"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
