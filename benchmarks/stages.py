"""Time each stage of linking alone, in one process, in process time (steadier than wall time on a
shared machine than ``throughput.py``'s whole-pipeline runs).

    python benchmarks/stages.py [--repeat 5] [--corpus ../shared/corpus/text]

The pipeline's mentions of every release of the corpus are found once; then, ``--repeat`` times,
each stage runs over all of them and its best pass is printed: the spaCy pipeline itself (its
mentions, before the tables), finding tables, reading them (finding included), splitting
sentences, linking the prose, the table facts' models. Run it at two commits (e.g. from two
worktrees) to see what a change costs stage by stage.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import finfacts
import finfacts.api as api
from finfacts.doccontext import infer
from finfacts.link import link, sentences
from finfacts.resources import load_metrics
from finfacts.tables import read_tables
from finfacts.tables.find import find_tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "text"))
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.corpus).glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {args.corpus}")
    nlp = finfacts.load()
    prepared = []
    for t in texts:
        text = api.plain_spaces(t)
        result, _ = api._pipeline_result(nlp(text), text)
        prepared.append((t, text, result, infer(text, None, None, None)))
    metrics = load_metrics()
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent = dict.fromkeys(("mentions", "find tables", "read tables", "sentences", "link", "table facts"), 0.0)
        for _raw, text, result, ctx in prepared:
            a = time.process_time()
            nlp(text)
            b = time.process_time()
            find_tables(text)
            c = time.process_time()
            tables = read_tables(text, result.mentions, ctx, metrics)
            d = time.process_time()
            sentences(text)
            e = time.process_time()
            linked = link(text, tables.mentions, ctx, metrics, skip_tables=tables.covers)
            f = time.process_time()
            tables.facts(len(linked))
            g = time.process_time()
            for key, took in (("mentions", b - a), ("find tables", c - b), ("read tables", d - c),
                              ("sentences", e - d), ("link", f - e), ("table facts", g - f)):
                spent[key] += took
        for key, took in spent.items():
            best[key] = min(best.get(key, float("inf")), took)
    print(f"{len(texts)} texts, best of {args.repeat} passes, process time:")
    for key, took in best.items():
        print(f"  {key:12} {took:7.3f} s")


if __name__ == "__main__":
    main()
