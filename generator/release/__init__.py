"""`make release` and `make publish`: version, changelog, build, tag, upload."""
