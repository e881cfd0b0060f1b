"""renderer.site: which versions a site shows on a date, its pages, template overrides and [site] settings.

PDFs are stood in for by a digest of the page they would be typeset from (tests/kaitei/test_publish.py
typesets the real ones and opens the site in Chromium)."""

import datetime
import hashlib

import lxml.html
import pytest
from conftest import SHARED

import corpus
from corpus.errors import SourceError
from corpus.store import init, open_corpus
from kaitei.cli import main
from renderer import site
from renderer.site import PublishError, Settings, collect, site_files

SMARTME = SHARED / "fixtures" / "smartme"


@pytest.fixture(autouse=True)
def fake_pdf(monkeypatch):
    monkeypatch.setattr(site, "html_to_pdf", lambda html: b"%PDF-fake " + hashlib.sha256(html.encode()).hexdigest().encode())


@pytest.fixture
def store(tmp_path):
    root = tmp_path / "corpus"
    init(root)
    assert main(["add", "smartme", str(SMARTME / "old.txt"), "--publish", "--effective", "2025-04-01", "--corpus", str(root)]) == 0
    assert main(["add", "smartme", str(SMARTME / "new.txt"), "--publish", "--corpus", str(root)]) == 0
    return open_corpus(root)


def read(v):
    return corpus.read(v.source_path, v.format)


def build(store, on, **kw):
    pubs = [collect(store, "smartme", on, read)]
    return pubs, site_files(pubs, Settings.of(open_corpus(store.root)), listing=kw.pop("listing", False), **kw)


def page(files, name):
    return lxml.html.fromstring(files[name].decode())


def test_日付ごとに現行版と予告中の版が決まる(store):
    (pub,), files = build(store, datetime.date(2025, 9, 25))
    assert [e.state for e in pub.editions] == ["live", "upcoming"]
    assert pub.current.version.id == "2025-04-01" and pub.upcoming.version.id == "2025-10-01"
    assert {"index.html", "terms.pdf", "history.html", "notice.html", "notice.pdf"} <= set(files)
    assert files["terms.pdf"] == files["versions/2025-04-01/terms.pdf"]
    assert "versions/2025-10-01/table.pdf" in files and "versions/2025-04-01/table.html" not in files
    (pub,), files = build(store, datetime.date(2025, 10, 1))
    assert [e.state for e in pub.editions] == ["past", "live"] and "notice.html" not in files
    (pub,), files = build(store, datetime.date(2025, 9, 1))  # before its announcement the revision is not shown
    assert [e.version.id for e in pub.editions] == ["2025-04-01"] and "versions/2025-10-01/terms.html" not in files


def test_施行前の文書は予定の版を示す(store):
    with pytest.raises(PublishError):  # nothing in force, nothing announced yet
        collect(store, "smartme", datetime.date(2025, 1, 1), read)
    args = ["add", "fresh", str(SMARTME / "old.txt"), "--publish", "--announced", "2025-03-01", "--effective", "2025-04-01"]
    assert main(args + ["--corpus", str(store.root)]) == 0
    pub = collect(store, "fresh", datetime.date(2025, 3, 2), read)
    assert pub.current.state == "upcoming" and pub.upcoming is pub.current
    files = site_files([pub], Settings.of(store), listing=False)
    assert "この版は2025年4月1日から適用されます" in page(files, "index.html").text_content()
    assert "notice.html" not in files  # a first version is enacted (制定), not a revision to give notice of


def test_お知らせは告知日と効力発生日と改定内容を示す(store):
    _, files = build(store, datetime.date(2025, 9, 25))
    notice = page(files, "notice.html")
    text = notice.text_content()
    assert notice.findtext(".//h1") == "Smart Meサービス利用規約改定のお知らせ"
    assert "2025年9月24日" in text and "2025年10月1日から適用されます" in text
    lines = [li.text_content() for li in notice.xpath("//ul[@class='changes']/li")]
    assert lines[0] == "第4条（本サービスの種類）を変更（第2項・第4項を変更、第3項を新設）" and "別紙3を新設" in lines
    assert notice.xpath("//a[@href='versions/2025-10-01/table.html']")


def test_テンプレートとsite設定は文書フォルダから上書きできる(store):
    root = store.root
    (root / "templates").mkdir()
    (root / "templates" / "site_notice.html.j2").write_text(
        '{% extends "site.html.j2" %}{% block title %}お知らせ{% endblock %}'
        "{% block content %}<main><h1>独自のお知らせ {{ date(edition.version.effective) }}</h1></main>{% endblock %}",
        encoding="utf-8",
    )
    (root / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    config = (root / "kaitei.toml").read_text(encoding="utf-8")
    config += '\n[site]\npublisher = "株式会社<script>例</script>"\naccent = "#c00"\nlogo = "logo.svg"\ndates = "wareki"\nfooter = "© 2025 例 & Co."\n'
    (root / "kaitei.toml").write_text(config, encoding="utf-8")
    _, files = build(open_corpus(root), datetime.date(2025, 9, 25))
    assert page(files, "notice.html").findtext(".//h1") == "独自のお知らせ 令和7年10月1日"
    html = files["history.html"].decode()
    assert "--accent: #c00;" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "© 2025 例 &amp; Co." in html and "令和7年9月24日" in html
    table = files["versions/2025-10-01/table.html"].decode()
    assert "～令和7年9月30日" in table.replace("~", "～") and "令和7年10月1日~" in table  # the table's dates too
    assert files["logo.svg"].startswith(b"<svg")
    assert page(files, "versions/2025-10-01/terms.html").xpath("//img[@src='../../logo.svg'][@alt]")


def test_不正なアクセント色は拒否(store):
    (store.root / "kaitei.toml").write_text('[site]\naccent = "red;} body{display:none"\n', encoding="utf-8")
    with pytest.raises(SourceError, match="not a CSS colour"):  # refused when the corpus is opened (corpus.config)
        open_corpus(store.root)


def test_一覧つきでは文書ごとのフォルダと索引(store):
    _, files = build(store, datetime.date(2025, 9, 25), listing=True)
    assert "smartme/index.html" in files and "smartme/notice.html" in files
    index = page(files, "index.html")
    assert index.xpath("//a[@href='smartme/index.html']") and index.xpath("//a[@href='smartme/notice.html']")
    history = page(files, "smartme/history.html")
    assert history.xpath("//a[@href='versions/2025-10-01/table.pdf']")  # links are relative to the page


def test_同じコーパスから同じバイト列(store):
    _, a = build(store, datetime.date(2025, 9, 25))
    _, b = build(store, datetime.date(2025, 9, 25))
    assert a == b
