"""What a figure measures, read from a dependency parse when the pipeline has one.

The linking rules (:mod:`finfacts.link`) read the words around a figure and need no parser; a
trained spaCy pipeline (``finfacts.load("en_core_web_sm")``) gives each sentence a parse, which
reaches names the words around a figure do not: "Net sales of the newly acquired Brazilian
subsidiary and its two distribution partners totaled $8.1 million". For a figure the rules left
without a metric, :func:`subject_phrase` follows the parse from the figure up to the verb that
governs it and gives the noun phrase of that verb's subject; the linker then reads the metric name
in that phrase as it reads any other (the taxonomy decides, so a subject that names no metric,
"We", "The company", gives none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (spaCy is not imported by this module: the linker imports it without a pipeline)
    from spacy.tokens import Doc, Token

# arcs climbed from a figure to the verb that governs it: "rose to [$5.2 million]" (pobj, prep),
# "reached [$5.2 million]" (dobj), "was [$5.2 million]" (attr), "[5%] higher" (npadvmod)...
_CLIMB = frozenset({"pobj", "prep", "dobj", "attr", "npadvmod", "nummod", "quantmod", "compound", "appos",
                    "oprd", "acomp", "advmod", "conj", "cc", "nmod", "amod", "dative"})
# from a verb without a subject to the verb whose subject it shares: "is expected to reach"
# (xcomp), "rose 5% and reached" (conj)
_SHARED_SUBJECT = frozenset({"xcomp", "conj", "ccomp", "advcl"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_MAX_CLIMB = 12


def has_parse(doc: Doc | None) -> bool:
    """Whether a doc carries a dependency parse (a trained pipeline's parser ran on it)."""
    return doc is not None and doc.has_annotation("DEP")


def subject_phrase(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The character span of the noun phrase whose verb governs the figure at ``start:end``.

    The phrase runs from its first word to its head noun (a relative clause or a prepositional
    phrase after the noun is left out: "Revenue" of "Revenue, which includes ..."). None when the
    climb meets no verb, the verb has no subject, or the subject is the figure itself.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token: Token = span.root
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.dep_ not in _CLIMB or token.head.i == token.i:
            return None
        token = token.head
    else:
        return None
    for _ in range(_MAX_CLIMB):
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            break
        if token.dep_ not in _SHARED_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
    else:
        return None
    first = subject.left_edge
    if first.idx < end and start < subject.idx + len(subject.text):
        return None  # the figure is (part of) the subject: "$5 million was spent"
    return first.idx, subject.idx + len(subject.text)


__all__ = ["has_parse", "subject_phrase"]
