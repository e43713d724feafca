"""Per-document work that misbehaves on purpose, for the batch fault tests.

These run inside batch worker processes, so they live in a module of their own that a
spawned worker can import (the tests folder is on the path pytest hands to its children).
"""

from __future__ import annotations

import os
import time

from finfacts.batch import Item, Options, Outcome, process_item

KILL_MARK = b"KILL-THE-WORKER"
SLOW_MARK = "TAKE-YOUR-TIME"


def die_on_mark(item: Item, options: Options) -> Outcome:
    """Kill the worker process outright (as the OOM killer would) on a marked document."""
    if item.data is not None and KILL_MARK in item.data:
        os._exit(137)
    return process_item(item, options)


def stall_on_mark(item: Item, options: Options) -> Outcome:
    """Run far past any time budget on a marked document (a runaway rule)."""
    text = item.text if item.text is not None else (item.data or b"").decode("utf-8", "replace")
    if SLOW_MARK in text:
        deadline = time.monotonic() + 3600
        while time.monotonic() < deadline:
            sum(range(10_000))
    return process_item(item, options)
