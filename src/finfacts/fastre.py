"""The ``regex`` module's functions, with each compiled pattern kept in a plain cache.

``regex.sub(pattern, ...)`` looks its compiled pattern up in ``regex``'s own cache on every call,
which costs more than matching a short pattern against a short string; the hot paths of the
linker and the table reader call these instead.
"""

from __future__ import annotations

import functools
from typing import Any

import regex

compile = functools.lru_cache(maxsize=None)(regex.compile)  # noqa: A001 - the regex name, on purpose


def sub(pattern: str, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def search(pattern: str, string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).fullmatch(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return compile(pattern, flags).split(string, maxsplit)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).finditer(string)
