"""copydesk: data-quality checks for extracted news article records.

Data flows one way: :mod:`copydesk.io` reads inputs, :mod:`copydesk.record` makes
:class:`ArticleRecord` objects, the checks in :mod:`copydesk.validators` return
:class:`Finding` objects with exact spans, :mod:`copydesk.engine` builds the summary and
the gate verdict, and :mod:`copydesk.report` writes it out.
"""

from __future__ import annotations

__version__ = "0.1.0"

from copydesk.findings import Finding, Severity
from copydesk.record import ArticleRecord

__all__ = ["ArticleRecord", "Finding", "Severity", "__version__"]
