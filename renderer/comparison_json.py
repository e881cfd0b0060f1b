"""JSON writer for a comparison: the rows of the 現改比較表 as data, for pipelines.

Stable and documented in the README: the same two documents give the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from diffing.compare import Comparison


def to_dict(comparison: Comparison) -> dict:
    return {
        "title": comparison.title,
        "old": {"source": comparison.old.source, "title": comparison.old.title},
        "new": {"source": comparison.new.source, "title": comparison.new.title},
        "effective": comparison.effective.isoformat() if comparison.effective else None,
        "changes": len(comparison.changes),
        "rows": [asdict(row) for row in comparison.rows],
    }


def write_comparison_json(comparison: Comparison) -> bytes:
    return (json.dumps(to_dict(comparison), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
