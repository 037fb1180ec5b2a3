"""Post the API review as one pull-request comment: created the first time, updated after.

``python -m generator.changes.prcomment --pr N comment.md`` finds the pull request's comment that starts
with the review's hidden marker (:data:`generator.changes.review.MARKER`) and replaces its body, or adds
the comment when there is none, so each push updates one comment instead of piling them up.
GitHub's REST API (``$GITHUB_API_URL``, ``$GITHUB_REPOSITORY``) with the token from
``$GITHUB_TOKEN``, which is sent only in the Authorization header and never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .review import MARKER


class CommentError(Exception):
    """The API refused or could not be reached (the message names the request, not the token)."""


def _call(method: str, url: str, token: str, payload: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "Content-Type": "application/json",
            "User-Agent": "openapi-client-generator-review",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        raise CommentError(f"{method} {url}: HTTP {exc.code}") from None
    except (urllib.error.URLError, TimeoutError) as exc:
        raise CommentError(f"{method} {url}: {exc}") from None


def post(api: str, repository: str, number: int, token: str, body: str) -> str:
    """Create or update the review comment on pull request ``number``: ``created`` or ``updated``."""
    base = f"{api.rstrip('/')}/repos/{repository}"
    page = 1
    while True:
        comments = _call("GET", f"{base}/issues/{number}/comments?per_page=100&page={page}", token)
        if not comments:
            break
        for comment in comments:
            if str(comment.get("body") or "").startswith(MARKER):
                _call("PATCH", f"{base}/issues/comments/{comment['id']}", token, {"body": body})
                return "updated"
        page += 1
    _call("POST", f"{base}/issues/{number}/comments", token, {"body": body})
    return "created"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.changes.prcomment", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pr", type=int, required=True, help="the pull request's number")
    parser.add_argument("comment", type=Path, help="the comment body (from python -m generator.changes.review --out)")
    args = parser.parse_args(argv)
    token, repository = os.environ.get("GITHUB_TOKEN", ""), os.environ.get("GITHUB_REPOSITORY", "")
    if not token or not repository:
        print("error: GITHUB_TOKEN and GITHUB_REPOSITORY must be set", file=sys.stderr)
        return 2
    body = args.comment.read_text(encoding="utf-8")
    if not body.startswith(MARKER):
        print(f"error: {args.comment} is not a review comment (it must start with the marker)", file=sys.stderr)
        return 2
    try:
        done = post(os.environ.get("GITHUB_API_URL", "https://api.github.com"), repository, args.pr, token, body)
    except CommentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{done}: the API review comment on pull request #{args.pr}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
