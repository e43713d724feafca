"""Score the period peer suites in two parts: the cases whose expected periods are dated by a year
written in the text, and the cases that rely on the reference date ("today") for their year.

    python benchmarks/peer_periods.py [--peers ../shared/eval/peers] [--show N]

The periods issue puts the second kind out of scope ("I'll be out this September", "2 days ago",
"last sept"): a release dates its figures by its own dateline, and such cases test a
conversational assistant's clock. A case relies on the reference date when one of its expected
periods starts or ends in a year that the text does not write (as four digits, or as the two
digits of a label such as "FY24" or "03/18/40"). Each part is written to a temporary JSONL file
and scored by ``score_mentions.py --types period``, exactly as the whole suite is.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import regex

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PEERS = REPO_ROOT.parent / "shared" / "eval" / "peers"
SUITES = ("recognizers_period.jsonl", "recognizers_date.jsonl")
YEAR4 = regex.compile(r"(?<!\d)\d{4}(?!\d)")
YEAR2 = regex.compile(r"(?<![\d/])'?(\d{2})(?!\d)")


def relies_on_today(case: dict) -> bool:
    """Whether an expected period's year is not written in the case's text."""
    text = case["text"]
    years = set(YEAR4.findall(text)) | {"20" + y for y in YEAR2.findall(text)} | {"19" + y for y in YEAR2.findall(text)}
    return any(
        (value := expected.get(key)) and value[:4] not in years
        for expected in case["expected"] for key in ("period_start", "period_end")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", type=Path, default=DEFAULT_PEERS)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    parts: dict[str, list[str]] = {"year in the text": [], "relies on the reference date": []}
    for name in SUITES:
        for line in (args.peers / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                key = "relies on the reference date" if relies_on_today(json.loads(line)) else "year in the text"
                parts[key].append(line)
    scorer = args.peers.parent / "score_mentions.py"
    with tempfile.TemporaryDirectory() as tmp:
        for label, lines in parts.items():
            path = Path(tmp) / (label.replace(" ", "_") + ".jsonl")
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            out = subprocess.run([sys.executable, str(scorer), str(path), "--types", "period", "--show", str(args.show)],
                                 capture_output=True, text=True, check=True).stdout
            print(f"## {label}: {len(lines)} cases")
            print(out.rstrip())


if __name__ == "__main__":
    main()
