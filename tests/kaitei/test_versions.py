"""The corpus commands end to end (kaitei init/add/log/live/diff DOC/check/regress), run in this process;
killing an add midway and concurrent adds need processes of their own."""

import json
import os
import random
import signal
import subprocess
import sys
import time
import tomllib

import pytest

from conftest import ROOT, SHARED
from runner import kaitei, kaitei_process, ok

SMARTME = SHARED / "fixtures" / "smartme"
SEED_001 = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"


@pytest.fixture
def smartme(tmp_path):
    """A corpus holding the Smart Me pair, both published, dates of the new one read from its 附則."""
    ok(kaitei("init", "corpus", cwd=tmp_path))
    root = tmp_path / "corpus"
    ok(kaitei("add", "smartme", SMARTME / "old.txt", "--effective", "2025-06-01", "--publish", cwd=root))
    out = ok(kaitei("add", "smartme", SMARTME / "new.txt", "--publish", cwd=root))
    assert "announced 2025-09-24" in out and "effective 2025-10-01" in out
    return root


def test_smartme_dates_from_the_附則_and_live(smartme):
    record = tomllib.loads((smartme / "smartme" / "2025-10-01" / "version.toml").read_text())
    assert str(record["announced"]) == "2025-09-24" and str(record["effective"]) == "2025-10-01"
    assert ok(kaitei("live", "smartme", "--on", "2025-09-30", cwd=smartme)).split("\t")[0] == "2025-06-01"
    assert ok(kaitei("live", "smartme", "--on", "令和7年10月1日", cwd=smartme)).split("\t")[0] == "2025-10-01"
    none = kaitei("live", "smartme", "--on", "2025-05-31", cwd=smartme)
    assert none.returncode == 1 and "no published version" in none.stderr


def test_log_marks_live_and_edited_sources(smartme):
    out = ok(kaitei("log", "smartme", "--on", "2025-09-30", cwd=smartme))
    lines = out.splitlines()
    assert lines[1].startswith("* 2025-06-01") and lines[2].startswith("  2025-10-01")
    assert "MODIFIED" not in out
    with open(smartme / "smartme" / "2025-10-01" / "source.txt", "a", encoding="utf-8") as f:
        f.write("第99条（追加）\n手で書き足した条文\n")
    result = kaitei("log", "smartme", "--to", "json", cwd=smartme)
    data = json.loads(ok(result))
    assert [v["modified"] for v in data["versions"]] == [False, True]
    assert "no longer matches its sha256" in result.stderr


def test_check_policy_notice_days(smartme):
    out = kaitei("check", "smartme", "2025-10-01", cwd=smartme)
    assert out.returncode == 0, out.stdout + out.stderr  # no policy set, dates consistent
    config = smartme / "kaitei.toml"
    config.write_text(config.read_text().replace("# notice_days = 30", "notice_days = 30"))
    result = kaitei("check", "smartme", "2025-10-01", "--to", "json", cwd=smartme)
    assert result.returncode == 1
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["level"] == "error"]
    assert finding["check"] == "notice_period" and finding["basis"] == "kaitei.toml [policy] notice_days = 30"


def test_check_wrong_effective_date_cites_the_附則(smartme):
    ok(kaitei("add", "smartme", SMARTME / "new.txt", "--version", "early", "--effective", "2025-09-01", cwd=smartme))
    result = kaitei("check", "smartme", "early", cwd=smartme)
    assert result.returncode == 1
    assert "[effective_date]" in result.stdout
    assert "附則第1項「この改正規定は、令和7年10月1日から実施します。」" in result.stdout


def test_dokoyorimo_key_notice_cites_第35条第3項(tmp_path):
    ok(kaitei("init", "c", cwd=tmp_path))
    root = tmp_path / "c"
    ok(kaitei("add", "dokoyorimo", SEED_001, "--publish", cwd=root))  # effective 2025-06-01: its 制定日
    revision = tmp_path / "rev.txt"
    revision.write_text(SEED_001.read_text(encoding="utf-8").replace("1,078円", "1,078円"), encoding="utf-8")
    ok(kaitei("add", "dokoyorimo", revision, "--announced", "2025-06-20", "--effective", "2025-07-01", cwd=root))
    late = kaitei("check", "dokoyorimo", "--to", "json", cwd=root)
    assert late.returncode == 1
    data = json.loads(late.stdout)
    assert (data["version"], data["previous"], data["in_force"]) == ("2025-07-01", "2025-06-01", "2025-06-01")
    errors = [f for f in data["findings"] if f["level"] == "error"]
    assert [f["check"] for f in errors] == ["notice_period"]
    assert errors[0]["basis"].startswith("現行規約(2025-06-01) 第35条第3項")
    ok(kaitei("add", "dokoyorimo", revision, "--announced", "2025-05-25", "--effective", "2025-07-01", cwd=root))
    early = json.loads(ok(kaitei("check", "dokoyorimo", "--to", "json", cwd=root)))
    assert [f["level"] for f in early["findings"] if f["check"] == "notice_period"] == ["info"]


def test_diff_in_the_corpus(smartme):
    ok(kaitei("add", "smartme", SMARTME / "new.txt", "--version", "draft", "--effective", "2026-01-01", cwd=smartme))
    table = json.loads(ok(kaitei("diff", "smartme", "2025-06-01", "2025-10-01", cwd=smartme)))
    assert table["rows"]
    default = json.loads(ok(kaitei("diff", "smartme", cwd=smartme)))  # live today against the newest draft
    assert default["rows"] == [] or default["rows"] != table["rows"]
    out = smartme.parent / "t.html"
    ok(kaitei("diff", "smartme", "2025-06-01", "2025-10-01", "-o", out, cwd=smartme))
    assert "（新設）" in out.read_text(encoding="utf-8") or "（削る）" in out.read_text(encoding="utf-8")


def test_regress_reports_and_updates(smartme):
    assert "0 differ" in ok(kaitei("regress", cwd=smartme))
    tree = smartme / "smartme" / "2025-10-01" / "tree.xml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("実施します", "施行します"), encoding="utf-8")
    result = kaitei("regress", "smartme", cwd=smartme)
    assert result.returncode == 1
    assert "smartme/2025-10-01: 1 node(s) differ" in result.stdout and "~ 附則第1項" in result.stdout
    ok(kaitei("regress", "--update", cwd=smartme))
    assert "0 differ" in ok(kaitei("regress", cwd=smartme))


def test_corpus_from_option_and_environment(smartme, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert kaitei("log", "smartme", cwd=elsewhere).returncode == 2
    ok(kaitei("log", "smartme", "--corpus", smartme, cwd=elsewhere))
    ok(kaitei("log", "smartme", cwd=elsewhere, env={"KAITEI_CORPUS": str(smartme)}))


def test_published_version_refused_with_one_line(smartme):
    result = kaitei("add", "smartme", SMARTME / "old.txt", "--version", "2025-10-01", cwd=smartme)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "never overwritten" in result.stderr
    bad = kaitei("add", "smartme", SMARTME / "old.txt", "--effective", "next week", cwd=smartme)
    assert bad.returncode == 2 and "not a date" in bad.stderr


def snapshot(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".kaitei.lock"}


def test_killing_add_midway_leaves_the_corpus_as_it_was(smartme):
    """SIGKILL at random moments of `kaitei add`: the corpus is either as before or has the whole new version."""
    before = snapshot(smartme)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    rng = random.Random(7)
    outcomes = set()
    start = time.monotonic()
    ok(kaitei_process("add", "smartme", SEED_001, "--version", "timed", cwd=smartme))
    whole = time.monotonic() - start  # kills are spread over the time one add takes, in a process
    before = snapshot(smartme)
    for i in range(16):
        process = subprocess.Popen(
            [sys.executable, "-m", "kaitei", "add", "smartme", SEED_001, "--version", f"k{i}"],
            cwd=smartme, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.0, whole))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = {k: v for k, v in snapshot(smartme).items() if not any(part.startswith(".tmp-") for part in k.parts)}
        added = {k for k in after if k not in before}
        assert all(after[k] == before[k] for k in before)  # nothing already there changed
        if added:
            assert {k.name for k in added} == {"source.txt", "tree.xml", "version.toml"}, added
            outcomes.add("added")
            record = tomllib.loads((smartme / "smartme" / f"k{i}" / "version.toml").read_text())
            assert record["sha256"]
            before = snapshot(smartme)
        else:
            outcomes.add("absent")
    # the corpus stays usable: every version reads, and the leftovers go with the next write
    ok(kaitei("log", "smartme", cwd=smartme))
    ok(kaitei("add", "smartme", SMARTME / "new.txt", "--version", "after", cwd=smartme))
    assert not list((smartme / "smartme").glob(".tmp-*"))
    assert "absent" in outcomes  # (killed before the rename at least once)


def test_concurrent_adds_do_not_corrupt(smartme):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kaitei", "add", "smartme", path, "--version", vid],
            cwd=smartme, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for vid, path in [("c1", SEED_001), ("c2", SMARTME / "new.txt"), ("c3", SEED_001), ("c3", SMARTME / "old.txt")]
    ]
    codes = [p.wait(timeout=120) for p in processes]
    assert codes == [0, 0, 0, 0]
    data = json.loads(ok(kaitei("log", "smartme", "--to", "json", cwd=smartme)))
    ids = sorted(v["id"] for v in data["versions"])
    assert ids == ["2025-06-01", "2025-10-01", "c1", "c2", "c3"]
    assert not any(v["modified"] for v in data["versions"])  # each version's source matches its record
    assert not list((smartme / "smartme").glob(".tmp-*"))


def test_check_references_after_a_renumbering(tmp_path):
    """Seed 002 revised with an article inserted before 第24条: 第9条 and 第12条 still cite
    「第24条(契約者に対する通知)」 — `kaitei check` reports them and suggests 第25条."""
    from tests.diffing.test_reference_check import seed002_article_inserted_before_24

    ok(kaitei("init", "c", cwd=tmp_path))
    root = tmp_path / "c"
    ok(kaitei("add", "tsushin", SHARED / "seeds" / "002_4051e03855db9ccf.txt", "--effective", "2025-04-01", "--publish", cwd=root))
    unchanged = json.loads(kaitei("check", "tsushin", "--to", "json", cwd=root).stdout)
    assert [f for f in unchanged["findings"] if f["check"] == "references"] == []
    revision = tmp_path / "rev.txt"
    revision.write_text(seed002_article_inserted_before_24(), encoding="utf-8")
    ok(kaitei("add", "tsushin", revision, "--announced", "2025-05-01", "--effective", "2025-06-01", cwd=root))
    result = kaitei("check", "tsushin", cwd=root)
    assert result.returncode == 1
    data = json.loads(kaitei("check", "tsushin", "--to", "json", cwd=root).stdout)
    errors = [f for f in data["findings"] if f["check"] == "references" and f["level"] == "error"]
    assert {f["place"].split("第", 2)[1] for f in errors} == {"9条", "12条"}
    assert {f["suggestion"] for f in errors} == {"第25条"}
    assert "[references]" in result.stdout and "第25条" in result.stdout
