"""Stage 6: black, in process, on every Python file; a file that does not compile is a bug.

black is the slowest stage, and after a spec edit most files come out of the templates
exactly as last time: with a cache, a file is formatted only when its unformatted text is
new (the key is the text itself; black's version and mode are part of every key).
"""

from __future__ import annotations

from .stagecache import StageCache


class GeneratedCodeError(Exception):
    """The generator produced invalid Python: a bug in the generator, never in the spec."""


def format_files(files: dict[str, str], cache: StageCache | None = None) -> dict[str, str]:
    result = {}
    for path, text in sorted(files.items()):
        if path.endswith(".py"):
            key = cache.key("black", text) if cache else ""
            cached = cache.get("format", key) if cache else None
            if cached is not None:
                text = cached.decode("utf-8")
            else:
                formatted = format_python(path, text)
                if cache:
                    cache.put("format", key, formatted.encode("utf-8"))
                text = formatted
        result[path] = text
    return result


def format_python(path: str, text: str) -> str:
    import black  # imported on a cache miss only: it is a tenth of a second to import

    try:
        compile(text, path, "exec")
        return black.format_str(text, mode=black.Mode(target_versions={black.TargetVersion.PY310}, line_length=100))
    except (SyntaxError, black.InvalidInput, ValueError) as exc:
        raise GeneratedCodeError(f"{path}: generated code is not valid Python: {exc}") from None
