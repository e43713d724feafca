"""Read the words around a figure: its qualifier ("more than") and what it is per ("per share")."""

from __future__ import annotations

from .quantities import Tok

PER_SKIP = {"diluted", "basic", "ordinary", "common", "fully", "weighted", "average", "class", "a", "an",
            "each", "one", "mined", "adjusted", "non-gaap", "gaap", "ifrs", "dilutive"}
PER_STOP = {"for", "in", "of", "and", "or", "on", "at", "to", "from", "with", "by", "as", "the", "was",
            "were", "is", "are", "compared", "versus", "vs", "vs.", "during", "respectively", "which", "while",
            "a", "an", "rose", "fell", "increased", "decreased", "grew", "declined", "reached", "totaled", "totalled",
            "amounted", "came", "stood", "sold", "produced", "mined", "earned", "paid", "up", "down", "last", "this",
            "year", "quarter", "compared", "basis", "excluding", "including", "through", "via", "under", "into",
            "after", "before", "than", "when", "if", "plus", "net", "payable", "represents", "representing"}
# a unit that ends what an amount is per: "per share through a syndicate" is per share
PER_NOUNS = {"share", "unit", "ads", "adr", "warrant", "option", "note"}
SHARE_WORDS = {"eps", "dps", "ads", "adr"}
BOUNDARY = {".", "!", "?", ";", "•", "●", "|"}


def singular(word: str) -> str:
    """Lower-case singular of a plain English noun.

    >>> singular("shares"), singular("ADSs"), singular("companies"), singular("boxes"), singular("gas")
    ('share', 'ads', 'company', 'box', 'gas')
    """
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return word[:-1].lower()  # "ADSs", "SMEs"
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "as")) and len(w) > 2:
        return w[:-1]
    return w


def qualifier_before(before: list[Tok], phrases: dict[tuple[str, ...], str]) -> tuple[str, str] | None:
    """The qualifier phrase that ends right before a figure, longest first.

    >>> q = {("more", "than"): "more_than", ("than",): "x", ("about",): "approximately"}
    >>> qualifier_before([Tok("revenue", 0, True), Tok("of", 8, True), Tok("more", 11, True), Tok("than", 16, True)], q)
    ('more_than', 'more than')
    >>> qualifier_before([Tok("(", 0, False), Tok("about", 1, True)], q)
    ('approximately', 'about')
    """
    words = [t.text.lower() for t in before[-4:]]
    for n in range(min(4, len(words)), 0, -1):
        key = tuple(words[-n:])
        if key in phrases:
            return phrases[key], " ".join(t.text for t in before[-n:])
    return None


# words that make a trailing "or more" part of a comparison, not a bound: "or more than double"
_NOT_AFTER_QUALIFIER = frozenset({"than", "-", "\u2013", "\u2014"})


def qualifier_after(after: list[Tok], phrases: dict[tuple[str, ...], str]) -> tuple[str, str] | None:
    """The bound a phrase right after a figure states ("RMB3,000 or more", "5% or less"), longest
    first; not one that goes on into a comparison ("or more than double").

    >>> q = {("or", "more"): "at_least"}
    >>> qualifier_after([Tok("or", 0, True), Tok("more", 3, True), Tok("sold", 8, True)], q)
    ('at_least', 'or more')
    >>> qualifier_after([Tok("or", 0, True), Tok("more", 3, True), Tok("than", 8, True)], q) is None
    True
    """
    words = [t.text.lower() for t in after[:4]]
    for n in range(min(3, len(words)), 1, -1):
        key = tuple(words[:n])
        if key in phrases and (len(words) == n or words[n] not in _NOT_AFTER_QUALIFIER):
            return phrases[key], " ".join(t.text for t in after[:n])
    return None


def per_after(after: list[Tok]) -> str | None:
    """What an amount is per, from the words after it.

    >>> per_after([Tok("per", 0, True), Tok("diluted", 4, True), Tok("share", 12, False)])
    'share'
    >>> per_after([Tok("per", 0, True), Tok("kilowatt", 4, True), Tok("hour", 13, True), Tok("in", 18, True)])
    'kilowatt hour'
    >>> per_after([Tok("-", 0, False), Tok("a", 1, False), Tok("-", 2, False), Tok("share", 3, True)])
    'share'
    >>> per_after([Tok("in", 0, True), Tok("revenue", 3, True)]) is None
    True
    >>> per_after([Tok("per", 0, True), Tok("share", 4, True), Tok("through", 10, True), Tok("a", 18, True)])
    'share'
    """
    i = 0
    while i < len(after) and after[i].text in ("-",):
        i += 1
    if i >= len(after):
        return None
    head = after[i].text.lower()
    if head not in ("per", "a", "an", "/", "each"):
        return None
    if head in ("a", "an", "each"):
        # "$98 a share", "$70-a-share": only for shares and units, to keep "$5 a year" out
        rest = [t.text.lower() for t in after[i + 1 : i + 4] if t.text != "-"]
        if rest and singular(rest[0]) in ("share", "unit", "ads", "adr"):
            return singular(rest[0])
        return None
    words: list[str] = []
    for t in after[i + 1 : i + 6]:
        low = t.text.lower()
        if not words and low in PER_SKIP:
            continue
        if low in PER_STOP or not t.text.replace("-", "").isalpha():
            break
        words.append(low)
        if len(words) == 2 or singular(low) in PER_NOUNS:
            break
    if not words:
        return None
    if len(words) == 2 and words[1] in ("share", "shares", "unit", "units"):
        words = words[1:]
    words[-1] = singular(words[-1])
    return " ".join(words)


def per_before(before: list[Tok]) -> str | None:
    """What an amount is per, from a label before it in the same clause ("EPS of", "earnings per share were").

    >>> per_before([Tok("diluted", 0, True), Tok("EPS", 8, True), Tok("of", 12, True)])
    'share'
    >>> per_before([Tok("cost", 0, True), Tok("per", 5, True), Tok("mined", 9, True), Tok("Bitcoin", 15, True), Tok("rose", 23, True), Tok("to", 28, True)])
    'bitcoin'
    >>> per_before([Tok("revenue", 0, True), Tok(".", 7, True), Tok("EPS", 9, True), Tok("was", 13, True)])
    'share'
    >>> per_before([Tok("EPS", 0, True), Tok(".", 3, True), Tok("revenue", 5, True), Tok("of", 13, True)]) is None
    True
    """
    window = before[-10:]
    for j in range(len(window) - 1, -1, -1):
        low = window[j].text.lower()
        if low in BOUNDARY:
            return None
        if low in SHARE_WORDS:
            return "share"
        if low == "per":
            return per_after(window[j:])
    return None
