"""Run, in each token window, only the patterns that can match there.

spaCy's Matcher starts every one of its patterns at every token, so its cost grows with
the number of patterns (hundreds once the macros are expanded), although almost all of
them fail on their first tokens. Most patterns need a token that is rare: a currency, a
``%``, a count noun, a month, ``between``. :class:`PatternIndex` finds, for every
pattern, one lexical test per required token (a lexeme flag, an ``ORTH``/``LOWER``
value, ``LIKE_NUM``...); a pattern whose tests are not all met by some token of a
window cannot match in that window and is left out.

The windows are matched by a Matcher built from the remaining patterns, added with the
same keys, in the same order and with the same ``greedy`` filter as the full Matcher (their
word sets given as string ids, which match the same tokens and build faster: see :func:`_as_ids`).
States of different patterns never interact in the Matcher, so its raw matches are the
full Matcher's raw matches without those of the left-out patterns, which are none: the
result, including its order, is the same as the full Matcher's on that window.

The tests are lexical, so they are run once per vocabulary entry: each entry gets a
bit mask (bit 0 for the caller's anchor test, then one bit per test), and a doc costs
one ``to_array`` and a sorted-array lookup, whatever the number of tests.

A Matcher per set of patterns is built when first needed and cached (see
:meth:`PatternIndex._choose`); spaCy's Matcher loses its ``greedy`` filters when pickled,
so a pickled index drops its Matchers and builds them again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from spacy.attrs import IDS, ORTH
from spacy.lexeme import Lexeme
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Lexeme flag bits (IS_ALPHA, LIKE_NUM, FLAG19...) are the attribute ids below 64.
_FLAG_LIMIT = 64
_STRING_ATTRS = {"ORTH": IDS["ORTH"], "TEXT": IDS["ORTH"], "LOWER": IDS["LOWER"]}
# Prefer tests that few tokens pass: sets and words over LIKE_NUM and the like.
_GENERIC = {IDS[name] for name in ("LIKE_NUM", "IS_DIGIT", "IS_ALPHA", "IS_ASCII", "IS_LOWER",
                                    "IS_TITLE", "IS_UPPER", "IS_PUNCT", "IS_SPACE", "IS_STOP",
                                    "IS_OOV", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
                                    "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_URL", "LIKE_EMAIL")
            if name in IDS}
_ORTH = int(IDS["ORTH"])
_ID_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "SHAPE"}  # attributes whose values are strings
_MIN_MAX = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_MAX_MATCHERS = 1024  # cached Matchers (about 60 kB each)
_MAX_MASKS = 65536
_REUSE = 3  # use a cached Matcher with up to this many times the patterns needed

# A lexical test: ("flag", bit) / ("eq", attr id, string id) / ("in", attr id, strings)
Atom = tuple[Any, ...]
LexTest = Callable[[Lexeme], bool]


class AtomTest:
    """A picklable lexeme test for an atom."""

    def __init__(self, atom: Atom) -> None:
        self.atom = atom

    def __call__(self, lex: Lexeme) -> bool:
        kind = self.atom[0]
        if kind == "flag":
            return bool(lex.check_flag(self.atom[1]))
        if kind == "eq":
            return bool((lex.orth if self.atom[1] == _ORTH else lex.lower) == self.atom[2])
        return (lex.orth_ if self.atom[1] == _ORTH else lex.lower_) in self.atom[2]


def _required(spec: dict[str, Any]) -> bool:
    """Whether a token spec must match at least one token (by its ``OP``)."""
    op = None
    for key, value in spec.items():
        if isinstance(key, str) and key.upper() == "OP":
            op = value
    if op is None or op in ("1", "+"):
        return True
    if isinstance(op, str):
        m = _MIN_MAX.fullmatch(op)
        return bool(m and m.group(1) and int(m.group(1)) >= 1)
    return False


def _atom(spec: dict[str, Any], vocab: Vocab) -> Atom | None:
    """One lexical test that every token matching ``spec`` passes, or None.

    Preferred: a flag, a word or a set of words (few tokens pass them), then the generic
    flags (``LIKE_NUM``...).
    """
    best: tuple[int, Atom] | None = None
    for key, value in spec.items():
        if not isinstance(key, str):
            continue
        name = key.upper()
        cand: tuple[int, Atom] | None = None
        if name in _STRING_ATTRS and isinstance(value, str):
            cand = (0, ("eq", _STRING_ATTRS[name], int(vocab.strings.add(value))))
        elif (name in _STRING_ATTRS and isinstance(value, dict) and set(value) == {"IN"}
              and isinstance(value["IN"], (list, tuple)) and all(isinstance(v, str) for v in value["IN"])):
            # the Matcher compares the strings as given (see _SetPredicate)
            cand = (0, ("in", _STRING_ATTRS[name], frozenset(value["IN"])))
        elif name in IDS and IDS[name] < _FLAG_LIMIT and value is True:
            attr = int(IDS[name])
            cand = (1 if attr in _GENERIC else 0, ("flag", attr))
        if cand is not None and (best is None or cand[0] < best[0]):
            best = cand
    return None if best is None else best[1]


class LexemeMasks:
    """Bit masks of lexical tests (bit ``i`` for ``tests[i]``), by orth id.

    A mask is ``words`` little-endian 64-bit words. The tests must depend only on the
    lexeme (its text, flags and lexical attributes); each is run once per vocabulary
    entry.
    """

    def __init__(self, vocab: Vocab, tests: Sequence[LexTest]) -> None:
        self.vocab = vocab
        self.tests = list(tests)
        self.words = max(1, (len(self.tests) + 63) // 64)
        # An atom's test is a lookup: its bits by the word it wants, by the flag it wants; a new
        # vocabulary entry (every new number is one) costs a few lookups, not a call per test.
        self._by_id: dict[tuple[bool, int], int] = {}  # (ORTH?, string id) -> bits
        self._by_text: dict[tuple[bool, str], int] = {}  # (ORTH?, string) -> bits
        self._by_flag: dict[int, int] = {}  # flag id -> bits
        self._other: list[tuple[int, LexTest]] = []  # (bit, test): tests that are not atoms
        for bit, test in enumerate(self.tests):
            atom = test.atom if isinstance(test, AtomTest) else None
            if atom is None:
                self._other.append((bit, test))
            elif atom[0] == "flag":
                self._by_flag[atom[1]] = self._by_flag.get(atom[1], 0) | 1 << bit
            elif atom[0] == "eq":
                key = (atom[1] == _ORTH, atom[2])
                self._by_id[key] = self._by_id.get(key, 0) | 1 << bit
            else:
                for text in atom[2]:
                    key2 = (atom[1] == _ORTH, text)
                    self._by_text[key2] = self._by_text.get(key2, 0) | 1 << bit
        self._flags_tested = sum(1 << flag for flag in self._by_flag)
        self._keys = np.zeros(0, dtype=np.uint64)  # sorted orth ids
        self._masks = np.zeros((0, self.words), dtype=np.uint64)
        self._recent: dict[int, list[int]] = {}  # entries not merged into the arrays yet

    def __call__(self, doc: Doc) -> np.ndarray:
        """The masks of the tokens of ``doc``: an array of shape ``(len(doc), words)``."""
        orths = doc.to_array(ORTH)
        keys = self._keys
        if len(keys):
            pos = np.searchsorted(keys, orths)
            np.minimum(pos, len(keys) - 1, out=pos)
            out = self._masks[pos]
            missing = np.flatnonzero(keys[pos] != orths)
        else:
            out = np.zeros((len(orths), self.words), dtype=np.uint64)
            missing = np.arange(len(orths))
        if len(missing):
            recent = self._recent
            found = []
            for orth in orths[missing].tolist():
                mask = recent.get(orth)
                if mask is None:
                    mask = recent[orth] = self._mask(orth)
                found.append(mask)
            out[missing] = np.array(found, dtype=np.uint64)
            if len(recent) > max(1024, len(keys) // 4):
                self._merge()
        return out

    def _mask(self, orth: int) -> list[int]:
        lex = self.vocab[orth]
        by_id, by_text = self._by_id, self._by_text
        mask = (by_id.get((True, lex.orth), 0) | by_id.get((False, lex.lower), 0)
                | by_text.get((True, lex.orth_), 0) | by_text.get((False, lex.lower_), 0))
        flags = lex.flags & self._flags_tested
        while flags:
            low = flags & -flags
            mask |= self._by_flag[low.bit_length() - 1]
            flags ^= low
        for bit, test in self._other:
            if test(lex):
                mask |= 1 << bit
        return [mask >> (64 * i) & 0xFFFFFFFFFFFFFFFF for i in range(self.words)]

    def _mask_by_tests(self, orth: int) -> list[int]:
        """:meth:`_mask` the plain way, a call per test (what the tests hold it to)."""
        lex = self.vocab[orth]
        words = [0] * self.words
        for bit, test in enumerate(self.tests):
            if test(lex):
                words[bit >> 6] |= 1 << (bit & 63)
        return words

    def _merge(self) -> None:
        new_keys = np.array(list(self._recent), dtype=np.uint64)
        new_masks = np.array(list(self._recent.values()), dtype=np.uint64).reshape(-1, self.words)
        keys = np.concatenate([self._keys, new_keys])
        masks = np.concatenate([self._masks, new_masks])
        order = np.argsort(keys, kind="stable")
        self._keys, self._masks = keys[order], masks[order]
        self._recent = {}

    def __getstate__(self) -> dict[str, Any]:
        # the table is a cache: rebuild it after unpickling
        return {"vocab": self.vocab, "tests": self.tests}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["vocab"], state["tests"])  # type: ignore[misc]


def as_int(words: Sequence[int]) -> int:
    """A mask (its 64-bit words, lowest first) as one integer."""
    out = 0
    for i, word in enumerate(words):
        out |= int(word) << (64 * i)
    return out


class PatternIndex:
    """Matchers over the subsets of the patterns that a window allows, built on demand.

    Args:
        vocab: the pipeline's vocab.
        rules: ``(key, patterns)`` pairs, in the order the full Matcher adds them; the
            patterns as the Matcher takes them (already compiled to flags).
        greedy: the ``greedy`` filter every key is added with.
        anchor: a lexeme test for the caller's own use, given bit 0 of the masks.
    """

    def __init__(self, vocab: Vocab, rules: Sequence[tuple[str, list[list[dict[str, Any]]]]],
                 greedy: str | None = "LONGEST", anchor: LexTest | None = None) -> None:
        self.vocab = vocab
        self.greedy = greedy
        self.entries: list[tuple[str, list[dict[str, Any]]]] = [
            (key, pattern) for key, patterns in rules for pattern in patterns
        ]
        atoms: dict[Atom, int] = {}  # atom -> its bit (bit 0 is the anchor)
        self.requires: list[int] = []  # per entry: the bits of its atoms
        for _key, pattern in self.entries:
            need = 0
            for spec in pattern:
                if not isinstance(spec, dict) or not _required(spec):
                    continue
                atom = _atom(spec, vocab)
                if atom is not None:
                    need |= 1 << atoms.setdefault(atom, 1 + len(atoms))
            self.requires.append(need)
        self.atoms = list(atoms)
        self.masks = LexemeMasks(vocab, [anchor or _never, *(AtomTest(atom) for atom in self.atoms)])
        # what _build adds: the same patterns with their word sets as string ids (see _as_ids)
        self._to_add = [_as_ids(pattern, vocab) for _key, pattern in self.entries]
        self._by_mask: dict[int, int] = {}  # window mask -> key of the Matcher to use
        self._by_subset: dict[int, tuple[Matcher, int]] = {}  # pattern bits -> (Matcher, size)

    def window_masks(self, masks: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[int]:
        """The union of the token masks of each window ``[starts[w], ends[w])``; windows
        must be in order and not touch."""
        if not len(starts):
            return []
        bounds = np.empty(2 * len(starts), dtype=np.intp)
        bounds[0::2] = starts
        bounds[1::2] = ends
        # a zero row, so that an end may be len(masks)
        padded = np.concatenate([masks, np.zeros((1, masks.shape[1]), dtype=np.uint64)])
        union = np.bitwise_or.reduceat(padded, bounds, axis=0)[0::2]
        if union.shape[1] == 1:
            return union[:, 0].tolist()  # type: ignore[no-any-return]
        return [as_int(row) for row in union.tolist()]

    def matcher(self, mask: int) -> Matcher | None:
        """A Matcher with every pattern whose atoms are all in ``mask`` (None if there is
        none); it may hold a few more patterns, which cannot match where ``mask`` holds."""
        key = self._by_mask.get(mask)
        if key is not None:
            found = self._by_subset.get(key)
            if found is not None:
                return found[0]
        subset, size = 0, 0
        for i, need in enumerate(self.requires):
            if need & mask == need:
                subset |= 1 << i
                size += 1
        if not size:
            return None
        key = self._choose(subset, size)
        if len(self._by_mask) >= _MAX_MASKS:
            self._by_mask.clear()
        self._by_mask[mask] = key
        return self._by_subset[key][0]

    def _choose(self, subset: int, size: int) -> int:
        """The cached Matcher to use for ``subset`` (its key in ``_by_subset``).

        Each window's set of patterns tends to be new (long windows hold many words), and a
        Matcher takes about 0.1 ms per pattern to build: a cached Matcher with all the
        patterns of ``subset`` and at most as many again is used instead if there is one.
        """
        cache = self._by_subset
        if subset in cache:
            return subset
        best, best_size = None, _REUSE * size
        for other, (_m, other_size) in cache.items():
            if other_size <= best_size and other & subset == subset:
                best, best_size = other, other_size
        if best is not None:
            return best
        everything = (1 << len(self.entries)) - 1
        if len(self.entries) <= best_size:
            subset, size = everything, len(self.entries)  # no smaller Matcher is worth building
            if subset in cache:
                return subset
        if len(cache) >= _MAX_MATCHERS:
            del cache[next(iter(cache))]  # the oldest
        cache[subset] = (self._build(subset), size)
        return subset

    def _build(self, subset: int) -> Matcher:
        matcher = Matcher(self.vocab, validate=False)
        by_key: dict[str, list[list[dict[str, Any]]]] = {}
        for i, (rule_key, _pattern) in enumerate(self.entries):
            if subset >> i & 1:
                by_key.setdefault(rule_key, []).append(self._to_add[i])
        for rule_key, patterns in by_key.items():
            matcher.add(rule_key, patterns, greedy=self.greedy)
        return matcher

    def __getstate__(self) -> dict[str, Any]:
        # spaCy's Matcher loses its greedy filters when pickled: rebuild them instead
        state = dict(self.__dict__)
        state["_by_mask"], state["_by_subset"] = {}, {}
        return state


def _as_ids(pattern: list[dict[str, Any]], vocab: Vocab) -> list[dict[str, Any]]:
    """``pattern`` with the strings of its ``IN``/``NOT_IN`` sets on text attributes given as
    their string ids.

    The Matcher turns each member into its id whenever it builds the set's predicate, which was
    most of the time a Matcher took to build (every window's first sight of a new set of patterns
    builds one). An id stands for itself, so the predicate holds the same ids and matches the same
    tokens.
    """
    out = []
    for spec in pattern:
        new = dict(spec)
        for key, value in spec.items():
            if (isinstance(key, str) and key.upper() in _ID_ATTRS and isinstance(value, dict)
                    and set(value) <= {"IN", "NOT_IN"}):
                new[key] = {op: [int(vocab.strings.add(v)) if isinstance(v, str) else v for v in members]
                            for op, members in value.items()}
        out.append(new)
    return out


def _never(lex: Lexeme) -> bool:
    return False
