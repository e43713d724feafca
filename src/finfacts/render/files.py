"""Writing views to disk: a store's overview page and one page per stored document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .corpus import render_corpus
from .document import render_extraction

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Written:
    """What :func:`write_store_views` wrote."""

    overview: Path
    folder: Path
    pages: int
    errors: int


def page_name(doc_id: str, used: set[str]) -> str:
    """A file name for a document's page: its id made safe, unique (case-insensitively) in ``used``.

    >>> used = set()
    >>> page_name("000_2b40", used), page_name("../etc/passwd", used), page_name("ETC_passwd", used)
    ('000_2b40.html', 'etc_passwd.html', 'ETC_passwd-2.html')
    """
    base = _UNSAFE.sub("_", doc_id).strip("._")[:100] or "document"
    name, k = base, 1
    while name.lower() in used:
        k += 1
        name = f"{base}-{k}"
    used.add(name.lower())
    return name + ".html"


def write_store_views(db: str | Path, out: str | Path) -> Written:
    """Write ``out`` (the overview of a store) and ``<out stem>_files/<doc>.html`` for each ok document.

    Args:
        db: a store written by ``finfacts batch``.
        out: the overview's path, e.g. ``corpus.html``.

    Returns:
        The paths written and the number of document pages and error rows.
    """
    from .. import store

    out = Path(out)
    folder = out.with_name(out.stem + "_files")
    folder.mkdir(parents=True, exist_ok=True)
    con = store.connect(db, read_only=True)
    try:
        docs: list[dict[str, Any]] = store.documents(con)
        used: set[str] = set()
        names: dict[str, str] = {}
        overview = quote(out.name)
        for doc in docs:
            if doc["status"] == "error":
                continue
            doc_id = str(doc["doc_id"])
            names[doc_id] = page_name(doc_id, used)
            html = render_extraction(store.load_extraction(con, doc_id), store.load_report(con, doc_id),
                                     title=doc_id, back=f"../{overview}")
            (folder / names[doc_id]).write_text(html, encoding="utf-8")
    finally:
        con.close()
    page = render_corpus(docs, lambda d: f"{quote(folder.name)}/{quote(names[str(d['doc_id'])])}",
                         title=f"finfacts: {Path(db).name}")
    out.write_text(page, encoding="utf-8")
    return Written(out, folder, len(names), sum(1 for d in docs if d["status"] == "error"))
