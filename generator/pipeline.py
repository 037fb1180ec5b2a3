"""The whole pipeline, spec file in, files out: load -> validate -> models -> IR -> render -> format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import ir
from .config import load_config
from .formatting import format_files
from .loader import load
from .models import generate_models
from .parse import build
from .render import render_package
from .validate import validate


@dataclass(frozen=True)
class Result:
    api: ir.Api
    files: dict[str, bytes]


def generate(spec_path: Path) -> Result:
    spec = load(spec_path)
    validate(spec)
    config = load_config(spec)
    models = generate_models(spec.document, config, spec.display_path)
    api = build(spec, config, models)
    files = format_files(render_package(api))
    return Result(api, {path: text.encode("utf-8") for path, text in sorted(files.items())})
