"""Does the cost of finfacts grow linearly with its input?

Usage (from the repo root, with the project's venv)::

    python benchmarks/scaling.py                 # 1 MB vs 4 MB, and check over 1,000 / 4,000 facts
    python benchmarks/scaling.py --hostile       # also hostile shapes, n vs 4n characters each
    python benchmarks/scaling.py --json out.json # the figures as JSON too
    python benchmarks/scaling.py --corpus DIR    # another folder of *.txt releases

Method:

* Release text: the releases of ``--corpus`` (default ``<repo>/../shared/corpus/text``), or
  the fixture releases ``fixtures/releases/*.txt`` when that folder is missing, joined with
  blank lines and repeated until 1 MB, and until 4 MB, of characters. Both are extracted
  in one process after a warm-up, so the pipeline is built once. Each is timed once
  (``time.perf_counter``). Target: 4 MB costs at most 5 times what 1 MB costs.
* Check: four sets of different releases (a shuffled order cut where each set reaches
  1,000 facts), checked one by one and then joined into one text of 4,000 facts. Only
  ``finfacts.check`` is timed (best of 3). Targets: each set of 1,000 facts in under a
  second; the 4,000 facts cost at most 5 times the mean of a set (linear: 4 times).
* ``--hostile``: shapes that were quadratic before (currency signs in a row, parentheses
  nested deep, one endless sentence of figures, a long whitespace run, markup nested deep,
  Markdown link openers). Each is timed at n and 4n characters (n from 50,000 to 1,000,000
  as the shape is cheap or dear; ``documents.parse``, extract and check; best of 3).
  Target: at most 8 times (linear is 4 times, quadratic 16: a few passes over one long run
  cost up to 5.5 times as much for four times the text, through the memory caches).
* Peak RSS of the process is reported (``resource.getrusage``).

The exit code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "text"
FIXTURES = REPO / "fixtures" / "releases"
MB = 1_000_000
MAX_RATIO = 5.0
# a hostile shape is a few passes over one long run, where caches make 4x the text cost up to 5.5x
# the time: the target tells linear (4x) from quadratic (16x) halfway, on a log scale
MAX_HOSTILE_RATIO = 8.0
CHECK_1K_SECONDS = 1.0

sys.path.insert(0, str(REPO / "src"))
import finfacts
from finfacts import documents


def releases(corpus: Path) -> tuple[list[str], str]:
    folder = corpus if corpus.is_dir() and any(corpus.glob("*.txt")) else FIXTURES
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts, str(folder)


def repeat_to(texts: list[str], size: int) -> str:
    """The releases joined by blank lines, repeated and cut (at a line end) to ``size`` characters."""
    unit = "\n\n".join(texts) + "\n\n"
    text = unit * (size // len(unit) + 1)
    cut = text.rfind("\n", 0, size)
    return text[: cut if cut > 0 else size]


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def chunks_of_facts(texts: list[str], n: int, k: int) -> list[str]:
    """``k`` texts, each of releases joined (in one shuffled order, no release twice) until it has
    at least ``n`` facts."""
    ordered = list(texts)
    random.Random(0).shuffle(ordered)
    out: list[str] = []
    parts: list[str] = []
    total = 0
    for t in ordered:
        parts.append(t)
        total += len(finfacts.extract(t).facts)
        if total >= n:
            out.append("\n\n".join(parts))
            parts, total = [], 0
            if len(out) == k:
                break
    return out


# shape -> (characters of the smaller text, builder); the larger has four times as many
HOSTILE: dict[str, tuple[int, Callable[[int], tuple[str, str]]]] = {
    "currency signs in a row": (250_000, lambda n: ("txt", "$€£¥" * (n // 4))),
    "parentheses nested deep": (250_000, lambda n: ("txt", "$" + "(" * (n // 2) + "1.2" + ")" * (n // 2))),
    "one endless sentence of figures": (50_000, lambda n: ("txt", "revenue $5 from $4, up 3% " * (n // 26))),
    "long whitespace run": (500_000, lambda n: ("txt", "Revenue was high. " + " " * n + "• $5 million")),
    "markup nested deep": (1_000_000, lambda n: ("html", "<div>" * (n // 11) + "Revenue $5 million" + "</div>" * (n // 11))),
    "markdown link openers": (1_000_000, lambda n: ("md", "[a](" * (n // 4))),
}


def run_hostile() -> list[dict[str, Any]]:
    rows = []
    for name, (size, build) in HOSTILE.items():
        times = []
        for n in (size, 4 * size):
            fmt, raw = build(n)

            def work(raw: str = raw, fmt: str = fmt) -> Any:
                text = documents.parse(raw, fmt).text  # type: ignore[arg-type]
                return finfacts.check(finfacts.extract(text))

            times.append(timed(work, repeat=3)[0])
        rows.append({"shape": name, "chars": [size, 4 * size], "seconds": times,
                     "ratio": times[1] / max(times[0], 1e-3), "ok": times[1] <= MAX_HOSTILE_RATIO * max(times[0], 0.05)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt releases")
    parser.add_argument("--hostile", action="store_true", help="also time hostile shapes, each at n and 4n characters")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)

    texts, source = releases(args.corpus)
    print(f"Python {platform.python_version()} | finfacts {finfacts.__version__} | releases from {source} ({len(texts)})")
    finfacts.check(finfacts.extract(texts[0]))  # warm-up: build the pipeline
    report: dict[str, Any] = {"source": source, "targets": {"max_ratio": MAX_RATIO, "check_1k_seconds": CHECK_1K_SECONDS,
                                                           "max_hostile_ratio": MAX_HOSTILE_RATIO}}
    ok = True

    sizes = {}
    for label, size in (("1 MB", MB), ("4 MB", 4 * MB)):
        text = repeat_to(texts, size)
        seconds, ex = timed(lambda text=text: finfacts.extract(text))
        sizes[label] = {"chars": len(text), "seconds": seconds, "mentions": len(ex.mentions), "facts": len(ex.facts)}
        print(f"extract {label}: {len(text):>9,} chars {seconds:8.2f} s {len(text) / seconds:>9,.0f} chars/s "
              f"{len(ex.mentions):>7,} mentions {len(ex.facts):>7,} facts  peak RSS {peak_rss_mib():,.0f} MiB")
        del ex
    ratio = sizes["4 MB"]["seconds"] / sizes["1 MB"]["seconds"]
    verdict = ratio <= MAX_RATIO
    ok &= verdict
    print(f"extract 4 MB / 1 MB: {ratio:.2f}x (target <= {MAX_RATIO:g}x) {'ok' if verdict else 'MISSED'}")
    report["extract"] = {**sizes, "ratio": ratio, "ok": verdict}

    # four sets of different releases, each with about 1,000 facts: checked one by one, and all
    # four as one text; linear, the one text costs what the four sets cost together
    parts = chunks_of_facts(texts, 1000, 4)
    singles = []
    for text in parts:
        ex = finfacts.extract(text)
        seconds, rep = timed(lambda ex=ex: finfacts.check(ex), repeat=3)
        singles.append({"facts": len(ex.facts), "chars": len(ex.text), "seconds": seconds, "findings": len(rep.findings)})
        print(f"check {len(ex.facts):>6,} facts ({len(ex.text):>9,} chars): {seconds:6.3f} s, {len(rep.findings):,} findings")
    ex = finfacts.extract("\n\n".join(parts))
    seconds, rep = timed(lambda: finfacts.check(ex), repeat=3)
    together = {"facts": len(ex.facts), "chars": len(ex.text), "seconds": seconds, "findings": len(rep.findings)}
    print(f"check {len(ex.facts):>6,} facts ({len(ex.text):>9,} chars): {seconds:6.3f} s, {len(rep.findings):,} findings "
          "(the four as one text)")
    one = sum(x["seconds"] for x in singles) / len(singles)
    verdict_1k = max(x["seconds"] for x in singles) < CHECK_1K_SECONDS
    check_ratio = together["seconds"] / one
    verdict_4k = check_ratio <= MAX_RATIO
    ok &= verdict_1k and verdict_4k
    print(f"check 1,000 facts under {CHECK_1K_SECONDS:g} s: {'ok' if verdict_1k else 'MISSED'}; "
          f"4,000 facts / the mean of 1,000: {check_ratio:.2f}x (target <= {MAX_RATIO:g}x) {'ok' if verdict_4k else 'MISSED'}")
    report["check"] = {"1000": singles, "4000": together, "ratio": check_ratio, "ok": verdict_1k and verdict_4k}

    if args.hostile:
        rows = run_hostile()
        for r in rows:
            print(f"hostile {r['shape']:34} {r['seconds'][0]:7.3f} s -> {r['seconds'][1]:7.3f} s "
                  f"({r['ratio']:.2f}x, target <= {MAX_HOSTILE_RATIO:g}x) {'ok' if r['ok'] else 'MISSED'}")
            ok &= r["ok"]
        report["hostile"] = rows

    report["peak_rss_mib"] = peak_rss_mib()
    report["ok"] = ok
    print(f"peak RSS {report['peak_rss_mib']:,.0f} MiB; {'all targets met' if ok else 'a target was MISSED'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
