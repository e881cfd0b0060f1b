"""The Jinja2 environment every HTML writer renders with: the package's templates/, and in front of them
an optional folder of overrides (a corpus's own templates/: logo, colours, footer, wording)."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

import templates
from renderer.markup import inline


def environment(overrides: Path | None = None):
    """The environment over templates/, with ``overrides`` searched first; one per folder, created once."""
    return _environment(str(Path(overrides).resolve()) if overrides is not None else "")


@functools.cache
def _environment(overrides: str):
    folders = ([overrides] if overrides else []) + [str(Path(templates.__file__).parent)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["inline"] = inline
    return env
