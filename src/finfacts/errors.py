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
    # A str with a lone surrogate (U+D800-U+DFFF, as left by bytes decoded with
    # errors="surrogateescape") is not Unicode text: it cannot be tokenized nor written as JSON.
    E012 = "[E012] reference_date must be a date or 'YYYY-MM-DD', got {value!r}"
    E013 = ("[E013] Text has a lone surrogate U+{code:04X} at offset {offset}, which is not Unicode text; "
            "decode the source bytes with errors='replace' (or finfacts.documents.decode), or replace "
            "surrogates with U+FFFD, before extracting")
    E014 = "[E014] {path} is {size} bytes, over the limit of {limit}; raise max_bytes (--max-bytes) to read it"
    E015 = "[E015] check() takes an Extraction or a list of them, got {type}; pass text to extract() first"
    E016 = "[E016] max_chars must be an int of at least 0, got {value!r}"
    # batch (E020-E029)
    E020 = "[E020] Empty document: {source} has no text"
    E021 = "[E021] Document of {size} bytes is over the limit of {limit}; raise --max-bytes to process it"
    E022 = "[E022] Document ran over its time budget of {seconds} s and was stopped"
    E023 = "[E023] The worker process died while processing this document (twice: once among others, once alone)"
    E024 = "[E024] The pipeline raised {kind}: {msg}"
    E025 = "[E025] Invalid JSONL record at {where}: {msg}"
    E026 = "[E026] Input not found: {arg}"
    E027 = "[E027] Output {out} exists and is not a directory; use a .duckdb, .jsonl or directory path"
    E028 = "[E028] Dask is not installed: pip install 'finfacts[dask]'"
    E029 = "[E029] Cannot write the store ({msg}); {committed} documents are committed, {lost} were not: free space and rerun the same command to finish"
    E030 = "[E030] Cannot load the spaCy pipeline {name!r} ({msg}): pass \"en\" for the blank pipeline, or the name or path of a trained pipeline that is installed"


def check_currency_code(code: str | None) -> str | None:
    """An ISO 4217-shaped code (three letters), upper-cased; None stays None; E006 otherwise."""
    if code is None:
        return None
    if not isinstance(code, str) or len(code) != 3 or not code.isalpha():
        raise FinfactsError(Errors.E006.format(code=code))
    return code.upper()
