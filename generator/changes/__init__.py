"""The API changes between two versions of a spec: the diff, changelog sections, the PR review."""
