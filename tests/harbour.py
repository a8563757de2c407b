"""The small map the docs-site and preview tests draw: a thesis and one reason for it."""

from __future__ import annotations

CLAIMS = """\
claims:
  - id: harbour
    kind: thesis
    text: The town should build the new harbour.
  - id: jobs
    text: The harbour brings jobs.
    supports: [harbour]
"""
