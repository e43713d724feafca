"""Compile the set predicates of token patterns (``{"LOWER": {"IN": [...]}}``) into lexeme flags.

spaCy's Matcher evaluates ``IN``/``NOT_IN`` in Python for every token and pattern state,
which made the ruler ten times slower than the tokenizer. A lexeme flag is computed once
per vocabulary entry and checked in C, so each set becomes one of the free ``FLAG19`` to
``FLAG63`` bits of the vocab. The pattern files stay plain spaCy patterns.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import IDS
from spacy.vocab import Vocab

from ..errors import Errors, FinfactsError

_FREE = [IDS[f"FLAG{i}"] for i in range(19, 64)]
_SET_ATTRS = {"LOWER", "ORTH", "TEXT"}


class SetFlag:
    """A picklable flag getter: is the lexeme's text (or its lower case) in a set?"""

    def __init__(self, attr: str, values: frozenset[str]) -> None:
        self.attr = "LOWER" if attr == "LOWER" else "ORTH"
        self.values = values

    def __call__(self, string: str) -> bool:
        return (string.lower() if self.attr == "LOWER" else string) in self.values

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


def compile_pattern(vocab: Vocab, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace every set predicate in a token pattern by a flag test.

    >>> from spacy.vocab import Vocab
    >>> compile_pattern(Vocab(), [{"LOWER": {"IN": ["usd", "rmb"]}, "OP": "?"}, {"LIKE_NUM": True}])
    [{'OP': '?', 'FLAG19': True}, {'LIKE_NUM': True}]
    """
    out = []
    for spec in pattern:
        new: dict[str, Any] = {}
        for key, value in spec.items():
            attr = key.upper() if isinstance(key, str) else key
            if attr in _SET_ATTRS and isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
                for op, members in value.items():
                    members = frozenset(m.lower() for m in members) if attr == "LOWER" else frozenset(members)
                    new[f"FLAG{flag_for(vocab, attr, members)}"] = op == "IN"
            else:
                new[key] = value
        out.append(new)
    return out
