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
from .output import salvage
from .output.deps import undeclared_imports
from .output.formatting import GeneratedCodeError, format_files
from .models.hoist import hoist_inline_schemas
from .models.webhookbodies import hoist_webhook_bodies
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


def analyse(spec_path: Path, cache: StageCache | None = None, fallback: dict[str, str] | None = None) -> Analysis:
    """load -> validate -> config -> hoist inline schemas -> models -> IR. ``fallback``: components
    made permissive types from the start (name -> why; generator/output/salvage.py)."""
    report = progress.current()
    report.stage(f"loading {spec_path}")
    spec = bundle(load(spec_path))  # a multi-file spec becomes one document
    spec = replace(spec, document=decode_ref_fragments(spec.document))  # $ref: '#/paths/~1a~1%7Bid%7D'
    findings = start_validation(spec, cache)  # the slow checks run while the models are made
    config = load_config(spec)
    document = hoist_inline_schemas(const_unions_as_enums(localise_schema_refs(spec.document)))
    spec = replace(spec, document=hoist_webhook_bodies(document))  # webhook bodies: models of their own
    report.stage("models (datamodel-code-generator), validating beside it")
    models = generate_models(spec.document, config, spec.display_path, cache, fallback)
    report.stage("validating")
    checked = [*spec.findings, *findings()]  # reading it (a text $ref left out), then validating
    report.stage("building the client's model (IR)")
    return Analysis(spec, config, models, build(spec, config, models, checked))


def generate(spec_path: Path, cache: StageCache | None = None) -> Result:
    """The files for ``spec_path``; ``cache`` (when given) skips stage work seen before."""
    analysis = analyse(spec_path, cache)
    fallback: dict[str, str] = {}
    api = analysis.api
    while True:  # each round leaves out one more model or operation, or stops
        progress.current().stage("rendering templates")
        rendered = render_package(api, cache)
        try:
            for path, problem in undeclared_imports(rendered.files, api.config.package_name).items():
                raise GeneratedCodeError(path, problem)
            progress.current().stage("formatting with black")
            files = format_files(rendered.files, cache, preformatted=rendered.preformatted, lay_out=rendered.models)
            break
        except GeneratedCodeError as exc:  # a file that cannot ship: its model or operations are left out
            more = salvage.components_to_fall_back(exc.path, exc.problem, api, analysis.models)
            if more and not more.keys() <= fallback.keys():
                fallback.update(more)
                analysis = analyse(spec_path, cache, fallback)
                api = analysis.api
                continue
            smaller = salvage.without_broken_operations(api, exc.path, exc.problem)
            if smaller is None or smaller == api:
                raise
            api = smaller
    history = changelog_file.read(spec_path)  # written by `make release` beside the spec
    if history is not None:
        files["CHANGELOG.md"] = history
    if cache:
        cache.prune()
    files_bytes = {path: text.encode("utf-8") for path, text in sorted(files.items())}
    return Result(api, files_bytes, spec=analysis.spec, sources=analysis.spec.sources)
