"""Golden facts: ``fixtures/expected/facts/<stem>.jsonl`` against ``extract(read(releases/<stem>.*))``.

One case per expected fact (id ``<stem>:<surface>``, with ``#<occurrence>`` when the surface repeats).
The text is ``finfacts.read(path).text``, the text a user's offsets refer to, so the HTML and Markdown
releases are read as they are extracted. Table facts of those releases are listed too (``"source":
"table"`` with the cell's ``row_label``), so each file holds every fact its release states; the
statements of ``fixtures/tables/`` keep their own golden files (``tests/test_tables.py``).

An expected fact is found when one predicted fact of the same source has a value mention overlapping
the item's location (``surface`` and ``occurrence`` located by plain substring search, as for the
mention goldens of ``fixtures/README.md``) and agrees on every field the file defines: ``role``,
``metric``, ``adjusted``, ``scope``, ``period`` (start and end, null included), ``change`` (value,
unit, direction, ``basis``, ``absolute``), ``per`` and ``qualifier`` of the value, and ``row_label``
for a table fact. A key left out means its default: role ``value``, not adjusted, no scope, no change,
no ``per``, no qualifier, and within a change no basis and no absolute amount.

The expectations are what the release states, read by hand, not what the library outputs:

- Not facts: a change of another figure ("up 19.2%", "an increase of $5.1 million", "(+1.1 pp)"; it
  is that figure's ``change``), a translation or restatement of an amount ("(US$1.7 billion)",
  "(₹120 crore)", "equivalent to approximately EUR 425 million"), a threshold or tier that defines a
  group ("customers with ARR in excess of $100,000", "phones priced at RMB3,000 or more", "at least
  five devices"), an exchange rate, a share's face value, and a count that only refers back to
  items just named ("These three segments make up total net sales").
- Roles (``docs/concepts/facts.md``): ``prior`` for a comparative, of its own period (a prior
  guidance range keeps the year it guides); ``share`` for "X% of <whole>", with the whole's metric and
  scope, elliptical ones (", or 30.8%") included; ``change`` for a change stated without its level;
  ``guidance`` for outlook, plans, budgets, targets and ambitions. Table cells are ``value`` in every
  column, each with its column's period, as in ``fixtures/tables/expected/``.
- Metric: the taxonomy id (``patterns/metrics.jsonl``) of what the figure measures, whatever words
  the release uses ("shipped" is Shipments, "bought back" ShareRepurchases); null when the taxonomy
  has none (adjusted EBITA, all-in sustaining cost, gold production, restructuring charges), and
  ``adjusted`` still says "Adjusted", "non-GAAP" or "organic".
- Scope: the segment, product line, programme, site or region the text restricts the figure to, in
  the release's words, lowercase, without articles, verbs or the metric's own words ("iot and
  lifestyle", "swiss", "bhiwandi"); none for the whole company.
- Period: a flow takes the period it covers (the sentence's, the paragraph's, else the release's);
  a level held at a moment (balances, backlog, counts of stores, customers, subscribers, employees,
  devices) takes the instant it is held at, the period's last day unless the text dates it; a
  present-tense description ("operates", "employs", "now runs") the release date; a dividend "paid
  on" or "payable on" a date that date; fiscal labels follow the calendar the release states, and a
  fiscal year whose calendar it does not state (Harborline's fiscal 2025 and 2026) has null dates.
- Change: signed (negative when down), in ``percent``, ``percentage_point`` or the currency of an
  amount; ``basis`` only where a basis phrase names it ("year-on-year", "year over year") or a table
  change column compares its columns' periods.

Where the library is wrong, the case is a strict xfail in ``KNOWN_GAPS`` saying what it does instead;
fixing it makes the case XPASS, which fails the run until the entry is removed. Predicted facts that
match no expected fact fail ``test_golden_facts_no_unexpected_facts`` unless ``ALLOWED_EXTRA`` lists
them (reason starting "BUG:" for a figure that should be no fact), and ``ALLOWED_EXTRA`` is checked to
be current.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import finfacts
from finfacts.resources import load_metrics

from .conftest import EXPECTED, RELEASES, dec

FACTS = EXPECTED / "facts"
KEYS = {"surface", "occurrence", "source", "row_label", "role", "metric", "adjusted", "scope", "period", "change",
        "per", "qualifier"}
CHANGE_KEYS = {"value", "unit", "direction", "basis", "absolute"}
ROLES = {"value", "prior", "share", "change", "guidance"}

# "<stem>:<surface>[#<occurrence>]" -> what the library does instead of the expected fact. Every entry
# is a bug or gap of the linker (or of the mention it needs); remove the entry when its case passes.
_AU = "aurora-devices-fy2023"
_NW = "northwind-software-q3fy2024"
_HV = "helvetia-industrial-h1-2024"
_MM = "maple-minerals-2023"
_GT = "ganga-textiles-q3fy26"
_HR = "contradictory-retail-2024"
_CO = "hostile-markup"
_LG = "markdown-release"

_TRAILING_CHANGE = ("'X, against/compared with Y, a decline/rise of N%': the trailing change goes to the prior Y, "
                    "not to X")
_LEVEL_AS_CHANGE = ("'rose to A% from B%, a gain of N points': the level A% is read as a change (role change) "
                    "and the points go to the prior B%")
_BULLET_PRIOR = "bullet 'X (H1 2023: Y), -N%': the change goes to the comparative Y instead of X"
_SEGMENTS = "'By segment, Apparel contributed $2.1 billion, Home $1.3 billion and ...': no metric and no scope"

KNOWN_GAPS: dict[str, str] = {
    # Aurora Devices
    f"{_AU}:19%": "'in mainland China, the ASP ... was over 19% higher than in 2022': the leading region is not the "
                  "scope",
    f"{_AU}:16.9%": "'the Group's share of the RMB4,000-RMB6,000 price band reached 16.9%': 'share of' is not "
                    "MarketShare, the band is not the scope, and it is dated 2022 from 'than in 2022'",
    f"{_AU}:20%": "'made up more than 20% of the Group's total smartphone shipments' is taken as the change of the "
                  "price threshold 'RMB3,000', not a share of Shipments",
    f"{_AU}:40%": "'Smart large appliances ... grew their revenue by nearly 40%': the subject is not the scope",
    f"{_AU}:RMB8.4 billion": "the leading region 'Outside mainland China,' is not part of the scope",
    f"{_AU}:17,800 R&D personnel": "'R&D personnel' is a taxonomy name of Employees, so the restriction 'r&d' is lost "
                                   "(the 33,600 full-time employees of the same day get the same metric and scope)",
    f"{_AU}:RMB100 billion": "'plans to spend more than RMB100 billion on research and development': the metric after "
                             "'on' is not read",
    # Northwind Software
    f"{_NW}:$150 million#0": "headline 'authorizes $150 million buyback' is dated as fiscal 2024, not up to June 30, "
                             "2025 (the authorization's end, stated in the body)",
    f"{_NW}:4.1 million": "'on the Northwind Crew mobile app' is not the scope",
    f"{_NW}:$505 million to $512 million": "'raised from the prior range of $505 million to $512 million': the prior "
                                           "guidance is dated as the prior-year quarter, not fiscal 2024",
    f"{_NW}:$29.6 million": "'Non-GAAP operating income excludes stock-based compensation of $29.6 million': the "
                            "excluded item is marked adjusted, with the scope 'operating income excludes'",
    # Helvetia Industrial
    f"{_HV}:two framework contracts": "'Rail Components ... won two framework contracts': the subject division does "
                                      "not scope the count",
    f"{_HV}:5 million euros": "dated as the first half of 2023 from 'the prior-year period' in the clause before",
    f"{_HV}:two sites": "dated as the first half of 2023 from 'the prior-year period' in the clause before; 'in "
                        "northern Italy' is not the scope",
    # Maple Minerals
    f"{_MM}:300,000 to 320,000 ounces": "'within its guidance of 300,000 to 320,000 ounces': metric 'Guidance' with the "
                                        "scope 'within', and no period",
    f"{_MM}:330,000 ounces": "'roughly 330,000 ounces' for the year is dated as the fourth quarter",
    f"{_MM}:US$1,200 to US$1,275": "'below the guidance range of US$1,200 to US$1,275 per ounce': metric 'Guidance' "
                                   "instead of the AISC it guides (none in the taxonomy), and no period",
    f"{_MM}:US$150 million": "'with no drawn debt after the Company repaid US$150 million': the repayment is read as "
                             "the year-end Debt balance, with the scope 'no drawn'",
    f"{_MM}:half a billion dollars": "'Sustaining and growth capital combined is budgeted at roughly half a billion "
                                     "dollars': the capital is not CapitalExpenditure, and the year of the sentence "
                                     "before (For 2024, Maple expects) is not read",
    f"{_MM}:1.1 million common shares": "'Year-to-date, the Company has also repurchased' is dated 2023, not the "
                                        "year-to-date period of the sentence before",
    f"{_MM}:$100 million": "'Dividends and share buybacks returned more than $100 million ... over the trailing twelve "
                           "months': two measures named together get DividendsPerShare (per share, for a total), and "
                           "the quarter instead of the twelve months",
    # Ganga Textiles
    f"{_GT}:5,000 weavers": "'Ganga works with more than 5,000 weavers ... in Varanasi' (present tense) is dated as "
                            "the quarter, not the release date, and has no scope",
    f"{_GT}:Rs. 2,35,000": "'in calendar 2025' is dated as the quarter (test_golden PERIOD_GAPS: 'calendar 2025'); "
                           "'in Varanasi' is not the scope",
    f"{_GT}:INR 1,200 million": "'The Board approved a capex plan of INR 1,200 million ... at Surat': a plan is not "
                                "guidance, and it is dated as the quarter",
    f"{_GT}:₹75 crore": "'a term loan of up to ₹75 crore' (a planned loan): 'term loan' is not Debt, not guidance, "
                        "dated as the quarter",
    f"{_GT}:₹2.50": "'an interim dividend of ₹2.50 per equity share ... for FY26' is dated as the quarter, not "
                    "FY26",
    # Harborline Stores (contradictory-retail-2024)
    f"{_HR}:$2.1 billion": _SEGMENTS,
    f"{_HR}:$1.3 billion": _SEGMENTS,
    f"{_HR}:$0.7 billion": _SEGMENTS,
    f"{_HR}:21.5 million active members": "'The loyalty program finished the year with ... active members': 'active "
                                          "members' is not ActiveUsers, the program is not the scope",
    f"{_HR}:19.9 million": "'approximately 21.5 million active members, up 8% from 19.9 million': the comparative "
                           "takes its current figure's scope, but the current has none ('The loyalty program "
                           "finished the year with', see the 21.5 million), and is dated by the prior fiscal year, "
                           "not its last day (ActiveUsers is not a balance)",
    f"{_HR}:$6.2 million": "'The business-to-business gifting pilot brought in $6.2 million ... in the fourth "
                           "quarter': 'brought in' is not Revenues, the pilot is not the scope, dated as fiscal 2024",
    f"{_HR}:3 new customers": "'brought in ... 3 new customers': without the pilot's scope",
    f"{_HR}:$25 million": "'expects the program to reach at least $25 million in annual sales by fiscal 2026': 'annual "
                          "sales' is not Revenues, and no scope",
    # Cascadia Outdoor (hostile-markup.html)
    f"{_CO}:214 stores & shop-in-shops": "'214 stores & shop-in-shops': the count's unit stops at '&' ('shop'), so no "
                                         "Stores",
    # Lumen Grid Energy (markdown-release.md)
    f"{_LG}:19.9%": "table change column '3.9 pp' (percentage points) is not attached to the Gross margin cell",
}

# Predicted facts whose value overlaps no expected fact, keyed by (stem, surface, occurrence of the
# surface in the text), with why each is tolerated; "BUG:" when the figure should give no fact.
ALLOWED_EXTRA: dict[tuple[str, str, int], str] = {
    (_AU, "RMB3,000", 0): "BUG: the price threshold 'Phones priced at RMB3,000 or more' (a price tier) is a fact",
    (_AU, "five Aurora devices", 0): "BUG: the threshold 'Users with at least five Aurora devices' is an "
                                     "ActiveUsers fact",
    (_AU, "RMB7.0999", 0): "BUG: the exchange rate 'RMB7.0999 to US$1.00' is two facts",
    (_AU, "US$1.00", 0): "BUG: the exchange rate 'RMB7.0999 to US$1.00' is two facts",
    (_NW, "$100,000", 0): "BUG: the threshold 'customers with ARR in excess of $100,000' is an ARR fact",
    (_HV, "EUR 425 million", 0): "BUG: the translation 'CHF 412 million ..., equivalent to approximately EUR 425 "
                                 "million' is a fact of its own",
    (_GT, "₹120 crore", 0): "BUG: the amount restated in crore, 'INR 1,200 million (₹120 crore)', is a fact of its own",
    (_GT, "₹2", 1): "BUG: the face value 'of face value ₹2 each' is a StockholdersEquity fact, with the dividend's "
                    "'(125%)' as its change",
}


def _stems() -> list[str]:
    return sorted(p.stem for p in FACTS.glob("*.jsonl"))


def _release(stem: str) -> Path:
    (path,) = [p for p in RELEASES.iterdir() if p.is_file() and p.stem == stem]
    return path


@functools.cache
def _text(stem: str) -> str:
    return finfacts.read(_release(stem)).text


@functools.cache
def _extraction(stem: str) -> finfacts.Extraction:
    return finfacts.extract(_text(stem))


@functools.cache
def _items(stem: str) -> tuple[dict[str, Any], ...]:
    lines = (FACTS / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def _case_id(stem: str, item: dict[str, Any]) -> str:
    occurrence = f"#{item['occurrence']}" if "occurrence" in item else ""
    return f"{stem}:{item['surface']}{occurrence}"


def _starts(text: str, surface: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(surface, i)]


def _location(stem: str, item: dict[str, Any]) -> tuple[int, int]:
    """The k-th start of ``surface`` as a plain substring (fixtures/README.md)."""
    starts = _starts(_text(stem), item["surface"])
    k = item.get("occurrence", 0)
    assert k < len(starts), f"{item['surface']!r} occurs {len(starts)} times, not {k + 1}"
    return starts[k], starts[k] + len(item["surface"])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _expected(item: dict[str, Any]) -> dict[str, Any]:
    """The fields an expected fact defines, defaults filled in, as comparable Python values."""
    change = item.get("change")
    want: dict[str, Any] = {
        "role": item.get("role", "value"),
        "metric": item["metric"],
        "adjusted": item.get("adjusted", False),
        "scope": item.get("scope"),
        "period": tuple(_date(d) for d in item["period"]),
        "change": None if change is None else {
            "value": dec(change["value"]), "unit": change["unit"], "direction": change["direction"],
            "basis": change.get("basis"), "absolute": dec(change.get("absolute"))},
        "per": item.get("per"),
        "qualifier": item.get("qualifier"),
    }
    if item.get("source") == "table":
        want["row_label"] = item["row_label"]
    return want


def _predicted(fact: finfacts.Fact) -> dict[str, Any]:
    """The same fields of a predicted fact."""
    change = fact.change
    got: dict[str, Any] = {
        "role": fact.role,
        "metric": fact.metric,
        "adjusted": fact.adjusted,
        "scope": fact.scope,
        "period": (None, None) if fact.period is None else (fact.period.period_start, fact.period.period_end),
        "change": None if change is None else {
            "value": change.value, "unit": change.unit, "direction": change.direction, "basis": change.basis,
            "absolute": change.absolute},
        "per": getattr(fact.value, "per", None),
        "qualifier": fact.value.qualifier,
    }
    if fact.source == "table":
        got["row_label"] = fact.cell.row_label if fact.cell is not None else None
    return got


def _candidates(stem: str, item: dict[str, Any]) -> list[finfacts.Fact]:
    where = _location(stem, item)
    source = item.get("source", "prose")
    return [f for f in _extraction(stem).facts
            if f.source == source and _overlaps((f.value.start, f.value.end), where)]


def _cases() -> list[Any]:
    cases = []
    for stem in _stems():
        for item in _items(stem):
            case_id = _case_id(stem, item)
            marks = [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[case_id])] if case_id in KNOWN_GAPS else []
            cases.append(pytest.param(stem, item, id=case_id, marks=marks))
    return cases


@pytest.mark.parametrize("stem,item", _cases())
def test_golden_facts_expected_fact(stem: str, item: dict[str, Any]) -> None:
    want = _expected(item)
    got = [(f.value.text, _predicted(f)) for f in _candidates(stem, item)]
    assert any(fields == want for _surface, fields in got), (
        f"expected {want} at {item['surface']!r}; overlapping facts: {got}")


def _unexpected(stem: str) -> list[tuple[str, int, finfacts.Fact]]:
    """Predicted facts overlapping no expected fact of their source, as (surface, occurrence, fact)."""
    text = _text(stem)
    spans = [(it.get("source", "prose"), _location(stem, it)) for it in _items(stem)]
    out = []
    for f in _extraction(stem).facts:
        where = (f.value.start, f.value.end)
        if any(source == f.source and _overlaps(where, span) for source, span in spans):
            continue
        occurrence = sum(1 for i in range(f.value.start) if text.startswith(f.value.text, i))
        out.append((f.value.text, occurrence, f))
    return out


@pytest.mark.parametrize("stem", _stems())
def test_golden_facts_no_unexpected_facts(stem: str) -> None:
    extra = [(surface, occurrence, f.role, f.metric) for surface, occurrence, f in _unexpected(stem)
             if (stem, surface, occurrence) not in ALLOWED_EXTRA]
    assert extra == []


def test_golden_facts_allow_list_is_current() -> None:
    """An allowed extra that is no longer produced is stale: remove it from ALLOWED_EXTRA."""
    stale = [key for key in ALLOWED_EXTRA
             if (key[1], key[2]) not in {(surface, occ) for surface, occ, _f in _unexpected(key[0])}]
    assert stale == []


@pytest.mark.parametrize("stem", _stems())
def test_golden_facts_surfaces_are_located(stem: str) -> None:
    """Every surface (with its occurrence) is in the text, a repeated one says which, and no two
    expected facts of one source share a location."""
    text = _text(stem)
    seen = set()
    for item in _items(stem):
        count = len(_starts(text, item["surface"]))
        assert item.get("occurrence", 0) < count, item
        assert count == 1 or "occurrence" in item, (item["surface"], count)
        key = (item.get("source", "prose"), _location(stem, item))
        assert key not in seen, item
        seen.add(key)


@pytest.mark.parametrize("stem", _stems())
def test_golden_facts_lines_are_well_formed(stem: str) -> None:
    """Only the documented keys, a known role, a taxonomy metric (or null), ISO dates, decimal changes."""
    metrics = set(load_metrics().kinds)
    for item in _items(stem):
        assert set(item) <= KEYS, sorted(set(item) - KEYS)
        assert item.get("role", "value") in ROLES, item
        assert item["metric"] is None or item["metric"] in metrics, item
        start, end = (_date(d) for d in item["period"])
        assert start is None or end is None or start <= end, item
        assert (item.get("source") == "table") == ("row_label" in item), item
        if "change" in item:
            assert set(item["change"]) <= CHANGE_KEYS and {"value", "unit", "direction"} <= set(item["change"]), item
            assert item["change"]["direction"] in ("up", "down", "flat"), item
            assert (dec(item["change"]["value"]) < 0) == (item["change"]["direction"] == "down"), item


def test_golden_facts_every_release_has_facts() -> None:
    """Each release of fixtures/releases has its golden facts, and each golden file its release."""
    assert sorted(p.stem for p in RELEASES.iterdir() if p.is_file()) == _stems()


def test_golden_facts_gaps_name_real_cases() -> None:
    ids = {_case_id(stem, item) for stem in _stems() for item in _items(stem)}
    assert sorted(set(KNOWN_GAPS) - ids) == []
    assert sorted({key[0] for key in ALLOWED_EXTRA} - set(_stems())) == []


@settings(max_examples=30)
@given(stem=st.sampled_from(_stems()), lead=st.text(" \n\t", max_size=4), tail=st.text(" \n\t", max_size=4),
       crlf=st.booleans())
def test_golden_facts_property_layout_keeps_facts(stem: str, lead: str, tail: str, crlf: bool) -> None:
    """Whitespace around a release and Windows line ends change the offsets of its facts, not the facts."""
    text = lead + _text(stem) + tail
    result = finfacts.extract(text.replace("\n", "\r\n") if crlf else text)
    want = [(f.value.text, _predicted(f)) for f in _extraction(stem).facts]
    assert [(f.value.text, _predicted(f)) for f in result.facts] == want
