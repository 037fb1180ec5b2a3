"""Statements laid out the way black lays them out, so that black leaves the files alone.

black is the slowest stage, and it formats a file twice whenever its first pass changes
anything (the second pass makes sure the result is stable). The templates and the views write
their code already in black's style, and this module breaks the long statements the way black
would: at the last bracket of the line, the contents on one indented line when they fit
("hugged"), else one item per line with a trailing comma, each item broken the same way.
Collection literals and imports are always one item per line once broken, as black does.

This is only ever a head start: black still formats every file, so a statement laid out
differently from black costs a second pass, never a difference in the output.
"""

from __future__ import annotations

import io
import keyword
import tokenize
from dataclasses import dataclass

from black.strings import normalize_string_quotes

WIDTH = 100  # black's line length (generator/output/formatting.py)

_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")


# In a line that fits, what black could still change: single quotes, and a trailing comma
# before a closing bracket (a "magic" one: black then puts one item a line).
_NEEDS_A_LOOK = ("'", ",)", ",]", ",}")


_LEFT_TO_BLACK = frozenset({tokenize.COMMENT, getattr(tokenize, "FSTRING_START", tokenize.COMMENT)})


@dataclass(frozen=True)
class _Token:
    text: str
    spaced: bool  # written with a space before it (ignored at the start of a line)


def statement(code: str, indent: int) -> list[str]:
    """``code`` (one statement written on one line) as lines, the first without indentation and
    the others indented relative to it, for a template that writes it at ``indent`` columns."""
    if indent + len(code) <= WIDTH and not any(mark in code for mark in _NEEDS_A_LOOK):
        return [code]  # fits, and nothing black would change: most lines, kept cheap
    tokens = _tokenize(code)
    if tokens is None:
        return [code]
    if _has_operators_outside_last_bracket(tokens):
        return [_join(tokens)]  # black may wrap it in parentheses: its breaks are left to black
    return [line[indent:] for line in _lay(tokens, indent, explode=False)]


def module(source: str) -> str:
    """A whole module (datamodel-code-generator's models, say) given the same head start: each
    statement written on one line laid out by :func:`statement`, each long ``from ... import``
    split, and an empty line after a class docstring, as black puts one there."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    lines = source.splitlines(keepends=True)
    if len(lines) != len(io.StringIO(source, newline="").readlines()):
        return source  # a form feed or U+2028 inside a string: line numbers would not match tokenize's
    replaced: dict[int, list[str]] = {}  # 0-based line -> its new lines
    after_class = False  # the previous statement was a `class ...:` line
    start = 0
    for index, tok in enumerate(tokens):
        if tok.type not in (tokenize.NEWLINE, tokenize.ENDMARKER):
            continue
        statement_tokens = [t for t in tokens[start:index] if t.type not in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT)]
        start = index + 1
        if not statement_tokens:
            continue
        first, last = statement_tokens[0], statement_tokens[-1]
        row = first.start[0] - 1
        if after_class and first.type == tokenize.STRING and len(statement_tokens) == 1:
            following = lines[last.end[0]] if last.end[0] < len(lines) else ""
            if following.strip() and not following.lstrip().startswith(("#", ")", "]", "}")):
                replaced.setdefault(last.end[0] - 1, [lines[last.end[0] - 1]]).append("\n")
        after_class = first.string == "class"
        if first.start[0] != last.end[0] or any(t.type == tokenize.COMMENT for t in statement_tokens):
            continue  # several lines already, or a comment: left to black
        if len(statement_tokens) == 1:
            continue  # a docstring, or a lone name: black's own rules
        text = lines[row].rstrip("\n")
        if len(text) <= WIDTH and "'" not in text:
            continue  # nothing to break, no quotes to change: the common case, kept cheap
        indent = len(text) - len(text.lstrip())
        code = text.strip()
        laid = import_statement(code, indent) if code.startswith("from ") else statement(code, indent)
        if laid != [code]:
            replaced[row] = [" " * indent + line + "\n" for line in laid] + replaced.get(row, [])[1:]
    if not replaced:
        return source
    return "".join("".join(replaced.get(row, [line])) for row, line in enumerate(lines))


def import_from(module: str, names: list[str], indent: int = 0) -> list[str]:
    """``from module import a, b``, or black's parenthesised form, one name a line."""
    line = f"from {module} import {', '.join(names)}"
    if indent + len(line) <= WIDTH:
        return [line]
    return [f"from {module} import (", *(f"    {name}," for name in names), ")"]


def import_statement(code: str, indent: int = 0) -> list[str]:
    """``from module import a, b`` written on one line, laid out by :func:`import_from`
    (anything else, or an import already in parentheses, by :func:`statement`)."""
    module_name, separator, names = code.removeprefix("from ").partition(" import ")
    if not code.startswith("from ") or not separator or "(" in names:
        return statement(code, indent)
    return import_from(module_name, [name.strip() for name in names.split(",")], indent)


def signature(head: str, parameters: list[str], tail: str, indent: int) -> list[str]:
    """A ``def`` line (``head`` ends with the opening parenthesis, ``tail`` starts with the
    closing one): one line when it fits, else black's split at the parameters' bracket."""
    line = f"{head}{', '.join(parameters)}{tail}"
    if indent + len(line) <= WIDTH:
        return [line]
    if len(parameters) == 1:  # black adds a trailing comma, which then keeps it on its own line
        return [head, f"    {parameters[0]},", tail]
    return [head, f"    {', '.join(parameters)}", tail]


def collection(head: str, items: list[str], closing: str, indent: int = 0) -> list[str]:
    """``head`` + the items of a list, dict or set literal + ``closing``: one line when it fits,
    else one item a line (``head`` ends with the opening bracket)."""
    return statement(f"{head}{', '.join(items)}{closing}", indent)


def black_strings(code: str) -> str:
    """``code`` (an expression, e.g. from :func:`generator.common.pysource.literal`) with each
    string literal in black's quotes; nothing else changes."""
    tokens = _tokenize(code)
    return code if tokens is None else _join(tokens)


def _tokenize(code: str) -> list[_Token] | None:
    tokens: list[_Token] = []
    end = (1, 0)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT):
                continue
            if tok.type in _LEFT_TO_BLACK or tok.start[0] != 1:
                return None  # comments, f-strings (split into pieces from Python 3.12) and multi-line strings
            text = tok.string
            if tok.type == tokenize.STRING:
                text = _black_quotes(text)
            tokens.append(_Token(text, tok.start > end and bool(tokens)))
            end = tok.end
    except (tokenize.TokenError, SyntaxError):
        return None
    return tokens


def _black_quotes(text: str) -> str:
    """The string literal with black's choice of quotes (its own function, so always the same)."""
    return normalize_string_quotes(text)


def _join(tokens: list[_Token]) -> str:
    return "".join((" " if t.spaced and i else "") + t.text for i, t in enumerate(tokens))


# Tokens black may split a statement at (its delimiters), other than commas.
_OPERATORS = frozenset(
    {"if", "else", "and", "or", "not", "in", "is", "lambda", "for"}
    | {"+", "-", "*", "/", "//", "%", "@", "|", "&", "^", "<<", ">>", "**", "~"}
    | {"<", ">", "==", "!=", "<=", ">="}
)


def _has_operators_outside_last_bracket(tokens: list[_Token]) -> bool:
    """Whether the statement has an operator outside its last bracket pair (after the
    assignment's ``=``, if any): black then chooses between its own parentheses and the
    brackets, which this module does not try to follow."""
    split = _last_bracket(tokens)
    if split is None:
        return False
    opening, closing = split
    depth = 0
    start = 0
    for index, t in enumerate(tokens[:opening]):
        depth += (t.text in _OPENING) - (t.text in _CLOSING)
        if depth == 0 and t.text == "=":
            start = index + 1
    outside = tokens[start:opening] + tokens[closing + 1 :]
    return any(t.text in _OPERATORS for t in outside) or any(
        a.text in _CLOSING and b.text == "." for a, b in zip(tokens[start:opening], tokens[start + 1 : opening])
    )


def _magic_trailing_comma(tokens: list[_Token]) -> bool:
    """A comma before a closing bracket, which makes black explode the brackets; except in a
    one-item tuple, ``("a",)``, whose comma black reads as the tuple's own."""
    openings: list[int] = []
    for index, t in enumerate(tokens):
        if t.text in _OPENING:
            openings.append(index)
        elif t.text in _CLOSING:
            opening = openings.pop() if openings else -1
            if index and tokens[index - 1].text == "," and not _one_tuple(tokens, opening, index):
                return True
    return False


def _one_tuple(tokens: list[_Token], opening: int, closing: int) -> bool:
    if opening < 0 or tokens[opening].text != "(" or tokens[closing].text != ")":
        return False
    before = tokens[opening - 1].text if opening else ""
    if (before.isidentifier() and not keyword.iskeyword(before)) or before in _CLOSING:
        return False  # a call: f(a,) is exploded
    return len(_top_level_items(tokens[opening + 1 : closing])) == 1


def _top_level_items(tokens: list[_Token]) -> list[list[_Token]]:
    items: list[list[_Token]] = [[]]
    depth = 0
    for t in tokens:
        if t.text in _OPENING:
            depth += 1
        elif t.text in _CLOSING:
            depth -= 1
        if t.text == "," and depth == 0:
            items.append([])
        else:
            items[-1].append(t)
    return [item for item in items if item]


def _lay(tokens: list[_Token], indent: int, explode: bool) -> list[str]:
    text = " " * indent + _join(tokens)
    if not explode and not _magic_trailing_comma(tokens) and len(text) <= WIDTH:
        return [text]
    split = _last_bracket(tokens)
    if split is None:
        return [text]
    opening, closing = split
    head, body, tail = tokens[: opening + 1], tokens[opening + 1 : closing], tokens[closing:]
    if not body:
        return [text]
    before = tokens[opening - 1].text if opening else ""
    is_import = tokens[0].text == "from"
    # A ( or [ right after an operand (a name, a closing bracket) is a call or a subscript; any
    # other bracket opens a literal (list, dict, set, tuple), which black never hugs once broken.
    after_operand = (before.isidentifier() and not keyword.iskeyword(before)) or before in _CLOSING
    is_literal = tokens[opening].text == "{" or not after_operand
    has_commas = len(_top_level_items(body)) > 1 or body[-1].text == ","
    explode_body = (is_import or is_literal) and has_commas or _magic_trailing_comma(body)
    lines = [" " * indent + _join(head)]
    lines += _lay_body(body, indent + 4, explode_body or is_import)
    lines.append(" " * indent + _join(tail))
    return lines


def _lay_body(body: list[_Token], indent: int, explode: bool) -> list[str]:
    text = " " * indent + _join(body)
    if not explode and not _magic_trailing_comma(body) and len(text) <= WIDTH:
        return [text]
    items = _top_level_items(body)
    if len(items) == 1 and body[-1].text != "," and not explode:
        return _lay(body, indent, explode=False)
    lines: list[str] = []
    for item in items:
        lines += _lay([*item, _Token(",", False)], indent, explode=False)
    return lines


def _last_bracket(tokens: list[_Token]) -> tuple[int, int] | None:
    """(opening, closing) indexes of the line's last bracket pair, as black's right-hand split picks it."""
    for closing in range(len(tokens) - 1, -1, -1):
        if tokens[closing].text in _CLOSING:
            depth = 0
            for opening in range(closing, -1, -1):
                text = tokens[opening].text
                if text in _CLOSING:
                    depth += 1
                elif text in _OPENING:
                    depth -= 1
                    if depth == 0:
                        return opening, closing
            return None
    return None
