"""kaitei.cli: the command line contract — exit codes, one-line messages, no half-written output.

Commands run in this process (runner.kaitei); the few tests that need a process (a terminal, the exit
status of the interpreter, what a fresh interpreter imports) start one."""

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conftest import ROOT, SHARED
from kaitei.cli import main
from kaitei.demo import examples
from runner import kaitei, kaitei_process

SEED = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"  # encodable in CP932 and EUC-JP alike


def run(*args, stdin=b"", cwd=None):
    """``kaitei ARGS`` in this process, its output as bytes (as a process gives it)."""
    result = kaitei(*args, stdin=stdin, cwd=cwd)
    return SimpleNamespace(returncode=result.returncode, stdout=result.output, stderr=result.stderr.encode("utf-8"))


def assert_one_line_error(stderr: str, fragment: str):
    assert stderr.startswith("kaitei: ")
    assert stderr.count("\n") == 1 and stderr.endswith("\n")
    assert fragment in stderr
    assert "Traceback" not in stderr


# --- bad input: one line, exit 2, no output left behind -------------------------------


def make_bad_input(kind, tmp_path):
    if kind == "missing":
        return tmp_path / "missing.txt"
    if kind == "directory":
        folder = tmp_path / "folder"
        folder.mkdir()
        return folder
    path = tmp_path / "input.txt"
    path.write_bytes(
        {
            "empty": b"",
            "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "undecodable": b"\x81\x81\xff\xfe\xfd\x80",
        }[kind]
    )
    return path


BAD_INPUTS = {
    "empty": "empty file",
    "binary": "binary file (NUL bytes)",
    "undecodable": "cannot decode",
    "directory": "is a directory",
    "missing": "no such file",
}


@pytest.mark.parametrize("kind", ["binary", "missing"])
def test_bad_input_in_a_process(kind, tmp_path):
    src = make_bad_input(kind, tmp_path)
    out = tmp_path / "out" / "result"
    out.parent.mkdir()
    result = kaitei_process("parse", src, "--to", "json", "-o", out, text=False)
    assert result.returncode == 2
    assert_one_line_error(result.stderr.decode("utf-8"), BAD_INPUTS[kind])
    assert result.stdout == b""
    assert os.listdir(out.parent) == []


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_in_process(kind, tmp_path, capsys):
    src = make_bad_input(kind, tmp_path)
    out = tmp_path / "out" / "result.json"
    out.parent.mkdir()
    out.write_bytes(b"previous")
    assert main(["parse", str(src), "--to", "json", "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert_one_line_error(captured.err, BAD_INPUTS[kind])
    assert captured.out == ""
    assert out.read_bytes() == b"previous"  # untouched
    assert os.listdir(out.parent) == ["result.json"]


def test_bad_input_on_stdin():
    result = run("parse", "-", stdin=b"")
    assert result.returncode == 2
    assert_one_line_error(result.stderr.decode("utf-8"), "-: empty file")


@pytest.mark.parametrize(
    "argv, fragment",
    [
        ([], "required: COMMAND"),
        (["frobnicate"], "invalid choice"),
        (["parse"], "required: FILE"),
        (["parse", "x.txt", "--to", "xlsx"], "invalid choice: 'xlsx'"),
        (["parse", "x.txt", "--from", "rtf"], "invalid choice: 'rtf'"),
        (["parse", "x.txt", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_usage_errors(argv, fragment, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert_one_line_error(captured.err, fragment)


def test_help_and_version_exit_0(capsys):
    assert main(["--help"]) == 0
    assert "parse" in capsys.readouterr().out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("kaitei ")


def test_internal_error_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    import corpus

    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(corpus, "read", broken)
    src = tmp_path / "a.txt"
    src.write_text("本文", encoding="utf-8")
    assert main(["parse", str(src)]) == 1
    err = capsys.readouterr().err
    assert_one_line_error(err, "internal error: RuntimeError: boom second line")
    assert "--debug" in err
    with pytest.raises(RuntimeError):
        main(["parse", str(src), "--debug"])


# --- parsing --------------------------------------------------------------------------


def test_text_without_structure_parses_into_plain_blocks(tmp_path):
    text = "これは構造のない文章です。\n条も項もありません。\n\nただの段落が続きます。\n"
    src = tmp_path / "plain.txt"
    src.write_text(text, encoding="utf-8")
    result = run("parse", src, "--to", "json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)

    def kinds(nodes):
        for n in nodes:
            yield n["kind"]
            yield from kinds(n["children"])

    assert set(kinds(data["children"])) <= {"Title", "Paragraph", "Text"}
    printed = "".join(
        n[k] for n in _walk(data["children"]) for k in ("label", "caption", "text")
    )
    assert "".join(printed.split()) == "".join(text.split())


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n["children"])


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("cp932", b""), ("euc-jp", b"")])
def test_other_encodings_give_the_same_tree_as_utf8(codec, bom, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    src = tmp_path / "seed.txt"
    src.write_bytes(bom + text.encode(codec))
    utf8 = json.loads(run("parse", SEED, "--to", "json").stdout)
    other = run("parse", src, "--to", "json")
    assert other.returncode == 0, other.stderr.decode()
    other = json.loads(other.stdout)
    assert other.pop("encoding") == codec
    assert utf8.pop("encoding") == "utf-8"
    assert other.pop("source") == "seed.txt"
    utf8.pop("source")
    assert other == utf8


def test_crlf_gives_the_same_tree_with_the_same_line_numbers(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    src = tmp_path / "seed.txt"
    src.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert run("parse", src, "--to", "json").stdout.replace(b"seed.txt", b"") == run(
        "parse", SEED, "--to", "json"
    ).stdout.replace(SEED.name.encode(), b"")


def test_stdin_stdout_and_output_file_agree(tmp_path):
    data = SEED.read_bytes()
    from_stdin = run("parse", "-", stdin=data)
    assert from_stdin.returncode == 0
    assert from_stdin.stdout.decode("utf-8").startswith("題名  どこよりもキー 利用規約\n")
    out = tmp_path / "seed.outline"
    assert run("parse", SEED, "-o", out).stdout == b""
    assert out.read_bytes() == from_stdin.stdout
    assert os.listdir(tmp_path) == ["seed.outline"]


def test_unwritable_output_is_exit_2(tmp_path, capsys):
    assert main(["parse", str(SEED), "-o", str(tmp_path / "no" / "out.txt")]) == 2
    assert_one_line_error(capsys.readouterr().err, "cannot write")
    assert os.listdir(tmp_path) == []


def test_parse_in_process_matches_a_process():
    assert kaitei_process("parse", SEED, "--to", "json", text=False).stdout == run("parse", SEED, "--to", "json").stdout


def test_parse_of_text_does_not_import_lxml(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("第1条（目的）\n本規約は定める。\n", encoding="utf-8")
    code = (
        "import sys\nfrom kaitei.cli import main\n"
        f"main(['parse', {str(src)!r}, '-o', {str(tmp_path / 'out')!r}])\n"
        "assert 'lxml' not in sys.modules, 'lxml imported'\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env)
    assert result.returncode == 0, result.stderr.decode()


# --- demo -----------------------------------------------------------------------------


def test_examples_are_bundled():
    names = [p.name for p in examples()]
    assert names == ["anshin-smartlock.txt", "smartme-new.txt", "smartme-old.txt"]
    assert (examples()[1]).read_bytes() == (SHARED / "fixtures" / "smartme" / "new.txt").read_bytes()


def test_demo_writes_every_example_in_every_format(tmp_path):
    folder = tmp_path / "demo"
    result = run("demo", "-o", folder)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == str(folder.resolve())
    expected = sorted(
        stem + suffix
        for stem in ("anshin-smartlock", "smartme-new", "smartme-old")
        for suffix in (".outline.txt", ".json", ".xml")
    ) + [f"smartme-table.{fmt}" for fmt in ("html", "json", "pdf", "docx", "xlsx")] + ["smartme-new.html", "site"]
    assert sorted(os.listdir(folder)) == sorted(expected)
    site = {str(p.relative_to(folder / "site")) for p in (folder / "site").rglob("*") if p.is_file()}
    assert {"index.html", "history.html", "notice.html", "notice.pdf", "terms.pdf", "versions/2025-10-01/table.pdf"} <= site
    assert "第4条（本サービスの種類）を変更" in (folder / "site" / "notice.html").read_text(encoding="utf-8")
    assert (folder / "smartme-table.pdf").read_bytes().startswith(b"%PDF")
    assert "仕様" in (folder / "smartme-table.html").read_text(encoding="utf-8")
    assert json.loads((folder / "smartme-new.json").read_bytes())["title"] == "Smart Meサービス利用規約"
    assert os.listdir(tmp_path) == ["demo"]  # no temporary folder left


def test_demo_default_folder_is_new_each_time(tmp_path):
    first = run("demo", cwd=tmp_path)
    second = run("demo", cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout.decode().strip() == str(tmp_path / "kaitei-demo")
    assert second.stdout.decode().strip() == str(tmp_path / "kaitei-demo-2")


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep")
    assert main(["demo", "-o", str(folder)]) == 2
    assert_one_line_error(capsys.readouterr().err, "already exists")
    assert os.listdir(folder) == ["mine.txt"]


# --- diff -----------------------------------------------------------------------------


SMARTME = SHARED / "fixtures" / "smartme"


def test_diff_smartme_to_every_format(tmp_path):
    for fmt in ("json", "html", "pdf"):
        out = tmp_path / f"table.{fmt}"
        result = run("diff", SMARTME / "old.txt", SMARTME / "new.txt", "-o", out)
        assert result.returncode == 0, result.stderr.decode()
        assert out.stat().st_size > 0
    rows = json.loads((tmp_path / "table.json").read_bytes())
    assert rows["changes"] == 15


def test_diff_identical_versions_say_so(tmp_path):
    out = tmp_path / "same.html"
    assert run("diff", SMARTME / "new.txt", SMARTME / "new.txt", "-o", out).returncode == 0
    assert "改正箇所はありません" in out.read_text(encoding="utf-8")


def test_diff_empty_old_version_is_all_new(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("diff", empty, SMARTME / "new.txt")
    assert result.returncode == 0, result.stderr.decode()
    rows = json.loads(result.stdout)["rows"]
    assert rows and all(r["kind"] == "inserted" for r in rows)


def test_diff_unrelated_documents(tmp_path):
    seeds = sorted((SHARED / "seeds").glob("00[12]_*.txt"))
    result = run("diff", *seeds, "--to", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["changes"] > 0


def test_diff_bad_input_one_message(tmp_path):
    result = run("diff", tmp_path / "missing.txt", SMARTME / "new.txt", "-o", tmp_path / "t.html")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert not (tmp_path / "t.html").exists()


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["parse", "smartme-new.txt", "--to", "pdf"], "PDF output needs -o FILE"),
        (["parse", "smartme-new.txt", "--to", "docx"], "Word output needs -o FILE"),
        (["diff", "smartme-old.txt", "smartme-new.txt", "--to", "xlsx"], "Excel output needs -o FILE"),
    ],
)
def test_binary_output_is_not_written_to_a_terminal(argv, fragment):
    import pty

    examples = ROOT / "kaitei" / "examples"
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "kaitei", *argv], cwd=examples, stdout=secondary, stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert result.returncode == 2
    assert_one_line_error(result.stderr.decode(), fragment)
