"""Adopting copydesk on a corpus that already has defects (issue 14).

* :mod:`.fingerprint`: a finding's identity that survives unrelated edits of its record.
* :mod:`.baseline`: record today's findings, then gate only on new ones.
* :mod:`.compare`: findings fixed and introduced between two runs.
* :mod:`.groups`: the failing-record rate and findings per check for each group of records.
* :mod:`.github`: GitHub Actions workflow-command annotations.
* :mod:`.markdown` and :mod:`.html_views`: how the above read in a pull request and in the
  HTML report.
"""
