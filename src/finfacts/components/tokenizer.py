"""Tokenizer rules that split the glued forms of releases: ``RMB271.0``, ``HK$4.5bn``,
``150bps``, ``1.3bn``, ``$1.2–1.4``, ``835million(USD``.

The rules are added to whatever tokenizer the pipeline has, so a trained English pipeline
keeps its own rules and gains ours. They serialize with the tokenizer (``nlp.to_disk``).
"""

from __future__ import annotations

import re

from spacy.language import Language
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
