"""Repair what the checks find: every edit a span of the input, clean text never touched.

``fix_record(record) -> (record, edits)`` is the Python API; ``copydesk fix`` the command.
"""

from copydesk.fix.core import Fixer, FixResult, fix_record
from copydesk.fix.edits import Edit

__all__ = ["Edit", "FixResult", "Fixer", "fix_record"]
