"""Score the period peer suites in three parts: the cases in scope, the cases that rely on the
reference date ("today") for their year, and the cases whose expected range ends the day before
the last unit it names.

    python benchmarks/peer_periods.py [--peers ../shared/eval/peers] [--show N]

The periods issue puts the second kind out of scope ("I'll be out this September", "2 days ago",
"last sept"): a release dates its figures by its own dateline, and such cases test a
conversational assistant's clock. A case relies on the reference date when one of its expected
periods starts or ends in a year that the text does not write (as four digits, or as the two
digits of a label such as "FY24" or "03/18/40").

The third kind is the suite's own note: "peer's range end is exclusive of the last named unit; an
inclusive reading would also cover that unit". The peer ends "Jan-Feb 2017" on January 31 and
"from 2014 to 2018" on 2017-12-31; the contract's ``period_end`` is inclusive, and finfacts reads
such a range as covering its last unit (a release's "2020-2030" or "from 2021 to 2023" includes
its last year). These cases are taken out first, whatever else they rely on.

Each part is written to a temporary JSONL file and scored by ``score_mentions.py --types period``,
exactly as the whole suite is.
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
EXCLUSIVE_END = "peer's range end is exclusive of the last named unit"
YEAR2 = regex.compile(r"(?<![\d/])'?(\d{2})(?!\d)")


def relies_on_today(case: dict) -> bool:
    """Whether an expected period's year is not written in the case's text."""
    text = case["text"]
    years = set(YEAR4.findall(text)) | {"20" + y for y in YEAR2.findall(text)} | {"19" + y for y in YEAR2.findall(text)}
    return any(
        (value := expected.get(key)) and value[:4] not in years
        for expected in case["expected"] for key in ("period_start", "period_end")
    )


def part(case: dict) -> str:
    """Which part of the suite a case belongs to (see the module docstring)."""
    if EXCLUSIVE_END in (case.get("note") or ""):
        return "peer's exclusive range end"
    return "relies on the reference date" if relies_on_today(case) else "in scope"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", type=Path, default=DEFAULT_PEERS)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    parts: dict[str, list[str]] = {"in scope": [], "relies on the reference date": [], "peer's exclusive range end": []}
    for name in SUITES:
        for line in (args.peers / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                parts[part(json.loads(line))].append(line)
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
