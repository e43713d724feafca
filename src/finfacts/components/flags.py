"""Compile the set predicates of token patterns (``{"LOWER": {"IN": [...]}}``) into lexeme flags.

spaCy's Matcher evaluates ``IN``/``NOT_IN`` in Python for every token and pattern state
(``SHAPE`` sets too: ``{"SHAPE": {"IN": ["dd/dd/dddd", ...]}}``),
which made the ruler ten times slower than the tokenizer. A lexeme flag is computed once
per vocabulary entry and checked in C, so each set becomes one of the free ``FLAG19`` to
``FLAG63`` bits of the vocab. The pattern files stay plain spaCy patterns.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import IDS
from spacy.lang.lex_attrs import word_shape
from spacy.vocab import Vocab

from ..errors import Errors, FinfactsError

_FREE = [IDS[f"FLAG{i}"] for i in range(19, 64)]
_SET_ATTRS = {"LOWER", "ORTH", "TEXT", "SHAPE"}


class SetFlag:
    """A picklable flag getter: is the lexeme's text (its lower case, its shape) in a set?"""

    def __init__(self, attr: str, values: frozenset[str]) -> None:
        self.attr = attr if attr in ("LOWER", "SHAPE") else "ORTH"
        self.values = values

    def __call__(self, string: str) -> bool:
        if self.attr == "LOWER":
            return string.lower() in self.values
        if self.attr == "SHAPE":
            return word_shape(string) in self.values  # the shape spaCy gives every lexeme
        return string in self.values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SetFlag) and (self.attr, self.values) == (other.attr, other.values)

    def __hash__(self) -> int:
        return hash((self.attr, self.values))


def flag_for(vocab: Vocab, attr: str, values: frozenset[str]) -> int:
    """The flag id for ``attr in values``, reusing one the vocab already has."""
    getter = SetFlag(attr, values)
    for key, existing in vocab.lex_attr_getters.items():
        if existing == getter:
            return int(key)
    for flag in _FREE:
        if flag not in vocab.lex_attr_getters:
            return int(vocab.add_flag(getter, flag_id=flag))
    raise FinfactsError(Errors.E010)


def _sets_of(spec: dict[str, Any]) -> list[tuple[str, str, frozenset[str]]]:
    found = []
    for key, value in spec.items():
        attr = key.upper() if isinstance(key, str) else key
        if attr in _SET_ATTRS and isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
            for op, members in value.items():
                members = frozenset(m.lower() for m in members) if attr == "LOWER" else frozenset(members)
                found.append((attr, op, members))
    return found


# A pattern that starts with a set of at most this many words is written once per word (see
# expand_first_set); a larger one gets a flag.
EXPAND_FIRST = 3


def expand_first_set(pattern: list[dict[str, Any]], limit: int = EXPAND_FIRST) -> list[list[dict[str, Any]]]:
    """The pattern once per word of a small word set on its first token, that token's only test.

    The Matcher starts every pattern at every token, so a set on a first token is tested (in Python)
    at every token; a flag makes that test cheap, but there are only 45 flags and more such sets.
    For a set of up to three words, patterns that test each word itself (in C) cost less, and leave
    flags to the large sets, whose predicates also cost the most to build. Added under the same key,
    they find the same matches: a token is one word, so one of them matches where the set did.

    >>> expand_first_set([{"LOWER": {"IN": ["a", "The"]}}, {"LIKE_NUM": True}])
    [[{'LOWER': 'a'}, {'LIKE_NUM': True}], [{'LOWER': 'the'}, {'LIKE_NUM': True}]]
    >>> expand_first_set([{"LOWER": {"IN": ["a", "the"]}, "OP": "?"}, {"LIKE_NUM": True}])
    [[{'LOWER': {'IN': ['a', 'the']}, 'OP': '?'}, {'LIKE_NUM': True}]]
    """
    if not pattern or len(pattern[0]) != 1:
        return [pattern]
    (key, value), = pattern[0].items()
    attr = key.upper() if isinstance(key, str) else key
    if attr not in ("LOWER", "ORTH", "TEXT") or not isinstance(value, dict) or set(value) != {"IN"}:
        return [pattern]
    words = list(dict.fromkeys(w.lower() if attr == "LOWER" else w for w in value["IN"]))
    if not 0 < len(words) <= limit:
        return [pattern]
    return [[{key: word}, *pattern[1:]] for word in words]


def compile_patterns(vocab: Vocab, patterns: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Replace the set predicates of token patterns by flag tests, as far as flags last.

    Sets tested on the first token of a pattern are evaluated at every token, so they get
    flags first, then the largest sets; any left over stay ordinary ``IN`` predicates.

    >>> from spacy.vocab import Vocab
    >>> compile_patterns(Vocab(), [[{"LOWER": {"IN": ["usd", "rmb"]}, "OP": "?"}, {"LIKE_NUM": True}]])
    [[{'FLAG19': True, 'OP': '?'}, {'LIKE_NUM': True}]]
    """
    first: set[tuple[str, frozenset[str]]] = set()
    sizes: dict[tuple[str, frozenset[str]], int] = {}
    for pattern in patterns:
        for i, spec in enumerate(pattern):
            for attr, _op, members in _sets_of(spec):
                sizes[(attr, members)] = len(members)
                if i == 0:
                    first.add((attr, members))
    taken = sum(1 for flag in _FREE if flag in vocab.lex_attr_getters)
    budget = len(_FREE) - taken
    order = sorted(sizes, key=lambda k: (k not in first, -sizes[k]))
    chosen = set(order[:budget])
    out = []
    for pattern in patterns:
        new_pattern = []
        for spec in pattern:
            new: dict[str, Any] = {}
            for key, value in spec.items():
                sets = _sets_of({key: value})
                if sets and all((a, m) in chosen for a, _op, m in sets):
                    for attr, op, members in sets:
                        new[f"FLAG{flag_for(vocab, attr, members)}"] = op == "IN"
                else:
                    new[key] = value
            new_pattern.append(new)
        out.append(new_pattern)
    return out
