"""Tables inside releases: finding them in the text, reading their cells into facts.

:func:`read_tables` finds every table of a text (pipe rows, aligned columns, statements run
together on one line, one cell a line), reads its column headings into periods, its row labels
into metrics through the same taxonomy as prose facts, and applies its declared scale exactly.
"""

from __future__ import annotations

from .read import TableReading, read_tables

__all__ = ["TableReading", "read_tables"]
