"""The whole pipeline, spec file in, files out: load -> validate -> models -> IR -> render -> format.

:func:`analyse` stops at the IR (``generator diff`` compares two of them); :func:`generate` goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .parse import ir
from . import progress
from .config import GeneratorConfig, load_config
from .load.bundle import bundle
from .load.encoded_refs import decode_ref_fragments
from .load import changelog_file
from .models.constenums import const_unions_as_enums
from .output.deps import check_dependencies
from .output.formatting import format_files
from .models.hoist import hoist_inline_schemas
from .load.loader import LoadedSpec, load
from .models.models import ModelModule, generate_models
from .parse.parse import build
from .render.render import render_package
from .models.schemarefs import localise_schema_refs
from .common.stagecache import StageCache
from .validate.validate import start_validation


@dataclass(frozen=True)
class Analysis:
    """Everything known about a spec before rendering: the loaded (and hoisted) spec, its
    config, its models and its IR."""

    spec: LoadedSpec
    config: GeneratorConfig
    models: ModelModule
    api: ir.Api


@dataclass(frozen=True)
class Result:
    api: ir.Api
    files: dict[str, bytes]
    spec: LoadedSpec | None = None  # places the findings (file:line:col)
    sources: tuple[Path, ...] = ()  # the other files of a multi-file spec (the run cache hashes them)


def analyse(spec_path: Path, cache: StageCache | None = None) -> Analysis:
    """load -> validate -> config -> hoist inline schemas -> models -> IR."""
    report = progress.current()
    report.stage(f"loading {spec_path}")
    spec = bundle(load(spec_path))  # a multi-file spec becomes one document
    spec = replace(spec, document=decode_ref_fragments(spec.document))  # $ref: '#/paths/~1a~1%7Bid%7D'
    findings = start_validation(spec, cache)  # the slow checks run while the models are made
    config = load_config(spec)
    spec = replace(spec, document=hoist_inline_schemas(const_unions_as_enums(localise_schema_refs(spec.document))))
    report.stage("models (datamodel-code-generator), validating beside it")
    models = generate_models(spec.document, config, spec.display_path, cache)
    report.stage("validating")
    checked = findings()
    report.stage("building the client's model (IR)")
    return Analysis(spec, config, models, build(spec, config, models, checked))


def generate(spec_path: Path, cache: StageCache | None = None) -> Result:
    """The files for ``spec_path``; ``cache`` (when given) skips stage work seen before."""
    analysis = analyse(spec_path, cache)
    api = analysis.api
    progress.current().stage("rendering templates")
    rendered = render_package(api, cache)
    check_dependencies(rendered.files, api.config.package_name)
    progress.current().stage("formatting with black")
    files = format_files(rendered.files, cache, preformatted=rendered.preformatted, lay_out=rendered.models)
    history = changelog_file.read(spec_path)  # written by `make release` beside the spec
    if history is not None:
        files["CHANGELOG.md"] = history
    if cache:
        cache.prune()
    files_bytes = {path: text.encode("utf-8") for path, text in sorted(files.items())}
    return Result(api, files_bytes, spec=analysis.spec, sources=analysis.spec.sources)
