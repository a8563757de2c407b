"""Sphinx configuration of argmap's documentation: MyST Markdown pages with argmap fences."""

project = "argmap"
author = "argmap contributors"
copyright = "argmap contributors"
extensions = ["myst_parser", "argmap.integrations.sphinx_ext"]
myst_fence_as_directive = ["argmap"]
# Fences read claims beside docs/ (../claims), and the claims quote an article kept in
# ../../shared/sources: the root that fences stay inside is widened to hold both.
argmap_root = "../.."
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = "argmap"
html_theme_options = {"description": "Argument maps as code", "fixed_sidebar": True}
html_show_sourcelink = False
