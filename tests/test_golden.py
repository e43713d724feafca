"""The golden corpus: ``fixtures/expected/<stem>.jsonl`` against ``extract(releases/<stem>.txt)``.

One case per expected item (id ``<stem>:<n>:<surface>``). An expected item is found when a
predicted mention of the same type overlaps the item's location (its ``surface`` and
``occurrence`` located by plain substring search, as ``fixtures/README.md`` defines) and agrees
on every field the item states (value/low/high as Decimal, currency, unit, per, qualifier, and
``decimals`` where stated; ``period_start``/``period_end`` for periods, null included). ``per``
and ``qualifier`` are "absent when there is none" (fixtures/README.md), so an absent one must also
be absent (null) in the prediction.

Known gaps are strict xfails listed in ``PERIOD_GAPS`` and ``KNOWN_GAPS`` below, each with what is
wrong; fixing one makes its case XPASS, which fails the run until the entry is removed. A further
test per release checks that no money/percent/count mention falls outside the expected items.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import pytest

import finfacts

from .conftest import EXPECTED, RELEASES, assert_offsets, dec

QUANTITY_TYPES = ("money", "percent", "count")
# Period items the library does not get right yet (a period mention overlapping the surface with the
# same period_start and period_end). Periods are being built (issue 3): the items already right are
# ordinary cases, these are strict xfails "periods: issue 3" with what is wrong.
PERIOD_GAPS: dict[str, str] = {
    "ganga-textiles-q3fy26:46:1987": "a bare year ('incorporated in 1987') is not extracted",
}

# id -> why the library is wrong on an expectation that is right. Every entry is a bug or gap
# to fix; remove the entry when its case passes (strict xfail turns the fix into a failure).
_NW = "northwind-software-q3fy2024"
_MM = "maple-minerals-2023"

KNOWN_GAPS: dict[str, str] = {
}

# Predicted money/percent/count mentions that overlap no expected money/percent/count item,
# keyed by (stem, surface, occurrence of the surface in the text), with the reason each is
# tolerated. A known bug goes here too, its reason starting "BUG:". The list is checked both
# ways: an unlisted extra fails test_golden_no_spurious_mentions, and a listed one that is no
# longer produced fails test_golden_allow_list_is_current. Currently no release has any extra.
ALLOWED_EXTRA: dict[tuple[str, str, int], str] = {}


def _stems() -> list[str]:
    return sorted(p.stem for p in EXPECTED.glob("*.jsonl"))


@functools.lru_cache(maxsize=None)
def _text(stem: str) -> str:
    return (RELEASES / f"{stem}.txt").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def _extraction(stem: str) -> finfacts.Extraction:
    return finfacts.extract(_text(stem))


def _items(stem: str) -> list[dict[str, Any]]:
    lines = (EXPECTED / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _locate(text: str, surface: str, occurrence: int) -> tuple[int, int]:
    """The k-th start of ``surface`` as a plain substring (fixtures/README.md)."""
    starts = [i for i in range(len(text)) if text.startswith(surface, i)]
    assert occurrence < len(starts), f"{surface!r} occurs {len(starts)} times, not {occurrence + 1}"
    return starts[occurrence], starts[occurrence] + len(surface)


def _location(stem: str, item: dict[str, Any]) -> tuple[int, int]:
    return _locate(_text(stem), item["surface"], item.get("occurrence", 0))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _stated(item: dict[str, Any]) -> dict[str, Any]:
    """The normalized fields an expected item states, as comparable Python values."""
    kind = item["type"]
    want: dict[str, Any] = {}
    if kind == "period":
        for key in ("period_start", "period_end"):
            want[key] = None if item.get(key) is None else dt.date.fromisoformat(item[key])
        return want
    if kind == "rank":
        want["value"] = int(item["value"])
        return want
    for key in ("value", "low", "high"):
        if key in item:
            want[key] = dec(item[key])
    if kind == "money":
        if "currency" in item:
            want["currency"] = item["currency"]
        want["per"] = item.get("per")
    if kind in ("percent", "count") and "unit" in item:
        want["unit"] = item["unit"]
    want["qualifier"] = item.get("qualifier")
    if "decimals" in item:
        want["decimals"] = item["decimals"]
    return want


def _fields(m: Any, keys: list[str]) -> dict[str, Any]:
    return {k: getattr(m, k, None) for k in keys}


def _cases() -> list[Any]:
    cases = []
    for stem in _stems():
        for n, item in enumerate(_items(stem)):
            case_id = f"{stem}:{n}:{item['surface']}"
            marks = []
            if item["type"] == "period" and case_id in PERIOD_GAPS:
                marks.append(pytest.mark.xfail(strict=True, reason=f"periods: issue 3 ({PERIOD_GAPS[case_id]})"))
            elif case_id in KNOWN_GAPS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[case_id]))
            cases.append(pytest.param(stem, item, id=case_id, marks=marks))
    return cases


@pytest.mark.parametrize("stem,item", _cases())
def test_golden_expected_item(stem: str, item: dict[str, Any]) -> None:
    where = _location(stem, item)
    result = _extraction(stem)
    want = _stated(item)
    keys = list(want)
    candidates = [
        m for m in result.mentions if m.type == item["type"] and _overlaps((m.start, m.end), where)
    ]
    got = [(m.text, _fields(m, keys)) for m in candidates]
    assert any(fields == want for _text, fields in got), (
        f"expected {item['type']} {want} at {where} {item['surface']!r}; overlapping predictions: {got}"
    )


def _spurious(stem: str) -> list[tuple[str, int, Any]]:
    """Predicted quantity mentions overlapping no expected quantity, as (surface, occurrence, mention)."""
    text = _text(stem)
    spans = [_location(stem, it) for it in _items(stem) if it["type"] in QUANTITY_TYPES]
    out = []
    for m in _extraction(stem).mentions:
        if m.type not in QUANTITY_TYPES:
            continue
        if any(_overlaps((m.start, m.end), s) for s in spans):
            continue
        occurrence = sum(1 for i in range(m.start) if text.startswith(m.text, i))
        out.append((m.text, occurrence, m))
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in RELEASES.iterdir() if p.is_file()))
def test_golden_offsets_valid(name: str) -> None:
    """Every release, including the HTML and Markdown ones that have no expectations yet."""
    text = (RELEASES / name).read_text(encoding="utf-8")
    result = finfacts.extract(text)
    assert_offsets(text, result.mentions)
    assert result.mentions


@pytest.mark.parametrize("stem", _stems())
def test_golden_no_spurious_mentions(stem: str) -> None:
    extra = [
        (surface, occ, m.type, m.model_dump(mode="json", include={"value", "low", "high", "unit", "currency"}))
        for surface, occ, m in _spurious(stem)
        if (stem, surface, occ) not in ALLOWED_EXTRA
    ]
    assert extra == []


def test_golden_allow_list_is_current() -> None:
    """An allowed extra that no longer appears is stale: remove it from ALLOWED_EXTRA."""
    stale = [k for k in ALLOWED_EXTRA if (k[1], k[2]) not in {(s, o) for s, o, _m in _spurious(k[0])}]
    assert stale == []


def test_golden_every_release_with_expectations_exists() -> None:
    assert _stems(), "no expected files found"
    for stem in _stems():
        assert (RELEASES / f"{stem}.txt").is_file(), stem


@pytest.mark.parametrize("stem", _stems())
def test_golden_surfaces_are_located(stem: str) -> None:
    """Every expected surface (with its occurrence) is in the text, and an ambiguous one says which."""
    text = _text(stem)
    for n, item in enumerate(_items(stem)):
        count = sum(1 for i in range(len(text)) if text.startswith(item["surface"], i))
        assert item.get("occurrence", 0) < count, (n, item)
        assert count == 1 or "occurrence" in item, (n, item["surface"], count)


def test_golden_known_gaps_name_real_cases() -> None:
    items = {f"{stem}:{n}:{item['surface']}": item["type"] for stem in _stems() for n, item in enumerate(_items(stem))}
    assert sorted(set(KNOWN_GAPS) - set(items)) == []
    assert sorted(k for k in PERIOD_GAPS if items.get(k) != "period") == []
    assert sorted(k for k in KNOWN_GAPS if items[k] == "period") == []
