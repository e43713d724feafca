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

from ..normalize.numerals import parse_digits
from ..resources import Rules, load_rules
from .flags import compile_patterns
from .tokenizer import customize_tokenizer

CANDIDATES_KEY = "finfacts_candidates"
# No pattern reaches further than this from its anchor token (see patterns/README.md).
WINDOW_BEFORE = 4
WINDOW_AFTER = 7


FAMILIES = ("MONEY", "PERCENT", "COUNT", "RANK", "PERIOD", "BASIS")
PERIOD_BIT = 1 << FAMILIES.index("PERIOD")
PERCENT_WORDS = {"%", "percent", "percents", "pct", "pct.", "percentage", "per-cent", "℅", "cent", "bps", "bp", "bpts",
                 "bpt", "bsp", "basis", "pp", "ppt", "ppts", "p.p.", "p.p", "pps", "pp.", "%pts", "%-pts", "%pt",
                 "points", "point", "pts", "pt"}
RANK_WORDS = {"no.", "no", "nr.", "#", "number", "ranked", "ranks", "ranking", "rank", "placed"}
BASIS_WORDS = {"year", "quarter", "yoy", "y/y", "y-o-y", "y-on-y", "yoy.", "pcp", "qoq", "q/q", "q-o-q", "sequentially",
               "sequential", "hoh", "h/h", "half-on-half"}


def _triggers(sets: dict[str, list[str]]) -> dict[str, int]:
    """Lower-case word -> bit mask of the labels whose patterns that word can take part in."""
    words: dict[str, set[str]] = {
        # (adjectives such as "new" or "us" always come with a currency word, which is the trigger)
        "MONEY": set(sets["cur_pre"]) | set(sets["cur_post"]) | set(sets["cur_word"])
        | {c.lower() for c in sets["cur_code"]} | set(sets["letter_dollar_rs"]) | set(sets["minor"]) | {"$"},
        "PERCENT": PERCENT_WORDS,
        "COUNT": set(sets["count_noun"]) | set(sets["count_link"]),
        "RANK": set(sets["ordinal"]) | set(sets["superlative"]) | RANK_WORDS,
        "PERIOD": set(sets["period_anchor"]) | set(sets["year4"]) | set(sets["month"]) | set(sets["relative_word"])
        | {"ytd", "ttm", "ltm", "trailing", "end", "year-end", "quarter-end", "period-end", "interim", "half-year"},
        "BASIS": BASIS_WORDS,
    }
    out: dict[str, int] = {}
    for bit, label in enumerate(FAMILIES):
        for w in words[label]:
            out[w] = out.get(w, 0) | (1 << bit)
    return out


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
        label_of_id: dict[str, str] = {}
        for row in self.rules.patterns:
            self.labels[nlp.vocab.strings[row["id"]]] = row["label"]
            label_of_id[row["id"]] = row["label"]
        for rule_id, pats in by_id.items():
            self.matcher.add(rule_id, pats, greedy="LONGEST")
        sets = self.rules.lexicon.sets
        self.anchor_words = (
            frozenset(sets["cur_word_or_minor"]) | frozenset(sets["ordinal"]) | frozenset(sets["period_anchor"])
        )
        # One Matcher per label, run only in windows holding one of that label's trigger words:
        # the Matcher's cost grows with its number of patterns, and most windows need one or two labels.
        self.families: list[tuple[int, Matcher]] = []
        for bit, label in enumerate(FAMILIES):
            matcher = Matcher(nlp.vocab, validate=False)
            for rule_id, pats in by_id.items():
                if label_of_id[rule_id] == label:
                    matcher.add(rule_id, pats, greedy="LONGEST")
            if len(matcher):
                self.families.append((1 << bit, matcher))
        self.triggers = _triggers(sets)
        self._mask_cache: dict[int, int] = {}

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

    def _mask(self, orth: int, text: str) -> int:
        mask = self._mask_cache.get(orth)
        if mask is None:
            low = text.lower()
            mask = self.triggers.get(low, 0)
            if any(ch.isdigit() for ch in low) and parse_digits(low) is None:
                mask |= PERIOD_BIT  # "30.06.2025", "1/1/2016", "2015/3", "3Q23" (not plain numbers)
            self._mask_cache[orth] = mask
        return mask

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for a, b in self.windows(doc):
            window = doc[a:b]
            present = 0
            for tok in window:
                present |= self._mask(tok.orth, tok.text)
            for bit, matcher in self.families:
                if present & bit:
                    for match_id, start, end in matcher(window):
                        spans.append(Span(doc, a + start, a + end, label=self.labels[match_id], span_id=match_id))
        spans.sort(key=lambda sp: (sp.start, sp.end))
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
