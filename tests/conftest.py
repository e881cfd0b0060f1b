"""Shared test helpers: where the project and the read-only test material live."""

from pathlib import Path

# The project root (/work/main).
ROOT = Path(__file__).resolve().parents[1]
# /work/shared: seeds/, laws/, realworld/, schemas/ (sibling of the project root).
SHARED = ROOT.parent / "shared"
