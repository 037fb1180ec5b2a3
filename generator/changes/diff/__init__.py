"""``python -m generator diff``: what a spec change does to code that calls the generated client.

Both specs go through the generator's own stages (load -> validate -> config -> models -> IR),
so the comparison sees what callers see: methods, keyword arguments, return types, model
classes and their fields, enum members. The raw documents fill in what the IR leaves out:
defaults, constraints, nullability, which models are sent and which are received, and the
documentation (descriptions, summaries, examples).

Every change is one of three classes, from the point of view of code calling the client:

- breaking: an operation removed; an argument removed or renamed; a new required argument; an
  optional argument made required; an argument's type changed or narrowed; a request enum
  value removed; a response field removed, renamed or given an incompatible type; a response
  field that was required becoming optional or nullable; a model or enum removed or renamed; a
  default changed; a success response's type changed incompatibly;
- non-breaking: operations, optional arguments, response fields, models added; a response enum
  value added (the client keeps unknown values as ``UNKNOWN``, so this breaks nobody);
  constraints relaxed;
- documentation: descriptions, summaries, examples.

A rename is reported only with evidence that it is one: an argument or field of the same type
and requiredness with the same wire name, the same place in the path, or the same description
(a method: the same route). Anything less is a removal and an addition, each on its own line.

The report ends with the suggested next version of the generated package: major for a breaking
change, minor for an addition, patch otherwise; while the major version is 0, a breaking change
bumps the minor version and an addition the patch version.

One module per rule family (operations and arguments, models and fields, enums, unions, the
client, documentation), beside the sides compared, the report, its rendering and the version
suggestion; this package re-exports what the CLI, the release and the review use.
"""

from __future__ import annotations

from .compare import compare, diff_base, diff_files
from .render import _plain, render_json, render_markdown, run
from .report import BREAKING, Change, DOCUMENTATION, KINDS, NON_BREAKING, Report, REQUEST, RESPONSE, TITLES, Version
from .sides import load_side, load_side_at_ref, Side
from .versions import suggest_version

__all__ = ['_plain', 'BREAKING', 'Change', 'compare', 'diff_base', 'diff_files', 'DOCUMENTATION', 'KINDS', 'load_side', 'load_side_at_ref', 'NON_BREAKING', 'render_json', 'render_markdown', 'Report', 'REQUEST', 'RESPONSE', 'run', 'Side', 'suggest_version', 'TITLES', 'Version']
