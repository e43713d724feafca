"""The HTML view: a release marked up the way an analyst would, and a corpus overview.

Pages are self-contained (styles and the small script are inlined from ``assets/``, no
network request, no external font) and readable with scripts off. Every piece of text that
comes from a document is escaped.

>>> import finfacts
>>> page = render_extraction(finfacts.extract("Revenue rose 5% to $2.1 million <b>."))
>>> page.count('<mark class="ff-m ff-'), "&lt;b&gt;" in page, "<b>" in page
(2, True, False)
"""

from __future__ import annotations

from .corpus import render_corpus
from .document import render_extraction, render_report

__all__ = ["render_corpus", "render_extraction", "render_report"]
