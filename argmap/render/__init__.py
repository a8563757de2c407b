"""Views for people: DOT, SVG, Markdown and HTML, drawn from a map and its evaluation."""

#: What ``argmap render`` can write: a map as DOT, SVG, PNG or PDF, or a thesis's summary.
RENDER_FORMATS = ("dot", "svg", "png", "pdf", "md")
