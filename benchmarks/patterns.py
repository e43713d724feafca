"""Time every pattern the package compiles through ``finfacts.fastre``, under the engine it uses and
under the other, over one extraction of the corpus: which patterns cost the most, and where the
other engine would be faster (``fastre.std`` patterns run on ``re``, the rest on ``regex``).

    python benchmarks/patterns.py [--corpus ../shared/corpus/text] [--top 25]

Patterns compiled with ``regex.compile`` by the modules themselves are timed too. Each pattern is
compiled by both engines (a pattern ``re`` refuses, such as a lookbehind of
varying width, is timed under ``regex`` only); every call the pipeline makes (``search``,
``match``, ``finditer``...) runs on both and is timed on each, with ``time.perf_counter``, and the
result of the engine the package uses is returned. The totals include the timing's own cost,
the same for both engines. A pattern listed with the other engine much faster is worth a look,
and a change of engine must still pass ``tests/test_hostile.py``'s linearity test: ``re`` retries a
pattern from every position of a whitespace run that ``regex`` skips.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
spent: dict[tuple[str, str], list[float]] = {}  # (engine used, pattern) -> [seconds used, seconds other]


class Timed:
    """A compiled pattern that runs each call on both engines and returns the used one's result."""

    def __init__(self, used: Any, other: Any, engine: str) -> None:
        self.used, self.other, self.key = used, other, (engine, used.pattern)
        spent.setdefault(self.key, [0.0, 0.0])

    def __getattr__(self, name: str) -> Any:
        if name not in METHODS:
            return getattr(self.used, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            totals = spent[self.key]
            if self.other is not None:
                t = time.perf_counter()
                out = getattr(self.other, name)(*args, **kwargs)
                if name == "finditer":
                    list(out)
                totals[1] += time.perf_counter() - t
            t = time.perf_counter()
            result = getattr(self.used, name)(*args, **kwargs)
            if name == "finditer":
                result = iter(list(result))
            totals[0] += time.perf_counter() - t
            return result

        return call


def _as_re(pattern: str, flags: int) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return re.compile(pattern, _re_flags(flags))
    except (re.error, Warning, KeyError):
        return None


def _re_flags(flags: int) -> int:
    table = {int(regex.I): re.I, int(regex.M): re.M, int(regex.S): re.S, int(regex.X): re.X,
             int(regex.A): re.A, int(regex.U): re.U}
    out = 0
    for bit, flag in table.items():
        if int(flags) & bit:
            out |= flag
            flags = int(flags) & ~bit
    if flags:
        raise KeyError(flags)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "text"))
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.corpus).glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {args.corpus}")

    # load fastre on its own and wrap its compilers before any module of the package compiles a pattern
    spec = importlib.util.spec_from_file_location("finfacts.fastre", ROOT / "src" / "finfacts" / "fastre.py")
    fastre = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(fastre)  # type: ignore[union-attr]
    sys.modules["finfacts.fastre"] = fastre
    cache: dict[tuple[str, int, str], Timed] = {}

    def compile_regex(pattern: str, flags: int = 0) -> Timed:
        key = (pattern, int(flags), "regex")
        if key not in cache:
            cache[key] = Timed(real_compile(pattern, flags), _as_re(pattern, flags), "regex")
        return cache[key]

    def compile_std(pattern: str, flags: int = 0) -> Timed:
        key = (pattern, int(flags), "re")
        if key not in cache:
            cache[key] = Timed(re.compile(pattern, flags), real_compile(pattern, flags), "re")
        return cache[key]

    fastre.compile = compile_regex
    fastre.std = compile_std
    real_compile = regex.compile

    def module_compile(pattern: Any, flags: int = 0, **kwargs: Any) -> Any:
        # the patterns modules compile with regex.compile themselves (a str pattern, no regex-only arguments)
        if kwargs or not isinstance(pattern, str):
            return real_compile(pattern, flags, **kwargs)
        return compile_regex(pattern, flags)

    regex.compile = module_compile  # type: ignore[assignment]

    import finfacts

    for t in texts[:5]:
        finfacts.extract(t)
    for values in spent.values():
        values[0] = values[1] = 0.0
    for t in texts:
        finfacts.extract(t)

    used = sum(v[0] for v in spent.values())
    print(f"{len(texts)} texts, {len(spent)} patterns, {used:.3f} s matching under the engines used")
    print(f"{'engine':6s} {'used s':>8s} {'other s':>8s}  pattern")
    for (engine, pattern), (mine, other) in sorted(spent.items(), key=lambda kv: -kv[1][0])[:args.top]:
        shown = " ".join(pattern.split())[:90]
        print(f"{engine:6s} {mine:8.4f} {other:8.4f}  {shown}")
    faster = [(k, v) for k, v in spent.items() if v[1] and v[1] < 0.5 * v[0] and v[0] > 0.005]
    if faster:
        print("\nthe other engine at least twice as fast (and above 5 ms):")
        for (engine, pattern), (mine, other) in sorted(faster, key=lambda kv: kv[1][1] - kv[1][0]):
            print(f"{engine:6s} {mine:8.4f} {other:8.4f}  {' '.join(pattern.split())[:90]}")


if __name__ == "__main__":
    main()
