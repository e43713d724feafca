"""Read every raw release of the shared corpus and check what web furniture is left.

Usage: python benchmarks/read_corpus.py [--corpus DIR] [--show N]

For each .html/.md/.txt file under ``<repo>/../shared/corpus/raw`` it runs ``finfacts.read``
(counting errors), then ``finfacts.extract`` on the text, and lists every mention that lies
on a line that looks like navigation or page furniture (cookie notices, sign-in links,
share/related boxes, newswire pickup links). The summary line is what docs/accuracy.md
records.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import regex

import finfacts

FURNITURE = regex.compile(
    r"(?i)\b(?:cookie|sign in|log in|subscribe|newsletter|you may also like|related (?:posts|articles)|"
    r"leave a reply|share this|pickup|tldr|reddit|view source|original/source|home \||all rights reserved|"
    r"privacy policy|terms of use|follow us)\b"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    repo = Path(__file__).resolve().parent.parent
    ap.add_argument("--corpus", type=Path, default=repo.parent / "shared" / "corpus" / "raw")
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    files = sorted(p for p in args.corpus.iterdir() if p.is_file())
    errors = 0
    furniture_lines = 0
    furniture_mentions: list[str] = []
    by_format: dict[str, int] = {}
    for path in files:
        try:
            doc = finfacts.read(path)
        except finfacts.FinfactsError as e:
            errors += 1
            print(f"ERROR {path.name}: {e}")
            continue
        by_format[doc.format] = by_format.get(doc.format, 0) + 1
        result = finfacts.extract(doc.text)
        offset = 0
        for line in doc.text.split("\n"):
            if FURNITURE.search(line):
                furniture_lines += 1
                for m in result.mentions:
                    if offset <= m.start < offset + len(line):
                        furniture_mentions.append(f"{path.name}: {m.type} {m.text!r} in {line[:100]!r}")
            offset += len(line) + 1
    for row in furniture_mentions[: args.show]:
        print("  " + row)
    formats = ", ".join(f"{k} {v}" for k, v in sorted(by_format.items()))
    print(f"{len(files)} files read ({formats}), {errors} errors; {furniture_lines} furniture-like lines left, "
          f"{len(furniture_mentions)} mentions on them")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
