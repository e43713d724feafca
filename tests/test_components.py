"""The spaCy components on their own: entry-point factories, serialization, multiprocessing,
and rule-data errors that name the file and line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
import spacy
from spacy.tokens import DocBin

import finfacts
from finfacts.extensions import set_span_data, spans_data
from finfacts.resources import builtin_patterns_dir

from .conftest import RELEASES, assert_offsets

TEXTS = [
    "Revenue reached RMB271.0 billion, up 19.2% year-on-year, with 17,800 R&D personnel.",
    "HK$4.5bn in buybacks; margin rose 150bps; EUR1.3bn of sales and 5 million euros of fines.",
    "Net loss was $(1.2) million, or $(0.02) per share; guidance is $1.2–1.4 billion.",
    "Phones in the RMB4,000-RMB6,000 band; the No. 2 brand; approximately 145.6 million units.",
    "Nothing to see here.",
    "",
]
GLUED = [
    ("RMB271.0", ["RMB", "271.0"]),
    ("HK$4.5bn", ["HK$", "4.5", "bn"]),
    ("150bps", ["150", "bps"]),
    ("EUR1.3bn", ["EUR", "1.3", "bn"]),
    ("RMB4,000-RMB6,000", ["RMB", "4,000", "-", "RMB", "6,000"]),
    # a change basis that ends a sentence loses its full stop; a word that ends like one does not
    ("up 3% YoY.", ["up", "3", "%", "YoY", "."]),
    ("up 3% qoq.", ["up", "3", "%", "qoq", "."]),
    ("Acme GmbH. XyoY.", ["Acme", "GmbH.", "XyoY."]),
]


def _json(mentions: list[Any]) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json") for m in mentions]


def _pipeline_mentions(text: str) -> list[dict[str, Any]]:
    """The mentions of ``extract``'s own pipeline, before ``extract`` reads tables (which puts
    its own cell mentions in place of the pipeline's on table rows)."""
    return _json(finfacts.load()(text)._.finfacts)


def _blank_pipeline(**ruler_config: Any) -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("finfacts_ruler", config=ruler_config)
    nlp.add_pipe("finfacts_normalizer")
    return nlp


@pytest.fixture(scope="module")
def pipeline() -> Any:
    """A blank English pipeline with the two components, built through the factories."""
    return _blank_pipeline()


@pytest.fixture(scope="module")
def reloaded(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``pipeline`` after ``to_disk`` and ``spacy.load``."""
    path = tmp_path_factory.mktemp("pipeline") / "nlp"
    pipeline.to_disk(path)
    return spacy.load(path)


@pytest.fixture(scope="module")
def release_text() -> str:
    return (RELEASES / "northwind-software-q3fy2024.txt").read_text(encoding="utf-8")


ENTRY_POINT_SCRIPT = """
import json, sys
import spacy
assert "finfacts" not in sys.modules, "spacy imported finfacts eagerly"
nlp = spacy.blank("en")
nlp.add_pipe("finfacts_ruler")
nlp.add_pipe("finfacts_normalizer")
out = []
for text in json.loads(sys.stdin.read()):
    doc = nlp(text)
    out.append([m.model_dump(mode="json") for m in doc._.finfacts])
print(json.dumps(out))
"""


def test_components_factories_come_from_entry_points(release_text: str) -> None:
    """A script that never imports finfacts gets the components through ``spacy_factories``."""
    texts = [*TEXTS, release_text]
    proc = subprocess.run(
        [sys.executable, "-c", ENTRY_POINT_SCRIPT], input=json.dumps(texts), capture_output=True,
        text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got == [_pipeline_mentions(t) for t in texts]
    # without a table, that is exactly what extract() gives
    assert got[:-1] == [_json(finfacts.extract(t).mentions) for t in texts[:-1]]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_components_blank_pipeline_matches_extract(pipeline: Any, text: str) -> None:
    doc = pipeline(text)
    assert_offsets(text, doc._.finfacts)
    assert _json(doc._.finfacts) == _json(finfacts.extract(text).mentions)
    assert [s._.finfacts for s in doc.spans["finfacts"]] == doc._.finfacts


def test_span_data_is_the_span_extension() -> None:
    # the normalizer writes, and extract reads, each mention's data where spaCy keeps
    # ``span._.finfacts_data`` without making the span's ``_`` object: both ways must agree
    doc = finfacts.load()("Revenue was $5.2 million, up 12%.")
    spans = list(doc.spans["finfacts"])
    assert len(spans) == 2
    assert spans_data(doc) == [s._.finfacts_data for s in spans]
    assert [d["text"] for d in spans_data(doc)] == ["$5.2 million", "12%"]
    spans[0]._.finfacts_data = {"type": "money", "text": "changed"}
    assert spans_data(doc)[0] == {"type": "money", "text": "changed"}
    set_span_data(doc, spans[1].start_char, spans[1].end_char, {"type": "percent", "text": "again"})
    assert spans[1]._.finfacts_data == {"type": "percent", "text": "again"}


def test_components_to_disk_round_trip(pipeline: Any, reloaded: Any, release_text: str) -> None:
    assert reloaded.pipe_names == ["finfacts_ruler", "finfacts_normalizer"]
    for text in [*TEXTS, release_text]:
        assert _json(reloaded(text)._.finfacts) == _json(pipeline(text)._.finfacts)


@pytest.mark.parametrize("surface,tokens", GLUED, ids=[g[0] for g in GLUED])
def test_components_to_disk_keeps_tokenizer_rules(pipeline: Any, reloaded: Any, surface: str,
                                                  tokens: list[str]) -> None:
    assert [t.text for t in pipeline.make_doc(surface)] == tokens
    assert [t.text for t in reloaded.make_doc(surface)] == tokens


def test_components_docbin_round_trip_keeps_mentions(pipeline: Any, release_text: str) -> None:
    docs = [pipeline(t) for t in [*TEXTS, release_text]]
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin().from_bytes(data).get_docs(pipeline.vocab))
    assert [_json(d._.finfacts) for d in restored] == [_json(d._.finfacts) for d in docs]
    assert any(d._.finfacts for d in restored)


def test_components_docbin_into_fresh_vocab(pipeline: Any, release_text: str) -> None:
    """Docs read back with another vocab (as another process would) keep their mentions."""
    docs = [pipeline(t) for t in [TEXTS[0], release_text]]
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin().from_bytes(data).get_docs(spacy.blank("en").vocab))
    assert [_json(d._.finfacts) for d in restored] == [_json(d._.finfacts) for d in docs]


def test_components_pipe_n_process_matches_sequential(pipeline: Any, release_text: str) -> None:
    nlp = pipeline
    texts = [*TEXTS, release_text] * 2
    sequential = [_json(d._.finfacts) for d in nlp.pipe(texts)]
    parallel = [_json(d._.finfacts) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert parallel == sequential
    assert sequential == [_pipeline_mentions(t) for t in texts]


def test_components_default_currency_config() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("finfacts_ruler")
    nlp.add_pipe("finfacts_normalizer", config={"default_currency": "CAD"})
    doc = nlp("Revenue was $5 million and US$2 million.")
    assert [(m.value, m.currency) for m in doc._.finfacts] == [(5_000_000, "CAD"), (2_000_000, "USD")]


# ----------------------------------------------------------------------------- bad rule data

BROKEN_LINES = [
    ("not-json", '{"label": "MONEY", "id": "money.x", "pattern": [{"LOWER": "x"}]'),
    ("bad-label", '{"label": "MONEYS", "id": "money.x", "pattern": [{"LOWER": "x"}]}'),
    ("bad-id", '{"label": "MONEY", "id": "nodot", "pattern": [{"LOWER": "x"}]}'),
    ("empty-pattern", '{"label": "MONEY", "id": "money.x", "pattern": []}'),
    ("extra-key", '{"label": "MONEY", "id": "money.x", "pattern": [{"LOWER": "x"}], "oops": 1}'),
]
GOOD_LINE = '{"label": "MONEY", "id": "money.custom", "pattern": [{"LOWER": "zorkmids"}]}'


@pytest.mark.parametrize("broken", [b[1] for b in BROKEN_LINES], ids=[b[0] for b in BROKEN_LINES])
def test_components_bad_extra_patterns_name_file_and_line(tmp_path: Path, broken: str) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(f"// my rules\n{GOOD_LINE}\n\n{broken}\n", encoding="utf-8")
    nlp = spacy.blank("en")
    with pytest.raises(finfacts.FinfactsError) as info:
        nlp.add_pipe("finfacts_ruler", config={"extra_patterns": [str(path)]})
    message = str(info.value)
    assert "E001" in message
    assert str(path) in message
    assert "line 4" in message


def test_components_bad_patterns_dir_names_file_and_line(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns"
    with resources.as_file(builtin_patterns_dir()) as shipped:
        shutil.copytree(shipped, patterns)
    money = patterns / "money.jsonl"
    lines = money.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"label": "MONEY", "id": "money.broken", "pattern": [}')
    money.write_text("\n".join(lines) + "\n", encoding="utf-8")
    nlp = spacy.blank("en")
    with pytest.raises(finfacts.FinfactsError) as info:
        nlp.add_pipe("finfacts_ruler", config={"patterns_dir": str(patterns)})
    assert "E001" in str(info.value)
    assert str(money) in str(info.value)
    assert "line 3" in str(info.value)


def test_components_bad_lexicon_names_file_and_line(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns"
    with resources.as_file(builtin_patterns_dir()) as shipped:
        shutil.copytree(shipped, patterns)
    currencies = patterns / "lexicons" / "currencies.jsonl"
    with currencies.open("a", encoding="utf-8") as f:
        f.write('{"iso": "dollars", "codes": ["XX"]}\n')
    n = len(currencies.read_text(encoding="utf-8").splitlines())
    with pytest.raises(finfacts.FinfactsError) as info:
        spacy.blank("en").add_pipe("finfacts_normalizer", config={"patterns_dir": str(patterns)})
    assert str(currencies) in str(info.value)
    assert f"line {n}" in str(info.value)


def test_components_missing_patterns_dir(tmp_path: Path) -> None:
    with pytest.raises(finfacts.FinfactsError, match="E003"):
        spacy.blank("en").add_pipe("finfacts_ruler", config={"patterns_dir": str(tmp_path / "nowhere")})


def test_components_extra_patterns_are_used(tmp_path: Path) -> None:
    """A good extra file loads; its rule runs beside the shipped ones."""
    path = tmp_path / "mine.jsonl"
    path.write_text(GOOD_LINE + "\n", encoding="utf-8")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("finfacts_ruler", config={"extra_patterns": [str(path)]})
    nlp.add_pipe("finfacts_normalizer")
    doc = nlp("They paid 5 zorkmids and $5 million.")
    assert "money.custom" in {s.id_ for s in doc.spans["finfacts_candidates"]}
    assert [(m.type, m.value) for m in doc._.finfacts] == [("money", 5_000_000)]
    assert ruler.extra_patterns == [str(path)]


def test_components_link_words_are_checked_at_load(tmp_path: Path) -> None:
    from finfacts.resources import load_link_words

    shipped = load_link_words()
    assert "rose" in shipped["change_verbs"] and "down" in shipped["down_words"]
    path = tmp_path / "link_words.json"
    path.write_text('{"_doc": "x", "up_words": ["up", "Rose"]}', encoding="utf-8")
    with pytest.raises(finfacts.FinfactsError) as info:
        load_link_words(str(path))
    assert "E001" in str(info.value) and str(path) in str(info.value) and "up_words" in str(info.value)


def test_load_is_one_pipeline_however_called() -> None:
    # a bug: ``load()`` and the ``load("en")`` of ``extract`` were two cache keys, so a
    # caller's pipeline (and a batch worker's warm-up) built a second pipeline of its own
    nlp = finfacts.load()
    assert finfacts.load("en") is nlp
    assert finfacts.load(base="en") is nlp
    ruler = nlp.get_pipe("finfacts_ruler")
    ruler.index._by_mask.clear()
    finfacts.extract("Revenue was $5 million.")
    assert ruler.index._by_mask, "extract ran another pipeline than load()'s"


def _full_matches(ruler: Any, doc: Any) -> list[tuple[int, int, int]]:
    """What spaCy's Matcher of all the rules (their word sets as strings) finds in the whole doc, inside
    the token windows the ruler matches in; every match holding an anchor (a number, a currency or period
    word...) must lie inside one (a match without one, "$ a a", has no figure to read)."""
    windows = ruler.windows(doc)
    found = []
    for key, a, b in ruler.matcher(doc):
        inside = any(x <= a and b <= y for x, y in windows)
        assert inside or not any(ruler._is_anchor(doc.vocab[t.orth]) for t in doc[a:b]), (doc[a:b].text, windows)
        if inside:
            found.append((key, a, b))
    return sorted(found)


def _ruler_matches(ruler: Any, doc: Any) -> list[tuple[int, int, int]]:
    ruler(doc)
    return sorted((span.id, span.start, span.end) for span in doc.spans["finfacts_candidates"])


@pytest.mark.parametrize("path", sorted(RELEASES.glob("*.txt")), ids=lambda p: p.stem)
def test_ruler_finds_what_the_full_matcher_finds(path: Path) -> None:
    # the ruler runs, in windows around anchors, Matchers of only the patterns a window can hold,
    # their word sets tested as lexeme flags or given as string ids; all of it must find what
    # spaCy's Matcher of the patterns as written finds
    nlp = finfacts.load()
    ruler = nlp.get_pipe("finfacts_ruler")
    doc = nlp.make_doc(path.read_text(encoding="utf-8"))
    assert _ruler_matches(ruler, doc) == _full_matches(ruler, doc)


_RULER_WORDS = ["$", "US$", "RMB", "EUR", "5", "1.2", "2,400", "(", ")", "-", "to", "and", "between", "million",
                "bn", "billion", "per", "share", "diluted", "%", "percent", "bps", "up", "from", "of", "the",
                "first", "third", "quarter", "fiscal", "2024", "FY24", "Q3", "months", "ended", "June", "30", ",",
                "year", "stores", "employees", "units", "approximately", "more", "than", "cents", "half", "a",
                "revenue", "rose", "No.", "2", "nine", "pp", "lakh", "crore", "Rs", "€", "£", "twelve",
                "12/31/2023", "2024/06", "3.2024", "31.12.24", "06/2024"]


@given(st.lists(st.sampled_from(_RULER_WORDS), max_size=40))
def test_ruler_finds_what_the_full_matcher_finds_anywhere(words: list[str]) -> None:
    nlp = finfacts.load()
    ruler = nlp.get_pipe("finfacts_ruler")
    doc = nlp.make_doc(" ".join(words))
    assert _ruler_matches(ruler, doc) == _full_matches(ruler, doc)


@given(st.one_of(st.sampled_from(_RULER_WORDS), st.text(max_size=12)))
def test_lexeme_masks_by_lookup_are_the_masks_by_test(word: str) -> None:
    # a new vocabulary entry's mask is read from lookups by word and flag, no longer by calling
    # each test: the same bits
    masks = finfacts.load().get_pipe("finfacts_ruler").index.masks
    orth = masks.vocab.strings.add(word)
    assert masks._mask(orth) == masks._mask_by_tests(orth)
