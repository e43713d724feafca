"""``finfacts_ruler``: the rules of ``patterns/`` run by spaCy's Matcher.

It writes every candidate match, labelled and with its rule id (``Span.id_``), to
``doc.spans["finfacts_candidates"]``; the normalizer then parses and resolves them.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..resources import Rules, load_rules
from .flags import compile_patterns
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
        self.matcher = Matcher(nlp.vocab, validate=False)
        by_id: dict[str, list[list[dict[str, Any]]]] = defaultdict(list)
        self.labels: dict[int, str] = {}
        compiled = compile_patterns(nlp.vocab, [row["pattern"] for row in self.rules.patterns])
        for row, pattern in zip(self.rules.patterns, compiled):
            by_id[row["id"]].append(pattern)
        for rule_id, pats in by_id.items():
            self.matcher.add(rule_id, pats, greedy="LONGEST")
        for row in self.rules.patterns:
            self.labels[nlp.vocab.strings[row["id"]]] = row["label"]
        sets = self.rules.lexicon.sets
        self.anchor_words = (
            frozenset(sets["cur_word_or_minor"]) | frozenset(sets["ordinal"]) | frozenset(sets["period_anchor"])
        )

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token windows around the anchors every pattern needs (a number, a currency word,
        an ordinal), merged. Matching only there is what keeps the ruler fast."""
        out: list[tuple[int, int]] = []
        anchors = self.anchor_words
        n = len(doc)
        for tok in doc:
            if tok.like_num or tok.lower_ in anchors or (not tok.is_alpha and "d" in tok.shape_):
                a, b = max(0, tok.i - WINDOW_BEFORE), min(n, tok.i + WINDOW_AFTER)
                if out and a <= out[-1][1]:
                    out[-1] = (out[-1][0], b)
                else:
                    out.append((a, b))
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for a, b in self.windows(doc):
            for match_id, start, end in self.matcher(doc[a:b]):
                spans.append(Span(doc, a + start, a + end, label=self.labels[match_id], span_id=match_id))
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
