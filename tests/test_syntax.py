"""Metric names from a dependency parse (finfacts.syntax), on docs parsed by hand as a trained
English pipeline's parser parses them (no model is needed to run these tests)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

import finfacts
from finfacts.api import extraction_from_doc
from finfacts.syntax import has_parse, subject_phrase

# (word, head index, dependency label, coarse part of speech), in the finfacts tokenizer's tokens
SALES = [("Net", 1, "amod", "ADJ"), ("sales", 13, "nsubj", "NOUN"), ("of", 1, "prep", "ADP"), ("the", 7, "det", "DET"),
         ("newly", 5, "advmod", "ADV"), ("acquired", 7, "amod", "VERB"), ("Brazilian", 7, "amod", "ADJ"),
         ("subsidiary", 2, "pobj", "NOUN"), ("and", 7, "cc", "CCONJ"), ("its", 12, "poss", "PRON"),
         ("two", 12, "nummod", "NUM"), ("distribution", 12, "compound", "NOUN"), ("partners", 7, "conj", "NOUN"),
         ("totaled", 13, "ROOT", "VERB"), ("$", 16, "nmod", "SYM"), ("8.1", 16, "compound", "NUM"),
         ("million", 13, "dobj", "NUM"), (".", 13, "punct", "PUNCT")]
SALES_TEXT = "Net sales of the newly acquired Brazilian subsidiary and its two distribution partners totaled $8.1 million."
# "is expected to reach": the subject sits on the verb "expected", "reach" is its xcomp
EXPECTED = [("Subscription", 1, "compound", "NOUN"), ("revenue", 3, "nsubjpass", "NOUN"), ("is", 3, "auxpass", "AUX"),
            ("expected", 3, "ROOT", "VERB"), ("to", 5, "aux", "PART"), ("reach", 3, "xcomp", "VERB"),
            ("$", 8, "nmod", "SYM"), ("40", 8, "compound", "NUM"), ("million", 5, "dobj", "NUM"), (".", 3, "punct", "PUNCT")]
WE = [("We", 1, "nsubj", "PRON"), ("invested", 1, "ROOT", "VERB"), ("$", 4, "nmod", "SYM"), ("5", 4, "compound", "NUM"),
      ("million", 1, "dobj", "NUM"), (".", 1, "punct", "PUNCT")]
SPENT = [("$", 2, "nmod", "SYM"), ("5", 2, "compound", "NUM"), ("million", 4, "nsubjpass", "NUM"),
         ("was", 4, "auxpass", "AUX"), ("spent", 4, "ROOT", "VERB"), (".", 4, "punct", "PUNCT")]


def _parsed(rows: list[tuple[str, int, str, str]], text: str, parse: bool = True) -> Doc:
    """The doc of ``text`` in the finfacts pipeline's tokens, with the parse given, run through
    the finfacts components (as a trained pipeline with them added would run it)."""
    nlp = finfacts.load()
    tokens = nlp.make_doc(text)
    assert [t.text for t in tokens] == [w for w, *_ in rows]
    spaces = [bool(t.whitespace_) for t in tokens]
    words = [w for w, *_ in rows]
    if parse:
        doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=[h for _, h, _, _ in rows],
                  deps=[d for _, _, d, _ in rows], pos=[p for *_, p in rows])
    else:
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _facts(doc: Doc) -> list[Any]:
    return [(f.value.text, f.metric, f.metric_text) for f in extraction_from_doc(doc).facts]


def test_a_parse_names_the_subject_the_rules_cannot_reach() -> None:
    # the words between the name and the verb (a count among them) hide the name from the rules
    assert ("$8.1 million", None) in [(v, m) for v, m, _ in _facts(_parsed(SALES, SALES_TEXT, parse=False))]
    assert ("$8.1 million", "Revenues", "Net sales") in _facts(_parsed(SALES, SALES_TEXT))


def test_subject_phrase_runs_from_its_first_word_to_its_head_noun() -> None:
    doc = _parsed(SALES, SALES_TEXT)
    assert has_parse(doc)
    a, b = subject_phrase(doc, SALES_TEXT.index("$"), len(SALES_TEXT) - 1)
    assert SALES_TEXT[a:b] == "Net sales"


def test_a_verb_without_a_subject_shares_its_head_verb_s() -> None:
    text = "Subscription revenue is expected to reach $40 million."
    doc = _parsed(EXPECTED, text)
    a, b = subject_phrase(doc, text.index("$"), text.index("."))
    assert text[a:b] == "Subscription revenue"


@pytest.mark.parametrize(("rows", "text"), [
    (WE, "We invested $5 million."),   # a subject that names no metric gives none
    (SPENT, "$5 million was spent."),  # the figure is the subject itself
], ids=["pronoun-subject", "figure-is-the-subject"])
def test_no_metric_from_a_subject_that_names_none(rows: list[tuple[str, int, str, str]], text: str) -> None:
    doc = _parsed(rows, text)
    assert [metric for _, metric, _ in _facts(doc)] == [None]


def test_no_parse_no_subject() -> None:
    assert not has_parse(finfacts.load()("Revenue was $5 million."))
    assert not has_parse(None)


def test_extract_runs_a_trained_pipeline_given_by_path(tmp_path: Any) -> None:
    # a pipeline saved to disk with a parser (its weights untrained: its parses are arbitrary, but
    # they are parses), loaded by path as a user's trained pipeline would be
    import spacy

    nlp = spacy.blank("en")
    parser = nlp.add_pipe("parser")
    for label in ("nsubj", "dobj", "prep", "pobj", "amod", "compound", "punct"):
        parser.add_label(label)
    nlp.initialize()
    nlp.to_disk(tmp_path / "pipeline")
    text = "Revenue was $5.2 million, up 12% year-over-year."
    ex = finfacts.extract(text, pipeline=str(tmp_path / "pipeline"))
    assert has_parse(finfacts.load(str(tmp_path / "pipeline"))(text))
    assert [(f.value.text, f.metric) for f in ex.facts] == [("$5.2 million", "Revenues")]
    assert [m.model_dump() for m in ex.mentions] == [m.model_dump() for m in finfacts.extract(text).mentions]


def test_an_unknown_pipeline_is_a_clear_error() -> None:
    with pytest.raises(finfacts.FinfactsError, match=r"\[E030\].*no_such_pipeline"):
        finfacts.extract("Revenue was $5 million.", pipeline="no_such_pipeline")
