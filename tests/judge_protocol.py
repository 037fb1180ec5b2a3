"""How the openapi-core judge (tests/openapi_core_judge.py) reports what it found, shared with the
contract test that reads it (tests/judges.py), which runs in another virtual environment."""

# A JSON list in the shape of Prism's ``sl-violations``:
# [{"location": ["request" | "response", ...], "message": "...", "severity": "Error"}]
VIOLATIONS_HEADER = "x-judge-violations"
# The problem ``type`` prefix of the judge's own errors (``NO_ANSWER``, ``JUDGE_FAILED``).
JUDGE_ERRORS = "urn:contract-test:openapi-core-judge:"
