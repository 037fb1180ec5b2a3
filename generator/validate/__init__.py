"""Stage 2: the spec's own checks, openapi-spec-validator's findings, and the strictness policy."""
