"""Find the tables of a text and cut them into rows and cells, keeping every cell's offsets.

Tables reach finfacts in four shapes, all found in the text itself (``Document.text``):

* **grid**: one row a line, cells split by ``|`` (HTML tables as :func:`finfacts.read` renders
  them, Markdown pipe tables);
* **aligned**: one row a line, a label then figures (plain-text releases);
* **flat**: a whole table on one line, rows run together ("Revenues $ 47,004 $ 70,764 Cost
  of goods sold 49,044 69,900 ..."), as newswire copies of statements often arrive;
* **vertical**: one cell a line ("Total assets", "$", "21,676,801", "$", "23,887,268").

The last three are read as a *stream* of labels and runs of figures: with ``n`` figure columns,
a row is a label followed by a run of ``n`` figures. Every function here is linear in the
length of the text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .. import fastre
from .cells import EMPTY_WORDS, is_year, parse_cell, stream_cells

MAX_ROWS = 2000  # a table longer than this is read up to here (hostile input stays linear)
MIN_GRID_ROWS = 2
MIN_STREAM_ROWS = 3
PROSE_LINE = 400  # a line longer than this (and not a flat table) ends a one-cell-a-line table
_SEP_ROW = regex.compile(r"^\s*+\|?\s*+:?-{2,}+:?\s*+(?:\|\s*+:?-{2,}+:?\s*+)*+\|?\s*+$")  # possessive: linear
# pieces of a label chunk: lines, "Heading:" and words glued by a lost line break ("AdjustmentsInterest")
# (the capital is looked for before the three letters behind it: it is the rarer, and fails sooner)
_LABEL_SPLIT = regex.compile(r"\n+|:(?=\s|[A-Z]|$)|(?=[A-Z][a-z])(?<=[a-z]{3})")
# its three cuts, searched apart: _LABEL_SPLIT, led by a lookahead, is tried at every position; each
# of these starts with the character it cuts at, found by a fast scan (the capital is matched, the
# cut is before it). Two cuts never overlap, so in order they are _LABEL_SPLIT's matches
_LINE_CUT = regex.compile(r"\n+")
_COLON_CUT = regex.compile(r":(?=\s|[A-Z]|$)")
_CAPITAL_CUT = regex.compile(r"[A-Z](?<=[a-z]{3}[A-Z])(?=[a-z])")
_LETTERS = regex.compile(r"[A-Za-z]{2,}")
# a statement's section heading between pipe rows: a short line of words, no figures, no sentence
_SECTION_LINE = regex.compile(r"[^\S\n]*+[A-Z][A-Za-z'’&,\-()/ ]{2,100}+:?[^\S\n]*+")
MAX_SECTION_LINES = 3
_PERIODISH = regex.compile(r"(?i)\b(?:ended|ending|months|weeks|quarter|year|fiscal|as of|19\d\d|20\d\d)\b")
# the year within 300 characters: ".*" would scan to the line end from every one of many words
_DATED = regex.compile(r"(?i)\b(?:ended|ending|as of|quarter|months|year)\b.{0,300}?\b(?:19|20)\d\d\b")
_SHORT_DATED = regex.compile(r"(?i)^(?:q[1-4]|[1-4]q|h[12]|fy|9m|fiscal)\s*'?\d\d(?:\d\d)?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_DATE_TAIL = regex.compile(r"(?i)(?:\d{1,2},?\s*(?:19|20)\d\d\s*(?:and|&|,)|\b(?:and|&)|\b(?:of|at|in|since|through|to)|"
                           r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{1,2},?)\s*$")
PROSE_WORDS = {"was", "were", "is", "are", "has", "have", "had", "will", "would", "increased", "decreased", "rose", "fell",
               "grew", "reached", "compared", "expected", "today", "published", "announced", "reported", "previously",
               "approximately", "million", "billion", "between", "range", "guidance"}
_AUDIT = regex.compile(r"(?i)\(?\s*(?:un)?audited\s*\)?")
# (matched in place, text[a:b] whole: a gap of prose is not copied out to fail at its first letter)
_GAP = regex.compile(r"[\s|$€£¥]*")
# figures run together by a lost separator ("42,556,75744,460,091", "(142,351)(708,933)"): unreadable
# a match is a whole run of these characters holding a glued pair, so it starts where the run (or
# the search) does: started inside a run too, a long run without a pair is quadratic
GLUED = regex.compile(r"(?:\G|(?<![\d,.()$-]))[\d,.()$-]*(?:\d,\d{3}[\d(]|\)[\d(]|\d-\(|\)-\d|-\(\d)[\d,.()$-]*")
# GLUED's pairs, each searched from the character it holds (a ",", a ")", a "-("), which regex
# finds fast: a label without one is not searched for glued figures (GLUED is tried at every
# digit and sign of it; labels between the runs of a flat or one-cell-a-line table are long)
_GLUED_PAIRS = (regex.compile(r",(?<=\d,)\d{3}[\d(]"), regex.compile(r"\)(?:[\d(]|-\d)"),
                regex.compile(r"-\((?:\d|(?<=\d-\())"))
GLUED_DATE = regex.compile(r"^\D*\d{1,2},(?:19|20)\d\d\D*$")  # "31,2025": a date, not two figures
# words that close a header, before the first row label of a stream table
HEAD_WORDS = regex.compile(
    r"(?i)(?:\s*(?:\$|%|\(?unaudited\)?|\(?audited\)?|change|changes|period(?:-over-)?|variance|restated|"
    r"(?:% )?chg\.?|y/y|yoy|\(in [a-z$ ]+\)|\(?as adjusted\)?|fav(?:orable)?|\(unfav(?:orable)?\)|annual|totals?)(?=\s|$|[A-Z]))+")
# period words in a first label: the end of the headings ("... 9/30/24 12/31/24 Totals Net loss")
PERIOD_WORDS = regex.compile(r"(?i)\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:ended|ending)\b(?:\s+[A-Z][a-z]+\.?\s+\d{1,2},?)?")


class Span(NamedTuple):
    """A stretch of the text: ``text[start:end]``, stripped of surrounding blanks.

    (A NamedTuple, not a frozen dataclass, which sets each field through object.__setattr__: the
    finders make a span of every cell and label piece. Spans are compared only with spans.)
    """

    start: int
    end: int


@dataclass
class RawRow:
    """One row: its label, the section headings written right before it, its figure cells."""

    label: Span | None
    cells: list[Span | None]
    start: int
    end: int
    sections: list[Span] = field(default_factory=list)
    section_only: bool = False  # a heading row ("Current assets:"), no figures
    unread: bool = False  # a row whose figures could not be put in columns


@dataclass
class RawTable:
    """A table as found: header texts, rows, and where it lies in the text."""

    form: str
    start: int
    end: int
    ncols: int
    rows: list[RawRow]
    header: list[list[Span | None]] = field(default_factory=list)  # header rows, one span per column
    bands: list[Span] = field(default_factory=list)  # header texts over all columns, in order


def _strip(text: str, a: int, b: int) -> Span:
    if a >= b:
        return Span(a, b)
    piece = text[a:b]
    kept = piece.strip()  # str.strip: the same blanks as str.isspace, found in C
    if not kept:
        return Span(b, b)
    a += len(piece) - len(piece.lstrip())
    return Span(a, a + len(kept))


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_tables(text: str) -> list[RawTable]:
    """Every table of the text, in order, not overlapping.

    >>> t = "Revenue | $ 12.5 | $ 10.1\\nCost of revenue | 7.0 | 6.0\\nGross profit | 5.5 | 4.1\\n"
    >>> [(x.form, x.ncols, len(x.rows)) for x in find_tables(t)]
    [('grid', 2, 3)]
    """
    lines = _lines(text)
    grids = _grid_tables(text, lines)
    taken = [(g.start, g.end) for g in grids]
    streams = [s for s in _stream_tables(text, lines) if not any(a < s.end and s.start < b for a, b in taken)]
    return sorted(grids + streams, key=lambda x: x.start)


# ---------------------------------------------------------------------------------------- grids
def _is_pipe_line(text: str, a: int, b: int) -> bool:
    line = text[a:b]
    return "|" in line and (line.count("|") >= 2 or " | " in line or line.strip().startswith("|")
                            or line.strip().endswith("|"))


def _grid_tables(text: str, lines: list[tuple[int, int]]) -> list[RawTable]:
    if "|" not in text:
        return []  # (a block starts at a pipe line)
    blocks: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    held: list[tuple[int, int]] = []  # section labels inside the table, kept if pipe rows follow
    blank = 0
    for a, b in lines:
        if _is_pipe_line(text, a, b):
            cur += held
            cur.append((a, b))
            held, blank = [], 0
        elif not text[a:b].strip() and cur and blank == 0:
            blank += 1  # one blank line inside a table (page furniture of a converted PDF)
        elif cur and len(held) < MAX_SECTION_LINES and _SECTION_LINE.fullmatch(text, a, b):
            # "Costs and expenses:", "Current assets:", "Cash flows from investing activities": a
            # statement's section heading, written without pipes, between its rows
            held.append((a, b))
        else:
            if cur:
                blocks.append(cur)
            cur, held, blank = [], [], 0
    if cur:
        blocks.append(cur)
    out = []
    for block in blocks:
        t = _grid(text, block)
        if t is not None:
            out.append(t)
    return out


def _split_pipe_row(text: str, a: int, b: int, delimited: bool) -> list[Span]:
    line = text[a:b]
    cells = []
    pos = a
    for piece in line.split("|"):
        cells.append(_strip(text, pos, pos + len(piece)))
        pos += len(piece) + 1
    if delimited:
        # "| a | b |": the outer pipes are delimiters, not empty cells
        if line.strip().startswith("|"):
            cells = cells[1:]
        if line.strip().endswith("|") and cells:
            cells = cells[:-1]
    return cells


def _numeric(text: str, s: Span | None) -> bool:
    if s is None or s.end <= s.start:
        return False
    c = parse_cell(text[s.start:s.end])
    return c is not None and not (is_year(text[s.start:s.end]) and not c.currency)


def _grid(text: str, block: list[tuple[int, int]]) -> RawTable | None:
    """One block of pipe rows -> a table.

    Rows converted from PDFs often lose or gain empty cells, so columns are found from the rows
    themselves: the figure positions of the fullest rows make the columns; a row with as many
    figures placed elsewhere is moved onto them; a row with fewer figures elsewhere is not read.
    """
    body = [(a, b) for a, b in block if not _SEP_ROW.match(text[a:b])][:MAX_ROWS]
    delimited = all(text[a:b].strip().startswith("|") and text[a:b].strip().endswith("|") for a, b in body
                    if "|" in text[a:b])
    rows = [(a, b, cells) for a, b in body if (cells := _split_pipe_row(text, a, b, delimited))]
    if not rows:
        return None
    # the first column holds the labels: words, not figures
    numeric = sum(1 for _a, _b, cells in rows if _numeric(text, cells[0]))
    words = sum(1 for _a, _b, cells in rows if _LETTERS.search(text[cells[0].start:cells[0].end]))
    if numeric > words // 4:
        return None
    # which cells hold figures, found once a row: splitting a row asks of each cell several times
    figures = [[_numeric(text, s) for s in cells] for _a, _b, cells in rows]
    split = [(a, b, *_split_grid_row(text, cells, fig)) for (a, b, cells), fig in zip(rows, figures)]
    data = [pos for _a, _b, labels, _vals, pos in split if pos and labels]
    if not data:
        return None
    most = max(len(p) for p in data)
    layout = Counter(p for p in data if len(p) == most).most_common(1)[0][0]
    ncols = len(layout)
    first_data = next(k for k, (_a, _b, labels, _v, pos) in enumerate(split) if pos and labels)
    # the rows over the first row of figures are headings, except labels alone at their end
    # ("Revenue: | |", "Current assets:"), which head the rows below them
    body_from = first_data
    while body_from > 1 and split[body_from - 1][2] and not split[body_from - 1][4] and \
            not any(s.end > s.start and not _AUDIT.fullmatch(text[s.start:s.end]) for s in rows[body_from - 1][2][1:]):
        body_from -= 1
    table = RawTable("grid", rows[0][0], rows[-1][1], ncols, [])
    for _a, _b, cells in rows[:body_from]:
        _grid_header_row(text, table, cells, layout)
    for a, b, labels, vals, pos in split[body_from:]:
        label = labels[-1] if labels else None
        if not pos:
            if label is not None:
                table.rows.append(RawRow(label, [None] * ncols, a, b, section_only=True))
            continue
        if len(labels) >= 2:
            # "Revenues: | Google Services | $ 67,986": the first label heads the rows below it
            table.rows.append(RawRow(labels[0], [None] * ncols, labels[0].start, labels[0].end, section_only=True))
        if set(pos) <= set(layout):
            where: dict[object, int] = {}
            for i, p in enumerate(layout):
                where.setdefault(p, i)  # the first, as layout.index(p); a dict keeps a wide row linear
            cols = [where[p] for p in pos]
        elif len(pos) == ncols:
            cols = list(range(ncols))  # the same figures, shifted: put them in order
        else:
            table.rows.append(RawRow(label, [None] * ncols, a, b, unread=True))
            continue
        values: list[Span | None] = [None] * ncols
        for c, p in zip(cols, pos):
            values[c] = vals[p]
        table.rows.append(RawRow(label, values, a, b))
    if sum(1 for r in table.rows if not r.section_only and not r.unread) < MIN_GRID_ROWS:
        return None
    table.end = table.rows[-1].end
    return table


def _split_grid_row(text: str, cells: list[Span], figures: list[bool]) -> tuple[list[Span], list[Span], tuple[int, ...]]:
    """A row's labels (its leading cells of words), its cells after them, and where its figures are.

    ``figures`` says of each cell whether it holds a figure (:func:`_numeric`).
    """
    # figures_after[k]: a figure in a cell after cell k
    figures_after = [False] * len(cells)
    for k in range(len(cells) - 2, -1, -1):
        figures_after[k] = figures[k + 1] or figures_after[k + 1]
    labels: list[Span] = []
    k = 0
    while k < len(cells) and not figures[k]:
        s = cells[k]
        if s.end > s.start and _LETTERS.search(text[s.start:s.end]):
            if figures_after[k] or k == 0 or labels:
                labels.append(s)
        k += 1
        if k >= 1 and labels and k < len(cells) and figures[k]:
            break
    if not labels and cells and figures[0]:
        # "85,588 | 83,150 | ...": a subtotal without a label, and without a label cell
        return [], list(cells), tuple(j for j in range(len(cells)) if figures[j])
    first_value = max(1, k) if labels else 1
    vals = cells[1:]
    pos = tuple(j for j in range(len(vals)) if j + 1 >= first_value and figures[j + 1])
    return labels, vals, pos


def _kind(text: str, s: Span) -> str:
    """A heading cell: 'dated' (names a year), 'band' (a period without its year), or 'text'."""
    t = text[s.start:s.end]
    if is_year(t) or _DATED.search(t) or _SHORT_DATED.search(t):
        return "dated"
    if _PERIODISH.search(t):
        return "band"
    return "text"


def _grid_header_row(text: str, table: RawTable, cells: list[Span], layout: tuple[int, ...]) -> None:
    """Align one heading row with the figure columns and keep it.

    Headings that name a year (or a date) are the columns' own; when there are as many of them as
    columns they are taken in order, when fewer they are shared out evenly ("2023 | 2024" over
    four columns); bands without a year are shared out the same way.
    """
    ncols = table.ncols
    filled = [(j, s) for j, s in enumerate(cells) if s.end > s.start and not _AUDIT.fullmatch(text[s.start:s.end])]
    if not filled:
        return
    kinds = [_kind(text, s) for _j, s in filled]
    heads: list[tuple[int, Span]]
    if "dated" in kinds:
        first = kinds.index("dated")
        for (_j, s), k in zip(filled[:first], kinds[:first]):
            table.bands.append(s)  # "Quarter Ended September 30, | 2023 | 2024": a band over all columns
        heads = filled[first:]
    else:
        heads = filled
        if kinds[0] == "text" and filled[0][0] == 0 and len(filled) - 1 != ncols:
            if not (len(filled) == ncols and text[filled[0][1].start:filled[0][1].end] in
                    {text[s.start:s.end] for _j, s in filled[1:]}):
                # a label ("ASSETS", "(In millions)"), unless the row lost its empty label cell
                # ("Revenues | Change | Revenues | Change |")
                table.bands.append(filled[0][1])
                heads = filled[1:]
    if not heads:
        return
    row: list[Span | None] = [None] * ncols
    k = len(heads)
    if k == ncols:
        for c, (_j, s) in enumerate(heads):
            row[c] = s
    elif k < ncols and ncols % k == 0:
        span = ncols // k
        for c in range(ncols):
            row[c] = heads[c // span][1]
    else:
        # by position, a heading running right over the empty cells after it
        for c, p in enumerate(layout):
            cand = [s for j, s in heads if j - 1 <= p]
            row[c] = cand[-1] if cand else None
    table.header.append(row)


# --------------------------------------------------------------------------------------- streams
@dataclass
class _Run:
    cells: list[tuple[int, int]]
    years: bool | None = None  # whether its cells are all years, once asked (a segment asks of a run often)

    @property
    def start(self) -> int:
        return self.cells[0][0]

    @property
    def end(self) -> int:
        return self.cells[-1][1]


def _runs(text: str, cells: list[tuple[int, int]]) -> list[_Run]:
    runs: list[_Run] = []
    last: list[tuple[int, int]] = []  # the cells of the last run (its end is the end of its last cell)
    end = -1
    for cell in cells:
        if last and _GAP.fullmatch(text, end, cell[0]):
            last.append(cell)
        else:
            last = [cell]
            runs.append(_Run(last))
        end = cell[1]
    return runs


def _years_only(text: str, run: _Run) -> bool:
    if run.years is None:
        run.years = all(is_year(text[a:b]) for a, b in run.cells)
    return run.years


def _stream_tables(text: str, lines: list[tuple[int, int]]) -> list[RawTable]:
    """Aligned, flat and one-cell-a-line tables."""
    cells = stream_cells(text)
    by_line: dict[int, list[tuple[int, int]]] = {}
    starts = [a for a, _ in lines]
    for a, b in cells:
        by_line.setdefault(bisect_right(starts, a) - 1, []).append((a, b))  # the last line starting at or before it
    out: list[RawTable] = []
    i = 0
    n = len(lines)
    while i < n:
        a, b = lines[i]
        if "|" in text[a:b]:
            i += 1
            continue
        own = by_line.get(i, [])
        if not own and text[a:b].strip() not in _SIGN_LINES:
            i += 1
            continue  # no figure, no lone sign: no table starts on this line
        figures = [c for c in own if not is_year(text[c[0]:c[1]])] if len(own) >= 6 else own
        if len(figures) >= 6 and len(_runs(text, figures)) >= 3:
            # a flat table: many rows on one line, its headings maybe on the short lines above
            h = _heading_start(text, lines, by_line, i, out)
            region = [c for x in range(h, i + 1) for c in by_line.get(x, [])]
            out += _stream(text, region, lines[h][0], b, "flat")
            i += 1
            continue
        if _cell_line(text, a, b, own):
            j, region = _vertical_region(text, lines, by_line, i, out)
            if region is not None:
                out += _stream(text, region[2], region[0], region[1], "vertical")
                i = j
                continue
        if _row_line(text, a, b, own):
            j = i
            while j < n and (_row_line(text, *lines[j], by_line.get(j, [])) or not text[lines[j][0]:lines[j][1]].strip()
                             or _heading_line(text, *lines[j], by_line.get(j, []))):
                j += 1
            k = j
            while k > i and not _row_line(text, *lines[k - 1], by_line.get(k - 1, [])):
                k -= 1
            rows = sum(1 for x in range(i, k) if _row_line(text, *lines[x], by_line.get(x, [])))
            if rows >= MIN_STREAM_ROWS:
                h = _heading_start(text, lines, by_line, i, out)
                region_cells = [c for x in range(h, k) for c in by_line.get(x, [])]
                out += _stream(text, region_cells, lines[h][0], lines[k - 1][1], "aligned", line_rows=True)
                i = k
                continue
        i += 1
    return out


def _heading_start(text: str, lines: list[tuple[int, int]], by_line: dict[int, list[tuple[int, int]]], i: int,
                   found: list[RawTable]) -> int:
    """The first of the short heading lines right above line ``i`` (years, "December 31,")."""
    floor = found[-1].end if found else -1
    h = i
    seen = 0
    while h > 0 and seen < 4 and lines[h - 1][1] > floor:
        a, b = lines[h - 1]
        if not text[a:b].strip():
            h -= 1
            continue
        if not _heading_line(text, a, b, by_line.get(h - 1, []), 20) or text[a:b].rstrip().endswith(":"):
            break
        h -= 1
        seen += 1
    while h < i and not text[lines[h][0]:lines[h][1]].strip():
        h += 1
    return h


_EMPTY_MAX = max(map(len, EMPTY_WORDS))
_SIGN_LINES = frozenset({"$", ")", "%", "€", "£", ")%"})  # a cell of a one-cell-a-line table, without its figure


def _cell_line(text: str, a: int, b: int, own: list[tuple[int, int]]) -> bool:
    """A line that is one figure (or a lone '$' or ')')."""
    line = text[a:b]
    s = line.strip()
    if s in _SIGN_LINES:
        return True
    if len(own) != 1:
        return False
    # the figure is the whole line but for blanks (as _strip(text, a, b) == Span(*own[0]), without the spans)
    start = a + len(line) - len(line.lstrip())
    return own[0] == (start, start + len(s))


def _row_line(text: str, a: int, b: int, own: list[tuple[int, int]]) -> bool:
    """A line of an aligned table: a short label, then two or more figures to the end of the line."""
    if len(own) < 2 or b - a > 300:
        return False
    figures = [c for c in own if not is_year(text[c[0]:c[1]])]
    if len(figures) < 2:
        return False
    run = _runs(text, own)[-1]
    if text[run.end:b].strip() or len(run.cells) < 2:
        return False
    label = text[a:run.start]
    return bool(_LETTERS.search(label)) and not fastre.search(r"[.;!?]\s+[a-z]", label)


def _heading_line(text: str, a: int, b: int, own: list[tuple[int, int]], words: int = 10) -> bool:
    s = text[a:b].strip()
    if not s or len(s) > 160 or "@" in s or "://" in s or "www." in s:
        return False
    if own and all(is_year(text[x:y]) for x, y in own):
        return True
    return not own and not s.endswith(".") and len(s.split()) <= words


def _vertical_region(text: str, lines: list[tuple[int, int]], by_line: dict[int, list[tuple[int, int]]],
                     i: int, found: list[RawTable]) -> tuple[int, tuple[int, int, list[tuple[int, int]]] | None]:
    """The one-cell-a-line table around line ``i``: short lines, many of them single figures."""
    n = len(lines)
    floor = found[-1].end if found else -1
    lo = i
    back = 0
    while lo > 0 and back < 12 and lines[lo - 1][1] > floor:
        a, b = lines[lo - 1]
        s = text[a:b].strip()
        if s and not _heading_line(text, a, b, by_line.get(lo - 1, [])) and not _label_line(s):
            break
        lo -= 1
        back += 1 if s else 0
    while lo < i and not text[lines[lo][0]:lines[lo][1]].strip():
        lo += 1
    j = i
    cell_lines = 0
    last_cell = i
    while j < n:
        a, b = lines[j]
        s = text[a:b].strip()
        own = by_line.get(j, [])
        if len(s) > PROSE_LINE or (s.endswith(".") and len(s.split()) > 12 and not own):
            break
        # (_cell_line holds only of a lone sign or a line with one figure: most lines are neither)
        if s and (len(own) == 1 or s in _SIGN_LINES) and _cell_line(text, a, b, own):
            cell_lines += 1
            last_cell = j
        elif s and j - last_cell > 12:
            break
        j += 1
    if cell_lines < 8:
        return i + 1, None
    region = [c for x in range(lo, last_cell + 1) for c in by_line.get(x, [])]
    return last_cell + 1, (lines[lo][0], lines[last_cell][1], region)


def _label_line(s: str) -> bool:
    """A row label on a line of its own: short, no sentence."""
    return len(s) <= 250 and "@" not in s and "://" not in s and not fastre.search(r"[.!?]\s+[A-Z]", s)


def _stream(text: str, cells: list[tuple[int, int]], start: int, end: int, form: str,
            line_rows: bool = False) -> list[RawTable]:
    """Cut a stretch of text into tables of rows: a label, then a run of ``n`` figures.

    A run of years opens a table (its column headings); each table takes as its number of
    columns the commonest length of its runs of figures.
    """
    runs = _runs(text, cells)
    segments: list[tuple[int, list[_Run]]] = []  # (where its headings start, its runs)
    pos = start
    for r in runs:
        if _opens_table(text, pos, r) and (not segments or any(not _years_only(text, x) for x in segments[-1][1])):
            segments.append((pos, [r]))
        elif segments:
            segments[-1][1].append(r)
        else:
            segments.append((start, [r]))
        pos = r.end
    out = []
    for seg_start, seg_runs in segments:
        t = _stream_segment(text, seg_runs, seg_start, form, line_rows)
        if t is not None:
            out.append(t)
    return out


def _opens_table(text: str, pos: int, r: _Run) -> bool:
    """A run of years not inside a label ("as of September 30, 2024 and") that follows period words
    or nothing: column headings."""
    if not _years_only(text, r):
        return False
    follow = text[r.end:r.end + 3].lstrip(" ")
    if follow and (follow[0].islower() or follow[0] in ",;"):
        return False
    return not text[pos:r.start].strip() or _starts_header(text, pos, r.start)


def _stream_segment(text: str, runs: list[_Run], start: int, form: str, line_rows: bool) -> RawTable | None:
    data = [r for r in runs if not _years_only(text, r)]
    lengths = Counter(len(r.cells) for r in data if len(r.cells) >= 2)
    if not lengths:
        return None
    ncols = max(lengths, key=lambda k: (lengths[k], k))
    anchors: list[int] = []
    if line_rows:
        # one row a line: the fullest rows make the columns, and a shorter row's figures go to the
        # columns they stand under (right-aligned figures end where their column ends)
        ncols = max(lengths)
        ends: list[list[int]] = [[] for _ in range(ncols)]
        for r in data:
            if len(r.cells) == ncols:
                for j, (_a, b) in enumerate(r.cells):
                    ends[j].append(b - text.rfind("\n", 0, b) - 1)
        anchors = [sorted(e)[len(e) // 2] for e in ends]
    table = RawTable(form, start, start, ncols, [])
    pos = start  # where the next label starts
    for r in runs:
        follow = text[r.end:r.end + 3].lstrip(" ")
        inside = bool(follow) and (follow[0].islower() or follow[0] in ",;")  # "2024 and $23,326 as of"
        if not table.rows and _years_only(text, r) and not inside:
            # a run of years before the first row: the column headings
            if text[pos:r.start].strip():
                table.bands.append(_strip(text, pos, r.start))
            table.header.append([Span(a, b) for a, b in r.cells][:ncols] + [None] * max(0, ncols - len(r.cells)))
            pos = r.end
            continue
        chunk = (pos, r.start)
        junk = [j for j in GLUED.finditer(text, pos, r.start) if not GLUED_DATE.match(j.group(0))] \
            if any(p.search(text, pos, r.start) for p in _GLUED_PAIRS) else []
        if junk:
            # figures run together before this row: a row we cannot read, then this row's label
            _add_row(text, table, (pos, junk[0].start()), [], unread=True)
            pos = junk[-1].end()
            chunk = (pos, r.start)
        cells_ = r.cells  # (not changed in place: dropping a cell rebinds to a slice)
        while cells_ and is_year(text[cells_[0][0]:cells_[0][1]]) and _DATE_TAIL.search(text, max(pos, cells_[0][0] - 40),
                                                                                          cells_[0][0]):
            chunk = (chunk[0], cells_[0][1])  # "... as of December 31, 2024 and 2023 - -": the year ends the label
            cells_ = cells_[1:]
        if not cells_:
            continue
        k = len(cells_)
        if k == ncols + 1 and fastre.match(r"^\(\s*(?:\d|[a-z])\s*\)$", text[cells_[0][0]:cells_[0][1]]):
            cells_ = cells_[1:]  # "Total revenues (1) 76,693 88,268": a footnote marker
            k -= 1
        if k < ncols and anchors and not _years_only(text, r):
            placed: list[Span | None] = [None] * ncols
            for a, b in cells_:
                col = b - text.rfind("\n", 0, b) - 1
                j = min(range(ncols), key=lambda c: abs(anchors[c] - col))
                if placed[j] is not None:
                    break
                placed[j] = Span(a, b)
            else:
                _add_row(text, table, chunk, placed)
                pos = r.end
                continue
        if k < ncols:
            if not line_rows and not _LETTERS.search(text[chunk[0]:chunk[1]]):
                pos = r.end  # figures that cannot be read ("15.060.6 32.1"): skipped
                continue
            if not line_rows and inside:
                continue  # a figure inside a label: "net of allowances of $13,264 as of"
            _add_row(text, table, chunk, [], unread=True)
            pos = r.end
            continue
        if k % ncols:
            _add_row(text, table, chunk, [], unread=True)
            pos = r.end
            continue
        for q in range(0, k, ncols):
            part: list[Span | None] = [Span(a, b) for a, b in cells_[q:q + ncols]]
            _add_row(text, table, chunk if q == 0 else (part[0].start, part[0].start), part)  # type: ignore[union-attr]
        pos = r.end
        if len(table.rows) >= MAX_ROWS:
            break
    read = [row for row in table.rows if not row.section_only and not row.unread]
    if len(read) < MIN_STREAM_ROWS:
        return None
    if form == "flat":
        # figures of a paragraph are not a table: most rows must have short labels that are not sentences
        good = [row for row in read if row.label is None or _row_label(text[row.label.start:row.label.end])]
        if len(good) < MIN_STREAM_ROWS or len(good) < 0.7 * len(read):
            return None
    while table.rows and (table.rows[-1].section_only or table.rows[-1].unread):
        table.rows.pop()
    table.start = _strip(text, start, table.rows[0].end).start
    table.end = max(row.end for row in table.rows)
    return table


def _row_label(label: str) -> bool:
    """A row label: a few words, no sentence."""
    words = label.split()
    if not words or len(words) > 14 or fastre.search(r"[.;!?]\s+\S", label):
        return False
    return not any(w.lower() in PROSE_WORDS for w in words)


def _starts_header(text: str, a: int, b: int) -> bool:
    """Whether the words before a run of years open a new table ("Nine Months Ended September 30,")."""
    chunk = text[a:b].lower()
    if fastre.search(r"(?:^|[^\w$])(?:[1-4][hq]|h[12]|q[1-4]|9m|fy)\s?$", chunk):
        return True  # a year under its half or quarter label: "RMB Million 1H 2026 1H 2025 Change"
    return bool(fastre.search(r"ended|ending|months|weeks|year|quarter|as of|as at|december|june|september|march", chunk))


def label_cuts(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The spans of ``_LABEL_SPLIT.finditer(text, a, b)``, in order.

    >>> t = "Operating expenses:Research and developmentSales\\n\\nTotal"
    >>> label_cuts(t, 0, len(t)) == [m.span() for m in _LABEL_SPLIT.finditer(t)]
    True
    """
    cuts = [m.span() for m in _LINE_CUT.finditer(text, a, b)] if text.find("\n", a, b) >= 0 else []
    if text.find(":", a, b) >= 0:
        cuts += [m.span() for m in _COLON_CUT.finditer(text, a, b)]
    cuts += [(m.start(), m.start()) for m in _CAPITAL_CUT.finditer(text, a, b)]
    cuts.sort()
    return cuts


def _add_row(text: str, table: RawTable, chunk: tuple[int, int], cells: list[Span | None], unread: bool = False) -> None:
    a, b = chunk
    pieces = []
    if a < b:  # (the rows after the first of one run of figures have no label chunk)
        pos = a
        for cut_start, cut_end in label_cuts(text, a, b):
            s = _strip(text, pos, cut_start)
            if s.end > s.start:
                pieces.append(s)
            pos = cut_end
        s = _strip(text, pos, b)
        if s.end > s.start:
            pieces.append(s)
    # "N/A" on a line of its own is an empty cell, not a heading
    # (a piece is stripped already; one longer than every empty word is none: lower() never shortens)
    pieces = [p for p in pieces if p.end - p.start > _EMPTY_MAX or text[p.start:p.end].lower() not in EMPTY_WORDS]
    # a label broken over lines: "Total Foresight Autonomous Holdings" / "LTD. shareholders' equity"
    for k in range(len(pieces) - 1):
        if fastre.match(r"(?i)total\b", text[pieces[k].start:pieces[k].end]) and \
                not text[pieces[k].start:pieces[k + 1].start].rstrip().endswith(":"):
            pieces = pieces[:k] + [Span(pieces[k].start, pieces[-1].end)]
            break
    if not table.rows and pieces:
        # the first label of a table holds the end of its headings: "$ % Subscription revenue",
        # "Period % Unaudited Unaudited Change Revenue", "Three Month Period Ended 3/31/24 ... Totals Net loss"
        first = pieces[0]
        heads = list(PERIOD_WORDS.finditer(text, first.start, first.end))
        if heads:
            table.bands.append(Span(first.start, heads[-1].end()))
            first = _strip(text, heads[-1].end(), first.end)
            pieces[0] = first
        m = HEAD_WORDS.match(text, first.start, first.end)
        if m is not None and m.end() > first.start:
            table.bands.append(Span(first.start, m.end()))
            rest = _strip(text, m.end(), first.end)
            pieces = ([rest] if rest.end > rest.start else []) + pieces[1:]
        if not table.header and len(pieces) > 1:
            # no year headings: the first label chunk holds the headings too
            table.bands += pieces[:-1]
            pieces = pieces[-1:]
    label = pieces[-1] if pieces else None
    for sec in pieces[:-1]:
        table.rows.append(RawRow(sec, [None] * table.ncols, sec.start, sec.end, section_only=True))
    row_cells = cells if not unread else []
    start = label.start if label is not None else (cells[0].start if cells and cells[0] is not None else a)
    end = max([c.end for c in cells if c is not None] + [label.end if label is not None else a])
    if unread and label is None:
        return
    table.rows.append(RawRow(label, row_cells + [None] * (table.ncols - len(row_cells)), start, end, unread=unread))
