"""Stage 5: the IR rendered through the Jinja templates into the package's files."""
