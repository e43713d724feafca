"""Tokenizer rules that split the glued forms of releases: ``RMB271.0``, ``HK$4.5bn``,
``150bps``, ``1.3bn``, ``$1.2–1.4``, ``835million(USD``.

The rules are added to whatever tokenizer the pipeline has, so a trained English pipeline
keeps its own rules and gains ours. They serialize with the tokenizer (``nlp.to_disk``).

:func:`make_doc` tokenizes a text in bounded pieces when it has very long runs without
whitespace, where spaCy's tokenizer costs time quadratic in the run's length.
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from ..resources import Lexicon
from .affix_regex import infix_regex, prefix_regex, suffix_regex

MARKER = "(?#finfacts)"


def _alternation(forms: set[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _guard(forms: set[str], follow: str = "") -> str:
    """A lookahead that every form of ``forms`` followed by ``follow`` passes.

    ``re`` tries each branch of a long alternation at every position it reaches (a
    lookbehind in front does not stop it), so an alternation of some thousand forms is
    slow even where nothing can match. The lookahead (the forms' characters, as many as
    the shortest to the longest form has, then ``follow``) is cheap and rejects almost
    every position first; where it passes, the alternation decides as before, so the
    regex matches exactly what it matched without the guard.
    """
    chars = "".join(re.escape(c) for c in sorted(set("".join(forms))))
    lengths = [len(f) for f in forms]
    return f"(?=[{chars}]{{{min(lengths)},{max(lengths)}}}{follow})"


def _cased(forms: set[str]) -> set[str]:
    """The forms as written, in lower, upper and title case.

    Listing the cases is much faster than a case-insensitive alternation in ``re``.
    """
    return {v for f in forms for v in (f, f.lower(), f.upper(), f[:1].upper() + f[1:].lower())}


SCALE_LETTER_EXCEPTIONS = {"m.", "k.", "b.", "c."}
_MONTH3 = "(?:" + "|".join(sorted(_cased({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                           "dec"}))) + ")"


def customize_tokenizer(nlp: Language, lexicon: Lexicon) -> None:
    """Add finfacts' prefix, suffix and infix rules to ``nlp.tokenizer`` (idempotent)."""
    tok = nlp.tokenizer
    current_prefix = getattr(getattr(tok, "prefix_search", None), "__self__", None)
    if current_prefix is not None and MARKER in current_prefix.pattern:
        return
    defaults = nlp.Defaults
    sets = lexicon.sets
    letters_dollar = {f"{x}$" for x in sets["letter_dollar"]}
    glued_pre = set(sets["cur_pre"]) | set(sets["cur_code"]) | letters_dollar | {"rs.", "rs"}
    glued_pre = {f for f in glued_pre if f not in {"$", "€", "£", "¥", "₹"}}
    pre_forms = _cased(glued_pre)
    pre_follow = r"[-+\u2212\u2013(]?\d"
    # A rule given as (rule, True) cannot match in a string without a digit (affix_regex
    # finds most such rules itself).
    prefixes = [
        (MARKER + _guard(pre_forms, pre_follow) + r"(?:" + _alternation(pre_forms) + r")(?=" + pre_follow + ")", True),
        (r"[\u2212\u2013\u2014](?=\d)", True),
        # a minus before a currency symbol: "−$3.2 million"
        (r"[\u2212\u2013\u2014](?=[$€£¥₹]\d)", True),
        *list(defaults.prefixes or []),
    ]
    exact = set(sets["scale_exact"])
    words = set(sets["scale_lower"]) | {"bps", "bp", "pp", "ppt", "ppts", "pps", "cents", "cent"}
    words |= {x.lower() for x in sets["cur_code"]} | {x for x in sets["cur_post"] if x.isalpha()}
    words -= {"m", "k", "b", "c"}
    suffix_words = _cased(words)
    suffixes = [
        # (suffix rules get a "$" at their end)
        r"(?<=\d)" + _guard(suffix_words, "$") + r"(?:" + _alternation(suffix_words) + r")",
        r"(?<=\d)(?:" + _alternation(exact) + r")",
        r"(?<=\d)[mkbcMKBC]",
        r"(?<=\d[kKmMbB])[$€£¥]",
        r"(?<=\))(?:bn|mn|m|k|b)",
        r"(?<=\d[MKBmkbn])\.",
        r"(?<=\d)[¢₿₹₩₪₫₴₾₭₡₮]",
        # a full stop after a change basis that ends a sentence: "rose 19.2% YoY."
        r"(?<=\b(?:" + "|".join(sorted(_cased({"yoy", "qoq", "hoh", "YoY", "QoQ", "HoH"}))) + r"))\.",
        *list(defaults.suffixes or []),
    ]
    after_dash = sorted({f for f in glued_pre if not f.endswith(".")}, key=len, reverse=True)
    dash_forms = _cased(set(after_dash)) | {"$", "€", "£", "¥", "₹"}
    infixes = [
        r"(?<=\d)[-\u2013\u2014\u2212~](?=[\d$€£¥₹A-Za-z])",
        # a currency glued after a range dash: "RMB4,000-RMB6,000"
        (r"(?<=[-\u2013\u2014])" + _guard(dash_forms, r"\d") + r"(?:" + _alternation(dash_forms) + r")(?=\d)", True),
        # a scale word glued to a number inside a piece infixes cut off: "835million(USD"
        r"(?<=\d)(?=(?:million|billion|thousand|trillion|bn|mn|Million|Billion|MILLION|BILLION)(?![a-z]))",
        r"(?<=[0-9A-Za-z])\((?=[A-Z$€£¥₹])",
        # glued wire-service text: "(-1.3%)Escrow.com", "22%–24%", "2024(1)" footnotes
        r"(?<=\d)%(?=[)\-\u2013\u2014A-Za-z])",
        r"\)(?=[A-Za-z])",
        r"(?<=%)[-\u2013\u2014](?=[\d+\-])",
        r"(?<=\d)\((?=\d)",
        # a month abbreviation glued to a day or year: "Aug-2016", "Dec/2018", "Sep-23-2020"
        r"(?:(?<=\b" + _MONTH3 + r")|(?<=\b(?:Sept|SEPT|sept)))[-/](?=\d)",
        # a period label glued to its year: "Q3/2025", "9M/2024", "H1/2025"
        r"(?<=\b(?:[Qq][1-4]|[Hh][12]|9[Mm]|[1-4][Qq]|[12][Hh]))/(?=(?:19|20)\d\d\b)",
        # a year glued to its quarter or half: "2024Q3", "2016H2"
        r"(?<=\b(?:19|20)\d\d)(?=[QqHh][1-4]\b)",
        # a word glued to the half or quarter label after it: "vs. $0.6m in pcp1H24: $(1.0) million"
        r"(?<=[a-z]{2})(?=(?:[12][Hh]|[1-4][Qq])\d\d\b)",
        *list(defaults.infixes or []),
    ]
    # The same matches as spaCy's compile_prefix_regex etc. would give, found faster (see
    # affix_regex); they serialize as plain patterns.
    # spaCy's English exceptions keep "m." and "k." (as in "a.m.") together, which turns a
    # sentence-final "EUR 7.3m." into "7.3" + "m.": the scale letters are not abbreviations here
    rules = dict(tok.rules or {})
    if any(k in rules for k in SCALE_LETTER_EXCEPTIONS):
        tok.rules = {k: v for k, v in rules.items() if k not in SCALE_LETTER_EXCEPTIONS}  # type: ignore[attr-defined]
    tok.prefix_search = prefix_regex(prefixes).search  # type: ignore[attr-defined]
    tok.suffix_search = suffix_regex(suffixes).search  # type: ignore[attr-defined]
    tok.infix_finditer = infix_regex(infixes).finditer  # type: ignore[attr-defined]


# spaCy strips prefixes and suffixes from a run of text without whitespace one at a time, and
# each strip costs time in proportion to what is left of the run: 5,000 '$' or "'" in a row take
# seconds, 100,000 take hours. Releases have no word longer than a long URL (under 500 characters
# in the corpus), so runs longer than MAX_RUN are cut into pieces of at most MAX_RUN characters
# that are tokenized on their own: the cost is then linear, and text without such runs is
# tokenized exactly as before.
MAX_RUN = 256
_LONG_RUN = re.compile(r"(?<!\S)\S{%d}" % (MAX_RUN + 1))
_RUN_END = re.compile(r"\s|\Z")


def long_run_cuts(text: str, max_run: int = MAX_RUN) -> list[int]:
    """Offsets where runs of more than ``max_run`` non-whitespace characters are cut.

    A cut falls after the last non-alphanumeric character of each stretch of ``max_run``
    characters when there is one in its second half (so numbers and words stay whole),
    else after ``max_run`` characters.

    >>> long_run_cuts("ab " + "$" * 10, max_run=4)
    [7, 11]
    >>> long_run_cuts("x 12345,67890 y", max_run=8)
    [8]
    >>> long_run_cuts("no long run", max_run=8)
    []
    """
    rx = _LONG_RUN if max_run == MAX_RUN else re.compile(r"(?<!\S)\S{%d}" % (max_run + 1))
    cuts: list[int] = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        start = m.start()
        end_m = _RUN_END.search(text, m.end())
        end = end_m.start() if end_m is not None else len(text)
        while end - start > max_run:
            cut = start + max_run
            for k in range(cut - 1, start + max_run // 2 - 1, -1):
                if not text[k].isalnum():
                    cut = k + 1
                    break
            cuts.append(cut)
            start = cut
        pos = end
    return cuts


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` in linear time, whatever the text.

    Runs of more than :data:`MAX_RUN` characters without whitespace are tokenized in pieces
    (see :func:`long_run_cuts`); the doc's text is ``text`` either way. The length limit is
    the caller's (``extract`` has ``max_chars``), not ``nlp.max_length``.
    """
    cuts = long_run_cuts(text)
    if not cuts:
        return nlp.tokenizer(text)
    bounds = [0, *cuts, len(text)]
    strings = nlp.vocab.strings
    words: list[str] = []
    spaces: list[bool] = []
    for a, b in zip(bounds, bounds[1:]):
        # read from arrays: Doc.from_docs and Token objects cost seconds for 100,000 tokens
        for orth, space in nlp.tokenizer(text[a:b]).to_array([ORTH, SPACY]).tolist():
            words.append(strings[orth])
            spaces.append(bool(space))
    return Doc(nlp.vocab, words=words, spaces=spaces)
