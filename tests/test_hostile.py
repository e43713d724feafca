"""Hostile input: nothing crashes, nothing hangs.

Every entry point that takes text is fed what a crawler may find: ``finfacts.extract`` and
``finfacts.check``, ``documents.read`` / ``decode`` / ``parse`` and the ``extract`` and ``check``
commands. The inputs include control characters, byte-order marks, zero-width and non-breaking
spaces inside numbers, right-to-left marks, lone surrogates, a 100,000-digit number,
100,000 currency signs in a row, parentheses and markup nested tens of thousands deep, one
sentence repeated for 60 kB, and tables of one endless row. Each call returns a result whose
offsets are all true, or raises the one documented ``FinfactsError``.

"Nothing hangs" is measured against this machine. Each hostile text must be extracted and
checked within ``TIME_FACTOR`` times the time of the same number of characters of the
fixture releases. The rules that were quadratic took minutes on these sizes; linear ones
take about the same time as prose. ``test_hostile_regexes_are_linear`` times every pattern
of the pipeline on text four times as long, and ``benchmarks/scaling.py`` measures the
growth of the whole (1 MB against 4 MB).

The properties run the hypothesis profile of ``tests/conftest.py``: "default" (200
derandomized examples) or "ci" (2,000 random ones, ``HYPOTHESIS_PROFILE=ci``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import importlib
import inspect
import json
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

import finfacts
from finfacts import documents
from finfacts.checks import check
from finfacts.cli import app, read_text
from finfacts.components.tokenizer import MAX_RUN, long_run_cuts, make_doc
from finfacts.link import MAX_SENTENCE_MENTIONS, sentences

from .conftest import RELEASES, assert_offsets

TIME_FACTOR = 25
MIN_BUDGET = 3.0  # seconds: below this, timing noise on a shared machine dominates


# ----------------------------------------------------------------------------- helpers

def assert_sound(text: str, result: finfacts.Extraction) -> finfacts.Report:
    """The extraction's offsets are all true; the check runs, and its findings point into the text."""
    assert result.text == text
    assert_offsets(text, result.mentions)
    ids = {m.id for m in result.mentions}
    fact_ids = {f.id for f in result.facts}
    assert len(ids) == len(result.mentions)
    for f in result.facts:
        assert set(f.mention_ids) <= ids, (f.id, f.mention_ids)
        assert text[f.value.start:f.value.end] == f.value.text
        if f.metric_start is not None and f.metric_end is not None:
            assert 0 <= f.metric_start <= f.metric_end <= len(text)
        if f.change is not None:
            assert 0 <= f.change.start <= f.change.end <= len(text)
        for r in f.relations:
            assert r.target in fact_ids, (f.id, r.target)
    report = check(result)
    for finding in report.findings:
        assert set(finding.fact_ids) <= fact_ids
        for a, b in finding.spans:
            assert 0 <= a <= b <= len(text), (finding.rule, a, b)
    json.loads(result.model_dump_json())  # what batch and the CLI write
    json.loads(report.model_dump_json())
    return report


@pytest.fixture(scope="module")
def prose_seconds_per_char() -> float:
    """What extract + check cost per character of release prose on this machine, now."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(RELEASES.glob("*.txt")))
    text = (text + "\n\n") * (30_000 // len(text) + 1)
    finfacts.extract("Revenue was $5 million.")  # the pipeline is built outside the timing
    t0 = time.perf_counter()
    check(finfacts.extract(text))
    return (time.perf_counter() - t0) / len(text)


def budget(rate: float, n_chars: int) -> float:
    return max(MIN_BUDGET, TIME_FACTOR * rate * n_chars)


# ----------------------------------------------------------------------------- the hostile table

def _repeat(unit: str, size: int) -> str:
    return unit * (size // len(unit) + 1)


HOSTILE: list[Any] = [
    # runs without whitespace: spaCy strips affixes one at a time (quadratic in the run)
    pytest.param(lambda: "Revenue was $" + "9" * 100_000 + " million.", id="100k-digit-number"),
    pytest.param(lambda: "1" * 100_000, id="100k-digits-bare"),
    pytest.param(lambda: "$" * 100_000, id="100k-dollar-signs"),
    pytest.param(lambda: "$€£¥₹" * 20_000, id="100k-currency-signs-mixed"),
    pytest.param(lambda: "$" + "(" * 50_000 + "1.2" + ")" * 50_000 + " million", id="parentheses-nested-50k"),
    pytest.param(lambda: "(" * 100_000, id="100k-open-parentheses"),
    pytest.param(lambda: ")(" * 50_000, id="100k-close-open-parentheses"),
    pytest.param(lambda: "'" * 50_000, id="50k-apostrophes"),
    pytest.param(lambda: "a" + "'s" * 25_000, id="50k-possessive-suffixes"),
    pytest.param(lambda: "%" * 100_000, id="100k-percent-signs"),
    pytest.param(lambda: "1," * 50_000 + "000", id="100k-digit-groups"),
    pytest.param(lambda: "1-" * 50_000, id="100k-number-dashes"),
    pytest.param(lambda: "RMB1-" * 5_000, id="25k-glued-currency-ranges"),
    pytest.param(lambda: "https://example.com/" + "a/" * 50_000, id="100k-url"),
    pytest.param(lambda: "¹²³⁴①" * 20_000, id="100k-superscript-digits"),
    # characters inside numbers and words
    pytest.param(lambda: _repeat("Revenue was $1\u00a0234\u00a0567 million, up\u00a012\u00a0%. ", 25_000),
                 id="nbsp-inside-numbers"),
    pytest.param(lambda: _repeat("Revenue was $1\u200b234.5\u200c million\u200d up 12\u2060%. ", 50_000),
                 id="zero-width-inside-numbers"),
    pytest.param(lambda: _repeat("\u200fRevenue \u200e$5.2\u200f million\u202e up 12%\u202c, \u2067RMB3\u2069. ", 50_000),
                 id="bidi-marks"),
    pytest.param(lambda: _repeat("\ufeffRevenue\ufeff was $5\ufeff million.\ufeff ", 50_000), id="byte-order-marks"),
    pytest.param(lambda: _repeat("".join(map(chr, range(32))) + "\x7f\x85Revenue $5 million\x00. ", 50_000),
                 id="control-characters"),
    pytest.param(lambda: _repeat("Sales of $1\u0301,2\u0308 million\u0327 rose 5\u0301%. ", 50_000), id="combining-marks"),
    pytest.param(lambda: _repeat("Revenue was ＄１２.５ million, up １２％, ١٢٣ units. ", 50_000), id="fullwidth-and-arabic-digits"),
    pytest.param(lambda: _repeat("📈 Revenue $5 million 🚀 up 12% 👍🏽 ", 25_000), id="emoji"),
    pytest.param(lambda: _repeat("\u2028Revenue\u2029$5\x0bmillion\x0c\r\n\r", 25_000), id="unicode-line-breaks"),
    # whitespace
    pytest.param(lambda: "Revenue was high. " + " " * 100_000 + "• $5 million", id="100k-spaces"),
    pytest.param(lambda: "\t " * 50_000 + "$5", id="100k-tabs"),
    pytest.param(lambda: "\n" * 100_000 + "$5 million", id="100k-newlines"),
    pytest.param(lambda: "• " * 50_000, id="100k-bullets"),
    pytest.param(lambda: "| " * 50_000 + "$5", id="100k-pipes"),
    # many figures, one sentence: the linker and the checks compare figures of a sentence
    pytest.param(lambda: _repeat("Revenue rose 12% to $5.2 million in the third quarter of 2024. ", 60_000),
                 id="repeated-sentence-60k"),
    pytest.param(lambda: _repeat("Revenue rose 12% to $5.2 million in the third quarter of 2024, ", 15_000),
                 id="one-endless-sentence"),
    pytest.param(lambda: _repeat("revenue $5 from $4 ", 8_000), id="priors-in-one-sentence"),
    pytest.param(lambda: _repeat("$1 ", 6_000), id="dense-money"),
    pytest.param(lambda: _repeat("1% ", 6_000), id="dense-percent"),
    pytest.param(lambda: _repeat("revenue ", 100_000) + "$5 million", id="100k-metric-words"),
    pytest.param(lambda: _repeat("up 5% year-on-year, ", 10_000), id="changes-in-one-sentence"),
    pytest.param(lambda: _repeat("doubled $5 ", 10_000), id="multiples-in-one-sentence"),
    pytest.param(lambda: _repeat("the cloud segment revenue $1 ", 30_000), id="segments"),
    pytest.param(lambda: _repeat("Revenue | $1 | $2 | 5% | ", 15_000), id="one-endless-table-row"),
    pytest.param(lambda: _repeat("4,000 shares at $0.75 per share for $3,000, ", 20_000), id="per-unit-in-one-sentence"),
    pytest.param(lambda: _repeat("Revenue of $12.5 million (2023: $11.0 million), accounting for 28.0% of total revenue "
                                 "of $44.6 million; gross margin was 41.2%. ", 25_000), id="every-rule-repeated"),
    pytest.param(lambda: _repeat("December 31, 2023 ", 30_000), id="dates"),
    pytest.param(lambda: _repeat("RMB12.3 billion (US$1.7 billion) ", 30_000), id="translations"),
    # tables: one endless row, a cell or label of whitespace, a statement repeated
    pytest.param(lambda: "(in thousands)\n | 2024 | 2023\nRevenue | " + "1 | " * 10_000 + "\n", id="pipe-row-of-10k-cells"),
    pytest.param(lambda: "(in thousands)\n | 2024 | 2023\nRevenue | " + " " * 100_000 + "- | 5\nCost | 1 | 2\n",
                 id="pipe-cell-of-100k-spaces"),
    pytest.param(lambda: "Year ended December 31, 2024 2023\nRevenue 1,234 5,678\nCost" + " \t" * 50_000 + "2,345 1,000\n",
                 id="aligned-row-of-100k-spaces"),
    pytest.param(lambda: "(in thousands)\n | 2024 | 2023\nRevenue | (" + " " * 50_000 + "x | 5\nCost | 1 | 2\n",
                 id="pipe-cell-of-a-parenthesis-and-spaces"),
    pytest.param(lambda: "(in thousands)\n | 2024 | 2023\nNet loss per share" + " " * 50_000 + "x | 1 | 2\n",
                 id="row-label-with-50k-spaces"),
    pytest.param(lambda: "Year ended December 31, 2024 2023\nRevenue 1,234 5,678\nCost " + "1," * 25_000 + " 2,345\n",
                 id="aligned-row-of-glued-digits"),
    pytest.param(lambda: "(in thousands)\n | 2024 | 2023\nCommon stock, " + "1" * 50_000 + " par value | 1 | 2\n",
                 id="par-value-row-of-digits"),
    pytest.param(lambda: _repeat((RELEASES / "northwind-software-q3fy2024.txt").read_text(encoding="utf-8"), 30_000),
                 id="statement-repeated"),
]


@pytest.mark.parametrize("build", HOSTILE)
def test_hostile_extract_and_check_survive(build: Callable[[], str], prose_seconds_per_char: float) -> None:
    text = build()
    t0 = time.perf_counter()
    result = finfacts.extract(text)
    report = assert_sound(text, result)
    elapsed = time.perf_counter() - t0
    assert report is not None
    limit = budget(prose_seconds_per_char, len(text))
    assert elapsed < limit, f"{len(text):,} chars took {elapsed:.1f} s; prose of that length takes {limit / TIME_FACTOR:.2f} s"


def test_hostile_extract_over_a_million_characters() -> None:
    """spaCy's own limit (nlp.max_length, 1,000,000) is not extract's: max_chars is."""
    filler = _repeat("The company kept operating its stores across the region during the period. ", 12_000)
    text = "".join(f"Revenue was ${n} million. {filler}" for n in range(100))
    assert len(text) > 1_200_000
    result = finfacts.extract(text)
    assert [m.value for m in result.by_type("money")] == [n * 1_000_000 for n in range(100)]
    assert_offsets(text, result.mentions)
    with pytest.raises(finfacts.FinfactsError, match=r"\[E007\]"):
        finfacts.extract(text, max_chars=1_000_000)


# ----------------------------------------------------------------------------- lone surrogates

@pytest.mark.parametrize(("text", "offset", "code"), [
    ("\ud800", 0, "U+D800"),
    ("Revenue was $5\udc80 million", 14, "U+DC80"),
    ("Revenue €5m \udfff", 12, "U+DFFF"),
    ("a\udbff\udc00", 1, "U+DBFF"),  # two lone halves in a str are not a pair: still not text
])
def test_hostile_lone_surrogate_is_refused(text: str, offset: int, code: str) -> None:
    with pytest.raises(finfacts.FinfactsError, match=rf"\[E013\].*{re.escape(code)}.*offset {offset}\b") as e:
        finfacts.extract(text)
    assert isinstance(e.value, ValueError)


@given(st.text(max_size=200), st.integers(min_value=0), st.integers(min_value=0xD800, max_value=0xDFFF))
def test_hostile_properties_a_surrogate_anywhere_is_e013(text: str, where: int, code: int) -> None:
    at = where % (len(text) + 1)
    with pytest.raises(finfacts.FinfactsError, match=r"\[E013\]"):
        finfacts.extract(text[:at] + chr(code) + text[at:])


# ----------------------------------------------------------------------------- properties

HOSTILE_FRAGMENTS = [
    "$", "US$", "RMB", "€", "£", "¥", "₹", "＄", "(", ")", "((", "))", "-", "−", "–", "%", "％", ",", ".", "'", "’", "'s",
    "0", "1", "12", "1,234", "1.5", "１２", "١٢", "²", "①", "9" * 70, "million", "bn", "percent", "bps", "per share",
    "Revenue", "revenue", "net income", "segment", "total", "from", "to", "up", "down", "doubled", "year-on-year",
    "Q3 2024", "fiscal 2024", "December 31, 2023", "the first half of", "accounting for", "of", "or", "between", "and",
    " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e",
    "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u0301", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028",
    "•", "●", "|", ":", ";", "!", "?", "\"", "“", "[", "]", "<b>", "</p>", "&amp;", "&nbsp;", "*", "_", "#", "---",
    "📈", "👍🏽", "\U0010fffd",
]
hostile_text = st.lists(st.sampled_from(HOSTILE_FRAGMENTS), max_size=60).map("".join)
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@given(st.one_of(hostile_text, any_text))
@example("$" + "(" * 300 + "1" + ")" * 300)
@example("\ufeff$\u200b1\u00a0234\u202e million")
@example("Revenue of $5 million (2023: $4 million), accounting for 28.0% of total revenue of $18 million")
def test_hostile_properties_extract_and_check_never_raise(text: str) -> None:
    assert_sound(text, finfacts.extract(text))


@given(st.lists(st.one_of(hostile_text, any_text), min_size=1, max_size=3))
def test_hostile_properties_check_across_releases_never_raises(texts: list[str]) -> None:
    extractions = [finfacts.extract(t) for t in texts]
    report = check(extractions)
    for f in report.findings:
        assert f.document is None or 0 <= f.document < len(texts)


# ----------------------------------------------------------------------------- the tokenizer

@pytest.mark.parametrize("text", [
    "Revenue was RMB271.0 billion, up 19.2% year-on-year.",
    "https://example.com/" + "a" * (MAX_RUN - 40) + " and $5",
    "x" * MAX_RUN,
    "",
    "   ",
])
def test_hostile_make_doc_is_the_tokenizer_without_long_runs(text: str) -> None:
    nlp = finfacts.load()
    assert long_run_cuts(text) == []
    assert [t.text for t in make_doc(nlp, text)] == [t.text for t in nlp.tokenizer(text)]


@pytest.mark.parametrize("text", [
    "$" * (MAX_RUN * 3 + 5),
    "Revenue " + "1," * MAX_RUN + "000 and $5 million",
    "a" * (MAX_RUN + 1) + " b " + "(" * (2 * MAX_RUN) + "$5)",
    ("$5,000" * 200 + " ") * 3,
])
def test_hostile_make_doc_cuts_long_runs_and_keeps_the_text(text: str) -> None:
    nlp = finfacts.load()
    doc = make_doc(nlp, text)
    assert doc.text == text
    cuts = long_run_cuts(text)
    assert cuts and all(0 < c < len(text) and not text[c - 1].isspace() for c in cuts)
    # no piece is longer than MAX_RUN, and a cut never splits a number when a separator is near
    bounds = [0, *cuts, len(text)]
    assert all(b - a <= MAX_RUN or text[a:b].count(" ") for a, b in zip(bounds, bounds[1:]))
    assert all(not (text[c - 1].isdigit() and text[c].isdigit()) for c in cuts)


# ----------------------------------------------------------------------------- the linker

def test_hostile_long_sentence_is_linked_in_parts() -> None:
    """A sentence of 300 figures is linked in parts of MAX_SENTENCE_MENTIONS: every figure
    becomes a fact, and each part's figures keep their metric."""
    text = "Revenue was " + ", ".join(f"${n} million" for n in range(1, 301)) + "."
    result = finfacts.extract(text)
    assert len(result.mentions) == 300 > MAX_SENTENCE_MENTIONS
    assert len(result.facts) == 300
    assert_sound(text, result)


@pytest.mark.parametrize(("text", "expected"), [
    # a bullet takes its whitespace from the start of the run, or from where the last split ended
    ("Revenue rose.  \n   • Cash was high", ["Revenue rose.", "Cash was high"]),
    ("a   •  b", ["a", "b"]),
    ("\n\n  ● a", ["a"]),
    ("a. • b", ["a.", "b"]),
    ("a |  • b", ["a", "b"]),
    ("Sales were $5 million." + " " * 5000 + "• Cash", ["Sales were $5 million.", "Cash"]),
])
def test_hostile_sentences_split_bullets_after_whitespace(text: str, expected: list[str]) -> None:
    assert [text[a:b].strip() for a, b in sentences(text)] == expected


# ----------------------------------------------------------------------------- the checks

def test_hostile_restatements_compare_with_the_first_of_a_measure() -> None:
    """A measure stated 40 times is compared with its first RESTATED_FIRST statements (not all
    780 pairs); a statement that disagrees is still caught, against each of those."""
    from finfacts.checks.rules import RESTATED_FIRST, check_restated_differently

    same = "Revenue was $5.0 million in 2023.\n"
    text = same * 39 + "Revenue was $6.0 million in 2023.\n"
    result = finfacts.extract(text)
    findings = check_restated_differently(result)
    passed = [f for f in findings if f.status == "pass"]
    failed = [f for f in findings if f.status == "fail"]
    n = 40
    assert len(passed) + len(failed) == sum(n - 1 - i for i in range(RESTATED_FIRST))
    assert len(failed) == RESTATED_FIRST
    assert all(result.facts[-1].id in f.fact_ids for f in failed)


def test_hostile_check_two_thousand_facts(prose_seconds_per_char: float) -> None:
    """2,000 facts of a few measures, segments, changes and shares in one text: check does not compare
    every fact with every other (benchmarks/scaling.py times 1,000 and 4,000)."""
    rows = []
    for i in range(500):
        rows.append(f"Revenue from segment {i % 50} was ${100 + i % 7}.{i % 10} million in 2023, up {i % 9}% from "
                    f"${90 + i % 5} million, accounting for {i % 30}.0% of total revenue of $4,000 million. "
                    f"Gross margin was {20 + i % 9}.5%.")
    text = "\n".join(rows)
    result = finfacts.extract(text)
    assert len(result.facts) >= 2_000
    t0 = time.perf_counter()
    report = check(result)
    elapsed = time.perf_counter() - t0
    assert {f.rule for f in report.findings} >= {"restated_differently", "growth_matches_values"}
    assert elapsed < budget(prose_seconds_per_char, len(text)), elapsed


# ----------------------------------------------------------------------------- documents

@pytest.mark.parametrize(("data", "expected"), [
    pytest.param("Revenue €5m".encode(), "Revenue €5m", id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + "Revenue €5m".encode(), "Revenue €5m", id="utf-8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + "Revenue €5m".encode("utf-16-le"), "Revenue €5m", id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + "Revenue €5m".encode("utf-16-be"), "Revenue €5m", id="utf-16-be-bom"),
    pytest.param("Revenue \u00e9t\u00e9 $5 \u201cup\u201d".encode("cp1252"), "Revenue \u00e9t\u00e9 $5 \u201cup\u201d",
                 id="windows-1252"),
    pytest.param("Revenue \u00e9t\u00e9 $5".encode("latin-1"), "Revenue \u00e9t\u00e9 $5", id="latin-1"),
    pytest.param("Revenue €5m".encode() + b"\xff\xfe" + b"up 5%", "Revenue €5m\ufffd\ufffdup 5%",
                 id="utf-8-with-broken-bytes"),
    pytest.param("€5 ".encode() + b"\xed\xa0\x80 million", "€5 \ufffd\ufffd\ufffd million",
                 id="utf-8-encoded-surrogate"),
    pytest.param(b"$5 \xed\xa0\x80 million", "$5 \u00ed\u00a0\u20ac million", id="no-utf-8-at-all-is-windows-1252"),
    pytest.param(b"", "", id="empty"),
])
def test_hostile_decode_policy(data: bytes, expected: str) -> None:
    assert documents.decode(data, "x.txt") == expected


@pytest.mark.parametrize("data", [b"\x00\x01\x02", b"%PDF\x00", bytes(range(256))])
def test_hostile_decode_refuses_binary(data: bytes) -> None:
    with pytest.raises(finfacts.FinfactsError, match=r"\[E005\].*binary"):
        documents.decode(data, "x.txt")


SURROGATES = re.compile("[\ud800-\udfff]")


@given(st.binary(max_size=3000))
@example(b"\xed\xa0\x80")
@example(codecs.BOM_UTF16_LE + b"\x00\xd8")
def test_hostile_properties_any_bytes_read_as_text(data: bytes) -> None:
    """Any bytes decode (or are refused as binary), never to a lone surrogate; every format parses."""
    try:
        text = documents.decode(data, "x.txt")
    except finfacts.FinfactsError as e:
        assert "[E005]" in str(e)
        return
    assert SURROGATES.search(text) is None
    for fmt in ("txt", "md", "html"):
        doc = documents.parse(text, fmt)  # type: ignore[arg-type]
        assert SURROGATES.search(doc.text) is None
    assert_sound(doc.text, finfacts.extract(doc.text))


MARKUP = ["<div>", "</div>", "<p>", "</p>", "<table>", "<tr>", "<td>", "</td>", "<th>", "</tr>", "</table>", "<ul>",
          "<li>", "<b>", "</b>", "<a href='x'>", "</a>", "<br>", "<script>", "</script>", "<!--", "-->", "<", ">", "&",
          "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<svg>", "<math>", "<template>", "<nav class='menu'>", "</nav>",
          "Revenue", "$", "5", " million", "(1.2)", "%", " ", "\n", "\x00", "[", "](", ")", "![", "**", "__", "|", "---",
          "# ", "> ", "* ", "`", "\ufeff", "\u200b"]


@given(st.lists(st.sampled_from(MARKUP), max_size=80).map("".join))
@example("<div>" * 3000 + "Revenue $5 million")
@example("[" * 500 + "](" * 500)
def test_hostile_properties_markup_parses(markup: str) -> None:
    for fmt in ("html", "md", "txt"):
        doc = documents.parse(markup, fmt)  # type: ignore[arg-type]
        assert isinstance(doc.text, str)
        assert_sound(doc.text, finfacts.extract(doc.text))


HOSTILE_MARKUP: list[Any] = [
    pytest.param("html", lambda: "<html><body>" + "<div>" * 100_000 + "Revenue $5 million" + "</div>" * 100_000,
                 id="html-divs-nested-100k"),
    pytest.param("html", lambda: "<p>" + "<ul><li>" * 50_000 + "$5", id="html-lists-nested-50k"),
    pytest.param("html", lambda: "<table><tr><td>" * 30_000 + "$5", id="html-tables-nested-30k"),
    pytest.param("html", lambda: "<b>" * 100_000 + "$5", id="html-formatting-nested-100k"),
    pytest.param("html", lambda: "<table><tr>" + "<td>$</td><td>1</td>" * 5_000 + "</tr></table>", id="html-wide-row"),
    pytest.param("html", lambda: "<" * 100_000 + "&amp;" * 20_000, id="html-brackets-and-entities"),
    pytest.param("md", lambda: "![" * 50_000, id="md-image-openers"),
    pytest.param("md", lambda: "[a](" * 30_000, id="md-link-targets-unclosed"),
    pytest.param("md", lambda: "<b" * 50_000, id="md-tags-unclosed"),
    pytest.param("md", lambda: "--" + " " * 100_000 + "x", id="md-table-separator-spaces"),
    pytest.param("md", lambda: "|--" * 30_000, id="md-table-separator-cells"),
    pytest.param("md", lambda: "*_" * 50_000, id="md-emphasis"),
    pytest.param("md", lambda: "---\n" + "a: b\n" * 20_000, id="md-front-matter-unclosed"),
    pytest.param("txt", lambda: "\t " * 50_000 + "\r" * 50_000, id="txt-whitespace"),
]


@pytest.mark.parametrize(("fmt", "build"), HOSTILE_MARKUP)
def test_hostile_documents_parse(fmt: str, build: Callable[[], str], prose_seconds_per_char: float) -> None:
    markup = build()
    t0 = time.perf_counter()
    doc = documents.parse(markup, fmt)  # type: ignore[arg-type]
    result = finfacts.extract(doc.text)
    assert_sound(doc.text, result)
    assert time.perf_counter() - t0 < budget(prose_seconds_per_char, len(markup))


def test_hostile_deep_html_keeps_its_text() -> None:
    html = "<html><body>" + "<div>" * 20_000 + "Revenue was $5 million." + "</div>" * 20_000 + "<p>Net income $1 million</p>"
    text = documents.parse(html, "html").text
    assert text.split() == ["Revenue", "was", "$5", "million.", "Net", "income", "$1", "million"]


@pytest.mark.parametrize(("html", "depth", "expected"), [
    ("<div><div><div>a</div></div></div>b", 2, "<div><div>a</div></div>b"),
    ("<div><span><b>a</b></span></div>", 3, "<div><span><b>a</b></span></div>"),
    ("<p>a<p>b<li>c<br><img src=x><td>d", 1, "<p>a<p>b<li>c<br><img src=x><td>d"),
    ("<i><i><i/></i></i>", 1, "<i><i/></i>"),
])
def test_hostile_limit_depth(html: str, depth: int, expected: str) -> None:
    assert documents.limit_depth(html, depth) == expected


def test_hostile_read_refuses_a_large_file_before_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB that take no disk
    tracemalloc.start()
    try:
        with pytest.raises(finfacts.FinfactsError, match=r"\[E014\].*50000000 bytes.*limit of 20000000"):
            documents.read(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, peak
    with pytest.raises(finfacts.FinfactsError, match=r"\[E014\]"):
        documents.read_bytes(big, max_bytes=49_999_999)


def test_hostile_read_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("Revenue was $5 million.", encoding="utf-8")
    assert documents.read(path, max_bytes=23).text == "Revenue was $5 million."
    with pytest.raises(finfacts.FinfactsError, match=r"\[E014\].*23 bytes, over the limit of 22"):
        documents.read(path, max_bytes=22)


def test_hostile_read_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(finfacts.FinfactsError, match=r"\[E008\]"):
        documents.read(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(finfacts.FinfactsError, match=r"\[E008\]"):
        documents.read(folder)


# ----------------------------------------------------------------------------- every regex

# The modules of the pipeline that hold patterns (the tokenizer's affixes are tested by the texts above).
REGEX_MODULES = ["finfacts.link", "finfacts.doccontext", "finfacts.documents", "finfacts.checks.rules",
                 "finfacts.checks.tables", "finfacts.normalize.periods", "finfacts.normalize.numerals",
                 "finfacts.normalize.quantities", "finfacts.normalize.context", "finfacts.resources",
                 "finfacts.components.tokenizer", "finfacts.tables.cells", "finfacts.tables.find",
                 "finfacts.tables.header", "finfacts.tables.read", "finfacts.tables.rows"]
_USE = re.compile(r"\b([A-Z_][A-Z0-9_]*)\.(match|fullmatch|search|finditer|findall|sub|subn|split)\(")


def _patterns() -> dict[str, tuple[Any, bool]]:
    """Every compiled regex at the top level of those modules (and the metric taxonomy's), and
    whether the module only ever matches it at one position (``.match``, ``.fullmatch``)."""
    found: dict[str, tuple[Any, bool]] = {}
    for name in REGEX_MODULES:
        module = importlib.import_module(name)
        uses: dict[str, set[str]] = {}
        for key, how in _USE.findall(inspect.getsource(module)):
            uses.setdefault(key, set()).add(how)
        for key, value in vars(module).items():
            items = value if isinstance(value, (list, tuple)) else [value]
            for i, item in enumerate(items):
                rx = item[1] if isinstance(item, tuple) and len(item) == 2 else item
                if isinstance(rx, (re.Pattern, regex.Pattern)):
                    anchored = items is not value and bool(uses.get(key)) and uses[key] <= {"match", "fullmatch"}
                    found[f"{name}.{key}" + (f"[{i}]" if items is value else "")] = (rx, anchored)
    found["metrics"] = (finfacts.resources.load_metrics().pattern, False)
    return found


ADVERSARIAL = [" ", "\t", " \n", "\u00a0", "a", "1", "1,", "1.", "(", ")", "((", "$", "-", "|", ":", "a ", "1 ", "the ",
               "revenue ", "(1) ", "a's ", "| ", "*_", "[", "](", "<b", "#", ". ", "fiscal ", "December 31, ",
               "million ", "%", "segment ", "of ", "(in ", "'", "ended ", "(asx: ", "![", "[a]("]


def _run(rx: Any, s: str, anchored: bool) -> float:
    t0 = time.perf_counter()
    if anchored:
        rx.match(s)
    else:
        for _ in rx.finditer(s):
            pass
    return time.perf_counter() - t0


def test_hostile_regexes_are_linear() -> None:
    """Each regex runs over 12,000-character runs of the characters and words its pieces repeat
    ("\\s+", "[^)]*", "(?:\\w+\\s+)*"...) from every position, as search, sub and finditer do.
    One that takes a while must take at most 8 times what a quarter of the text takes (a
    quadratic one takes 16 times; those this suite was written for took seconds here)."""
    patterns = _patterns()
    assert len(patterns) > 80 and patterns["finfacts.link.SCOPE_AFTER"][1] and not patterns["finfacts.link.SENTENCE_END"][1]
    slow = []
    for name, (rx, anchored) in patterns.items():
        for unit in ADVERSARIAL:
            # a run alone, and (for whitespace) after "--" and before words that patterns look for
            for head, tail in (("", "x"), *((("--", " segment!"),) if not unit.strip() else ())):
                big = head + unit * (12_000 // len(unit)) + tail
                elapsed = _run(rx, big, anchored)
                if elapsed > 0.1:  # measure again, the best of three, against a quarter of the text
                    small = head + unit * (3_000 // len(unit)) + tail
                    quarter = min(_run(rx, small, anchored) for _ in range(3))
                    elapsed = min(elapsed, _run(rx, big, anchored), _run(rx, big, anchored))
                    if elapsed > 8 * quarter:
                        slow.append((name, unit, head, round(quarter, 3), round(elapsed, 3)))
    assert not slow, slow


# ----------------------------------------------------------------------------- the command line

@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _one_line_error(result: Any, code: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("finfacts: ") and code in lines[0], result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["extract", "check"])
def test_hostile_cli_refuses_a_large_file(runner: CliRunner, tmp_path: Path, command: str) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.truncate(50_000_000)
    _one_line_error(runner.invoke(app, [command, str(big)]), "[E014]")
    small = tmp_path / "small.txt"
    small.write_text("Revenue was $5 million in 2023.", encoding="utf-8")
    _one_line_error(runner.invoke(app, [command, str(small), "--max-bytes", "10"]), "[E014]")
    assert runner.invoke(app, [command, str(small), "--max-bytes", "100"]).exit_code == 0


def test_hostile_cli_refuses_large_standard_input(runner: CliRunner) -> None:
    _one_line_error(runner.invoke(app, ["extract", "-", "--max-bytes", "100"], input="$5 million. " * 20), "[E014]")
    result = runner.invoke(app, ["extract", "-", "--max-bytes", "1000", "--format", "json"], input="$5 million. " * 20)
    assert result.exit_code == 0 and len(json.loads(result.stdout)["mentions"]) == 20


@pytest.mark.parametrize(("name", "data"), [
    ("hostile.txt", ("$" * 5_000 + " \ufeff\u200bRevenue $1\u00a0234 million\u202e " + "(" * 3_000).encode("utf-8")),
    ("legacy.txt", "Revenue \u00e9t\u00e9 \u20ac5 million, \u201cup\u201d 5%".encode("cp1252")),
    ("broken.md", "# Q2\nRevenue **€5 million**".encode() + b"\xff\xc3"),
    ("deep.html", ("<div>" * 5_000 + "<p>Revenue $5 million</p>").encode("utf-8")),
    ("controls.dat", bytes(range(1, 32)) + b"Revenue $5 million"),
])
def test_hostile_cli_extract_and_check(runner: CliRunner, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    text = read_text(str(path))[1]
    expected = finfacts.extract(text)
    assert expected.by_type("money")
    for fmt in ("json", "jsonl", "table"):
        result = runner.invoke(app, ["extract", str(path), "--format", fmt])
        assert result.exit_code == 0, result.output
        if fmt == "json":
            mentions = json.loads(result.stdout)["mentions"]
            assert [(m["start"], m["end"], m["text"]) for m in mentions] == [(m.start, m.end, m.text) for m in expected.mentions]
            assert all(text[m["start"]:m["end"]] == m["text"] for m in mentions)
    facts = runner.invoke(app, ["extract", str(path), "--facts", "--format", "table"])
    assert facts.exit_code == 0, facts.output
    checked = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert checked.exit_code in (0, 1), checked.output
    json.loads(checked.stdout)


def test_hostile_cli_binary_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _one_line_error(runner.invoke(app, ["extract", str(path)]), "[E005]")
    _one_line_error(runner.invoke(app, ["check", str(path)]), "[E005]")


def test_hostile_cli_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "extraction" in json.loads(result.stdout)


# ----------------------------------------------------------------------------- the arguments

@pytest.mark.parametrize(("kwargs", "code"), [
    ({"reference_date": "soon"}, "E012"),
    ({"reference_date": 20240101}, "E012"),
    ({"max_chars": "5000"}, "E016"),
    ({"max_chars": -1}, "E016"),
    ({"max_chars": True}, "E016"),
    ({"default_currency": "dollars"}, "E006"),
    ({"fiscal_year_end": "13-45"}, "E011"),
])
def test_hostile_extract_refuses_arguments_of_the_wrong_form(kwargs: dict[str, Any], code: str) -> None:
    with pytest.raises(finfacts.FinfactsError, match=rf"\[{code}\]"):
        finfacts.extract("Revenue was $5 million in the third quarter.", **kwargs)


@pytest.mark.parametrize("value", ["2024-03-19", dt.date(2024, 3, 19), dt.datetime(2024, 3, 19, 17, 30)])
def test_hostile_extract_takes_a_reference_date_as_date_datetime_or_iso(value: Any) -> None:
    """A datetime used to fail comparing with dates deep in the period rules."""
    result = finfacts.extract("Revenue was $5 million in the third quarter.", reference_date=value)
    assert result.context.reference_date == dt.date(2024, 3, 19)


@pytest.mark.parametrize("value", ["Revenue was $5 million.", b"Revenue", None, 5, [5]])
def test_hostile_check_refuses_what_is_not_an_extraction(value: Any) -> None:
    """A str used to recurse until RecursionError (a str is a sequence of strs)."""
    with pytest.raises(finfacts.FinfactsError, match=r"\[E015\]"):
        check(value)


def test_hostile_check_takes_any_iterable_of_extractions() -> None:
    """A generator used to be read twice: the releases were checked, the cross-release rule saw none."""
    texts = ["Revenue was $5.0 million in 2023.", "Revenue was $7.0 million in 2023."]
    from_list = check([finfacts.extract(t) for t in texts])
    from_generator = check(finfacts.extract(t) for t in texts)
    assert from_generator == from_list
    assert any(f.rule == "restated_across_documents" for f in from_generator.findings)
