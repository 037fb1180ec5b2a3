"""Stage 6: black, in process, on every Python file; a file that does not compile is a bug."""

from __future__ import annotations

import black

_MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=100)


class GeneratedCodeError(Exception):
    """The generator produced invalid Python: a bug in the generator, never in the spec."""


def format_files(files: dict[str, str]) -> dict[str, str]:
    result = {}
    for path, text in sorted(files.items()):
        if path.endswith(".py"):
            try:
                compile(text, path, "exec")
                text = black.format_str(text, mode=_MODE)
            except (SyntaxError, black.InvalidInput, ValueError) as exc:
                raise GeneratedCodeError(f"{path}: generated code is not valid Python: {exc}") from None
        result[path] = text
    return result
