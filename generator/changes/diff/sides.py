"""One side of a comparison: a spec through the generator's own stages, from a file or a git ref."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...config import config_path_for, GeneratorConfig
from ...errors import Location, SpecError
from ...load.loader import LoadedSpec
from ...models.models import ModelModule
from ...parse import ir
from ...pipeline import analyse
from .snapshot import at_ref, export_spec


@dataclass(frozen=True)
class Side:
    """One spec, as the generator sees it."""

    label: str
    spec: LoadedSpec
    config: GeneratorConfig
    has_config: bool
    config_file: str
    models: ModelModule
    api: ir.Api

    @property
    def doc(self) -> dict[str, Any]:
        return self.spec.document


def load_side(path: Path, label: str | None = None) -> Side:
    """The stages of :func:`generator.pipeline.generate` up to the IR (no rendering)."""
    analysis = analyse(path)
    spec, config, models, api = analysis.spec, analysis.config, analysis.models, analysis.api
    config_file = config_path_for(path)
    return Side(
        label=label or spec.display_path,
        spec=spec,
        config=config,
        has_config=config_file.exists(),
        config_file=str(Path(spec.display_path).with_name(config_file.name)),
        models=models,
        api=api,
    )


def load_side_at_ref(spec_path: Path, ref: str) -> Side:
    """The spec (and its generator config) as committed at git ``ref``."""
    spec_path = spec_path.resolve()
    where = spec_path.parent if spec_path.parent.is_dir() else Path.cwd()
    try:
        top = _git(where, "rev-parse", "--show-toplevel").strip()
    except SpecError:
        raise SpecError(Location(str(spec_path)), "not inside a git repository (--base needs one)") from None
    rel = spec_path.relative_to(Path(top).resolve()).as_posix()
    rel_config = config_path_for(Path(rel)).as_posix()
    label = f"{ref}:{rel}"
    try:
        text = _git(Path(top), "show", f"{ref}:{rel}")
    except SpecError as exc:
        raise SpecError(Location(label), f"cannot read the spec at git ref {ref!r}: {exc.message}") from None
    with tempfile.TemporaryDirectory(prefix="generator-diff-") as tmp:
        snapshot = Path(tmp).resolve()  # the repository at ref: the spec's files, where they were
        old_path = snapshot / rel
        old_path.parent.mkdir(parents=True, exist_ok=True)
        old_path.write_text(text, encoding="utf-8")
        try:
            (snapshot / rel_config).write_text(_git(Path(top), "show", f"{ref}:{rel_config}"), encoding="utf-8")
        except SpecError:
            pass  # no config at that ref: names derived from info.title
        try:
            export_spec(Path(top), rel, ref, snapshot)  # the files a multi-file spec refers to
            side = load_side(old_path, label)
        except SpecError as exc:
            raise at_ref(exc, snapshot, ref) from None
        return replace(side, config_file=rel_config)


def _git(cwd: Path, *args: str) -> str:
    if shutil.which("git") is None:
        raise SpecError(Location("git"), "git is not installed")
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise SpecError(Location("git"), lines[-1] if lines else f"git {args[0]} failed")
    return result.stdout
