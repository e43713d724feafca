"""The result models: their JSON form is the evaluation contract (CONTRACT.md)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

import finfacts
from finfacts import Count, Extraction, Mention, Money, Percent, Rank

MENTION = TypeAdapter(Mention)
BASE = {"type", "text", "start", "end", "qualifier"}
CONTRACT_KEYS = {
    "money": BASE | {"value", "low", "high", "currency", "per"},
    "percent": BASE | {"value", "low", "high", "unit"},
    "count": BASE | {"value", "low", "high", "unit"},
    "rank": BASE | {"value"},
    "period": BASE | {"period_start", "period_end"},
}
TEXT = (
    "Revenue was RMB271.0 billion (US$1.7 billion), up 19.2%, or $0.45 per diluted share; net loss of "
    "$(1.2) million; guidance of $500 million to $550 million; margin up 50 bps; 17,800 R&D personnel; "
    "approximately 145.6 million units; No. 2 by shipments."
)


def _money(**kw: Any) -> Money:
    base: dict[str, Any] = {"id": "m0", "text": "$5", "start": 0, "end": 2, "rule": "money.test",
                            "value": Decimal(5), "currency": "USD"}
    return Money(**{**base, **kw})


@pytest.fixture(scope="module")
def dumped() -> list[dict[str, Any]]:
    return [m.model_dump(mode="json") for m in finfacts.extract(TEXT).mentions]


def test_models_json_has_contract_keys(dumped: list[dict[str, Any]]) -> None:
    assert {"money", "percent", "count", "rank"} <= {m["type"] for m in dumped}
    for m in dumped:
        assert CONTRACT_KEYS.get(m["type"], BASE) <= set(m), m
        assert TEXT[m["start"] : m["end"]] == m["text"]


def test_models_json_values_are_plain_decimal_strings(dumped: list[dict[str, Any]]) -> None:
    by_text = {m["text"]: m for m in dumped}
    assert by_text["RMB271.0 billion"]["value"] == "271000000000"
    assert by_text["$(1.2) million"]["value"] == "-1200000"
    assert by_text["$0.45"]["value"] == "0.45"
    assert by_text["50 bps"]["value"] == "0.5"
    rng = by_text["$500 million to $550 million"]
    assert (rng["value"], rng["low"], rng["high"]) == (None, "500000000", "550000000")
    for m in dumped:
        for key in ("value", "low", "high"):
            v = m.get(key)
            if m["type"] in ("money", "percent", "count") and v is not None:
                assert isinstance(v, str) and "e" not in v.lower(), m
                Decimal(v)


def test_models_json_is_serializable(dumped: list[dict[str, Any]]) -> None:
    assert json.loads(json.dumps(dumped)) == dumped


@pytest.mark.parametrize(
    "value,expected",
    [
        (Decimal("271.0E9"), "271000000000"),
        (Decimal("2.71E+11"), "271000000000"),
        (Decimal("-1200000.00"), "-1200000"),
        (Decimal("0.450"), "0.45"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("-0"), "0"),
        (Decimal("0.000"), "0"),
        (Decimal("126.3"), "126.3"),
    ],
    ids=["exponent", "exponent-plus", "negative-trailing-zeros", "trailing-zero", "tiny", "negative-zero",
         "zero-with-places", "plain"],
)
def test_models_value_serialization(value: Decimal, expected: str) -> None:
    assert _money(value=value).model_dump(mode="json")["value"] == expected
    assert _money(value=value).model_dump()["value"] == value  # python mode keeps the Decimal


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e15"), max_value=Decimal("1e15"),
                   places=6))
def test_models_value_serialization_round_trips(value: Decimal) -> None:
    text = _money(value=value).model_dump(mode="json")["value"]
    assert "e" not in text.lower()
    assert Decimal(text) == value


@pytest.mark.xfail(strict=True, reason="_plain() calls Decimal.normalize(), which rounds to the context's "
                   "28 significant digits: a value with more digits is serialized changed")
def test_models_value_serialization_keeps_every_digit() -> None:
    value = Decimal("1234567890123456789012345678.91")
    assert _money(value=value).model_dump(mode="json")["value"] == "1234567890123456789012345678.91"


@pytest.mark.parametrize(
    "model",
    [
        _money(),
        Percent(id="m1", text="5%", start=0, end=2, rule="percent.test", value=Decimal(5)),
        Count(id="m2", text="5 stores", start=0, end=8, rule="count.test", value=Decimal(5), unit="store"),
        Rank(id="m3", text="No. 2", start=0, end=5, rule="rank.test", value=2),
    ],
    ids=["money", "percent", "count", "rank"],
)
def test_models_frozen_and_strict(model: Any) -> None:
    with pytest.raises(ValidationError):
        model.value = Decimal(6)
    with pytest.raises(ValidationError):
        model.text = "other"
    data = model.model_dump()
    with pytest.raises(ValidationError):
        type(model)(**data, surprise=1)
    assert MENTION.validate_python(model.model_dump(mode="json")) == model


def test_models_extraction_frozen_and_round_trips() -> None:
    result = finfacts.extract(TEXT)
    with pytest.raises(ValidationError):
        result.text = "x"  # type: ignore[misc]
    again = Extraction.model_validate_json(result.model_dump_json())
    assert again == result
    assert [m.type for m in result.by_type("money")] == ["money"] * len(result.by_type("money"))


@pytest.mark.parametrize(
    "data",
    [
        {"type": "money", "id": "m", "text": "$5", "start": 0, "end": 2, "rule": "r", "qualifier": "roughly"},
        {"type": "percent", "id": "m", "text": "5", "start": 0, "end": 1, "rule": "r", "unit": "points"},
        {"type": "money", "id": "m", "text": "$5", "start": -1, "end": 2, "rule": "r"},
        {"type": "weight", "id": "m", "text": "5 kg", "start": 0, "end": 4, "rule": "r"},
    ],
    ids=["unknown-qualifier", "unknown-percent-unit", "negative-offset", "unknown-type"],
)
def test_models_reject_invalid(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        MENTION.validate_python(data)


def test_models_value_is_decimal_never_float() -> None:
    for m in finfacts.extract(TEXT).mentions:
        for key in ("value", "low", "high"):
            v = getattr(m, key, None)
            if m.type in ("money", "percent", "count") and v is not None:
                assert isinstance(v, Decimal), (m.text, key, type(v))
