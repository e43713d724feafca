"""The shell around a view: one self-contained page, or a fragment for a notebook.

CSS and JS live as files in ``assets/`` and are inlined here. A standalone page carries a
Content-Security-Policy that allows only its own style and script (by hash) and no
network at all, so even markup that slipped past escaping could neither run nor load.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
from importlib import resources

from .markup import esc

_fragments = itertools.count(1)


@functools.cache
def asset(name: str) -> str:
    """The text of one file of ``assets/``."""
    return resources.files("finfacts.render").joinpath("assets", name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _no_close(source: str, element: str) -> str:
    # an asset can never end its own element early; the assets are ours, so this only guards edits
    return source.replace(f"</{element}", f"<\\/{element}")


def page(body: str, *, title: str, css: tuple[str, ...], js: tuple[str, ...] = ()) -> str:
    """A complete HTML document around ``body`` (markup), with the named assets inlined."""
    style = _no_close("\n".join(asset(n) for n in ("page.css", *css)), "style")
    script = _no_close("\n".join(asset(n) for n in js), "script") if js else ""
    policy = "; ".join([
        "default-src 'none'",
        f"style-src {_hash(style)}",
        f"script-src {_hash(script)}" if script else "script-src 'none'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="finfacts">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{style}</style>\n"
        "</head>\n<body>\n"
        f"{body}\n"
        + (f"<script>{script}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


def fragment(body: str, *, css: tuple[str, ...], js: tuple[str, ...] = ()) -> str:
    """``body`` with its style and script, to embed in a page that is not ours (Jupyter)."""
    style = _no_close("\n".join(asset(n) for n in css), "style")
    script = _no_close("\n".join(asset(n) for n in js), "script") if js else ""
    return f"<style>{style}</style>\n{body}\n" + (f"<script>{script}</script>\n" if script else "")


def fragment_prefix() -> str:
    """A fresh id prefix, so that several views on one notebook page keep distinct anchors."""
    return f"ff{next(_fragments)}-"
