"""Figures -> facts: what each figure measures, its period, scope and change.

Pure functions over the text and its mentions; no spaCy needed. Works on a blank
pipeline from sentence structure, the metric taxonomy of ``patterns/metrics.jsonl`` and a
few closed word lists. The rules, in order:

1. a percentage next to a direction word ("up 19.2%", "soaring by 126.3% to"), a basis
   ("year-on-year") or in parentheses after a figure ("(-7.1%)") is the *change* of the
   figure it points at, not a fact of its own; "doubled"/"tripled"/"halved" too;
2. an amount after "from", "compared with", "versus" is the *prior* value of the figure
   before it; after "an increase of" it is an absolute change;
3. a percentage followed by "of <metric>" is a *share* of that metric;
4. every other figure is a fact; its metric is the nearest taxonomy name before it in its
   clause (else "in revenue" after it, else the words that label it, as in "Escrow.com:");
5. its period is a period mention of its sentence (the nearest after it, else before it),
   else the document's reporting period; balance-sheet metrics take the period's end.
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import regex

from . import fastre
from .coordination import pair_respectively
from .doccontext import DocContext, issuer_words
from .normalize.periods import PeriodValue, shift_reporting
from .resources import Metrics, load_link_words
from .syntax import has_parse, subject_phrase

Mention = Any  # the pydantic mention models (kept loose: this module reads attributes only)

ABBREVIATIONS = ("excl", "incl", "approx", "vs", "no", "nos", "inc", "corp", "ltd", "co", "mr", "mrs", "ms", "dr",
                 "st", "jr", "sr", "e.g", "i.e", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                 "sept", "oct", "nov", "dec", "fig", "est", "avg", "approx", "ca", "cf", "etc", "plc", "n.v", "s.a", "ag",
                 "adj")
# Where sentences end: the whitespace after a sentence's final mark (not an abbreviation's dot),
# a line break, a bullet, a pipe between spaces. Each is matched from a character that only it can
# start with (the mark; the pipe, its space before read by a lookbehind), where a lookbehind first
# would be tried at every position; :func:`_cuts` moves the span back to the whitespace. The
# bullets' two alternatives are left out of the text without bullets, where they cannot match
# (each is tried at every space).
_MARK_END = r"[.!?;](?i:(?<!\b(?:" + "|".join(regex.escape(a) for a in ABBREVIATIONS) + r")\.))\s+(?=[\"“(•●*\-–A-Z0-9])"
_PIPE = r"\|(?<=\s\|)\s"
SENTENCE_END = regex.compile(
    _MARK_END + r"|\n+"
    # a bullet takes the whitespace before it only from the start of the run ((?<!\s)): tried from
    # inside the run too, "\s*[•●]" is quadratic in a long run (the sentences are the same: the
    # run's whitespace is no sentence either way)
    + r"|[•●]\s*|(?<!\s)\s+[•●]\s*|" + _PIPE
)
SENTENCE_END_NO_BULLETS = regex.compile(_MARK_END + r"|\n+|" + _PIPE)
# "... in the right direction.In the Rolling Stock division": a page whose paragraphs were run
# together (a sentence's end glued to the next one's start)
GLUED_END = fastre.std(r"[.!?](?<=[a-z)][a-z)][.!?])[\"”]?+(?=[A-Z][a-z])")  # (the mark first; std: faster here)
ADDRESS = regex.compile(r"(?i)www\.|://|@")
NOT_SPACE = fastre.std(r"\S")  # (what str.strip() keeps; found at once, where slicing copies the text)


def _in_address(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a web or mail address ("www.InvestorWire.com")."""
    a = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos), pos - 80)
    return ADDRESS.search(text, a + 1, pos) is not None


# a run of letters, digits and &'’.-/, or one character of no word; the run unrolled ("L+(?:P+L*)*",
# each turn taking a character) for the standard engine, faster here. A superscript "¹" is no
# letter, as under ``regex``.
_L, _P = rf"[^\W{fastre.NOT_LETTER_DIGITS}]", r"[&'’.\-/]"
WORD = fastre.std(rf"{_L}+(?:{_P}+{_L}*)*|{_P}+(?:{_L}+{_P}*)*|[^\s\w]|[{fastre.NOT_LETTER_DIGITS}]")
# WORD where no character is one of NOT_LETTER_DIGITS (an ASCII text): a run of letters and joiners
ASCII_WORD = fastre.std(r"[\w&'’./\-]+|[^\s\w]")
NOT_LETTER_DIGIT = fastre.std(f"[{fastre.NOT_LETTER_DIGITS}]")
# the closed word lists, from patterns/lexicons/link_words.json (each under its name in lower case)
_WORDS = load_link_words()
# verbs whose amount right after them is a change: "increased $15.5 billion", "fell by $2.4 million"
CHANGE_VERBS = _WORDS["change_verbs"]
# the words before the level a change reached: "to", "to reach a total of", "reaching"
LEVEL_LEAD = regex.compile(r"(?:\bto(?: reach)?|\breaching)(?: (?:a )?total of)?$")
CHANGE_QUALIFIERS = _WORDS["change_qualifiers"]
# words between "to" and the level it reaches: "jumps to over 30%" (not "attributed to an 83% reduction")
LEVEL_QUALIFIERS = _WORDS["level_qualifiers"]
UP_WORDS = _WORDS["up_words"]
DOWN_WORDS = _WORDS["down_words"]
MULTIPLES = {"doubled": Decimal(100), "doubling": Decimal(100), "tripled": Decimal(200), "tripling": Decimal(200),
             "quadrupled": Decimal(300), "halved": Decimal(-50), "halving": Decimal(-50)}
MULTIPLES_RX = regex.compile(r"(?i)\b(" + "|".join(MULTIPLES) + r")\b")
MULTIPLES_STEMS = ("doubl", "tripl", "quadrupl", "halv")  # one of them is in any text MULTIPLES_RX matches (case folded)
PRIOR_WORDS = ("from", "compared to", "compared with", "versus", "vs", "vs.", "against", "over", "in comparison with",
               "relative to", "as against", "up from", "down from", "compared to the", "compared with the",
               "previously", "previously :", "formerly", "than the", "above the", "below the")
CHANGE_AMOUNT_WORDS = ("an increase of", "a decrease of", "increased by", "decreased by", "a rise of", "a decline of",
                       "an improvement of", "up by", "down by", "increase of", "decrease of", "grew by", "rose by",
                       "fell by", "declined by", "a reduction of", "an addition of", "improved by", "expanded by",
                       "climbed by", "jumped by", "dropped by", "slipped by")
LINK_WORDS = _WORDS["link_words"]
STOCK_KINDS = {"stock"}
# words before a figure that do not name it
NOT_A_LABEL = _WORDS["not_a_label"]
LEAD_VERBS = _WORDS["lead_verbs"]
# "(9M 2024: EUR 6.7m)", "(Q3 2024: EUR 575 million)", "(2024: $5,977,000)": a comparative figure
# the words a comparative's label may put between its colon and the figure: "(H1 2024: pro forma
# EUR 75.06)", "(July 31, 2024: loss of $0.21 per share)"
_LABEL_WORDS = (r":\s*+(?:(?:pro[\s\-]forma|restated|reported|adjusted)\s++)?"
                r"(?:(?:a\s++)?(?:net\s++)?(?:loss|income|profit|earnings)\s++of\s++)?")
COMPARATIVE = regex.compile(r"\(\s*(?:[^()]|\(\d{1,2}\)){0,30}?" + _LABEL_WORDS + "$", regex.I)
PRIOR_BETWEEN = regex.compile(r"(?i)\b(?:compared\s+(?:to|with)|versus|vs\.?|against|from)\b")
# "(July 31, 2024: loss of $0.21 ...)": the label's words before its figure
LABEL_TAIL = regex.compile(r"(?i)\s*+" + _LABEL_WORDS)
# "exceeding the previous year's level of EUR 98.1 million", "below the prior-year figure of EUR 6.0 million"
PRIOR_NAMED = regex.compile(r"(?i)\b(?:previous|prior|last)[\s\-]++(?:year|quarter|period|half)(?:['’]s)?+"
                            r"(?:\s++(?:level|figure|value|result|amount|total|mark))?+(?:\s++of)?+\s*+$")
# the same as a label: "(EUR 57.1 million, previous year: 44.1 million euros)"
PRIOR_LABEL = regex.compile(r"(?i)\b(?:previous|prior|last)[\s\-]++(?:year|quarter|period|half)\s*+:\s*+$")
# the next item of a list the outlook's verb governs: ", EPS of", ", and adjusted EPS of"
# between two items of an outlook: ", EPS of", "and capital expenditures of", ", including", "at AISC of"
GUIDANCE_LIST = regex.compile(r"\s*+(?:for\s++(?:the\s++)?(?:[\w\-]++\s++){0,3}?(?:year|quarter|period|half)\s*+)?"
                              r"(?:(?:,\s*+(?:and\s++)?|and\s++)(?:[\w&\-]++\s++){0,5}?(?:of|at)|,\s*+including"
                              r"|at\s++(?:[\w&\-]++\s++){1,3}?of)\s*+")
GUIDANCE = regex.compile(r"(?i)\b(?:guidance|outlook|expects?|expected|expecting|forecasts?|targets?|targeting|anticipates?|aims?|"
                         r"on track to|plans?\s+to|planning\s+to|intends?\s+to|budgeted|ambition)\b")
# a new predicate after an outlook word: "raises fiscal 2024 outlook and authorizes $150 million buyback"
NEW_PREDICATE = regex.compile(r"(?i)\band\s++(?:also\s++)?(?:authoriz|approv|declar|announc|complet|sign|launch|report"
                              r"|post|deliver|achiev|record|repurchas|acquir|appoint|clos|return)(?:e[sd]|es|ed|s)\b")


def _guided(text: str, lo: int, hi: int) -> bool:
    """Whether an outlook word ("expects", "guidance", "outlook") in ``text[lo:hi]`` governs a figure
    at ``hi``: not past a new predicate ("... outlook and authorizes $150 million buyback")."""
    if not _may_match(text, lo, hi, GUIDANCE_STEMS):
        return False  # (most stretches hold no outlook word: tested before the search)
    last = None
    for last in GUIDANCE.finditer(text, lo, hi):
        pass
    return last is not None and NEW_PREDICATE.search(text, last.end(), hi) is None


# one of these is in any text GUIDANCE matches (case folded): a text without them is not searched
GUIDANCE_STEMS = ("guidance", "outlook", "expect", "forecast", "target", "anticipat", "aim", "on track to", "plan", "intend",
                  "budgeted", "ambition")
QUALIFIER_WORDS = _WORDS["qualifier_words"]
SCOPE_AFTER = regex.compile(r"\s+(?:(?:processed|generated|contributed|earned|achieved|recorded)\s+)?(?:from|in|of|for|at|by)\s+(?:the\s+|its\s+|our\s+|their\s+|\w+['’]s\s+)?(?P<scope>(?:[^,;:()]|(?<=\d),(?=\d)){2,60})")
SCOPE_STOP = _WORDS["scope_stop"]
CAGR = regex.compile(r"(?i)\b(?:cagr|compound(?:ed)?\s++annual(?:\s++growth)?(?:\s++rate)?)\b[^.;]{0,12}$")
AND_WORD = regex.compile(r"\band\b")
BLANK_LINE_END = fastre.std(rf"\n(?=([{fastre.HSPACE}]*+)\n)")  # a newline opening a blank line (group 1: its blanks)
# a period a comparative is stated for: "from $346.7 million in the nine months ended ..."
COMPARATIVE_PERIOD = regex.compile(r"(?i)\b(?:from|versus|vs\.?|compared\s++(?:with|to)|against)\s++"
                                   r"[^,;.\n]{0,40}?\d[^,;\n]{0,20}?\s(?:in|for|during)\s++(?:the\s++)?$")
# a paragraph that opens on its period: "For the nine months ended March 31, 2024,"
PARAGRAPH_LEAD = regex.compile(r"\s*+(?:[-*•]\s*+)?(?:[Ff]or|[Ii]n|[Dd]uring)\s++(?:the\s++)?")
# the word "guidance" just before a figure, in its clause: "raised its EBITDA guidance to", "the
# margin guidance was subsequently raised to"
GUIDANCE_BEFORE = regex.compile(r"(?i)\bguidance\b[^.;:\n]*$")
GUIDANCE_APART = regex.compile(r"\band\b")
COUNT_SCALE = regex.compile(r"(?i)(?:million|billion|thousand|trillion|lakh|crore|mn|bn|mm|m|k)\s+(?=[A-Za-z])")
# a fronted subordinate clause, up to its comma: "Although ...,", "While ...,", "Despite ...,"
CONCESSIVE_LEAD = regex.compile(r"(?i)\s*(?:although|though|even\s+though|while|whilst|whereas|despite)\b[^,;.\n]{0,200},")
OUTLOOK_HEADING = regex.compile(r"(?i)\b(?:outlook|guidance|forecasts?|expectations?|targets?)\b")
# a place named right after a count ("3,150 of them in Switzerland"), a proper name (after a compass
# word) and maybe what it is
PLACE_AFTER = regex.compile(
    r"\s++(?:of\s++(?:them|whom|which)\s++)?(?:in|at)\s++(?:the\s++)?(?P<place>(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east"
    r"|south-?west)(?:ern)?\s++)?(?:U\.S\.|U\.K\.|[A-Z][\w&'’\-]++)(?:\s++[A-Z][\w&'’\-]++){0,3}"
    r"(?:\s++(?:property|plant|mine|site|facility|region|province|state|county|district))?)(?![\w$€£¥])"
    r"(?!\s++(?:of|per)\b)")  # ("at AISC of US$1,150": a measure, not a place)
SHARE_VERB = regex.compile(r"\s+(?:accounted|accounting|account|represented|representing|represent|made up|comprised|contributed)\b")
# "Driven by growth in the digital segment, the Group's gross profit ...": a segment named in a cause
CAUSE_LEAD = regex.compile(r"(?i)\b(?:driven|due|owing|thanks|attributable|supported|boosted|helped)\s+(?:by|to)\b[^,;]*$")
SEGMENT_WORDS = ("segment", "business", "division", "unit", "operations")
SEGMENT_SUBJECT = regex.compile(
    r"(?:^|[\s,])(?:(?:its|the|our|their)\s+|[\w.&\-]+['’]s\s+|\A)(?P<seg>(?:[\w&\-]+\s+){0,3}?[\w&\-]+)\s+"
    r"(?:" + "|".join(SEGMENT_WORDS) + r")s?\b")
# words that rank a segment and name none: "the largest division", "our fastest-growing segment"
RANKING_WORD = regex.compile(r"(?:(?:second|third)-)?(?:largest|biggest|smallest|newest|oldest|strongest|weakest"
                             r"|fastest(?:-growing)?|leading|main|core|flagship|principal)")
# the name set beside a segment's description, before it ("Energy Systems, the largest division") or after
APPOSED_BEFORE = regex.compile(r"(?:^|[.;:]\s)(?P<name>[A-Z][\w&'’\-]*+(?:\s++(?:[A-Z&][\w&'’\-]*+)){0,3}),\s++"
                               r"(?:the|its|our|their)\s++$")
APPOSED_AFTER = regex.compile(r",\s++(?P<name>[A-Z][\w&'’\-]*+(?:\s++(?:[A-Z&][\w&'’\-]*+)){0,3}),")
DESCRIPTOR = regex.compile(r"\s+(?:price\s+(?:segment|range|band|tier|point|bracket)s?|segment|tier|bracket|band)\b", regex.I)
LABEL_COLON = regex.compile(r"\s*(?:\(\d{1,2}\)|\[\d{1,2}\]|\d)?\s*:")


@dataclass
class _Draft:
    mention: Mention
    role: str = "value"
    metric: str | None = None
    metric_text: str | None = None
    metric_start: int | None = None
    metric_end: int | None = None
    adjusted: bool = False
    scope: str | None = None
    period: dict[str, Any] | None = None
    change: dict[str, Any] | None = None
    relations: list[dict[str, Any]] = field(default_factory=list)
    extra_ids: list[str] = field(default_factory=list)
    ambiguous_change: bool = False


_rx = fastre.compile  # compiled once; the regex module's cache is slower


def _cuts(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`SENTENCE_END` in ``text``, as its ``finditer`` would give them had each
    alternative been written from its first whitespace: a sentence mark's span starts after the
    mark, a pipe's at the space before it (and a pipe whose space ended the cut before is none: the
    search goes on from the character after the pipe)."""
    rx = SENTENCE_END if "•" in text or "●" in text else SENTENCE_END_NO_BULLETS
    out: list[tuple[int, int]] = []
    last = 0
    pos = 0
    search = rx.search
    while (m := search(text, pos)) is not None:
        a, b = m.span()
        first = text[a]
        if first == "|":
            if a - 1 < last:
                pos = a + 1
                continue
            a -= 1
        elif first in ".!?;":
            a += 1
        out.append((a, b))
        last = pos = b
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence (and bullet, and table cell) spans of a text.

    >>> t = "Revenue was $5 million. Net income rose 3%.\\n• Cash: $2 million"
    >>> [t[s:e] for s, e in sentences(t)]
    ['Revenue was $5 million.', 'Net income rose 3%.', 'Cash: $2 million']
    """
    out = []
    start = 0
    cuts = _cuts(text)
    glued = [(e, e) for m in GLUED_END.finditer(text) if not _in_address(text, e := m.end())]
    if glued:
        cuts = sorted(cuts + glued)
    for a, b in cuts:
        if a > start:
            out.append((start, a))
        if b > start:
            start = b
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if NOT_SPACE.search(text, s, e) is not None]


def _words_before(text: str, end: int, lo: int, n: int) -> list[str]:
    # only the last n words are needed: scan a bounded stretch, not the whole sentence (the same
    # stretch for any n up to 8, so that the rules asking about one figure share one scan)
    return _words(text, max(lo, end - 24 * max(n, 8) - 40), end)[-n:]


def _words_after(text: str, start: int, hi: int, n: int) -> list[str]:
    return _words(text, start, min(hi, start + 24 * max(n, 8) + 40))[:n]


@functools.lru_cache(maxsize=1024)
def _words(text: str, a: int, b: int) -> list[str]:
    """The words of text[a:b], lower case (cached: the rules ask about the same stretch again and
    again; the callers slice the list, never change it).

    A stretch without a character of :data:`fastre.NOT_LETTER_DIGITS` is read with the plainer
    :data:`ASCII_WORD` (the same words there), an ASCII one lowered first (lowering ASCII changes no
    character's class).
    """
    piece = text[a:b]
    if piece.isascii():
        return ASCII_WORD.findall(piece.lower())
    if NOT_LETTER_DIGIT.search(piece) is None:  # (the same words: ASCII_WORD is WORD without those)
        return [w.lower() for w in ASCII_WORD.findall(piece)]
    return [w.lower() for w in WORD.findall(text, a, b)]


def _ends_with_word(text: str, a: int, b: int, words: tuple[str, ...]) -> bool:
    """Whether text[a:b], its trailing blanks dropped and case folded, ends with one of ``words``:
    a test before a case-blind search for a phrase that ends the stretch ("founded in ")."""
    return text[a:b].rstrip().casefold().endswith(words)


def _may_match(text: str, a: int, b: int, stems: tuple[str, ...]) -> bool:
    """Whether text[a:b], case folded, holds one of ``stems``: a test before a case-blind search for
    words that hold them, which most stretches fail at once."""
    folded = text[a:b].casefold()
    return any(w in folded for w in stems)


def _amount_change(m: Mention, down: bool) -> dict[str, Any]:
    """The change record of an amount that states a change ("increased $1.2 million")."""
    return {"value": (-1 if down else 1) * abs(m.value), "unit": getattr(m, "currency", None) or getattr(m, "unit", None) or "",  # type: ignore[arg-type,union-attr]
            "direction": "down" if down else "up", "basis": None, "start": m.start, "end": m.end, "mention_id": m.id}


RAISE_VERBS = _WORDS["raise_verbs"]
CUT_VERBS = _WORDS["cut_verbs"]
MORE_THAN = {"higher": "up", "more": "up", "greater": "up", "lower": "down", "less": "down", "fewer": "down"}
_CLAUSE_MARKS = (",", ";", ":", "(", ")")


def _object_change(before: list[str]) -> str | None:
    """The direction of a figure after "by" that a verb changed its object by: "cut power costs by",
    "lifted the adjusted EBITA margin by" (the object up to five words; no clause mark between).

    >>> _object_change(["we", "lifted", "the", "adjusted", "ebita", "margin", "by"]), _object_change(["cut", "costs", "by"])
    ('up', 'down')
    >>> _object_change(["costs", "fell", ",", "helped", "by"]) is None
    True
    >>> _object_change(["to", "lift", "capacity", "by", "roughly"])  # (a qualifier before the figure)
    'up'
    """
    while before and before[-1] in CHANGE_QUALIFIERS:
        before = before[:-1]
    if before[-1:] != ["by"]:
        return None
    for w in reversed(before[-7:-1]):
        if w in _CLAUSE_MARKS:
            return None
        if w in RAISE_VERBS:
            return "up"
        if w in CUT_VERBS:
            return "down"
    return None


def _copula_up(before: list[str]) -> str | None:
    """ "Total loans ... were up $115.4 million": the direction of an amount a level is up or down by."""
    return before[-1] if before[-1:] in (["up"], ["down"]) and before[-2:-1] in (["was"], ["were"], ["is"], ["are"]) else None


def _than_direction(after: list[str]) -> str | None:
    """ "€5m lower than", "$3 million more than", "6.5% above the": the direction of a figure stated
    as a difference.

    >>> _than_direction(["lower", "than"]), _than_direction(["above", "the"]), _than_direction(["below", "the"])
    ('down', 'up', 'down')
    >>> _than_direction(["above", "target"]) is None
    True
    """
    if after[1:2] == ["the"] and after[:1] in (["above"], ["below"]):
        return "up" if after[0] == "above" else "down"  # "6.5% above the 293,000 ounces produced in 2022"
    return MORE_THAN.get(after[0]) if after[1:2] == ["than"] else None


def _to_level(between: list[str]) -> bool:
    """The words between a change and the level it reached: "to", ", to a net loss of".

    >>> _to_level(["to"]), _to_level([",", "to", "a", "net", "loss", "of"]), _to_level(["and", "to"])
    (True, True, False)
    """
    words = [w for w in between if w != ","]
    return words[:1] == ["to"] and len(words) <= 6


def _qualified_start(text: str, m: Mention) -> int:
    """Where a figure starts with the qualifier before it ("approximately $210 million").

    >>> from types import SimpleNamespace as M
    >>> t = "of approximately $210 million"
    >>> _qualified_start(t, M(start=t.index("$"), qualifier_text="approximately"))
    3
    """
    q = getattr(m, "qualifier_text", None)
    if q:
        at = text.rfind(q, max(0, m.start - len(q) - 8), m.start)
        if at >= 0 and not text[at + len(q):m.start].strip():
            return at
    return m.start


def _enclosed(text: str, a: int, b: int, end: int) -> bool:
    """Whether text[a:b] lies in parentheses that close before ``end``.

    >>> t = "cash flow (vs. a deficit in FY23) and cash of $23.2 million"
    >>> _enclosed(t, t.index("FY23"), t.index("FY23") + 4, t.index("$"))
    True
    >>> _enclosed(t, t.index("FY23"), t.index("FY23") + 4, t.index(")"))
    False
    """
    lo = max(0, a - 200)
    return text.rfind("(", lo, a) > text.rfind(")", lo, a) and text.find(")", b, end) != -1


def _ends_with(words: list[str], phrases: tuple[str, ...]) -> bool:
    return (" " + " ".join(words)).endswith(_spaced(phrases))


@functools.lru_cache(maxsize=None)
def _spaced(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases each after a space: what words joined by spaces end with when their last words
    are the phrase (one ``endswith`` for all)."""
    return tuple(" " + p for p in phrases)


# "Net profit attributable to the parent company", "Profit attributable to equity holders of the
# Company": the figure is the company's own; the clause between the name and its verb is blanked
# out, as a short parenthesis is (a minority's share, "attributable to non-controlling interests",
# is another measure and is left alone)
ATTRIBUTION = regex.compile(
    r"(?i)\battributable\s+to\s+(?:the\s+)?(?:"
    + "|".join(r"\s+".join(map(regex.escape, w.split())) for w in sorted(_WORDS["attributable_owners"], key=len, reverse=True))
    + r")(?:\s+of\s+(?:the\s+)?(?:parent|company|group|bank)(?:\s+company)?)?\b")


ATTRIBUTION_AFTER = regex.compile(r"\s+" + ATTRIBUTION.pattern.removeprefix("(?i)"), regex.I)


def _blank_attribution(window: str) -> str:
    return ATTRIBUTION.sub(lambda m: " " * len(m.group(0)), window) if "ttributable" in window else window


def _blank_short_parens(window: str) -> str:
    """'research and development (“R&D”) expenses' -> the acronym blanked out, offsets kept; so is a
    footnote digit glued to a word ("Adjusted EBITDA1 loss")."""
    # (the digit looked for first, the letters behind it after: a lookbehind first is tried everywhere)
    window = _rx(r"[1-9](?<=[A-Za-z]{3}[1-9])(?=\s)").sub(" ", window)
    window = _blank_marks(window)
    return _rx(r"\s?\([^()]{1,12}\)").sub(lambda m: " " * len(m.group(0)), window) if "(" in window else window


def _blank_marks(window: str) -> str:
    """ "a gearing ratio[3] of": footnote marks in brackets blanked out, offsets kept."""
    return _rx(r"\[\d{1,2}\]").sub(lambda m: " " * len(m.group(0)), window) if "[" in window else window


def _reaches_level(before: list[str]) -> bool:
    """Whether the words before a figure end with the "to" of the level a change reached, past
    qualifiers ("rose to 20%", "jumps to over 30%"; not "attributed to an 83% reduction")."""
    return [w for w in before if w not in LEVEL_QUALIFIERS][-1:] == ["to"]


def _outside_parens(window: str, hits: Iterable[Any]) -> list[Any]:
    """The hits (in order) that do not lie inside a parenthesis closing before the window ends;
    one pass over the window whatever the number of hits."""
    out = []
    last_close = window.rfind(")")
    if last_close < 0:
        return list(hits)  # no parenthesis closes: every hit is outside
    parens = [(p.start(), p.group(0)) for p in _rx(r"[()]").finditer(window)]
    depth = 0
    k = 0
    for h in hits:
        start = h.start()
        while k < len(parens) and parens[k][0] < start:
            if parens[k][1] == "(":
                depth += 1
            elif depth:
                depth -= 1
            k += 1
        if not (depth > 0 and start <= last_close):
            out.append(h)
    return out


# Sentences are linked in parts of at most this many mentions: the rules compare the figures of
# a sentence with each other, and text without sentence ends ("$1 $2 $3 ...", a crawled page of
# figures) would make that quadratic. Releases have at most 30 in a sentence.
MAX_SENTENCE_MENTIONS = 64


def _parts(s0: int, s1: int, ms: list[Mention]) -> list[tuple[int, int, list[Mention]]]:
    """A sentence's mentions in parts of at most MAX_SENTENCE_MENTIONS; a part's text runs from
    the last figure of the part before it to the first figure of the part after it."""
    if len(ms) <= MAX_SENTENCE_MENTIONS:
        return [(s0, s1, ms)]
    chunks = [ms[i:i + MAX_SENTENCE_MENTIONS] for i in range(0, len(ms), MAX_SENTENCE_MENTIONS)]
    out = []
    for k, chunk in enumerate(chunks):
        a = s0 if k == 0 else chunks[k - 1][-1].end
        b = s1 if k == len(chunks) - 1 else chunks[k + 1][0].start
        out.append((a, max(a, b), chunk))
    return out


RIGHT_LEAD = regex.compile(r"\s*(?:(?:in|of)\s+(?:the\s+)?)?")  # before the phrase right after a figure
# "3,150 of them", "300 of whom": a pronoun names nothing a figure measures (its antecedent does)
PRONOUNS = frozenset({"them", "whom", "these", "those", "it", "they"})
# a measure named as someone's: "its adjusted EBITA margin", "the segment's gross margin"
OWNER_BEFORE = regex.compile(r"(?i)(?:\bits|\bthe\s++(?:segment|division|business|unit)['’]s)\s++(?:adjusted\s++)?$")
# a sentence opening on a site and where it is: "The weaving plant at Bhiwandi", "A rooftop solar
# installation at the Bhiwandi plant"
_SITES = r"(?:plant|mine|mill|factory|site|facility|installation|refinery|warehouse|campus|property)"
SUBJECT_SITE = regex.compile(r"(?i)\s*+(?:the|a|an|its|our)\s++(?:[\w\-]+\s++){0,3}?" + _SITES + r"(?=\s++(?:at|in)\s)")
SITE_WORD = regex.compile(r"(?<=\S)\s++" + _SITES + r"$")
DETERMINER_END = regex.compile(r"(?i)(?:^|\s)(?:the|its|our|their)$")
OF_PRONOUN = regex.compile(r"\s++of\s++(?:them|whom|which)\b")
RIGHT_WORD = regex.compile(r"[\w&'’\-]+")
NAME_WORD = regex.compile(r"[\w&'’\-.]+")  # a word of the name before a metric


def _per(m: Mention) -> str | None:
    # (from the fields: getattr of a field a model lacks goes through pydantic's slow __getattr__)
    return vars(m).get("per")


def _alike(a: Mention, b: Mention) -> bool:
    """Two figures that may be a figure and its comparative: the same type, per the same unit,
    counting the same thing."""
    return a.type == b.type and _per(a) == _per(b) and (a.type != "count" or a.unit == b.unit)


def _same_part(own: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """ "$14,565 for the three months ended June 30, 2025, versus $19,029 in 2024": a comparative
    dated only by its calendar year covers the current figure's part of that year."""
    a, b, ca, cb = own.get("period_start"), own.get("period_end"), current.get("period_start"), current.get("period_end")
    if None in (a, b, ca, cb) or (a.month, a.day, b.month, b.day) != (1, 1, 12, 31) or a.year != b.year:
        return own
    if ca.year != cb.year or ca.year == a.year or (ca.month, ca.day, cb.month, cb.day) == (1, 1, 12, 31):
        return own
    try:
        return {**own, "period_start": ca.replace(year=a.year), "period_end": cb.replace(year=a.year)}
    except ValueError:  # February 29
        return own


def _held_at_end(own: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """ "cash of $40.9 million at June 30, 2024, up from the Q2 2023 cash balance of $7.5 million": the
    comparative of a balance held on a day, dated by an earlier span, is held on that span's last day."""
    a, b, ca, cb = own.get("period_start"), own.get("period_end"), current.get("period_start"), current.get("period_end")
    if None in (a, b, ca, cb) or a == b or ca != cb or b >= cb:
        return own
    return {**own, "period_start": b, "period_end": b}


def _year_ended(own: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """ "$1,839,000 for the year ended July 31, 2025 (July 31, 2024: $3,262,000)": a comparative of a
    flow labelled by the day its period ended covers the current figure's span ending that day."""
    a, b, ca, cb = own.get("period_start"), own.get("period_end"), current.get("period_start"), current.get("period_end")
    if None in (a, b, ca, cb) or a != b or ca == cb or (b.month, b.day) != (cb.month, cb.day) or b.year >= cb.year:
        return own
    try:
        return {**own, "period_start": ca.replace(year=ca.year - (cb.year - b.year)), "period_end": b}
    except ValueError:  # February 29
        return own


def is_value(m: Mention) -> bool:
    # (a field's value read from the instance: getattr on a model without the field raises inside
    # pydantic first, 40 times slower)
    return m.type in ("money", "percent", "count") and vars(m).get("translation_of") is None


class Linker:
    """Build facts from the mentions of one text."""

    def __init__(self, metrics: Metrics, subject_of: Callable[[int, int], tuple[int, int] | None] | None = None) -> None:
        self.metrics = metrics
        # with a parsed doc: the subject phrase of the verb that governs a figure (see finfacts.syntax)
        self.subject_of = subject_of
        self._issuer_words: set[str] = set()
        self._priors: set[str] = set()
        self._periods: list[Mention] = []
        self._period_index: dict[str, int] = {}
        self._period_flags: dict[str, tuple[bool, bool, bool, bool]] = {}
        self._period_starts: list[int] = []
        self._values: list[Mention] = []
        self._fronted_end: int | None = None  # where the sentence's fronted subordinate clause ends
        self._share_end: int | None = None  # where the last share stated with its whole ("X% of ...") ends
        self._elliptical: set[str] = set()  # shares that leave their whole out (see _elliptical_shares)

    def link(self, text: str, mentions: list[Mention], ctx: DocContext | None) -> list[Any]:
        from .models import Fact

        self._text = text
        self._last: _Draft | None = None
        self._by_metric: dict[str, _Draft] = {}  # the latest figure of each metric, for shares that name their part
        self._by_scope: dict[str, _Draft] = {}  # the latest figure of each scope, for shares of a segment
        issuer = ctx.issuer if ctx is not None else None
        self._issuer_words = issuer_words(issuer)
        self._sections = section_periods(text, mentions)
        self._about = about_sections(text)
        self._periods = [m for m in mentions if m.type == "period"]
        self._period_index = {m.id: i for i, m in enumerate(self._periods)}
        self._period_starts = [m.start for m in self._periods]
        self._blank_lines: list[tuple[int, int]] | None = None
        self._period_flags = {}
        self._section_starts = [a for a, _ in self._sections]
        self._skip_spans = sorted((m.start, m.end) for m in mentions if m.type in ("period", "basis", "percent"))
        self._skip_starts = [a for a, _ in self._skip_spans]
        sents = sentences(text)
        starts = [s for s, _ in sents]

        def sentence_of(pos: int) -> tuple[int, int]:
            i = bisect_right(starts, pos) - 1
            return sents[i] if i >= 0 else (0, len(text))

        by_sentence: dict[tuple[int, int], list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(sentence_of(m.start), []).append(m)

        drafts: list[_Draft] = []
        for (s0, s1), ms in by_sentence.items():
            for a, b, part in _parts(s0, s1, ms):
                if (bullet := BULLET_LEAD.match(text, a, b)) is not None and all(m.start >= bullet.end() for m in part):
                    a = bullet.end()  # "- Gross margin was 38.5%": a bullet's dash is no minus sign
                found = self._sentence(text, a, b, part, ctx)
                pair_respectively(text, a, b, found, ctx)
                if ADJUSTED_LEAD.match(text, a) is not None:
                    for d in found:  # "Excluding the discrete item, income tax expense ... totaled $1,871,000"
                        d.adjusted = True
                drafts += found
        self._guidance_lists(text, drafts)
        for d in drafts:
            self._per_share(text, d)
            self._guided_metric(d)
        self._segment_run_metrics(text, drafts)
        self._considerations(text, drafts)
        self._paragraph_segments(text, sents, drafts)
        self._changes_stated_apart(drafts)
        self._contributions(text, drafts)
        self._elliptical_shares(drafts)
        if self.subject_of is not None:
            self._metrics_from_parse(text, drafts)

        facts = []
        id_of: dict[str, str] = {}
        for n, d in enumerate(drafts):
            id_of[d.mention.id] = f"f{n}"
        for n, d in enumerate(drafts):
            relations = [{"type": r["type"], "target": id_of[r["target"]], "mention_id": r.get("mention_id")}
                         for r in d.relations if r["target"] in id_of]
            facts.append(Fact.model_validate({
                "id": f"f{n}", "metric": d.metric, "metric_text": d.metric_text, "metric_start": d.metric_start,
                "metric_end": d.metric_end, "adjusted": d.adjusted, "scope": scope_name(self._clean_scope(d.scope)), "role": d.role,
                "value": d.mention, "period": d.period, "change": d.change, "relations": relations,
                "mention_ids": [d.mention.id, *d.extra_ids],
            }))
        return facts

    # ------------------------------------------------------------------ sentence
    def _sentence(self, text: str, s0: int, s1: int, ms: list[Mention], ctx: DocContext | None) -> list[_Draft]:
        values = [m for m in ms if is_value(m)]
        if not values:
            self._values = values
            return []  # (a sentence of periods alone states no figure)
        periods = [m for m in ms if m.type == "period"]
        bases = [m for m in ms if m.type == "basis"]
        changes: dict[str, dict[str, Any]] = {}
        change_ids: set[str] = set()
        roles: dict[str, str] = {}
        prior_of: dict[str, str] = {}
        share_targets: dict[str, tuple[int, int]] = {}

        # 0. "from $400 million to $500 million": the first is the prior of the second
        from_to: dict[str, str] = {}
        for k in range(len(values) - 1):
            x, y = values[k], values[k + 1]
            if (x.type == y.type and x.value is not None and y.value is not None
                    and (x.type != "percent" or getattr(x, "unit", None) == getattr(y, "unit", None))
                    and _words_before(text, x.start, s0, 1) == ["from"]):
                between = [w for w in _words_after(text, x.end, y.start, 5) if w not in CHANGE_QUALIFIERS]
                if between[-1:] == ["to"] and "," not in text[x.end:y.start] and len(between) <= 4:
                    from_to[x.id] = y.id  # "from EUR 1.3 million to over EUR 3.5 million" too
                elif "," not in text[x.end:y.start] and self._dated_to(text, x, y, periods):
                    from_to[x.id] = y.id  # "from $9.8 million during the fourth quarter of 2023 to $11.4 million"
        by_mid = {v.id: v for v in values}

        def _level_after(k: int) -> Mention | None:
            """The level a change stated at values[k] reached, named right after it (past its rate):
            the 'to' figure of "from X to Y", or a figure after 'to' ("..., or 38.8%, to $18.2 million")."""
            for j in (k + 1, k + 2):
                if j >= len(values) or (j == k + 2 and values[k + 1].type != "percent"):
                    break
                v = values[j]
                if v.id in from_to:
                    return by_mid[from_to[v.id]]
                words = [w for w in _words_before(text, v.start, s0, 6) if w not in CHANGE_QUALIFIERS]
                if (v.type == values[k].type and v.value is not None and LEVEL_LEAD.search(" ".join(words))
                        and words[-2:-1] not in (["compared"], ["relative"], ["opposed"])):
                    return v  # (not "compared to $76.7 billion": a comparative)
            return None

        # 1a. absolute changes: "an increase of $6.4 million", "up $4.0 million"
        amount_target: dict[str, str] = {}
        records: dict[str, list[dict[str, Any]]] = defaultdict(list)
        amount_record: dict[str, dict[str, Any]] = {}
        change_only: dict[str, dict[str, Any]] = {}  # amounts that are changes of a level stated elsewhere

        def attach(m: Mention, rec: dict[str, Any], target: Mention) -> None:
            """An amount ``m`` is the change ``rec`` of ``target``."""
            records[target.id].append(rec)
            amount_target[m.id] = target.id
            change_ids.add(m.id)

        def settle(m: Mention, rec: dict[str, Any], level: Mention | None) -> None:
            """An amount ``m`` is the change ``rec`` of ``level``, or of a level the sentence does not state."""
            if level is not None:
                attach(m, rec, level)
            else:
                change_only[m.id] = rec
                roles[m.id] = "change"

        last_value: Mention | None = None
        copula_changed = False  # an amount in this sentence was a change a level "was up" by
        for k, m in enumerate(values):
            before = _words_before(text, m.start, s0, 4)
            nxt = values[k + 1] if k + 1 < len(values) else None
            if (m.type != "percent" and nxt is not None and nxt.type == m.type and m.value is not None
                    and [w for w in _words_after(text, m.end, nxt.start, 3) if w != ","] in (["to"], ["reaching"])
                    and (before[-1:] and (before[-1] in UP_WORDS or before[-1] in DOWN_WORDS)
                         or before[-2:-1] and before[-1] == "by" and (before[-2] in UP_WORDS or before[-2] in DOWN_WORDS))):
                # "increased $1.2 million to $23.5 million": the amount is the change of the figure after it
                rec = amount_record[m.id] = _amount_change(m, any(w in DOWN_WORDS for w in before[-2:]))
                attach(m, rec, nxt)
                continue
            named_after = [w.rstrip(".") for w in _words_after(text, m.end, s1, 2)]
            if (m.type != "percent" and m.value is not None and last_value is not None and last_value.type == m.type
                    and before[-1:] in (["a"], ["an"]) and named_after and named_after[0] in LEVEL_CHANGE_NOUNS
                    and named_after[1:2] not in (["in"], ["of"], ["on"])):  # (not "a $6.0M increase in costs")
                # "Revenue was $30.3 million, a $10.1 million increase from $20.2 million": the change of the level
                rec = amount_record[m.id] = _amount_change(m, named_after[0] in AFTER_DOWN)
                attach(m, rec, last_value)
                continue
            if m.type != "percent" and (
                    _ends_with(before, CHANGE_AMOUNT_WORDS) or before[-1:] in (["up"], ["down"])) and (
                    last_value is not None or before[-2:-1] == [","]):
                if m.value is not None:
                    down = any(w in DOWN_WORDS or w in ("decrease", "decline", "reduction") for w in before[-3:])
                    rec = amount_record[m.id] = _amount_change(m, down)
                    # "Revenue was $50 million, up $3 million": the change of the level before it; "...,
                    # and other operating expense, up $2.1 million": of a measure named after that level
                    # (or with none before it), whose level the sentence does not state
                    named = last_value is None or self.metrics.pattern.search(text, last_value.end, m.start) is not None
                    settle(m, rec, None if named else last_value)
                continue
            bare = [w for w in before if w not in CHANGE_QUALIFIERS]
            if m.type != "percent" and m.value is not None and (
                    bare[-1:] and bare[-1] in CHANGE_VERBS
                    or bare[-2:-1] and bare[-1] == "by" and bare[-2] in CHANGE_VERBS):
                # "Revenue increased $15.5 billion or 14%": the change of a level the sentence does not state
                rec = amount_record[m.id] = _amount_change(m, any(w in DOWN_WORDS for w in bare[-2:]))
                # "decreased by $1.5M (14%), from $10.5M in 2024 to $9.1M": the change of the 'to' figure;
                # "revenues of $89.3 billion ... increased $12.6 billion compared to $76.7 billion": of the one before
                settle(m, rec, _level_after(k) or last_value)
                continue
            if m.type != "percent" and m.value is not None and (
                    (way := _object_change(_words_before(text, m.start, s0, 8)) or _than_direction(named_after)
                     or _copula_up(before) or (
                        # "... were up $115.4 million, or 1.9% ..., and up $406.8 million": the same subject's
                        copula_changed and before[-2:] in (["and", "up"], ["and", "down"]) and before[-1]))):
                copula_changed = copula_changed or _copula_up(before) is not None
                # "cut power costs by Rs 12 lakh", "Restructuring expenses were €5m lower than in the
                # prior-year period": a change whose level is not stated (or the one it reached after "to")
                rec = amount_record[m.id] = _amount_change(m, way == "down")
                if not _than_direction(named_after):
                    level = _level_after(k)  # "cut costs by $2 million to $10 million"
                elif last_value is not None and last_value.type == m.type and \
                        _words_after(text, last_value.end, m.start, 2) in ([","], []):
                    level = last_value  # "Revenue was $50 million, $3 million higher than a year earlier"
                else:
                    level = None
                settle(m, rec, level)
                continue
            if m.type != "percent":
                last_value = m
                copula_changed = False  # (only the amount right after one continues it)

        for amount_id, rec in amount_record.items():
            if rec["basis"] is None and rec.get("mention_id") == amount_id:
                # "an improvement of $5.1 million year over year": the basis after the amount
                rec["basis"] = next((b.basis for b in bases if 0 <= b.start - rec["end"] <= 30), None)

        # 1b. changes stated as percentages (or points)
        for i, m in enumerate(values):
            if m.type != "percent" or m.value is None or m.id in from_to:
                continue  # "margin increase from 18.7% to 23.3%": the first is the prior, no change
            before = _words_before(text, m.start, s0, 8)
            after = _words_after(text, m.end, s1, 4)
            if _reaches_level(before) and not (
                    after[:1] and after[0].rstrip(".") in AFTER_UP | AFTER_DOWN and after[1:2] not in (["in"], ["of"])):
                continue  # "margin expanded to 23.8%", "jumps to over 30%": the level the change reached
                # (not "corresponding to approximately 5.7% decrease")
            direction = self._stated_direction(before, m, after)
            if direction is None and m.text.lstrip("( ")[:1] == "+":
                direction = "up"  # "(9M 2024: 3.5%; +18.6 percentage points)": a signed figure is a change
            first_after = after[0].rstrip(".") if after else ""
            if direction is None and first_after in AFTER_DOWN:
                direction = "down"  # "representing a 74% decrease"
            elif direction is None and first_after in AFTER_UP:
                direction = "up"
            nxt = values[i + 1] if i + 1 < len(values) else None
            to_value = nxt is not None and nxt.type != "percent" and _words_after(text, m.end, nxt.start, 3) == ["to"]
            nxt2 = values[i + 2] if i + 2 < len(values) else None
            if (nxt is not None and nxt2 is not None and nxt.type != "percent" and nxt2.type == nxt.type
                    and [w for w in _words_after(text, m.end, nxt.start, 3) if w != ","] == ["or"]
                    and _to_level(_words_after(text, nxt.end, nxt2.start, 8))):
                # "up 27% or EUR 450M to EUR 2.15bn", "increased by 731.2%, or $1.3 million, to a net
                # loss of $1.5 million": the amount is the same change
                change_ids.add(nxt.id)
                amount_target[nxt.id] = nxt2.id
                direction = direction or "up"
                to_value = True
                values_for_target = nxt2
            else:
                values_for_target = None
            in_parens = text[max(s0, m.start - 1):m.start] == "(" or text[max(s0, m.start - 2):m.start] in ("(+", "(-")
            basis = next((b.basis for b in bases if 0 <= b.start - m.end <= 30), None)
            if basis is None:
                basis = self._compared_basis(text, m.end, periods, ctx)
            prv = values[i - 1] if i > 0 else None
            if prv is not None and prv.id in amount_record and \
                    [w for w in _words_after(text, prv.end, m.start, 3) if w not in (",", "(")] in ([], ["or"]):
                # "up $4.0 million or 8.0%", "decreased by $1.5M (14%)", "an increase of $90,075 (or
                # 22%)": the same change, in percent
                rec = amount_record[prv.id]
                value = -abs(m.value) if rec.get("direction") == "down" else m.value
                rec.update({"absolute": rec["value"], "value": value, "unit": m.unit, "start": m.start, "end": m.end,
                            "mention_id": m.id, "basis": basis or rec.get("basis")})
                change_ids.add(m.id)
                continue
            if direction is None and not in_parens and basis is None and not to_value:
                if not (after[:1] and after[0] in ("year-on-year", "yoy", "y/y", "increase", "decrease", "growth",
                                                   "rise", "decline", "higher", "lower", "improvement", "drop")):
                    continue
            if after[:1] == ["of"] and direction is None:
                continue  # "28.0% of total revenue": a share, not a change
            target = values_for_target or (_level_after(i) if after[:1] == ["from"] else None) \
                or self._change_target(text, values, i, s0, s1, in_parens, periods)
            if CAGR.search(text, max(s0, m.start - 40), m.start) is not None:
                target = None  # "is expected to grow at a CAGR of 14.7% from 2023 to 2030": a yearly rate over years, no change of a figure
            explicit_prior = None
            if (target is None and after[:1] == ["from"] and nxt is not None and nxt.type != "percent"
                    and self._prior_lead(text, m.end, nxt.start)):
                # "$1.65, ... and up 26.9% from the diluted earnings per share of $1.30": the change
                # of the figure before it, against the prior named after "from"
                target = next((v for v in reversed(values[:i]) if v.type == nxt.type and v.id not in change_ids), None)
                explicit_prior = nxt if target is not None else None
            if (nxt is not None and nxt.type != "percent" and _than_direction(after) is not None
                    and (between := _words_after(text, m.end, nxt.start, 5))[:2] == after[:2]
                    and between[2:] in ([], ["the"])):
                # "312,000 ounces, within guidance of 300,000 to 320,000 ounces and 6.5% above the
                # 293,000 ounces produced in 2022": the change of the last figure alike to the one
                # compared, passing over a standard it was held to ("guidance of")
                like = next((v for v in reversed(values[:i]) if _alike(v, nxt) and v.id not in change_ids
                             and not STANDARD_OF.search(text, max(s0, v.start - 40), v.start)), None)
                if like is not None:
                    target, explicit_prior = like, nxt
            if target is None:
                if direction is not None:
                    roles[m.id] = "change"  # "ASP increased by over 19%": a change without its level
                continue
            if first_after in AFTER_VALENCE and not self._direction(before, m) and target.end <= m.start:
                # "costs decreased to 6.8 cents ..., a 13% improvement": the change went the way the
                # level's verb says, the noun only says it was for the better
                verb = next((w for w in reversed(_words_before(text, target.start, s0, 3)) if w in CHANGE_VERBS), None)
                if verb is not None:
                    direction = "down" if verb in DOWN_WORDS else "up"
            value = m.value
            if direction == "down" and value > 0:
                value = -value
            rec = {"value": value, "unit": m.unit, "direction": direction or ("down" if value < 0 else "up"),
                   "basis": basis, "start": m.start, "end": m.end, "mention_id": m.id}
            if explicit_prior is not None:
                rec["prior_id"] = explicit_prior.id
            if values_for_target is not None and nxt is not None and nxt.value is not None and m.unit == "percent":
                # "up 27% or EUR 450M to EUR 2.15bn": the amount is the same change, in the figure's unit
                rec["absolute"] = -abs(nxt.value) if rec["direction"] == "down" else abs(nxt.value)
            records[target.id].append(rec)
            change_ids.add(m.id)
        # "doubled", "tripled"
        for mm in (MULTIPLES_RX.finditer(text, s0, s1) if _may_match(text, s0, s1, MULTIPLES_STEMS) else ()):
            ws, we = mm.start(), mm.end()
            after_to = next((v for v in values if v.start >= we and v.id not in change_ids
                             and _words_after(text, we, v.start, 2) == ["to"]), None)
            target = after_to or min((v for v in values if v.id not in change_ids and v.end <= ws),
                                     key=lambda v: ws - v.end, default=None)
            if target is not None and not records[target.id]:
                records[target.id].append({"value": MULTIPLES[mm.group(1).lower()], "unit": "percent",
                                      "direction": "up" if MULTIPLES[mm.group(1).lower()] > 0 else "down",
                                      "basis": None, "start": ws, "end": we, "mention_id": None})

        # one change per figure; two different ones ("up 6% on the quarter and 20% on the year") are
        # kept only when one is year-over-year, else neither (which one the reader meant is unclear)
        for tid, recs in records.items():
            rates = [r for r in recs if r["unit"] in ("percent", "percentage_point")]
            amounts = [r for r in recs if r["unit"] not in ("percent", "percentage_point") and "absolute" not in r]
            if len(recs) == 2 and len(rates) == 1 and len(amounts) == 1 and rates[0].get("absolute") is None \
                    and (rates[0]["direction"] == amounts[0]["direction"] or rates[0].get("direction") is None):
                # "increased 203 to reach a total of 604, an increase of 51% from 2022": one change,
                # as an amount and as a rate
                changes[tid] = {**rates[0], "absolute": amounts[0]["value"]}
            elif len(recs) == 1:
                changes[tid] = recs[0]
            else:
                yoy = [r for r in recs if r.get("basis") == "year_over_year"]
                explicit = [r for r in recs if r.get("prior_id")]
                if len(yoy) == 1:
                    changes[tid] = {**yoy[0], "ambiguous": True}
                elif len(explicit) == 1:  # the one stated against a figure ("up 26.9% from ... $1.30")
                    changes[tid] = {**explicit[0], "ambiguous": True}

        # 2. prior values and absolute changes; 3. shares
        current: Mention | None = None
        # the figure a change was stated against ("6.5% above the 293,000 ounces") is the prior of
        # the change's own figure, not of the last one before it
        compared = {r["prior_id"]: tid for tid, r in changes.items() if r.get("prior_id")}
        for k_m, m in enumerate(values):
            if m.id in change_ids:
                continue
            if m.id in from_to or m.id in compared:
                roles[m.id] = "prior"
                prior_of[m.id] = from_to.get(m.id) or compared[m.id]
                continue
            before = _words_before(text, m.start, s0, 4)
            after = _words_after(text, m.end, s1, 6)
            if current is not None and not _alike(current, m):
                # "net loss of $18,410,000, or $0.056 per share, ... compared to a net loss of
                # $21,676,000": the comparative of the figure stated per the same unit
                # ("$9.8 million, or 97% of net revenue, compared to $19.1 million"; not a share)
                current = next((v for v in reversed(values[:k_m]) if _alike(v, m)
                                and roles.get(v.id) is None and v.id not in change_ids), current)
            if current is not None and _alike(current, m) and (
                    _ends_with(before, PRIOR_WORDS) or COMPARATIVE.search(text, max(s0, m.start - 40), m.start)
                    or PRIOR_NAMED.search(text, max(s0, current.end, m.start - 50), m.start)
                    or PRIOR_LABEL.search(text, max(s0, current.end, m.start - 30), m.start)
                    or after[:1] in (["before"], ["before."]) and after[1:2] in ([], [","], [";"], [")"], ["and"])
                    or self._prior_lead(text, max(current.end, m.start - 80), m.start)):
                roles[m.id] = "prior"
                prior_of[m.id] = current.id
                self._change_from_prior(text, values, m, current, s0, changes, roles)
                continue
            if m.type == "percent" and after[:1] == ["of"]:
                roles[m.id] = "share"
                share_targets[m.id] = (m.end, s1)
                # (a share of a whole stated right after its part, "RMB157.5 billion, or 58.1% of the
                # total", is one the next parts' shares may leave their whole out of)
                paired = current is not None and current.type == "money" and \
                    _words_after(text, current.end, m.start, 3) == [",", "or"]
                self._share_end = m.end if paired else None
            elif (m.type == "percent" and current is not None and current.type == "money" and m.unit == "percent"
                  and self._share_end is not None and 0 < m.start - self._share_end <= 300
                  and "\n" not in text[self._share_end:m.start]
                  and _words_after(text, current.end, m.start, 3) == [",", "or"]
                  and after[:1] in ([], [";"], ["."], [")"])):
                # "smartphones contributed RMB157.5 billion, or 58.1% of the total; IoT ... contributed
                # RMB83.5 billion, or 30.8%": the same share as the one just stated, its whole left out
                roles[m.id] = "share"
                self._elliptical.add(m.id)
            current = m

        # money used as a descriptor: "the RMB4,000-RMB6,000 price segment", "a $5 million contract"? no:
        # only price bands and tiers, which name a scope rather than a figure
        descriptors = {m.id for m in values if m.type == "money" and DESCRIPTOR.match(text, m.end)}

        # 4. facts
        self._values = values
        self._priors = {v.id for v in values if roles.get(v.id) == "prior"}
        # "Although the increase in Q3 2025 was ..., they still exceeded ...": where a fronted clause ends
        lead = CONCESSIVE_LEAD.match(text, s0, s1)
        self._fronted_end = lead.end() if lead is not None else None
        out = []
        prev_end = s0
        for m in values:
            if m.id in change_ids:
                continue
            d = _Draft(m, role=roles.get(m.id, "value"))
            listed = False
            if d.role == "value" and _guided(text, max(s0, m.start - 60), m.start):
                d.role = "guidance"
            elif d.role == "value" and out and out[-1].role == "guidance" and \
                    GUIDANCE_LIST.fullmatch(text, out[-1].mention.end, _qualified_start(text, m)) is not None:
                d.role, listed = "guidance", True  # "expects 2025 revenue of $3.685 billion to $3.735 billion, EPS of $7.62 to $8.12"
            if d.role == "change" and m.id in change_only:
                d.change = dict(change_only[m.id])
            elif d.role == "change":
                before = _words_before(text, m.start, s0, 8)
                way = self._stated_direction(before, m, _words_after(text, m.end, s1, 2))
                d.change = {"value": -abs(m.value) if way == "down" else m.value, "unit": m.unit,
                            "direction": way, "basis": next(
                                (b.basis for b in bases if 0 <= b.start - m.end <= 30), None),
                            "start": m.start, "end": m.end, "mention_id": m.id}
            if d.role == "change" and _guided(text, max(s0, m.start - 60), m.start) and \
                    _object_change(_words_before(text, m.start, s0, 8)):
                d.role = "guidance"  # "is expected to lift processing capacity by roughly 18%": a change foreseen
            if m.id in descriptors:
                continue
            if d.role == "share":
                self._metric_after_of(text, m, s1, d)
            else:
                lo = prev_end
                self._metric(text, m, lo, s0, s1, d)
                if (d.scope is None and d.metric_start is not None and out
                        and OWNER_BEFORE.search(text, max(s0, d.metric_start - 24), d.metric_start) is not None):
                    # "Motion & Drives revenue fell ...; its adjusted EBITA margin slipped to 10.2%", "the
                    # segment's gross margin": the measure of the one whose figure the sentence just gave
                    owner = next((x for x in reversed(out) if x.role == "value"), None)
                    if owner is not None and owner.scope is not None:
                        d.scope = owner.scope
                if d.scope is None and (site := SUBJECT_SITE.match(text, s0, m.start)) is not None \
                        and (place := self._place_after(text, site.end(), m.start)) is not None:
                    # "The weaving plant at Bhiwandi now runs 3,200 looms", "A rooftop solar installation
                    # at the Bhiwandi plant cut power costs by Rs 12 lakh": the place of the subject's site
                    d.scope = SITE_WORD.sub("", place) or None
                if m.type == "count" and d.scope is None and OF_PRONOUN.match(text, m.end, s1) is not None \
                        and (place := self._place_after(text, m.end, s1)) is not None:
                    d.scope = place  # "12,400 employees, 3,150 of them in Switzerland"
            if m.id in changes:
                d.change = {k: v for k, v in changes[m.id].items() if k not in ("ambiguous", "prior_id")}
                if changes[m.id].get("ambiguous"):
                    d.ambiguous_change = True
                if d.change.get("mention_id"):
                    d.extra_ids.append(d.change["mention_id"])
            if m.id in prior_of:
                d.relations.append({"type": "prior_of", "target": prior_of[m.id], "mention_id": m.id})
            d.period = self._period(m, periods, values, ctx, d)
            if d.role == "value" or listed:
                prev_end = m.end  # (an item of an outlook's list has its own label, as a value does)
            out.append(d)
        # "revenue growth of up to 7% is expected", "Results With 165% Revenue Growth": a percentage is
        # no level of a measure counted in money or units; with a direction it is that measure's change
        for d in out:
            m = d.mention
            if (d.role != "value" or m.type != "percent" or getattr(m, "unit", None) != "percent" or m.value is None
                    or d.change is not None or self.metrics.kind(d.metric) not in ("flow", "stock")):
                continue
            before = _words_before(text, m.start, s0, 8)
            if _reaches_level(before) or m.id in from_to or any(
                    w in ("share", "portion", "proportion") for w in before):
                continue  # "its share of consolidated sales rose to 25.8%": the level of a share
            direction = self._direction(before, m)
            after = [w.rstrip(".,") for w in _words_after(text, m.end, s1, 3)]
            if direction is None and "of" not in after[:2]:
                after = [w.lower() for w in after]  # ("Posts 18% Net Income Surge")
                named = next((w for w in after if w in LEVEL_CHANGE_NOUNS or w == "growth"), None)
                direction = None if named is None else "down" if named in AFTER_DOWN else "up"
            if direction is not None:
                d.role = "change"
                d.change = {"value": -abs(m.value) if direction == "down" else m.value, "unit": "percent",
                            "direction": direction, "basis": None, "start": m.start, "end": m.end, "mention_id": m.id}
        # "Group GMV: $948.6 million ... Freelancer: $130.5 million ... Escrow.com: $818.2 million": labels after a
        # group total in the same line are its segments
        segments: set[int] = set()
        for k, d in enumerate(out):
            if d.metric is not None or d.metric_text is None or d.role != "value" or d.metric_start is None:
                continue
            if text[d.metric_end or 0:d.mention.start].strip() != ":":
                continue
            # the figure before it, past the segments already labelled
            head = next((x for x in reversed(out[:k]) if x.metric is not None and x.role == "value"
                         and id(x) not in segments), None)
            if head is None or "\n" in text[head.mention.end:d.mention.start] or not any(
                    w in (head.metric_text or "").lower() for w in ("group", "total", "consolidated")):
                continue
            d.metric, d.adjusted, d.scope = head.metric, head.adjusted, d.metric_text.lower()
            segments.add(id(d))
        # a prior value without a metric of its own measures what its current value measures
        by_id = {d.mention.id: d for d in out}
        for k, d in enumerate(out):
            if d.metric is not None or k == 0 and self._last is None:
                continue
            before = _words_before(text, d.mention.start, s0, 2)
            label_is_period = d.metric_text is not None and any(
                p.start <= (d.metric_start or -1) < p.end for p in periods)
            prev = out[k - 1] if k > 0 else self._last
            if k == 0 and prev is not None and prev.mention.type != d.mention.type:
                continue  # the last sentence's amount does not name this one's percentage ("margin ... from 64%")
            # inside a sentence, a period must stand between the two (two figures side by side are
            # a flattened table's columns: "Organic revenue $ 46,601 $ 40,992")
            elided = (prev is not None and d.metric_text is None and d.role == "value"
                      and (k == 0 or prev.mention.type == d.mention.type and any(
                          prev.mention.end <= p.start and p.end <= d.mention.start for p in periods))
                      and self._elided(text, s0 if k == 0 else prev.mention.end, d.mention.start, prev.mention.end,
                                       periods))
            if elided and prev is not None and prev.role == "prior" and prev.mention.id in prior_of:
                prev = by_id.get(prior_of[prev.mention.id], prev)  # named by the figure it compares with
            if prev is not None and prev.metric_text and (before[-1:] == ["or"] or label_is_period or elided):
                d.metric, d.metric_text, d.metric_start, d.metric_end = prev.metric, prev.metric_text, prev.metric_start, prev.metric_end
                d.adjusted, d.scope = prev.adjusted, prev.scope
        for k, d in enumerate(out):
            if (d.metric is None and d.mention.type == "percent" and d.role == "value"
                    and (d.metric_text or "").lower() in ("margin", "the margin", "its margin")):
                # "Adjusted EBITA: €362 million (...); margin 12.9%": the margin of the measure before it
                head = next((x for x in reversed(out[:k]) if x.role == "value" and x.mention.type == "money"), None)
                if head is not None and head.metric in self.metrics.margins:
                    d.metric, d.adjusted, d.scope = self.metrics.margins[head.metric], head.adjusted, head.scope
        for d in out:
            if d.role == "prior" and d.mention.id in prior_of and d.period is not None:
                cur = by_id.get(prior_of[d.mention.id])
                if cur is not None and cur.period is not None:
                    d.period = _same_part(d.period, cur.period)
                    if self.metrics.kind(d.metric) not in STOCK_KINDS:
                        d.period = _year_ended(d.period, cur.period)
                    else:
                        d.period = _held_at_end(d.period, cur.period)
        for k in range(1, len(out)):
            d, prev = out[k], out[k - 1]
            if (d.role == "value" and prev.role == "prior" and d.mention.type == prev.mention.type
                    and _words_before(text, d.mention.start, prev.mention.end, 2)[-2:] in ([",", "or"], ["or"])):
                # "compared with net income of $140.3 million, or $2.83 per share": the comparative's
                d.role, d.period = "prior", prev.period
                cur = next((x for x in reversed(out[:k - 1]) if x.role == "value" and x.mention.type == d.mention.type
                            and _per(x.mention) == _per(d.mention)), None)
                if cur is not None and _per(d.mention) != _per(prev.mention):
                    d.relations.append({"type": "prior_of", "target": cur.mention.id, "mention_id": d.mention.id})
                    if d.metric is None:  # named as the figure it is the comparative of, not by the amount's label
                        d.metric_text, d.metric_start, d.metric_end = cur.metric_text, cur.metric_start, cur.metric_end
        if out:
            self._last = next((x for x in reversed(out) if x.role == "value"), self._last)
            for x in out:
                if x.role == "value" and x.metric is not None and x.metric != "__part__":
                    self._by_metric[x.metric] = x
                    if x.scope:
                        self._by_scope[x.scope] = x
        for d in out:
            if d.role == "prior" and d.mention.id in from_to:
                cur = by_id.get(from_to[d.mention.id])
                if cur is not None and cur.metric is None and d.metric is not None:
                    # "revenue rose from $400 million to $500 million": named before the prior
                    cur.metric, cur.metric_text, cur.metric_start, cur.metric_end = (
                        d.metric, d.metric_text, d.metric_start, d.metric_end)
                    cur.adjusted, cur.scope = d.adjusted, d.scope
            target = prior_of.get(d.mention.id) or next(
                (r["target"] for r in d.relations if r["type"] == "prior_of"), None) if d.role == "prior" else None
            cur = by_id.get(target) if target is not None else None  # the figure the comparative is of
            if target is not None and (
                    d.metric is None or PRIOR_BETWEEN.search(text, d.metric_end or 0, d.mention.start) is not None
                    or any(d.mention.end <= v.start < (d.metric_start or 0) for v in values)
                    # "narrowed its adjusted EBITDA loss to $7.5 million from a $24.5 million loss": the
                    # comparative's bare "loss" is the current's measure, not net loss
                    or (d.metric_text or "").lower() in GENERIC_NAMES
                    # "revenue of EUR 41.8 million (prior year: EUR 39.6 million)": a name before the
                    # current figure is the current's, and so are its scope and adjustment
                    or (d.metric_start is not None and cur is not None and d.metric_start < cur.mention.start)):
                # (a name after the comparative, or before the word that makes it one, is not its own:
                # "97% of net revenue, compared to $19.1 million or 84% of net revenue")
                if cur is not None and (cur.metric is not None or d.metric is None):
                    if d.metric is not None:  # (one without a name of its own keeps none: it restates nothing)
                        d.metric_text, d.metric_start, d.metric_end = cur.metric_text, cur.metric_start, cur.metric_end
                    d.metric, d.adjusted, d.scope = cur.metric, cur.adjusted, cur.scope
            if d.role == "share":
                cur = next((x for x in reversed(out) if x.role in ("value", "prior") and x.mention.end <= d.mention.start), None)
                if cur is not None and cur.role == "prior":
                    now = next((x for x in reversed(out) if x.mention.end <= cur.mention.start), None)
                    if (now is not None and now.role == "value" and any(
                            r["type"] == "prior_of" and r["target"] == now.mention.id for r in cur.relations)
                            and _words_after(text, now.mention.end, cur.mention.start, 3) == ["from"]
                            and not any(x.role == "share" and any(r["target"] == now.mention.id for r in x.relations)
                                        for x in out)):
                        # "rose 25% to $500 million from $450 million, or 10.9% of net sales": the share of
                        # the figure reached, its comparative put in between
                        cur = now
                if cur is not None and cur.role == "prior":
                    # "compared to $19.1 million or 84% of net revenue, in Q4 2024": the comparative's share
                    d.period = cur.period
                if cur is None:
                    # "Management fees accounted for 90.8% of total service fee income": the part is
                    # the figure of the metric the sentence opens with, stated before it
                    head = text[s0:d.mention.start]
                    subject = self.metrics.pattern.match(text, s0 + len(head) - len(head.lstrip()))
                    row = self.metrics.row(subject.group(0)) if subject else None
                    part = self._by_metric.get(row.id) if row is not None else None
                    if part is not None and part.metric != d.metric and SHARE_VERB.match(text, subject.end()):  # type: ignore[union-attr]
                        cur = part
                if cur is not None:
                    d.relations.append({"type": "share_of", "target": cur.mention.id, "mention_id": d.mention.id})
                if d.metric == "__part__":
                    # "accounting for 60.0% of our Smart Tower business": what the part measures, else
                    # what was last stated for that segment ("Smart Tower business achieved revenue of ...")
                    d.metric = cur.metric if cur is not None else None
                    seg = self._by_scope.get(d.scope or "")
                    if d.metric is None and seg is not None:
                        d.metric, d.adjusted = seg.metric, seg.adjusted
        return out

    @staticmethod
    def _dated_to(text: str, x: Mention, y: Mention, periods: list[Mention]) -> bool:
        """ "from $9.8 million during the fourth quarter of 2023 to $11.4 million": between the two
        amounts, the first one's period and "to" alone."""
        dated = [p for p in periods if x.end <= p.start and p.end <= y.start]
        if len(dated) != 1:
            return False
        p = dated[0]
        lead = [w for w in _words_after(text, x.end, p.start, 4) if w not in ("the",)]
        return lead in ([], ["in"], ["during"], ["for"], ["of"]) and _words_after(text, p.end, y.start, 3) == ["to"]

    def _prior_lead(self, text: str, lo: int, end: int) -> bool:
        """ "from Q2 2023 revenue of $1.7 million", "from the $3.59 reported": a comparison word
        a few words back, with no verb of its own between it and the figure."""
        words = _words_before(text, end, lo, 8)
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            if w in ("from", "versus", "vs", "vs.", "against") or (w in ("to", "with") and k > 0 and words[k - 1] == "compared"):
                between = words[k + 1:]
                return not any(x in LEAD_VERBS or x in (",", ";", "(", ")", ":") for x in between)
            if w in (",", ";", ")", ":") or w in LEAD_VERBS:
                # "vs. $0.6m in pcp1H24: $(1.0) million": a label's colon starts a figure of its own
                return False
        return False

    @staticmethod
    def _compared_basis(text: str, end: int, periods: list[Mention], ctx: DocContext | None) -> str | None:
        """ "up $5.0 million, or 27.0%, when compared to the third quarter of 2024": the basis a
        compared period names against the release's reporting period (the same period a year
        earlier: year over year; the period just before: quarter over quarter or half over half)."""
        rep = ctx.reporting if ctx is not None else None
        hit = COMPARED_TO.match(text, end)
        if hit is None or rep is None or rep.start is None or rep.end is None:
            return None
        p = next((p for p in periods if hit.end() <= p.start <= hit.end() + 2), None)
        a, b = (getattr(p, "period_start", None), getattr(p, "period_end", None)) if p is not None else (None, None)
        if a is None or b is None:
            return None
        if (a.year, a.month, a.day, b.year, b.month, b.day) == (rep.start.year - 1, rep.start.month, rep.start.day,
                                                               rep.end.year - 1, rep.end.month, rep.end.day):
            return "year_over_year"
        days = (rep.end - rep.start).days
        if (rep.start - b).days == 1 and abs((b - a).days - days) <= 5:
            return "quarter_over_quarter" if days < 100 else "half_over_half" if days < 200 else None
        return None

    def _stated_direction(self, before: list[str], m: Mention, after: list[str]) -> str | None:
        """The way a figure says it changed: a verb or word before it ("rose 5%"), a verb that
        changed its object by it ("lifted the margin by"), or a difference after it ("lower than")."""
        return self._direction(before, m) or _object_change(before) or _than_direction(after)

    def _direction(self, before: list[str], m: Mention) -> str | None:
        for w in reversed(before[-7:]):
            if w in (",", ";", ":", ")", "(", "and", "while", "whereas", "but"):
                break
            if w in UP_WORDS:
                return "up"
            if w in DOWN_WORDS:
                return "down"
        if m.value is not None and m.value < 0:
            return "down"
        return None

    def _change_from_prior(self, text: str, values: list[Mention], prior: Mention, current: Mention, s0: int,
                           changes: dict[str, dict[str, Any]], roles: dict[str, str]) -> None:
        """ "3.20%, up 12 bps on the quarter and up 41 bps from 2.79%": the change stated right
        before "from <prior>" is the current figure's change against that prior."""
        k = next(i for i, v in enumerate(values) if v is prior)  # (not list.index: a model's == is slow)
        pct = values[k - 1] if k > 0 else None
        if pct is None or pct is current or pct.type != "percent" or pct.value is None:
            return
        if _words_after(text, pct.end, prior.start, 3) not in (["from"], ["compared", "to"], ["compared", "with"],
                                                              ["versus"], ["vs"], ["vs."]):
            return
        direction = self._direction(_words_before(text, pct.start, s0, 8), pct)
        if direction is None:
            return
        for tid in [t for t, r in changes.items() if r.get("mention_id") == pct.id]:
            del changes[tid]
        roles.pop(pct.id, None)
        value = -abs(pct.value) if direction == "down" else pct.value
        changes[current.id] = {"value": value, "unit": pct.unit, "direction": direction, "basis": None,
                               "start": pct.start, "end": pct.end, "mention_id": pct.id}

    def _change_target(self, text: str, values: list[Mention], i: int, s0: int, s1: int,
                       in_parens: bool, periods: list[Mention]) -> Mention | None:
        m = values[i]
        nxt = values[i + 1] if i + 1 < len(values) else None
        prv = values[i - 1] if i > 0 else None
        if in_parens and prv is not None:
            return prv
        if i > 0 and values[0].type != "percent" and all(v.type == "percent" for v in values[1:i]) and \
                FRONTED.fullmatch(text, s0, values[0].start) and FRONTED_COMMA.match(text, values[0].end, s1):
            return values[0]  # "At EUR 1.3 million, selling and marketing expenses were down 19%"
        if nxt is not None and ";" not in text[m.end:nxt.start]:
            gap = _words_after(text, m.end, nxt.start, 8)
            gap = [w for w in gap if w not in ("year-on-year", "year-over-year", "yoy", ",", "y/y")]
            if gap and gap[-1] in ("to", "at", "reaching", "of") and len(gap) <= 4 and nxt.type != "percent" or (
                    gap and gap[-1] == "to" and nxt.type == "percent" and m.unit == "percent"):
                return nxt
        restated = False
        if (prv is not None and nxt is not None and not _alike(prv, nxt) and "percent" not in (prv.type, nxt.type)
                and self._prior_lead(text, m.end, nxt.start)):
            # "$18,410,000, or $0.056 per share, a decrease of 15.1% compared to $21,676,000";
            # "12,823 overnight stays across its five hotels, an increase of 34% compared to 9,569
            # overnight stays": the change of the figure its comparative is alike to
            like = next((v for v in reversed(values[:i - 1]) if _alike(v, nxt)), None)
            if like is not None:
                prv, restated = like, True
        if prv is not None and prv.type != "percent" or (prv is not None and prv.type == "percent" and m.unit == "percentage_point"):
            gap = _words_after(text, prv.end, m.start, 12)
            # (a period's words do not part them: "compared with $0.86 in the fourth quarter of
            # fiscal 2023, an increase of 14.0%")
            # (nor after two figures named together, "net income of $9.6 million and diluted EPS of
            # $0.54 for the quarter ..., which is an increase of 21%": whose change it is is unclear)
            paired = i >= 2 and values[i - 2].type == prv.type and AND_WORD.search(text, values[i - 2].end, prv.start)
            dated = 0 if prv.type == "percent" or paired else sum(
                len(_words(text, p.start, p.end)) for p in periods if prv.end <= p.start and p.end <= m.start)
            clause = fastre.split(r"[,;]", text[prv.end:m.start])[-1]
            if ((len(gap) - dated <= 10 or restated) and self.metrics.pattern.search(clause) is None
                    and CAUSE.search(text, prv.end, m.start) is None):
                # (nor a cause: "($5.4M compared to $6.2M) mainly due to a 24% decrease in metal sold")
                # (a new clause naming its own metric, "Revenue of RMB271.0 billion, Adjusted Net
                # Profit Up 126.3%", states that metric's change, not the figure before it)
                cur = values[i - 2] if i > 1 else None
                if (cur is not None and cur.type == prv.type and not in_parens
                        and (_ends_with(_words_before(text, prv.start, s0, 4), PRIOR_WORDS)
                             or COMPARATIVE.search(text, max(s0, prv.start - 40), prv.start))):
                    # "RMB271.0 billion, against RMB280.0 billion in 2022, a decline of 3.2%": the
                    # change is the current figure's, not its comparative's
                    return cur
                return prv
        if (nxt is not None and nxt.type != "percent" and len(_words_after(text, m.end, nxt.start, 9)) <= 6
                and ";" not in text[m.end:nxt.start]):
            return nxt  # (not past a semicolon: "sales rise 3.1%; company ends the year with 1,250 stores")
        return None

    # -------------------------------------------------------------------- metric
    def _metric(self, text: str, m: Mention, lo: int, s0: int, s1: int, d: _Draft) -> None:
        if FRONTED.fullmatch(text, s0, m.start) is not None and (comma := FRONTED_COMMA.match(text, m.end, s1)) is not None:
            # "At EUR 1.3 million, selling and marketing expenses were down 19%": the figure put
            # first measures the subject after the comma
            named = self.metrics.pattern.search(text, comma.end(), min(s1, comma.end() + 80))
            if named is not None and not any(v.start < named.start() for v in self._values if v.start > m.end):
                self._set_metric(text, named.start(), named.end(), named.group(0), d, floor=comma.end())
                return
        if d.role == "change" and (of := CHANGE_OF.match(text, m.end, s1)) is not None and (
                named := self.metrics.pattern.match(text, of.end(), s1)) is not None:
            # "The 165% increase in revenue was driven by ...": the change of the metric it names
            self._set_metric(text, named.start(), named.end(), named.group(0), d, floor=named.start())
            return
        window = _blank_attribution(_blank_short_parens(text[lo:m.start]))
        every_hit = list(self.metrics.pattern.finditer(window))
        hits = _outside_parens(window, every_hit)
        counted = m.text.rstrip("\"”’")  # ('260,000 "digital towers"': inside the quotes)
        if m.type == "count" and m.unit and _rx(r"[A-Za-z]{2,}$").search(counted) and not fastre.search(
                r"(?i)(?:million|billion|thousand|trillion|lakh|crore|[mkb]n?)$", counted):
            # "250,000 SMEs", "17,800 R&D personnel": the counted noun names the measure
            first_alpha = next(i for i, ch in enumerate(counted) if ch.isalpha())
            if (scale := COUNT_SCALE.match(counted, first_alpha)) is not None:
                first_alpha = scale.end()  # "21.5 million active members": the noun after the scale word
            a, b = m.start + first_alpha, m.start + len(counted)
            noun = counted[first_alpha:].lower()
            row = self.metrics.by_name.get(noun) or self.metrics.by_name.get((m.unit or "") + "s")
            # "42 new stores", "3 new customers": the ones added, not the count held
            d.metric = row.id if row is not None and not ADDED.match(noun) else None
            d.metric_text, d.metric_start, d.metric_end = text[a:b], a, b
            if hits and hits[-1].end() >= len(window) - 25:
                self._set_metric(text, lo + hits[-1].start(), lo + hits[-1].end(), hits[-1].group(0), d, floor=lo)
            elif d.metric is None and (verb := self.metrics.count_verb(text, _qualified_start(text, m), m.end, lo)):
                # "Aurora shipped approximately 145.6 million units", "145.6 million smartphones shipped"
                d.metric = verb.id
            if d.scope is None and (place := self._place_after(text, m.end, s1)) is not None:
                d.scope = place  # "two underground gold mines in northwestern Ontario"
            return
        right = self._right_phrase(text, m, s1)
        if (hits and (inner := ITEM_OF.search(window, hits[-1].end())) is not None
                and fastre.search(r"\w\s+of\s*$", window[inner.end():]) is not None):
            # "operating income excludes stock-based compensation of $29.6 million": the figure is
            # the excluded item's, named after the verb, not the metric's
            self._labelled(text, lo + inner.end(), m.start, d)
            return
        if hits and (cause := CAUSE.search(window, hits[-1].end())) is not None and not any(
                ch in window[cause.end():] for ch in ",;()"):
            # "The provision ... was driven by an increase in specific reserves totaling $4.3 million":
            # a figure inside the cause is the cause's, not the sentence subject's
            if self._labelled(text, lo + cause.end(), m.start, d):
                return
        if hits and (both := COMPOUND.match(window, hits[-1].end())) is not None:
            # "Net sales revenues and co-investment income of EUR 10.6m": the sum of two measures
            a = lo + hits[-1].start()
            d.metric, d.metric_text, d.metric_start, d.metric_end = None, text[a:lo + both.end("name")], a, lo + both.end("name")
            return
        if hits and (own := OWN_CLAUSE.search(window, hits[-1].end())) is not None \
                and own.group("verb").lower() in OWN_CLAUSE_VERBS:
            # "driven by rental revenues from owned seed-investments, co-investment income
            # normalised to EUR 3.3m": a clause of its own names the figure, not the name before it
            a, b = lo + own.start("name"), lo + own.end("name")
            row = self.metrics.row(own.group("name"))
            d.metric = row.id if row is not None else None
            d.metric_text, d.metric_start, d.metric_end = text[a:b], a, b
            return
        if hits:
            best = hits[-1]
            a = lo + best.start()
            # "Assets under management (AUM) with": take the name and its acronym together
            prior = [h for h in every_hit if h.end() <= best.start()]
            if prior and window[prior[-1].end():best.start()].strip() == "(":
                a = lo + prior[-1].start()
                b = lo + best.end() + (1 if window[best.end():best.end() + 1] == ")" else 0)
                self._set_metric(text, a, lo + prior[-1].end(), prior[-1].group(0), d, floor=lo)
                d.metric_end, d.metric_text = b, text[d.metric_start:b]  # type: ignore[misc]
                return
            if right is not None and not right[3] and right[0].split()[-1].lower() in DEAL_NOUNS \
                    and not text[m.end:right[1]].strip():
                # "Q2 Revenue ... and Secures $2.5M Licensing Agreement": the figure is the deal's
                d.metric, d.metric_text, d.metric_start, d.metric_end = None, right[0], right[1], right[2]
                return
            # "is principally due to $4.2 million of multifamily loans", "with $22M in cash": a name
            # the figure is "of" (or "in") is its own, however close a name before it stands, unless
            # that name is the subject the figure is stated of ("backlog represented approximately
            # $40.7 million in revenue")
            own = right is not None and right[3] and (
                _rx(r"\s*+of\s++(?:the\s++)?$").fullmatch(text, m.end, right[1]) is not None
                or _rx(r"\s*+in\s++(?:the\s++)?$").fullmatch(text, m.end, right[1]) is not None
                and COPULA.search(window, best.end()) is None)
            if right is not None and right[3] and (len(window) - best.end() > 40 or own
                                                  or NEW_PREDICATE.search(window, best.end()) is not None):
                # (nor past a new predicate: "raises fiscal 2024 outlook and authorizes $150 million buyback")
                inner = self.metrics.pattern.search(right[0]) if own else None
                if inner is not None and self.metrics.row(right[0]) is None:
                    # "multifamily loans": the metric inside the phrase, the words before it its scope
                    a = right[1] + inner.start()
                    self._set_metric(text, a, a + inner.end() - inner.start(), inner.group(0), d, floor=right[1])
                else:
                    self._set_metric(text, right[1], right[2], right[0], d, floor=right[1])
                if d.scope is None:
                    d.scope = self._subject_scope(text, s0, m.start)
                return
            self._set_metric(text, a, lo + best.end(), best.group(0), d, floor=lo)
            self._scope_after(text, lo + best.end(), m.start, d)
            if d.scope is None:
                self._scope_from_subject(text, self._clause_start(text, s0, d.metric_start or a), d.metric_start or a, d)
            return
        if right is not None:
            inner = self.metrics.pattern.search(right[0]) if right[3] else None
            if inner is not None:
                # "a $4.6 million adjusted Ebitda loss amid ...": the metric inside the phrase
                a = right[1] + inner.start()
                self._set_metric(text, a, a + inner.end() - inner.start(), inner.group(0), d, floor=right[1])
                if d.scope is None:  # "Riot Platforms generated $70 million in revenue"
                    d.scope = self._subject_scope(text, s0, m.start)
                return
            self._set_metric(text, right[1], right[2], right[0], d, floor=right[1])
            if d.metric is None:
                d.metric_text, d.metric_start, d.metric_end = right[0], right[1], right[2]
            if d.scope is None:  # "Riot Platforms generated $70 million in revenue"
                d.scope = self._subject_scope(text, s0, m.start)
            return
        # "RMB30.1 billion in revenue", "$2.2 million of revenue"
        tail = text[m.end:min(s1, m.end + 40)]
        hit = _rx(r"\s*(?:in|of)\s+").match(tail)
        if hit is not None:
            rest = tail[hit.end():]
            mm = self.metrics.pattern.match(rest)
            if mm is not None:
                a = m.end + hit.end()
                self._set_metric(text, a, a + mm.end(), mm.group(0), d, floor=a)
                if d.scope is None:  # "Riot Platforms generated $70 million in revenue"
                    d.scope = self._subject_scope(text, s0, m.start)
                return
        if m.type == "count" and m.unit:
            row = self.metrics.by_name.get(m.unit + "s") or self.metrics.by_name.get(m.unit)
            if row is not None:
                d.metric = row.id
                d.metric_text, d.metric_start, d.metric_end = m.text, m.start, m.end
                return
        # the words that label it: "Escrow.com: $818.2 million", "Total loans were $5.1 billion"
        label = self._label(text, max(lo, s0), m.start)
        if label is not None:
            d.metric_text, d.metric_start, d.metric_end = label
        if d.scope is None and lo <= s0:
            d.scope = self._title_subject(text, s0, m.start)

    def _labelled(self, text: str, a: int, b: int, d: _Draft) -> bool:
        """The words between ``a`` and the figure at ``b`` name it ("specific reserves totaling"):
        its label, and its metric when the label is a metric's name."""
        label = self._label(text, a, b)
        if label is None:
            return False
        d.metric_text, d.metric_start, d.metric_end = label
        row = self.metrics.by_name.get(label[0].lower())
        d.metric = row.id if row is not None else None
        return True

    def _scope_from_subject(self, text: str, s0: int, a: int, d: _Draft) -> None:
        """ "Xiaomi's internet services segment achieved ..., with revenue reaching RMB30.1 billion":
        a segment named as the sentence's subject scopes its figures."""
        # without its leading whitespace: the pattern's start of text is then one position, not a run
        head = text[s0:a].lstrip()
        hits = [h for h in SEGMENT_SUBJECT.finditer(head) if CAUSE_LEAD.search(head, 0, h.start()) is None] \
            if any(w in head for w in SEGMENT_WORDS) else []
        if not hits:
            d.scope = self._title_subject(text, s0, a)
            return
        hit = hits[-1]
        words = [w for w in hit.group("seg").split() if w.lower() not in self.metrics.stop]
        if words and all(RANKING_WORD.fullmatch(w) for w in words):
            # "Energy Systems, the largest division, generated ...", "The largest division, Energy
            # Systems, ...": the ranking names no segment, the name set beside it does
            name = APPOSED_BEFORE.search(head, 0, hit.start("seg")) or APPOSED_AFTER.match(head, hit.end())
            words = name.group("name").split() if name is not None else []
        if words:
            d.scope = " ".join(words).lower()

    def _subject_scope(self, text: str, s0: int, a: int) -> str | None:
        """What a figure named after it belongs to: the subject of its clause ("Riot Platforms
        generated $70 million in revenue") or the noun a "which" clause is about ("its cloud mining
        solutions, which generated $68.9 million in revenue")."""
        which = WHICH_SUBJECT.search(text, max(s0, a - 120), a) if text.find("which", max(s0, a - 120), a) >= 0 else None
        if which is not None:
            words = [w for w in which.group("np").split() if w.lower() not in self.metrics.stop]
            words = [w for w in words if w.lower() not in NOT_SUBJECT]
            if words and not any(w.lower() in self._issuer_words for w in words) and \
                    self.metrics.pattern.search(" ".join(words)) is None:
                return " ".join(words).lower()
        return self._title_subject(text, self._clause_start(text, s0, a), a)

    @staticmethod
    def _clause_start(text: str, s0: int, a: int) -> int:
        """Where the clause holding position ``a`` starts: after the last ", while", ", but", ";"
        before it ("..., while MARA recorded revenue of $145 million")."""
        last = None
        for last in NEW_SUBJECT.finditer(text, s0, a):
            pass
        return last.end() if last is not None else s0

    def _title_subject(self, text: str, s0: int, a: int) -> str | None:
        """The capitalized name a sentence opens with when a verb of performance follows it
        ("Corporate Finance led ...", "Strategic Communications grew ..."): a segment or product
        line, unless it is the issuer, a metric or a period."""
        head = text[s0:a]
        lead = len(head) - len(head.lstrip())
        hit = TITLE_SUBJECT.match(head, lead)
        if hit is None or hit.group("verb") not in SUBJECT_VERBS:
            return None
        seg = hit.group("seg")
        words = seg.lower().split()
        if (words[0] in NOT_SUBJECT or words[0] in SCOPE_STOP or words[-1] in ("&", "and")
                or self._is_issuer(words) or any(w in self.metrics.stop for w in words)
                or self.metrics.pattern.search(seg) is not None or self._in_skipped(s0 + hit.start("seg"))):
            return None
        return " ".join(words)

    def _is_issuer(self, words: list[str]) -> bool:
        """Whether a name is the issuer's: its words, but for legal forms, are the issuer name's
        ("Seanergy Maritime" of Seanergy Maritime Holdings, not "United Maritime")."""
        own = [w for w in words if w.strip(".,") not in LEGAL_FORMS]
        return bool(own) and all(w.strip(".,") in self._issuer_words for w in own)

    def _place_after(self, text: str, end: int, s1: int) -> str | None:
        """The place a count is in, named right after it: "two sites in northern Italy", "drill holes
        at the Birch Lake property"; not a period ("in Q3", "in March"), nor the issuer itself."""
        hit = PLACE_AFTER.match(text, end, s1)
        if hit is None:
            return None
        words = hit.group("place").lower().split()
        if any(w in SCOPE_STOP or w in self._issuer_words or any(ch.isdigit() for ch in w) for w in words):
            return None
        return " ".join(words)

    def _scope_after(self, text: str, a: int, b: int, d: _Draft) -> None:
        """ "revenue from smartphones hitting", "revenue from its overseas internet services increased":
        the words after 'from'/'in' name the scope."""
        mm = SCOPE_AFTER.match(text[a:b])
        if mm is None:
            return
        words = []
        for w in mm.group("scope").split():
            low = w.lower().strip(",.")
            if any(ch.isdigit() for ch in low):
                break
            if (low in LINK_WORDS and low not in ("and", "in", "of")) or low in UP_WORDS or low in DOWN_WORDS or low in SCOPE_STOP:
                break
            words.append(w.strip(","))
        while words and words[-1].lower() in ("and", "in", "of"):
            words.pop()  # "amortization of acquired intangibles of $3.9 million": the figure's 'of' ends it
        if words:
            scope = " ".join(words).lower()
            d.scope = f"{d.scope} {scope}" if d.scope else scope

    def _right_phrase(self, text: str, m: Mention, s1: int) -> tuple[str, int, int, bool] | None:
        """The noun phrase right after a figure: "a £62 million revenue target", "20.9% market share",
        "$68.9 million in revenue". Returns (text, start, end, names a taxonomy metric)."""
        # (matched in the text between bounds, not in slices of it: the same matches, no copies)
        lead = RIGHT_LEAD.match(text, m.end, min(s1, m.end + 60))
        offset = lead.end() if lead else m.end
        words: list[Any] = []
        for w in RIGHT_WORD.finditer(text, offset, min(s1, offset + 50)):
            low = w.group(0).lower()
            if low in LINK_WORDS or low in self.metrics.stop or low in ("per", "or", "which", "while", "compared", "versus") \
                    or not words and low in PRONOUNS \
                    or low in CAUSE_WORDS \
                    or not low.isalpha() and any(ch.isdigit() for ch in low) or len(words) >= 5:
                break
            if words and text[words[-1].end():w.start()].strip():
                break  # punctuation between words ends the phrase
            if not words and w.start() - offset > 1:
                break
            words.append(w)
        if not words:
            return None
        a, b = words[0].start(), words[-1].end()
        phrase = text[a:b]
        return phrase, a, b, self.metrics.pattern.search(phrase) is not None

    def _set_metric(self, text: str, a: int, b: int, name: str, d: _Draft, floor: int) -> None:
        row = self.metrics.row(name)
        # extend left over modifiers and scope words: "adjusted net profit", "overseas internet services revenue"
        start = a
        # only the last five words are read: scanned from a bounded stretch when it holds six or
        # more (its first, maybe cut, is then not among them), else from the floor
        words = list(NAME_WORD.finditer(text, max(floor, a - 160), a))
        if len(words) < 6 and a - 160 > floor:
            words = list(NAME_WORD.finditer(text, floor, a))
        scope_words = []
        adjusted = False
        for w in reversed(words[-5:]):
            low = w.group(0).lower()
            if self._in_skipped(w.start()):
                break  # a period ("YTD total sales") or a percentage is not part of the name
            if low == "&" and scope_words and text[w.end():start].strip() == "":
                start = w.start()  # "Forensic & Litigation Consulting revenue"
                scope_words.insert(0, "&")
                continue
            if low == "and" and scope_words and text[w.end():start].strip() == "" and \
                    (first := self._clause_opening_word(text, words, w, floor)) is not None:
                # "Cloud and AI revenue", "IoT and lifestyle revenue": two names a clause opens with
                start = first.start()
                scope_words[:0] = [first.group(0), "and"]
                break
            if (low in self.metrics.stop or low.endswith(("'s", "’s")) or any(ch.isdigit() for ch in low)
                    or not any(ch.isalpha() for ch in low)):
                break  # a bullet dash or a possessive ends the phrase
            if (low in UP_WORDS or low in DOWN_WORDS or low in LEAD_VERBS or low in NAME_ENDING_VERBS
                    or low.rstrip(".,") in self.metrics.not_scope and low not in self.metrics.adjusted):
                break  # "Acme grew revenue", "the segment generated revenue": the verb ends the name
            if text[w.end():start].strip(" -") not in ("",):
                break  # punctuation between: not part of the phrase
            start = w.start()
            if low in self.metrics.adjusted or low in self.metrics.adjusted_before:
                adjusted = True
            else:
                scope_words.insert(0, w.group(0))
        if row is not None and name.lower().split()[0] in self.metrics.adjusted:
            adjusted = True
        defined = DEFINED_AS.match(text, b)
        if defined is not None:
            # "Earnings (adjusted EBITA) were up 10%": the parenthesis says which measure the name is
            inner = defined.group("inner").lower().split()
            mods = [w for w in inner if w in self.metrics.adjusted]
            named = self.metrics.row(" ".join(w for w in inner if w not in self.metrics.adjusted))
            if named is not None and named is not row:
                row, adjusted = named, adjusted or bool(mods)
        if ADJUSTED_AFTER.match(text, b) is not None:
            adjusted = True  # "EBIT before currency effects" is not "EBIT including currency effects"
        d.metric = row.id if row is not None else None
        if scope_words and scope_words[-1].lower() in self.metrics.other:
            # "nonperforming assets", "deferred revenue": another measure, not a scope of this one
            d.metric, scope_words = None, []
        if row is not None and (owned := ATTRIBUTION_AFTER.match(text, b)) is not None:
            b = owned.end()  # the name goes on over its owners: "Profit attributable to the owners of the Company"
        d.metric_text, d.metric_start, d.metric_end = text[start:b], start, b
        d.adjusted = adjusted
        generic = {"global", "annual", "group", "quarterly", "full-year", "reported", "gaap", "ifrs", "consolidated", "net",
                   "total", "overall", "company", "firm", "corporation", "cash"}
        named = set(name.lower().split())
        # "NONINTEREST INCOME Noninterest income of $23.6 million": a heading repeating the name is no scope
        scope = [w for w in scope_words if w.lower() not in generic and w.lower() not in named]
        if scope and all(w.lower().strip(".,") in self._issuer_words for w in scope):
            scope = []  # "Acme revenue": the issuer's own figure
        d.scope = " ".join(scope).lower() if scope else None

    def _clause_opening_word(self, text: str, words: list[Any], and_word: Any, floor: int) -> Any | None:
        """The word before ``and_word`` when it opens its clause (after a determiner at most) and
        could be a name: not a measure, a verb, a stop word."""
        k = next((i for i, x in enumerate(words) if x.start() == and_word.start()), 0)
        if k == 0:
            return None
        first = words[k - 1]
        low = first.group(0).lower()
        if (not first.group(0).isalpha() or low in self.metrics.stop or low in UP_WORDS or low in DOWN_WORDS
                or low in LEAD_VERBS or low in NAME_ENDING_VERBS or self.metrics.pattern.fullmatch(first.group(0))):
            return None
        if text[first.end():and_word.start()].strip():
            return None
        lead = text[max(floor, first.start() - 40):first.start()].rstrip()
        lead = DETERMINER_END.sub("", lead).rstrip()
        return first if not lead or lead[-1] in ".;:\n•*-–—(" else None

    def _elliptical_shares(self, drafts: list[_Draft]) -> None:
        """ "IoT and lifestyle products contributed RMB83.5 billion, or 30.8%": a share that names no
        whole measures what its part measures (the whole is the part's total)."""
        by_id = {d.mention.id: d for d in drafts}
        for d in drafts:
            if d.role != "share" or d.metric is not None or d.mention.id not in self._elliptical:
                continue
            part = next((by_id.get(r["target"]) for r in d.relations if r["type"] == "share_of"), None)
            if part is not None and part.metric is not None:
                d.metric, d.adjusted = part.metric, part.adjusted
                d.metric_text, d.metric_start, d.metric_end = part.metric_text, part.metric_start, part.metric_end

    def _contributions(self, text: str, drafts: list[_Draft]) -> None:
        """ "The Americas segment contributed $2.1 billion to revenue", "... account for all of its
        revenue: smartphones contributed RMB157.5 billion": what contributed a figure is its scope;
        the measure is the one it contributed "to", else the one the line's lead clause names before
        a colon (none is guessed)."""
        if "contributed" not in text:
            return
        for d in drafts:
            m = d.mention
            if m.type != "money" or d.role != "value" or (d.metric is not None and d.scope is not None) or \
                    text.find("contributed", max(0, m.start - 40), m.start) < 0:
                continue  # (the verb right before the figure: found by a scan, not the pattern)
            found = CONTRIBUTED.search(text, max(0, m.start - 90), m.start)
            if found is None:
                continue
            subject = found.group("subj")
            if subject.lower().startswith("and "):
                subject = subject[4:]  # "; and internet services contributed"
            first = subject.split()[0].lower()
            if first in NOT_SUBJECT or first in PRONOUNS or \
                    all(w.lower().strip(".,") in self._issuer_words for w in subject.split()):
                continue  # "It contributed", "Acme contributed": no part of anything
            metric = None
            if (to := CONTRIBUTED_TO.match(text, m.end)) is not None and \
                    (named := self.metrics.pattern.match(text, to.end())) is not None:
                metric = named
            else:
                line_start = text.rfind("\n", 0, m.start) + 1
                colon = text.rfind(":", line_start, found.start("subj"))
                if colon >= 0 and fastre.search(r"[.!?]\s", text[colon:found.start("subj")]) is None:
                    metric = self._last_name(text, line_start, colon)
            if d.metric is None and metric is not None:
                self._set_metric(text, metric.start(), metric.end(), metric.group(0), d, floor=metric.start())
            if d.metric is not None and d.scope is None:
                d.scope = subject.lower()

    def _metrics_from_parse(self, text: str, drafts: list[_Draft]) -> None:
        """A figure the rules left without a metric takes the one its governing verb's subject
        names, when the doc has a parse ("Net sales of the newly acquired Brazilian subsidiary and its
        two distribution partners totaled $8.1 million")."""
        assert self.subject_of is not None
        for d in drafts:
            if d.metric is not None or d.mention.type not in ("money", "count", "percent") or d.role == "share":
                continue
            found = self.subject_of(d.mention.start, d.mention.end)
            if found is None:
                continue
            a, b = found
            named = self._last_name(text, a, b)  # the head noun ends the phrase: its last name is what is measured
            if named is not None:
                self._set_metric(text, named.start(), named.end(), named.group(0), d, floor=a)

    def _last_name(self, text: str, a: int, b: int) -> Any:
        """The last taxonomy name in ``text[a:b]`` (its match), or None."""
        named = None
        for named in self.metrics.pattern.finditer(text, a, b):
            pass
        return named

    def _clean_scope(self, scope: str | None) -> str | None:
        """The scope, or None when it holds a word no segment, region or product name holds ("bang jin
        kan will hold", "years ended", "they still exceeded"): a clause misread as a name."""
        if scope is None:
            return None
        words = [w.strip(".,;:()’'\"") for w in scope.lower().split()]
        if not any(words) or any(w in self.metrics.not_scope or w.isdigit() for w in words):
            return None
        if " ".join(w for w in words if w) in self.metrics.not_alone:
            return None  # "nearly 60% of new bookings": the new ones, no segment
        return scope

    def _metric_after_of(self, text: str, m: Mention, s1: int, d: _Draft) -> None:
        tail = text[m.end:s1]
        mm = _rx(r"\s*of\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:[\w’']+['’]s\s+)?(?:total\s+)?").match(tail)
        if mm is None:
            return
        a = m.end + mm.end()
        hit = self.metrics.pattern.search(text[a:min(s1, a + 60)])
        if hit is not None:
            self._set_metric(text, a + hit.start(), a + hit.end(), hit.group(0), d, floor=a)
            return
        seg = _rx(r"(?P<seg>(?:[\w&\-]+\s+){0,3}?[\w&\-]+)\s+(?:segment|business|division|unit)s?\b").match(text[a:min(s1, a + 60)])
        if seg is not None:
            d.metric_text, d.metric_start, d.metric_end = text[a:a + seg.end()], a, a + seg.end()
            d.scope = seg.group("seg").lower()
            d.metric = "__part__"  # resolved to the part's metric once the part is known

    def _label(self, text: str, lo: int, end: int) -> tuple[str, int, int] | None:
        # (a footnote mark is no word of the label: "a gearing ratio[3] of 31.5%")
        words = list(_rx(r"[\w&'’.\-/%]+").finditer(_blank_marks(text[lo:end])))
        kept: list[Any] = []
        for w in reversed(words):
            low = w.group(0).lower().strip(".")
            pos = lo + w.start()
            if not kept and (low in LINK_WORDS or low in self.metrics.stop or low in UP_WORDS or low in DOWN_WORDS
                             or low in QUALIFIER_WORDS or low in NOT_A_LABEL or self._in_skipped(pos)):
                continue  # ("compared to $76.7 billion", "approx. $5 million", "an increase of $2 million")
            if low in LINK_WORDS or any(ch.isdigit() for ch in low) or len(kept) >= 6:
                break
            if kept and fastre.search(r"[,;:]", text[lo + w.end():lo + kept[0].start()]) \
                    and kept[0].group(0).lower() not in LABEL_TAILS:
                # "As a result, average hosting costs decreased to": the clause's words only (but
                # "Financial expenses, net", "capital costs, including contingency" are one label)
                break
            kept.insert(0, w)
        if not kept:
            return None
        a, b = lo + kept[0].start(), lo + kept[-1].end()
        return text[a:b], a, b

    # -------------------------------------------------------------------- period
    def _comparative(self, p: Mention, m: Mention) -> bool:
        """'EUR 174.0m (9M 2024: EUR 166.0m)': a period in parentheses after a figure names its comparative."""
        gap = self._text[m.end:p.start]
        # ("$0.09 per common share (July 31, 2024: ...)": the unit is not part of the figure's text)
        return fastre.match(r"^\s*(?:per\s+(?:[\w\-]+\s+){0,2}?(?:share|unit)s?\s*)?\((?:\s*(?i:ytd|year[\s\-]to[\s\-]date))?\s*$",
                            gap) is not None and (self._flags(p)[0] or self._text[p.end:p.end + 1] == ",")

    @staticmethod
    def _elided(text: str, s0: int, start: int, prev_end: int, periods: list[Mention]) -> bool:
        """ "Non-Rx sales up 17% to EUR 448M in Q3; YTD 18% to EUR 1.4bn": a clause of periods,
        changes and linking words only, on the line of the figure before it, names nothing: it
        measures what that figure measures. So does such a stretch inside a sentence ("$0.8m vs.
        $0.6m in pcp1H24: $(1.0) million; 2H24: $1.8 million"), with ``s0`` the figure before."""
        if prev_end > s0 or "\n" in text[prev_end:start]:
            return False
        # words of letters only: "pcp1H24" is the word "pcp" and the period 1H24
        for w in _rx(r"[A-Za-z][A-Za-z\-]*").finditer(text, s0, start):
            if w.group(0).lower() not in ELIDED_WORDS and not any(p.start <= w.start() < p.end for p in periods):
                return False
        return True

    def _label_of_next(self, p: Mention) -> bool:
        """ "EUR 45.1 million in the Environmental Services segment (H1 2024: EUR 51.2 million)": a
        period opening a parenthesis as its label names the figure in it, not one before it."""
        return self._flags(p)[3]

    def _flags(self, p: Mention) -> tuple[bool, bool, bool, bool]:
        """What a period's own surroundings say, the same for every figure of its sentence (so read
        once): labels what follows ("9M 2024:"), founded ("Founded in 2012"), a change's basis
        ("down 7.1% from FY23"), labels the figure of the parenthesis it opens."""
        got = self._period_flags.get(p.id)
        if got is None:
            text = self._text
            colon = LABEL_COLON.match(text, p.end) is not None
            got = self._period_flags[p.id] = (
                colon, _ends_with_word(text, max(0, p.start - 30), p.start, ("in",))
                and FOUNDED.search(text, max(0, p.start - 30), p.start) is not None,
                _ends_with_word(text, max(0, p.start - 24), p.start, BASIS_LEAD_ENDS)
                and BASIS_LEAD.search(text, max(0, p.start - 24), p.start) is not None,
                colon and fastre.search(r"\(\s*$", text[max(0, p.start - 3):p.start]) is not None)
        return got

    def _period(self, m: Mention, periods: list[Mention], values: list[Mention], ctx: DocContext | None,
                d: _Draft) -> dict[str, Any] | None:
        nxt_value = min((v.start for v in values if v.start > m.end), default=None)
        text = self._text
        # a period followed by ":" labels the figure right after it ("(9M 2024: EUR 8.9m)")
        periods = [p for p in periods if not (self._flags(p)[0] and m.start - p.end > 4
                                              and LABEL_TAIL.fullmatch(text, p.end, m.start) is None)]
        after = [p for p in periods if p.start >= m.end and (nxt_value is None or p.start < nxt_value)
                 and not self._comparative(p, m) and not self._label_of_next(p)
                 and not (nxt_value is not None and PRIOR_NAMED.search(text, p.start, nxt_value))
                 and ("," not in text[m.end:p.start] or p.start - m.end < 20)
                 and CLAUSE_BREAK.search(text, m.end, p.start) is None
                 # "rose to $59,452 due to ... the April halving event": a cause's period is the cause's
                 and CAUSE.search(text, m.end, p.start) is None
                 # "€5m lower than in the prior-year period": the period compared with is not the figure's
                 and THAN.search(text, m.end, p.start) is None
                 and not self._other_measure(text, m.end, p.start, d.metric)]
        before = [p for p in periods if p.end <= m.start and not self._flags(p)[1]]
        if d.role == "prior":
            target = next((r["target"] for r in d.relations if r["type"] == "prior_of"), None)
            cur = next((v for v in values if v.id == target), None)
            if cur is not None and cur.end <= m.start:
                # "revenues of $89.3 billion for the quarter ended September 30, 2024 increased ...
                # compared to $76.7 billion ..., excluding hedging effect for the quarter ended
                # September 30, 2023": a period before the current figure is the current's; one
                # after the comparative, with no figure between, is the comparative's
                before = [p for p in before if p.start >= cur.end and (
                    m.start - p.end <= 6 or not OWN_PERIOD.match(text[cur.end:p.start]))]
                late = [p for p in periods if p.start >= m.end and (nxt_value is None or p.start < nxt_value)
                        and p.start - m.end <= 100 and all(p is not q for q in after) and CLAUSE_BREAK.search(text, m.end, p.start) is None]
                after = after + late
        if d.role != "prior":
            # "revenues of $14,565 for the three months ..., versus $19,029 in 2024, and gross margin
            # of 93%": a comparative's own period is not the figures' after it
            owned = [p for p in before if any(v.id in self._priors and v.end <= p.start and p.start - v.end <= 12
                                              and OWN_PERIOD.match(text[v.end:p.start]) for v in values)]
            if owned:  # (by identity: a model's == is slow)
                before = [p for p in before if all(p is not q for q in owned)]
        if d.role != "prior":
            # "(down 7.1% from FY23)", "(+9.5% on 1H24)": the period a change is measured against;
            # "(vs. a $2.4 million deficit in FY23) and cash reserves of $23.2 million": a period
            # inside parentheses closed before the figure is the parenthesis' own
            before = [p for p in before if not self._flags(p)[2] and not _enclosed(text, p.start, p.end, m.start)]
        if (fronted := self._fronted_end) is not None and fronted <= m.start:
            # "Although the increase in Q3 2025 was partially driven by catch-up fees, they still exceeded
            # operating expenses of EUR 166.0m": the fronted clause's period is its own
            before = [p for p in before if p.start >= fronted]
        # the word "guidance" before an outlook figure ("increased its EBITDA guidance to ...")
        g = GUIDANCE_BEFORE.search(text, max(0, m.start - 40), m.start) if d.role == "guidance" else None
        if g is not None:
            # "published its financial results for 9M 2025 and increased its EBITDA guidance to EUR
            # 50.0 - 65.0m": a period parted from the word "guidance" by "and" is the results', not the
            # guidance's ("FY 2025 EBITDA guidance of ...", "For full year 2025, ... guidance" keep theirs)
            before = [p for p in before if p.end > g.start() or GUIDANCE_APART.search(text, p.end, g.start()) is None]
        if d.role == "prior":
            # a comparative takes its own label ("(9M 2024: ...)", "from Q2 2023 revenue of $1.7
            # million") or the period after it, not the sentence's
            # ("$500 million in 2024 from $450 million in 2023": a period before the word that makes
            # the figure a comparative is the current figure's)
            before = [p for p in before if (m.start - p.end <= 6 or (
                m.start - p.end <= 40 and not any(ch in text[p.end:m.start] for ch in ",;()")))
                and PRIOR_BETWEEN.search(text, p.end, m.start) is None]
        chosen = None
        # a comparative's own label comes first ("EUR 174.0m (9M 2024: EUR 171.6m) returned to growth in 9M 2025")
        order = list(reversed(before)) + after if d.role == "prior" else after + list(reversed(before))
        if d.metric in self.metrics.paid_on and d.role == "value":
            # "a quarterly dividend of $0.04 per share, payable on April 15, 2024": the day it is paid
            paid = [p for p in periods if p.start >= m.end and p.period_start is not None and p.period_start == p.period_end
                    and p.start - m.end <= 80 and PAYABLE.search(text, max(m.end, p.start - 16), p.start) is not None]
            order = paid[:1] + order
        labelled = None
        for p in order:
            if p.period_start is not None:
                chosen = p
                break
            if getattr(p, "fiscal_year", None) is not None and not (d.role == "prior" and 6 < m.start - p.end):
                labelled = p  # nearer than any dated period: "from 18% in 2024 to 21% in the 2025 financial year"
                break
        kind = self.metrics.kind(d.metric)
        if chosen is None and labelled is not None:
            # "FY24" of a company whose calendar nobody stated: the label, without dates
            d.extra_ids.append(labelled.id)
            return {"period_start": None, "period_end": None, "source": "sentence",
                    "fiscal_year": labelled.fiscal_year, "fiscal_period": labelled.fiscal_period}
        if chosen is None and d.role == "guidance":
            # an outlook without its period: not the reported period, but the one its heading names
            # ("Outlook 2024" over "Capital expenditure is expected at around EUR 150m")
            i = bisect_right(self._section_starts, m.start) - 1
            if (i >= 0 and (head := self._sections[i][1]) is not None and head.period_start is not None
                    and not self._is_reporting(head, ctx)):
                # (the outlook word next to the period: "Outlook 2024", "2025 Guidance"; not a
                # headline of results that also names an outlook)
                a = max(self._sections[i][0], head.start - 25)
                if OUTLOOK_HEADING.search(text[a:head.end + 25].split("\n")[0]) is not None:
                    d.extra_ids.append(head.id)
                    return {"period_start": head.period_start, "period_end": head.period_end, "source": "section"}
            year = self._guided_year(ctx)
            if year is not None and g is not None:
                # "increases EBITDA guidance to EUR 50.0 - 65.0m" in a release of nine months: the
                # guidance of the fiscal year those months are part of (a balance: at its end)
                start, end = year
                if kind in STOCK_KINDS or d.metric in self.metrics.held_at_end:
                    start = end
                return {"period_start": start, "period_end": end, "source": "document"}
            return None
        if chosen is None and d.role == "value" and ctx is not None and ctx.reference_date is not None:
            head = text[max(0, m.start - 60):m.start]
            head = head[max(head.rfind(c) for c in ".;:\n") + 1:]
            if NOW.search(head) is not None or any(a <= m.start < b for a, b in self._about):
                # "About Maple Minerals: ... employs approximately 1,450 people": the company as it is
                # "Our order book now stands at about ₹ 640 crore": held on the day of the release
                return {"period_start": ctx.reference_date, "period_end": ctx.reference_date, "source": "sentence"}
        lead = self._paragraph_lead(m.start) if chosen is None else None
        if chosen is not None:
            start, end = chosen.period_start, chosen.period_end
            d.extra_ids.append(chosen.id)
            source = "sentence"
            if (chosen.start > m.end and UNTIL.search(text, max(m.end, chosen.start - 24), chosen.start) is not None
                    and FROM_BEFORE.search(text, m.end, chosen.start) is None):
                start = None  # "... through June 30, 2025": up to that day, from none the sentence names
            if chosen.rule == "period.year" and (part := self._coordinated_part(chosen)) is not None:
                start, end = part  # "between the second quarter of 2023 and 2024": the second quarter of 2024
            if chosen.relative and fastre.match(r"(?i)^(?:the|this)\s+period$", chosen.text):
                named = self._paragraph_period(chosen)
                if named is not None:  # "revenue after nine months ... Adjusted EBITA for the period"
                    start, end = named.period_start, named.period_end
            section = self._section_at(m.start) if chosen.relative else None
            if section is not None and not self._is_reporting(section, ctx):
                # "the prior-year period" under "Nine Months 2024 Results" is nine months of 2023
                shifted = shift_reporting(chosen.rule, chosen.text.lower().split(),
                                          PeriodValue(section.period_start, section.period_end,
                                                      section.period_kind or "span"),
                                          ctx.calendar if ctx is not None else None)
                if shifted.start is not None:
                    start, end = shifted.start, shifted.end
        elif (lead is not None and not self._is_reporting(lead, ctx) and d.role in ("value", "prior")):
            # "For the nine months ended March 31, 2024, total revenue was ... . Operating cash flow
            # was $58.6 million": the paragraph's period, not the quarter the release leads with
            start, end, source = lead.period_start, lead.period_end, "section"
            d.extra_ids.append(lead.id)
            if d.role == "prior":
                shifted = shift_reporting("period.year_ago", ["a", "year", "ago"],
                                          PeriodValue(start, end, lead.period_kind or "span"),
                                          ctx.calendar if ctx is not None else None)
                start, end, source = shifted.start, shifted.end, "prior"
        elif (section := self._section_at(m.start)) is not None and not self._is_reporting(section, ctx) and not (
                lead is not None and d.role in ("value", "prior")):
            # a figure under "Full Year 2025 Highlights" belongs to that year, not to the quarter
            # the release leads with (unless its paragraph opens on a period of its own: "Setting New
            # Goals for 2020–2030" over "In 2023, ... R&D expenses were RMB19.1 billion")
            start, end, source = section.period_start, section.period_end, "section"
            if d.role == "prior":
                shifted = shift_reporting("period.year_ago", ["a", "year", "ago"],
                                          PeriodValue(start, end, section.period_kind or "span"),
                                          ctx.calendar if ctx is not None else None)
                start, end, source = shifted.start, shifted.end, "prior"
        elif ctx is not None and ctx.reporting is not None and ctx.reporting.start is not None:
            rep = ctx.reporting
            if d.role == "prior":
                shifted = shift_reporting("period.year_ago", ["a", "year", "ago"], rep, ctx.calendar)
                start, end, source = shifted.start, shifted.end, "prior"
            else:
                start, end, source = rep.start, rep.end, "document"
        elif ctx is not None and ctx.reporting is not None and ctx.reporting.fiscal_year is not None:
            # a release of "FY24" whose calendar nobody stated: its figures take the label, without dates
            fy = ctx.reporting.fiscal_year - (1 if d.role == "prior" else 0)
            return {"period_start": None, "period_end": None, "source": "prior" if d.role == "prior" else "document",
                    "fiscal_year": fy, "fiscal_period": ctx.reporting.fiscal_period}
        else:
            return None
        if (kind in STOCK_KINDS or d.metric in self.metrics.held_at_end) and start != end and end is not None and (
                source != "sentence" or self._comparative_of_reported(d, chosen, start, end, ctx)):
            # a balance (or a count held, "subscribers grew 18% to 4.1 million") at the end of the period
            # reported; its comparative "from 1,090 a year earlier" at the end of that period
            start = end
        elif (chosen is not None and start != end and end is not None and chosen.end <= m.start
              and (kind in STOCK_KINDS or d.metric in self.metrics.held or d.metric is None and m.type == "count")
              and HELD_AT_CLOSE.search(text, max(0, chosen.start - 12), chosen.start) is not None
              and HELD_WITH.match(text, chosen.end) is not None):
            start = end  # "ended the quarter with 1,900 employees", "ending fiscal 2024 with 1,250 stores"
        return {"period_start": start, "period_end": end, "source": source}


    def _coordinated_part(self, year: Mention) -> tuple[Any, Any] | None:
        """ "the second quarter of 2023 and 2024": a bare year joined to a part of another year
        names that part of its own year."""
        k = self._period_index.get(year.id, 0)
        prev = self._periods[k - 1] if k > 0 else None
        if prev is None or year.period_start is None or fastre.fullmatch(
                r"\s*+(?:and|&|to|through|vs\.?|versus)\s++", self._text[prev.end:year.start]) is None:
            return None
        part = _same_part({"period_start": year.period_start, "period_end": year.period_end},
                          {"period_start": prev.period_start, "period_end": prev.period_end})
        return part["period_start"], part["period_end"]

    def _paragraph_start(self, at: int) -> int:
        """Where the paragraph holding ``at`` starts: right after the last blank line before it,
        looked for at most 3,000 characters back (the blank lines of the text are found once)."""
        if self._blank_lines is None:
            # (end, start) of each newline that closes a blank line, and of the newline before it
            self._blank_lines = [(m.end() + len(m.group(1)) + 1, m.start()) for m in BLANK_LINE_END.finditer(self._text)]
        lo = max(0, at - 3000)
        i = bisect_right(self._blank_lines, (at, len(self._text))) - 1
        return self._blank_lines[i][0] if i >= 0 and self._blank_lines[i][1] >= lo else lo

    def _paragraph_period(self, at: Mention) -> Mention | None:
        """The period that "the period" refers to: the last one its paragraph named before it
        (not a comparative's label, nor an instant)."""
        text = self._text
        para_start = self._paragraph_start(at.start)
        k = self._period_index.get(at.id, 0)
        for i in range(k - 1, max(-1, k - 41), -1):  # (the last 40 periods: linear on any text)
            p = self._periods[i]
            if p.start < para_start:
                return None
            if (p.relative or p.period_start is None or p.period_start == p.period_end
                    or self._flags(p)[0] or _enclosed(text, p.start, p.end, at.start)
                    or COMPARATIVE_PERIOD.search(text, max(para_start, p.start - 60), p.start) is not None):
                continue  # (nor a comparative's: "up 10.1% from $346.7 million in the nine months ended ...")
            return p
        return None

    def _other_measure(self, text: str, a: int, b: int, metric: str | None) -> bool:
        """Whether ``text[a:b]`` goes on to a measure other than ``metric``: "revenue of $190 million
        to $210 million and positive adjusted EBITDA in the fourth quarter" (the quarter is the
        EBITDA's). Only for a figure whose measure is known."""
        if metric is None or (joined := AND_WORD.search(text, a, b)) is None:
            return False
        hit = self.metrics.pattern.search(text, joined.end(), b)
        row = self.metrics.row(hit.group(0)) if hit is not None else None
        return row is not None and row.id != metric

    def _paragraph_lead(self, at: int) -> Mention | None:
        """The period a paragraph opens on ("For the nine months ended March 31, 2024, total revenue
        was ..."), which dates the figures of its later sentences that name none."""
        text = self._text
        para_start = self._paragraph_start(at)
        i = bisect_left(self._period_starts, para_start)
        if i == len(self._periods) or self._periods[i].start >= at:
            return None
        p = self._periods[i]
        if (p.relative or p.period_start is None or p.period_start == p.period_end
                or PARAGRAPH_LEAD.fullmatch(text, para_start, p.start) is None or text[p.end:p.end + 1] != ","):
            return None
        return p

    def _paragraph_segments(self, text: str, sents: list[tuple[int, int]], drafts: list[_Draft]) -> None:
        """ "Sales in the DACH segment rose to EUR 587 million. Non-Rx sales grew to EUR 315
        million.": a segment named in a paragraph's first sentence scopes the figures of the
        sentences after it (those not said to be the group's)."""
        if not drafts:
            return
        starts = [a for a, _ in sents]
        at = sorted(d.mention.start for d in drafts)
        heads: list[tuple[int, int, str]] = []  # (first sentence end, paragraph end, segment)
        for para in PARAGRAPH.finditer(text):
            a, b = para.start(), para.end()
            k = bisect_left(at, a)
            if k == len(at) or at[k] >= b:
                continue  # no figure in it: a segment it names scopes nothing
            a += len(para.group(0)) - len(para.group(0).lstrip())
            i = bisect_right(starts, a) - 1
            first_end = sents[i][1] if i >= 0 else b
            hit = (PARAGRAPH_SEGMENT.search(text, a, min(first_end, b)) or SUBJECT_SEGMENT.match(text, a, min(first_end, b))) \
                if _names_segment(text, a, min(first_end, b)) else None
            runs: list[tuple[int, int, str]] = []  # (opening sentence start, its end, segment)
            if hit is not None and first_end < b:
                runs.append((a, first_end, f"{hit.group('seg')} {hit.group('kind')}".lower()))
            # "... direction. In the Rolling Stock division, SBF ...": a later sentence that opens
            # on a segment starts its run, to the next such sentence or the paragraph's end
            k = i + 1
            while 0 <= k < len(sents) and sents[k][0] < b and len(runs) < MAX_SEGMENT_RUNS:
                s0, s1 = sents[k]
                hit = (PARAGRAPH_SEGMENT.match(text, s0, s1) or SUBJECT_SEGMENT.match(text, s0, s1)) \
                    if _names_segment(text, s0, s1) else None
                if hit is not None:  # (one that ends the paragraph still ends the run before it)
                    runs.append((s0, s1, f"{hit.group('seg')} {hit.group('kind')}".lower()))
                k += 1
            for r, (_s0, end, seg) in enumerate(runs):
                heads.append((end, runs[r + 1][0] if r + 1 < len(runs) else b, seg))
        # "Beauty-Segment: Profitability Significantly Increased", "Solid Revenue Growth in the
        # Trading Segment": a heading naming a segment scopes the figures under it
        for k, (a, _) in enumerate(self._sections):
            line_end = text.find("\n", a)
            line_end = len(text) if line_end < 0 else line_end
            end = self._sections[k + 1][0] if k + 1 < len(self._sections) else len(text)
            i = bisect_left(at, line_end)
            if i == len(at) or at[i] >= end:
                continue
            hit = HEADING_SEGMENT.search(text, a, line_end)
            if hit is not None:
                heads.append((line_end, end, f"{hit.group('seg')} {hit.group('kind')}".lower()))
        if not heads:
            return
        for d in drafts:
            pos = d.mention.start
            for first_end, end, seg in heads:
                if first_end <= pos < end:
                    named = (d.metric_text or "").lower()
                    if any(w in named for w in ("group", "consolidated", "company-wide")) or (
                            d.scope and (seg in d.scope or d.scope in seg)):
                        break
                    k = bisect_right(starts, pos) - 1
                    if k >= 0 and WHOLE_SUBJECT.search(text, sents[k][0], sents[k][1]) is not None:
                        break  # "Additionally, the company recently secured new orders": the whole's
                    d.scope = seg if d.scope is None else f"{seg} {d.scope}"
                    break

    @staticmethod
    def _changes_stated_apart(drafts: list[_Draft]) -> None:
        """ "R&D expenses for the year ended July 31, 2025, totaled $3,558,000" and, in a later
        paragraph, "R&D expenses for the year ended July 31, 2025, ... decreased by $2,419,000 or 40%":
        the change stated without its level is the change of the level stated before it (the same
        metric, scope, adjustment and dates, not far above, with no change of its own)."""
        for k, d in enumerate(drafts):
            if d.role != "change" or d.metric is None or d.change is None or d.period is None:
                continue
            for e in reversed(drafts[:k]):
                if d.mention.start - e.mention.end > APART_REACH:
                    break
                if (e.role == "value" and e.change is None and e.metric == d.metric and e.scope == d.scope
                        and e.adjusted == d.adjusted and e.period is not None and e.mention.type == d.mention.type
                        and (e.period.get("period_start"), e.period.get("period_end"))
                        == (d.period.get("period_start"), d.period.get("period_end"))
                        and e.period.get("period_start") is not None):
                    e.change = dict(d.change)
                    break

    def _guidance_lists(self, text: str, drafts: list[_Draft]) -> None:
        """ "All other elements of the full-year guidance remain unchanged:" followed by bullets: the
        bullets' figures are the outlook, not the period's results."""
        spans: list[tuple[int, int]] = []
        for lead in _line_matches(LEAD_IN, text, _LINE_ENDS_COLON):
            if GUIDANCE.search(lead.group("line")) is None:
                continue
            line_end = lead.end()
            pos, end = line_end + 1, line_end + 1
            for n, bullet in enumerate(fastre.compile(r"[^\S\n]*+([^\n]*+)\n?").finditer(text, line_end + 1)):
                body = bullet.group(1)
                if n >= GUIDANCE_LIST_MAX:
                    break
                if not body.strip():
                    if end > pos:
                        break  # a blank line after the list ends it
                    continue
                if not body.startswith(BULLETS):
                    break
                end = bullet.end()
            if end > pos:
                spans.append((pos, end))
        if not spans:
            return
        starts = [a for a, _ in spans]
        for d in drafts:
            i = bisect_right(starts, d.mention.start) - 1
            if i >= 0 and d.mention.start < spans[i][1] and d.role == "value":
                d.role = "guidance"

    def _considerations(self, text: str, drafts: list[_Draft]) -> None:
        """ "repurchased 2.3 million shares for $168 million", "bought back 76.4 million shares for a total
        consideration of HK$1.1 billion": the amount paid for a count of a purchase measures the same."""
        for a, b in zip(drafts, drafts[1:]):
            if (a.mention.type == "count" and a.metric in self.metrics.consideration and b.mention.type == "money" and b.metric is None
                    and b.role == a.role and CONSIDERATION.fullmatch(text, a.mention.end, _qualified_start(text, b.mention))):
                b.metric, b.metric_text, b.metric_start, b.metric_end = a.metric, a.metric_text, a.metric_start, a.metric_end

    @staticmethod
    def _segment_run_metrics(text: str, drafts: list[_Draft]) -> None:
        """ "Corporate Finance led the way with revenue up 18.6% to $404.9 million. ... Strategic
        Communications grew 7.4% to $89.4 million.": in a run of segment figures, one that names
        only its segment measures what the segment figure just before it measured."""
        prev: _Draft | None = None
        for d in drafts:
            if (d.role == "value" and d.metric is None and d.scope is not None and prev is not None
                    and prev.scope != d.scope and prev.mention.type == d.mention.type
                    and getattr(prev.mention, "currency", None) == getattr(d.mention, "currency", None)
                    and _per(prev.mention) == _per(d.mention)
                    and d.mention.start - prev.mention.end < 400):
                d.metric, d.adjusted = prev.metric, prev.adjusted
            if d.role == "value" and d.metric is not None:
                prev = d if d.scope is not None else None  # a group figure ends the run

    def _in_skipped(self, pos: int) -> bool:
        i = bisect_right(self._skip_starts, pos) - 1
        return i >= 0 and pos < self._skip_spans[i][1]

    def _guided_metric(self, d: _Draft) -> None:
        """ "its EBITDA guidance to EUR 50.0 - 65.0m", "full-year revenue guidance": the outlook of a
        metric is that metric's figure in the role of guidance, not a metric "Guidance" scoped by
        the metric's name."""
        if d.metric != "Guidance" or not d.metric_text:
            return
        named = None
        for hit in self.metrics.pattern.finditer(d.metric_text):
            row = self.metrics.row(hit.group(0))
            if row is not None and row.id != "Guidance":
                named = (hit.group(0).lower(), row)
        if named is None:
            return
        name, row = named
        d.metric = row.id
        if d.role == "value":
            d.role = "guidance"
        if d.scope is not None:
            left = [w for w in d.scope.split() if w not in name.split()]
            d.scope = " ".join(left) or None

    def _per_share(self, text: str, d: _Draft) -> None:
        """"net loss of $1.8 million, or $(0.06) per share": the per-share figure is earnings per
        share (diluted or basic when the words say so), not net income."""
        m = d.mention
        if (d.metric in TOTAL_OF_PER_SHARE and m.type == "money" and _per(m) is None
                and m.value is not None and abs(m.value) >= PER_SHARE_LIMIT):
            d.metric = TOTAL_OF_PER_SHARE[d.metric]  # "paid dividends of $2,039,000": the total paid
            return
        if m.type != "money" or _per(m) != "share" or d.metric not in PER_SHARE_OF:
            return
        after = fastre.split(r"[(;,]", text[m.end:m.end + 40], maxsplit=1)[0].lower()
        before = text[max(0, m.start - 25):m.start].lower()
        if "diluted" in after or "diluted" in before:
            d.metric = "EarningsPerShareDiluted"
        elif "basic" in after or "basic" in before:
            d.metric = "EarningsPerShareBasic"
        else:
            d.metric = PER_SHARE_OF[d.metric]

    @staticmethod
    def _comparative_of_reported(d: _Draft, chosen: Any, start: Any, end: Any, ctx: DocContext | None) -> bool:
        """A comparative dated by a relative period as long as the period reported ("from 1,090 a year
        earlier" in a quarter's release): the same part of the year before, held like its figure. (A
        longer one, "in the previous year" of a quarter, is narrowed to that part later.)"""
        rep = ctx.reporting if ctx is not None else None
        return (d.role == "prior" and chosen is not None and chosen.relative
                and rep is not None and rep.start is not None and rep.end is not None
                and abs((end - start).days - (rep.end - rep.start).days) <= 3)

    @staticmethod
    def _guided_year(ctx: DocContext | None) -> tuple[Any, Any] | None:
        """The fiscal year a release's guidance is for when the figure names no period: the one
        its reporting period is a part of (a quarter, a half, nine months). Of a company whose
        calendar is unknown, only a period that runs from a year's start says which year (nine
        months, a first half, a year to date); of a release of a whole year, none (its guidance may
        be for the next)."""
        rep = ctx.reporting if ctx is not None else None
        if rep is None or rep.start is None or rep.end is None:
            return None
        if ctx.calendar.known:  # type: ignore[union-attr]
            start, end = ctx.calendar.year(ctx.calendar.fiscal_year_of(rep.end))  # type: ignore[union-attr]
        elif (rep.kind in ("nine_months", "ytd") or (rep.kind == "half" and rep.fiscal_period == "H1")) and \
                (rep.start.month, rep.start.day) != (2, 29):
            start = rep.start
            end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
        else:
            return None
        return (start, end) if start <= rep.start and rep.end < end else None

    @staticmethod
    def _is_reporting(section: Any, ctx: DocContext | None) -> bool:
        """The heading names the period the release reports on anyway."""
        rep = ctx.reporting if ctx is not None else None
        return rep is not None and (rep.start, rep.end) == (section.period_start, section.period_end)

    def _section_at(self, pos: int) -> Any:
        i = bisect_right(self._section_starts, pos) - 1
        return self._sections[i][1] if i >= 0 else None


# "<metric> and <another measure> of <figure>": two measures named together
COMPOUND = regex.compile(r"\s+(?:and|&|plus)\s+(?P<name>(?:[\w\-]+\s+){0,3}?(?:income|revenues?|sales|fees|gains?|"
                         r"earnings|expenses?|costs?|charges?))\s+(?:of|was|were|amounted|totall?ed|reached)\b", regex.I)
# words that say a scope is a segment without naming it: "the DACH segment" is the scope "dach"
LEGAL_FORMS = _WORDS["legal_forms"]
SCOPE_KIND_WORDS = _WORDS["scope_kind_words"]


def scope_name(scope: str | None) -> str | None:
    """A scope without the words that only say it is one: "dach segment non-rx" -> "dach non-rx".
    A scope of such words alone ("Segment sales": some segment, unnamed) stays as it is.

    >>> scope_name("dach segment"), scope_name("energy business"), scope_name("segment"), scope_name(None)
    ('dach', 'energy', 'segment', None)
    """
    if scope is None:
        return None
    words = [w for w in scope.split() if w not in SCOPE_KIND_WORDS]
    return " ".join(words) or scope


PARAGRAPH = regex.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]+)*")  # a blank line ends it (looked for on one line)
PARAGRAPH_SEGMENT = regex.compile(
    r"\b(?:[Ii]n|[Ff]or|[Aa]t|[Oo]f)\s+(?:the|its|our)\s+(?P<seg>[A-Z][\w&\-]*(?:\s+(?:and\s+)?[A-Z][\w&\-]*){0,3})\s+(?P<kind>segment|division)\b")
# "The Materials Solutions segment also showed a clear upward trend": a paragraph about a segment
SUBJECT_SEGMENT = regex.compile(r"The\s++(?P<seg>[A-Z][\w&\-]*+(?:\s++(?:and\s++)?[A-Z][\w&\-]*+){0,3})\s++(?P<kind>segment|division)\b")


def _names_segment(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] holds 'segment' or 'division', which PARAGRAPH_SEGMENT and SUBJECT_SEGMENT
    need: most stretches are not searched."""
    return text.find("segment", a, b) >= 0 or text.find("division", a, b) >= 0
WHOLE_SUBJECT = regex.compile(r"(?i)\b(?:the|our)\s++(?:company|group)\b(?!['’]s\s++(?:segment|division))")
MAX_SEGMENT_RUNS = 12  # segments a paragraph is read for (a page run together is one paragraph)
GUIDANCE_LIST_MAX = 40  # lines read after a lead-in (an outlook lists a few items)
LEAD_IN = regex.compile(r"(?m)^(?P<line>[^\n:]{3,400}):[^\S\n]*+$")  # a line that announces a list
FRONTED = regex.compile(r"(?i)\s*+(?:[*\-•]\s*+)?at(?:\s++(?:around|about|approximately|some|nearly|almost))?\s*+")
FRONTED_COMMA = regex.compile(r"\s*+,\s*+(?:the\s++|its\s++|our\s++)?")
HEADING_SEGMENT = regex.compile(r"(?P<seg>\b[A-Z][\w&]*+(?:\s++[A-Z][\w&]*+){0,2})[\s\-]++(?P<kind>(?i:segment|division))\b")
# a verb that names an item inside (or outside) a metric: the figure after it is the item's
ITEM_OF = regex.compile(r"(?i)\b(?:excludes?|excluded|excluding|includes?|included|including|reflects?|reflected|reflecting)\b")
# nouns that name what a figure right before them is the value of: "a $2.5M licensing agreement"
DEAL_NOUNS = _WORDS["deal_nouns"]
APART_REACH = 3000  # characters back a change stated apart looks for its level
# verbs that state a figure of the name before them ("backlog represented approximately $40.7 million")
COPULA = regex.compile(r"(?i)\b(?:represent(?:ed|s|ing)?|total(?:l?ed|s|ing)?|amount(?:ed|s|ing)\s+to|stood\s+at|"
                       r"reach(?:ed|es|ing)|was|were|is|are)\b")
# words that open a cause or a circumstance after a figure ("rose to $59,452 due to ..."): not its name
CAUSE_WORDS = _WORDS["cause_words"]
# the clause a figure ends, after a comma: "..., co-investment income normalised to "
OWN_CLAUSE = regex.compile(r",\s*+(?!(?:which|that|who|it|this|these|and|but|as|while|whereas|so)\b)(?P<name>[a-z][\w&'’\-]*+(?:\s++[a-z][\w&'’\-]*+){0,3}?)\s++"
                           r"(?P<verb>[a-z]+(?:ed|ised|ized))\s++(?:to|at)\s++(?:approximately\s++|about\s++)?$")
OWN_CLAUSE_VERBS = UP_WORDS | DOWN_WORDS | {"normalised", "normalized", "totaled", "totalled", "amounted", "reached"}
LABEL_TAILS = _WORDS["label_tails"]
ELIDED_WORDS = _WORDS["elided_words"]
# names that only say a figure is a loss or a profit: a comparative so named measures its current's metric
GENERIC_NAMES = _WORDS["generic_names"]
# per-share metrics whose figure without a per-unit, in the thousands or more, is the total
TOTAL_OF_PER_SHARE = {"DividendsPerShare": "PaymentsOfDividends"}
PER_SHARE_LIMIT = 1000
# income metrics whose per-share figure is earnings per share
PER_SHARE_OF = {"NetIncomeLoss": "EarningsPerShare", "ProfitLoss": "EarningsPerShare",
                "IncomeLossFromContinuingOperations": "EarningsPerShare"}
# a new clause starts: "$1.7 million, while Q2 2024 bookings were": its period is not the figure's
# "Corporate Finance led the way with revenue up 18.6%", "Economic Consulting—dominated by X—fell
# 22% to $173.1 million": a capitalized name opening the sentence, then a verb of performance
TITLE_SUBJECT = regex.compile(
    r"(?:[-*•●]\s*)?(?:(?:In|For|During|At|On)\b[^,\n]{0,60},\s*)?(?P<seg>[A-Z][\w\-]*(?:\s+(?:&|and|[A-Z][\w\-]*)){0,4})"
    r"(?:\s*[—–]\s*[^—–\n]{1,60}?\s*[—–]\s*|\s+)(?P<verb>[a-z][\w\-]*)")
SUBJECT_VERBS = UP_WORDS | DOWN_WORDS | {"led", "generated", "contributed", "posted", "delivered", "recorded",
                                         "achieved", "saw", "accounted", "brought", "earned", "produced", "revenue",
                                         "revenues", "sales", "declared", "paid"}
# "The acquisition provides revenue exceeding AUD$7.4 million", "Nephros had cash of": a verb (or an
# adverb) before the name ends it
NAME_ENDING_VERBS = (SUBJECT_VERBS - {"revenue", "revenues", "sales"}) | {
    "provides", "provided", "adds", "added", "brings", "delivers", "generates", "reported", "reports", "reporting",
    "had", "has", "have", "expects", "expected", "sees", "targets", "targeting", "anticipates", "completed", "paid", "originated",
    "forecast", "forecasts", "raised", "secured", "signed", "received", "won", "booked", "invested", "spent",
    "recognized", "recognised", "incurred", "announced", "recently", "now", "currently", "previously", "already",
    "repaid", "refinanced", "drew", "borrowed"}
NOT_SUBJECT = _WORDS["not_subject"]
CHANGE_OF = regex.compile(r"(?i)\s++(?:year[\s\-]over[\s\-]year\s++|year[\s\-]on[\s\-]year\s++)?(?:increase|decrease|growth|"
                          r"rise|decline|drop|improvement|reduction|gain|jump|fall)\s++(?:in|of)\s++"
                          r"(?:the\s++|its\s++|our\s++|their\s++)?")
LEVEL_CHANGE_NOUNS = _WORDS["level_change_nouns"]
AFTER_UP = _WORDS["after_up"]
AFTER_DOWN = _WORDS["after_down"]
AFTER_VALENCE = _WORDS["after_valence"]
# "smartphones contributed RMB157.5 billion", "and the Americas segment contributed": the subject of
# "contributed", opening its clause (a colon, a semicolon, a comma, "and" or the line before it)
CONTRIBUTED = regex.compile(r"(?:^|(?<=[:;,\n]\s*+)|(?<=\band\s++))(?:[Tt]he\s++)?(?P<subj>[A-Za-z][\w&\-]*+(?:\s++[\w&\-]++){0,4}?)"
                            r"\s++contributed\s++(?:(?:approximately|about|nearly|almost|over|more\s++than|some)\s++)?$", regex.M)
CONTRIBUTED_TO = regex.compile(r"(?i)\s++to\s++(?:the\s++)?(?:(?:group|company)['’]s\s++|our\s++|its\s++)?(?:total\s++)?")
THAN = regex.compile(r"(?i)\bthan\b")
# a figure held up as the standard of another: "within guidance of", "against a target of"
STANDARD_OF = regex.compile(r"(?i)\b(?:guidance|target|outlook|forecast|budget|plan)(?:\s++range)?\s++of\s*+$")
CAUSE = regex.compile(r"(?i)\b(?:due\s+to|driven\s+by|because\s+of|as\s+a\s+result\s+of|owing\s+to|thanks\s+to|"
                      r"attributable\s+to|on\s+the\s+back\s+of)\b")
COMPARED_TO = regex.compile(r"\s*,?\s*(?:when\s+|as\s+)?compared\s+(?:to|with)\s+(?:the\s+)?", regex.I)
_ADJUSTMENT = (r"(?:before|excluding|excl\.?|ex\.?|adjusted\s++for|net\s++of|absent|without)\s++(?:the\s++|any\s++)?"
               r"(?:impact\s++of\s++|effects?\s++of\s++)?(?:the\s++)?")
# "EBIT before currency effects", "revenue excluding the hedging effect"
ADJUSTED_AFTER = regex.compile(r"(?i)\s*+,?\s*+" + _ADJUSTMENT + r"(?:currency|fx|foreign|exchange|special|one[\s\-]off|"
                               r"one[\s\-]time|non[\s\-]recurring|exceptional|discrete|impairments?|restructuring|"
                               r"hedging|acquisitions?|divestitures?|disposals?|items?)\b")
# "Excluding the discrete item, ...", "On a non-GAAP basis, ..."
ADJUSTED_LEAD = regex.compile(r"(?i)\s*+(?:[*\-•]\s*+)?(?:" + _ADJUSTMENT + r"[^,.;]{2,80},|on\s++an?\s++(?:non[\s\-]gaap|"
                              r"non[\s\-]ifrs|adjusted|underlying|pro[\s\-]forma|comparable|organic|constant[\s\-]currency)"
                              r"\s++basis\b)")
DEFINED_AS = regex.compile(r"\s*+\(\s*+(?P<inner>[\w&\- ]{2,40}?)\s*+\)")  # "Earnings (adjusted EBITA)"
# the words between a figure and the period that is its own: "$89.3 billion for the quarter ended ..."
OWN_PERIOD = regex.compile(r"(?i)\s*+(?:,\s*+)?(?:(?:for|in|during|at|as\s++of)\s++)?(?:the\s++)?$")  # possessive: linear
BASIS_LEAD_ENDS = ("from", "vs", "vs.", "versus", "against", "on", "to", "with", "the")  # what a BASIS_LEAD stretch ends with
BASIS_LEAD = regex.compile(r"(?i)(?:\b(?:from|vs\.?|versus|against)|(?<=[\d%]\s{0,2})on|compared\s+(?:to|with))\s+(?:the\s+)?$")
WHICH_SUBJECT = regex.compile(r"(?P<np>(?:[\w&\-]++\s++){0,3}[\w&\-]++),\s*+which\s++(?:generated|contributed|produced|"
                              r"earned|delivered|recorded|brought\s++in|accounted\s++for)\s*+$")
NEW_SUBJECT = regex.compile(r"[,;]\s*+(?:while|whereas)\b|;")  # a clause with a subject of its own
NOW = regex.compile(r"(?i)\bnow\b")
BULLET_LEAD = regex.compile(r"[^\S\n]*+[-–—•●*][^\S\n]++")
PAYABLE = regex.compile(r"(?i)\b(?:payable|paid|to\s+be\s+paid)\s+(?:on\s+)?$")
# "the repurchase of up to $150 million of common stock through June 30, 2025": a figure that holds
# until a day (or to the end of a period), from no day the sentence names
UNTIL = regex.compile(r"(?i)(?<![\w-])(?:through|thru|until|till)\s+(?:the\s+end\s+of\s+)?$")
FROM_BEFORE = regex.compile(r"(?i)\b(?:from|between|since|starting|beginning)\b")
# "Founded in 2012": the year a company began, no period of the figures beside it
FOUNDED = regex.compile(r"(?i)\b(?:founded|established|incorporated|formed|listed)\s+in\s+$")
# "About Harborline Stores" (a heading line): the boilerplate that describes the company as it is
ABOUT_HEADING = regex.compile(r"(?m)^[^\S\n]*+(?:#{1,6}[^\S\n]++)?About[^\S\n]++[A-Z][^\n.!?:]{0,80}$")
NEXT_HEADING = regex.compile(r"\n[^\S\n]*+\n[^\S\n]*+(?:#{1,6}[^\S\n]++)?(?:Forward|Safe\s+Harbor|Cautionary|Non-GAAP|"
                             r"Contacts?|Investor|Media|For\s+further|Disclaimer|Conference|Webcast|Use\s+of)\b")
# counts bought, whose price is the same measure in money
CONSIDERATION = regex.compile(r"(?i)(?:\s++(?:on|in|at|through|via)(?:\s++[\w&.'’\-]++){1,7}?)?"  # "on the Hong Kong Stock Exchange"
                              r"\s++for\s++(?:(?:a|an|the)\s++)?(?:(?:total|aggregate|combined)\s++)?"
                              r"(?:(?:consideration|amount|price|cost|sum)\s++of\s*+)?")
ADDED = regex.compile(r"(?:net\s+)?(?:new|additional)\s")
# "ended the quarter with", "finished the year with": what the period closed with is held at its end
HELD_AT_CLOSE = regex.compile(r"(?i)\b(?:ended|ending|ends|finished|finishing|closed|closing|exited|exiting)\s+$")
HELD_WITH = regex.compile(r"\s+with\b")
CLAUSE_BREAK = regex.compile(r"[,;]\s*(?:while|whereas|and|but|as|with)\b|;")
HEADING_MAX = 120
BULLETS = ("*", "-", "•", "●", "–", "—", "·", "▪", "o ")


def about_sections(text: str) -> list[tuple[int, int]]:
    """The stretches under an "About <company>" heading, each to the next notice heading
    ("Forward-Looking Statements", "Contacts") or the end of the text.

    >>> t = "Results\\nRevenue was $5M.\\n\\nAbout Acme\\n\\nAcme employs 900 people.\\n\\nContacts\\nJo"
    >>> [t[a:b].strip() for a, b in about_sections(t)]
    ['Acme employs 900 people.']
    """
    out = []
    for h in _line_matches(ABOUT_HEADING, text, _ABOUT):
        stop = NEXT_HEADING.search(text, h.end())
        out.append((h.end(), stop.start() if stop is not None else len(text)))
    return out


_LINE_ENDS_COLON = regex.compile(r"(?m):[^\S\n]*$")  # where a LEAD_IN line can end
_ABOUT = regex.compile(r"About")  # what every ABOUT_HEADING line holds


def _line_matches(pattern: Any, text: str, hint: Any) -> list[Any]:
    """The matches of a line pattern (one that matches a whole line from its start, "(?m)^...$")
    in the text, as its ``finditer`` would give them: tried only on the lines holding ``hint`` (a
    pattern of something each match holds), found by a scan for it.

    >>> t = "Results:\\nRevenue: $5M\\nAbout Acme\\nAbout us: see About Acme"
    >>> [m.group(0) for m in _line_matches(ABOUT_HEADING, t, _ABOUT)]
    ['About Acme']
    """
    out = []
    prev = -1
    for h in hint.finditer(text):
        at = h.start()
        newline = text.rfind("\n", max(prev, 0), at)  # (back to the hint before: linear in all)
        if newline < 0 and prev >= 0:
            prev = at
            continue  # on the line of the hint before: tried
        prev = at
        m = pattern.match(text, newline + 1)
        if m is not None:
            out.append(m)
    return out


def section_periods(text: str, mentions: list[Mention]) -> list[tuple[int, Any]]:
    """The headings of a text with the one period each names (or None), in text order.

    A heading is a short line without a figure that does not end a sentence: "Full Year 2025
    Financial Results", "Six Month 2025 Highlights", "The company reported for the full year
    2025:". A heading naming one dated period sets the period of the figures under it that name
    none; a heading naming none or several ends that section.
    """
    dated: list[Mention] = []
    valued: list[int] = []
    for m in mentions:
        if m.type == "period":
            # a span, not a date: "Augsburg, 11 November 2025" is a dateline, not a section
            if m.period_start is not None and m.period_end != m.period_start and not m.relative:
                dated.append(m)
        elif m.type in ("money", "percent", "count"):
            valued.append(m.start)
    out: list[tuple[int, Any]] = []
    valued.sort()  # (in text order already when the mentions are: found by bisection below)
    dated.sort(key=lambda m: m.start)
    dated_starts = [m.start for m in dated]
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        body = line.strip().lstrip("#").strip()
        if (not body or len(body) > HEADING_MAX or body.endswith((".", ";", ",", "!", "?")) or body.startswith(BULLETS)
                or " | " in body or not (body[0].isupper() or body[0].isdigit())):
            continue
        vi = bisect_left(valued, a)
        if vi < len(valued) and valued[vi] < b:
            continue  # a line with a figure is not a heading
        inside = dated[bisect_left(dated_starts, a):bisect_left(dated_starts, b)]
        spans = {(p.period_start, p.period_end) for p in inside}
        out.append((a, inside[0] if len(spans) == 1 else None))
    return out


def link(text: str, mentions: list[Mention], ctx: DocContext | None, metrics: Metrics,
         skip_tables: Any = None, doc: Any = None) -> list[Any]:
    """Facts of a text from its mentions (see the module docstring for the rules).

    ``skip_tables``, when given, is a function of an offset that says whether it lies in a table
    that was read (:class:`finfacts.tables.TableReading.covers`): the facts of those cells come
    from their table, so their mentions are left out here. ``doc``, when it is the text's spaCy
    Doc and carries a dependency parse, names the metric of figures the rules leave without one
    (:mod:`finfacts.syntax`).
    """
    if skip_tables is not None:
        mentions = [m for m in mentions if not skip_tables(m.start)]
    subject_of = None
    if has_parse(doc):
        def subject_of(start: int, end: int) -> tuple[int, int] | None:
            return subject_phrase(doc, start, end)
    return Linker(metrics, subject_of).link(text, mentions, ctx)


__all__ = ["Linker", "link", "sentences"]
