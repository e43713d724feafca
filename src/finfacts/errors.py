"""One catalogue of coded errors, in the manner of spaCy's ``errors.py``."""

from __future__ import annotations


class FinfactsError(ValueError):
    """A programmer, configuration or input error that finfacts cannot turn into data."""


class Errors:
    """Message templates; the code leads the message so users can search for it."""

    E001 = "[E001] Invalid rule data in {path}, line {line}: {msg}"
    E002 = "[E002] Unknown macro or lexicon set {name} in {where}"
    E003 = "[E003] Patterns folder not found: {path}"
    E004 = "[E004] Text must be a str, got {type}"
    E005 = "[E005] Text is not valid UTF-8: {path} ({msg})"
    E006 = "[E006] Unknown currency code {code!r}: expected an ISO 4217 code such as 'USD'"
    E007 = "[E007] Text of {size} characters is over the limit of {limit}; raise max_chars to process it"
    E008 = "[E008] Cannot read {path}: {msg}"
    E009 = "[E009] Unsupported file type {suffix!r} for {path}"
    E010 = "[E010] The patterns use more distinct word sets than the 45 free lexeme flags of the vocab"
    E011 = "[E011] fiscal_year_end must be 'MM-DD' naming a real day, got {value!r}"
