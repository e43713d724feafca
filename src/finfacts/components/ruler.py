"""``finfacts_ruler``: the rules of ``patterns/`` run by spaCy's Matcher.

It writes every candidate match, labelled and with its rule id (``Span.id_``), to
``doc.spans["finfacts_candidates"]``; the normalizer then parses and resolves them.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..resources import Rules, load_rules
from .flags import compile_patterns, expand_first_set
from .prefilter import PatternIndex
from .tokenizer import customize_tokenizer

CANDIDATES_KEY = "finfacts_candidates"
# No pattern reaches further than this from its anchor token (see patterns/README.md).
WINDOW_BEFORE = 4
WINDOW_AFTER = 7


class FinfactsRuler:
    """Find candidate quantities with token patterns."""

    def __init__(
        self,
        nlp: Language,
        name: str = "finfacts_ruler",
        *,
        patterns_dir: str | None = None,
        extra_patterns: list[str] | None = None,
        tokenizer_rules: bool = True,
    ) -> None:
        self.name = name
        self.patterns_dir = patterns_dir
        self.extra_patterns = list(extra_patterns or [])
        self.rules: Rules = load_rules(patterns_dir, self.extra_patterns)
        if tokenizer_rules:
            customize_tokenizer(nlp, self.rules.lexicon)
        self.vocab = nlp.vocab
        by_id: dict[str, list[list[dict[str, Any]]]] = defaultdict(list)
        self.labels: dict[int, str] = {}
        # a pattern that starts with a set of up to three words is added once per word (see flags.py)
        expanded = [(row["id"], pattern) for row in self.rules.patterns for pattern in expand_first_set(row["pattern"])]
        compiled = compile_patterns(nlp.vocab, [pattern for _id, pattern in expanded])
        for (rule_id, _pattern), pattern in zip(expanded, compiled):
            by_id[rule_id].append(pattern)
        self._by_id = dict(by_id)
        for row in self.rules.patterns:
            self.labels[nlp.vocab.strings[row["id"]]] = row["label"]
        sets = self.rules.lexicon.sets
        self.anchor_words = (
            frozenset(sets["cur_word_or_minor"]) | frozenset(sets["ordinal"]) | frozenset(sets["period_anchor"])
        )
        # Each window runs a Matcher of only the patterns whose required tokens it has
        # (see prefilter.py); bit 0 of the index's lexeme masks marks the anchors.
        self.index = PatternIndex(nlp.vocab, list(self._by_id.items()), greedy="LONGEST", anchor=self._is_anchor)

    @cached_property
    def matcher(self) -> Matcher:
        """A Matcher of all the patterns as written, word sets and all (the ruler itself uses
        ``self.index``, whose patterns test flags instead: see flags.py)."""
        by_id: dict[str, list[list[dict[str, Any]]]] = defaultdict(list)
        for row in self.rules.patterns:
            by_id[row["id"]].append(row["pattern"])
        matcher = Matcher(self.vocab, validate=False)
        for rule_id, pats in by_id.items():
            matcher.add(rule_id, pats, greedy="LONGEST")
        return matcher

    def _is_anchor(self, lex: Lexeme) -> bool:
        """A number, a currency word, an ordinal, a period word, a token with a digit."""
        return bool(lex.like_num or lex.lower_ in self.anchor_words or (not lex.is_alpha and "d" in lex.shape_))

    def _window_bounds(self, masks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Merged windows around the anchors (bit 0 of the token masks)."""
        n = len(masks)
        idx = np.flatnonzero(masks[:, 0] & np.uint64(1))
        if not len(idx):
            return idx, idx
        a = np.maximum(idx - WINDOW_BEFORE, 0)
        b = np.minimum(idx + WINDOW_AFTER, n)
        # anchors come in order, so the ends grow: a window starts where it does not touch the last
        new = np.ones(len(idx), dtype=bool)
        new[1:] = a[1:] > b[:-1]
        first = np.flatnonzero(new)
        last = np.append(first[1:] - 1, len(idx) - 1)
        return a[first], b[last]

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token windows around the anchors every pattern needs (a number, a currency word,
        an ordinal, a period word), merged. Matching only there is what keeps the ruler fast."""
        starts, ends = self._window_bounds(self.index.masks(doc))
        return list(zip(starts.tolist(), ends.tolist()))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        index = self.index
        masks = index.masks(doc)
        starts, ends = self._window_bounds(masks)
        if len(starts):
            labels = self.labels
            for a, b, mask in zip(starts.tolist(), ends.tolist(), index.window_masks(masks, starts, ends)):
                matcher = index.matcher(mask)
                if matcher is None:
                    continue
                for match_id, start, end in matcher(doc[a:b]):
                    spans.append(Span(doc, a + start, a + end, label=labels[match_id], span_id=match_id))
        doc.spans[CANDIDATES_KEY] = spans
        return doc

    # Patterns come from the package (or the named folders) and are rebuilt from config,
    # so there is no state of our own to save.
    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> FinfactsRuler:
        return self

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> FinfactsRuler:
        return self


@Language.factory(
    "finfacts_ruler",
    default_config={"patterns_dir": None, "extra_patterns": [], "tokenizer_rules": True},
)
def make_ruler(
    nlp: Language,
    name: str,
    patterns_dir: str | None,
    extra_patterns: list[str],
    tokenizer_rules: bool,
) -> FinfactsRuler:
    """Build the ruler from the shipped ``patterns/`` (or ``patterns_dir``) plus ``extra_patterns``."""
    return FinfactsRuler(
        nlp, name, patterns_dir=patterns_dir, extra_patterns=extra_patterns, tokenizer_rules=tokenizer_rules
    )
