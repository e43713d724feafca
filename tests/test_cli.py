"""The ``finfacts`` command through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from finfacts.cli import app

from .conftest import RELEASES

RELEASE = RELEASES / "aurora-devices-fy2023.txt"
COMMON_KEYS = {"type", "text", "start", "end", "qualifier"}
KEYS_BY_TYPE = {
    "money": COMMON_KEYS | {"value", "low", "high", "currency", "per"},
    "percent": COMMON_KEYS | {"value", "low", "high", "unit"},
    "count": COMMON_KEYS | {"value", "low", "high", "unit"},
    "rank": COMMON_KEYS | {"value"},
    "period": COMMON_KEYS | {"period_start", "period_end"},
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _check_mention(m: dict[str, Any], text: str) -> None:
    # other types ("basis", ...) are allowed by the contract; they need the common keys only
    assert KEYS_BY_TYPE.get(m["type"], COMMON_KEYS) <= set(m), m
    assert text[m["start"] : m["end"]] == m["text"]
    for key in ("value", "low", "high"):
        if m["type"] in ("money", "percent", "count") and m.get(key) is not None:
            assert isinstance(m[key], str) and "E" not in m[key].upper(), m


def _one_line_error(result: Any, code: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("finfacts: ") and code in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_cli_extract_json(runner: CliRunner) -> None:
    text = RELEASE.read_text(encoding="utf-8")
    result = runner.invoke(app, ["extract", str(RELEASE), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"] == str(RELEASE)
    assert {"mentions", "facts"} <= set(record)
    assert len(record["mentions"]) > 30
    for m in record["mentions"]:
        _check_mention(m, text)
    first = next(m for m in record["mentions"] if m["type"] == "money")
    assert (first["text"], first["value"], first["currency"]) == ("RMB271.0 Billion", "271000000000", "CNY")


def test_cli_extract_jsonl(runner: CliRunner) -> None:
    text = RELEASE.read_text(encoding="utf-8")
    result = runner.invoke(app, ["extract", str(RELEASE), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 30
    for line in lines:
        m = json.loads(line)
        assert m["document"] == str(RELEASE)
        _check_mention(m, text)


def test_cli_extract_facts_jsonl_keeps_each_facts_own_source(runner: CliRunner) -> None:
    """Regression: the file name used to overwrite the fact's "source" (prose or table)."""
    result = runner.invoke(app, ["extract", str(RELEASE), "--facts", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert facts and all(f["document"] == str(RELEASE) and f["source"] in ("prose", "table") for f in facts)


def test_cli_extract_defaults_to_json_off_a_terminal(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", str(RELEASE)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["mentions"]


def test_cli_extract_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", str(RELEASE), "--format", "table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "mentions" in out
    for column in ("type", "text", "value", "unit", "qualifier", "offsets", "rule"):
        assert column in out
    assert "RMB271.0 Billion" in out
    assert "271000000000" in out


def test_cli_extract_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input="Revenue was $5 million, up 12%.")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"] == "<stdin>"
    got = [(m["type"], m["value"]) for m in record["mentions"] if m["type"] in ("money", "percent", "count")]
    assert got == [("money", "5000000"), ("percent", "12")]


def test_cli_extract_utf8_bom(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffRevenue was €5 million.".encode())
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (m,) = [x for x in json.loads(result.stdout)["mentions"] if x["type"] == "money"]
    assert (m["text"], m["start"], m["currency"]) == ("€5 million", 12, "EUR")


def test_cli_extract_default_currency(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl", "--default-currency", "CAD"],
                           input="Revenue was $5 million and US$2 million.")
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert [m["currency"] for m in rows if m["type"] == "money"] == ["CAD", "USD"]


def test_cli_extract_bad_default_currency(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-", "--default-currency", "dollars"], input="$5")
    _one_line_error(result, "E006")


def test_cli_extract_non_utf8_file(runner: CliRunner, tmp_path: Path) -> None:
    """A file that is not UTF-8 is read as Windows-1252 (documents.decode), not refused."""
    path = tmp_path / "latin1.txt"
    path.write_bytes("Revenue für 2023 was €5 million".encode("cp1252"))
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [m["text"] for m in json.loads(result.stdout)["mentions"]] == ["2023", "€5 million"]


def test_cli_extract_binary_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = runner.invoke(app, ["extract", str(path)])
    _one_line_error(result, "E005")


def test_cli_extract_non_utf8_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input="Revenue of €5 million \u2014 up ".encode() + b"\xff")
    assert result.exit_code == 0, result.output
    assert [m["text"] for m in json.loads(result.stdout)["mentions"]] == ["€5 million"]


def test_cli_extract_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    result = runner.invoke(app, ["extract", str(path)])
    _one_line_error(result, "E008")
    assert str(path) in result.stderr


def test_cli_extract_directory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path)])
    _one_line_error(result, "E008")


def test_cli_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert {"extraction", "mention"} <= set(schema)
    text = json.dumps(schema["mention"])
    for kind in ("money", "percent", "count", "rank"):
        assert f'"{kind}"' in text
