"""``kaitei ARGS`` run in this process (kaitei.cli.main), with its own working folder, environment,
standard input and captured output: what a subprocess test checks, without starting one."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from unittest import mock

from conftest import ROOT
from kaitei.cli import main


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    output: bytes  # stdout as bytes (PDF, DOCX …)


def kaitei(*args, cwd=None, env=None, stdin: bytes = b"") -> Result:
    """``kaitei ARGS`` in process; ``env`` adds to the environment, from which KAITEI_CORPUS is removed."""
    environment = {k: v for k, v in os.environ.items() if k != "KAITEI_CORPUS"} | (env or {})
    out, err = io.BytesIO(), io.StringIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stdin_stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    with (
        contextlib.chdir(cwd or os.getcwd()),
        mock.patch.dict(os.environ, environment, clear=True),
        mock.patch.object(sys, "stdout", stdout),
        mock.patch.object(sys, "stderr", err),
        mock.patch.object(sys, "stdin", stdin_stream),
    ):
        code = main([str(a) for a in args])
        stdout.flush()
    data = out.getvalue()
    return Result(code, data.decode("utf-8", "replace"), err.getvalue(), data)


def kaitei_process(*args, cwd=None, env=None, stdin: bytes = b"", text: bool = True):
    """``python -m kaitei ARGS`` in a fresh process: for what only a process shows (exit status, a kill)."""
    environment = {k: v for k, v in os.environ.items() if k != "KAITEI_CORPUS"} | {"PYTHONPATH": str(ROOT)} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "kaitei", *map(str, args)],
        input=stdin.decode() if text else stdin,
        capture_output=True,
        text=text,
        cwd=cwd,
        env=environment,
        timeout=120,
    )


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout
