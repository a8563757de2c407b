"""argmap in docs sites: fences for Python-Markdown, MkDocs, Sphinx/MyST and markdown-it-py,
and the standalone HTML page."""
