"""The public API (kaitei/__init__.py): the README's example runs as written, in this process, with no
private name; every name the API promises is there."""

import ast
import contextlib
import io
import re
import subprocess
import sys

import pytest

import kaitei
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_example() -> str:
    """The Python block of the README's "Python API" section."""
    section = README[README.index("## Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_example_runs_without_a_process_or_a_private_name(monkeypatch):
    code = readme_example()
    tree = ast.parse(code)
    private = [
        ast.unparse(n)
        for n in ast.walk(tree)
        if (isinstance(n, ast.Attribute) and n.attr.startswith("_"))
        or (isinstance(n, ast.ImportFrom) and any(a.name.startswith("_") for a in n.names))
    ]
    assert private == []

    popen = subprocess.Popen.__init__

    def no_kaitei_process(self, args, *rest, **kwargs):  # (ctypes may run ldconfig to find Pango)
        argv = [str(a) for a in (args if isinstance(args, (list, tuple)) else [args])]
        assert not any(a == sys.executable or "kaitei" in a for a in argv), f"the example started {argv}"
        popen(self, args, *rest, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "__init__", no_kaitei_process)
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    scope: dict = {}
    with contextlib.redirect_stdout(out):
        exec(compile(tree, "README.md", "exec"), scope)
    printed = out.getvalue().splitlines()
    assert printed[0] == "15 changes, in force from 2025-10-01"
    assert printed[1] == "2025-09-24 2025-10-01 {'error': 0, 'warning': 1, 'info': 0}"
    site = eval(printed[2])
    assert {"index.html", "history.html", "notice.html", "notice.pdf", "terms.pdf", "versions"} <= set(site)
    folder = scope["out"]
    assert (folder / "table.pdf").read_bytes().startswith(b"%PDF")
    assert (folder / "table.docx").read_bytes().startswith(b"PK")
    assert b'"changes": 15' in (folder / "table.json").read_bytes()


@pytest.mark.parametrize("name", kaitei.__all__)
def test_every_public_name_resolves(name):
    assert getattr(kaitei, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        kaitei.nothing_here  # noqa: B018


def test_write_takes_a_document_or_a_comparison():
    examples = ROOT / "kaitei" / "examples"
    old, new = kaitei.read(examples / "smartme-old.txt"), kaitei.read(examples / "smartme-new.txt")
    assert kaitei.write(new, "outline").startswith("題名".encode())
    table = kaitei.compare(old, new)
    left_new = kaitei.write(table, "html", kaitei.TableOptions(layout="new-left", elision="(省略)")).decode()
    assert left_new.index("2025年10月1日~") < left_new.index("~2025年9月30日") and "(省略)" in left_new
    with pytest.raises(ValueError):
        kaitei.write(table, "outline")
