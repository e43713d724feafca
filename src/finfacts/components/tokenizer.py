"""Tokenizer rules that split the glued forms of releases: ``RMB271.0``, ``HK$4.5bn``,
``150bps``, ``1.3bn``, ``$1.2–1.4``, ``835million(USD``.

The rules are added to whatever tokenizer the pipeline has, so a trained English pipeline
keeps its own rules and gains ours. They serialize with the tokenizer (``nlp.to_disk``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from ..resources import Lexicon

MARKER = "(?#finfacts)"


def _alternation(forms: set[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _cased(forms: set[str]) -> set[str]:
    """The forms as written, in lower, upper and title case.

    Listing the cases is much faster than a case-insensitive alternation in ``re``.
    """
    return {v for f in forms for v in (f, f.lower(), f.upper(), f[:1].upper() + f[1:].lower())}


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
    prefixes = [
        MARKER + r"(?:" + _alternation(_cased(glued_pre)) + r")(?=[-+\u2212\u2013(]?\d)",
        r"[\u2212\u2013\u2014](?=\d)",
        *list(defaults.prefixes or []),
    ]
    exact = set(sets["scale_exact"])
    words = set(sets["scale_lower"]) | {"bps", "bp", "pp", "ppt", "ppts", "pps", "cents", "cent"}
    words |= {x.lower() for x in sets["cur_code"]} | {x for x in sets["cur_post"] if x.isalpha()}
    words -= {"m", "k", "b", "c"}
    suffixes = [
        r"(?<=\d)(?:" + _alternation(_cased(words)) + r")",
        r"(?<=\d)(?:" + _alternation(exact) + r")",
        r"(?<=\d)[mkbcMKBC]",
        r"(?<=\d[kKmMbB])[$€£¥]",
        r"(?<=\))(?:bn|mn|m|k|b)",
        r"(?<=\d[MKBmkbn])\.",
        r"(?<=\d)[¢₿₹₩₪₫₴₾₭₡₮]",
        *list(defaults.suffixes or []),
    ]
    after_dash = sorted({f for f in glued_pre if not f.endswith(".")}, key=len, reverse=True)
    infixes = [
        r"(?<=\d)[-\u2013\u2014\u2212~](?=[\d$€£¥₹A-Za-z])",
        # a currency glued after a range dash: "RMB4,000-RMB6,000"
        r"(?<=[-\u2013\u2014])(?:" + _alternation(_cased(set(after_dash)) | {"$", "€", "£", "¥", "₹"}) + r")(?=\d)",
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
    tok.prefix_search = compile_prefix_regex(prefixes).search  # type: ignore[attr-defined]
    tok.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[attr-defined]
    tok.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[attr-defined]
