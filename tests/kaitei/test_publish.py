"""kaitei publish end to end: a corpus of two documents published as of two dates — the files each site
holds, the same bytes for the same input, updating a folder in place, what Chromium sees (errors, links,
anchors, escaping), accessibility of the markup, and the PDFs (fonts, metadata, /Lang, text).

The sites are built once per module (PDF typesetting takes seconds):

- smartme: old.txt in force from 2025-04-01; new.txt announced 2025-09-24, in force 2025-10-01;
- doko: seed 001 (制定 2025-06-01); tests/data/publish/doko-revised.txt announced 2025-07-15, in force
  2025-09-01 (a new 第14条 renumbers the rest, 料金 1,078円 → 1,180円, a string of HTML specials).

On 2025-08-01 doko has a notice and smartme's revision is not announced yet (absent from the site); on
2025-09-25 doko's revision is in force and smartme's is announced (notice).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import posixpath
import re
import shutil
import subprocess
import sys
import urllib.parse
import zlib
from pathlib import Path

import lxml.html
import pytest

import corpus
from browser import Browser
from conftest import ROOT, SHARED
from kaitei.cli import main

SMARTME = SHARED / "fixtures" / "smartme"
SEED = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"
REVISED = ROOT / "tests" / "data" / "publish" / "doko-revised.txt"
SCRIPT = """<script>alert("x")</script> & 'single' "double\""""
BEFORE, AFTER = "2025-08-01", "2025-09-25"

# What each site holds (besides the manifest .kaitei-site).
TERMS = ("terms.html", "terms.pdf")
TABLE = ("table.html", "table.pdf")


def _version(doc: str, vid: str, *names: str) -> set[str]:
    return {f"{doc}/versions/{vid}/{name}" for name in names}


def _document(doc: str, notice: bool) -> set[str]:
    pages = {f"{doc}/index.html", f"{doc}/terms.pdf", f"{doc}/history.html"}
    return pages | ({f"{doc}/notice.html", f"{doc}/notice.pdf"} if notice else set())


EXPECTED_FILES = {
    BEFORE: {"index.html"}
    | _document("doko", notice=True)
    | _version("doko", "2025-06-01", *TERMS)
    | _version("doko", "2025-09-01", *TERMS, *TABLE)
    | _document("smartme", notice=False)
    | _version("smartme", "2025-04-01", *TERMS),
    AFTER: {"index.html"}
    | _document("doko", notice=False)
    | _version("doko", "2025-06-01", *TERMS)
    | _version("doko", "2025-09-01", *TERMS, *TABLE)
    | _document("smartme", notice=True)
    | _version("smartme", "2025-04-01", *TERMS)
    | _version("smartme", "2025-10-01", *TERMS, *TABLE),
}

# The date a version's PDFs are created on: its 告知日, else (no announcement) its effective date.
CREATED = {
    ("smartme", "2025-04-01"): "2025-04-01",
    ("smartme", "2025-10-01"): "2025-09-24",
    ("doko", "2025-06-01"): "2025-06-01",
    ("doko", "2025-09-01"): "2025-07-15",
}
# The version a document-level page shows on each date: (terms.pdf, notice.pdf).
SHOWN = {
    (BEFORE, "doko"): ("2025-06-01", "2025-09-01"),
    (BEFORE, "smartme"): ("2025-04-01", None),
    (AFTER, "doko"): ("2025-09-01", None),
    (AFTER, "smartme"): ("2025-04-01", "2025-10-01"),
}

needs_browser = pytest.mark.skipif(not Browser.available(), reason="no Chromium installed")
needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdffonts", "pdfinfo", "pdftotext")), reason="poppler-utils not installed"
)


# --- building --------------------------------------------------------------------------


def kaitei(*args) -> str:
    """Run the command line in this process; its stderr (fails on a non-zero exit)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main([str(a) for a in args])
    assert code == 0, f"kaitei {' '.join(map(str, args))} → {code}: {err.getvalue()}"
    return err.getvalue()


def publish(store: Path, site: Path, on: str) -> str:
    return kaitei("publish", "--all", "-o", site, "--on", on, "--corpus", store)


def checksums(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def counts(stderr: str) -> dict[str, int]:
    """The counts of the summary line: '… — 3 written, 18 unchanged, 2 removed'."""
    return {what: int(n) for n, what in re.findall(r"(\d+) (written|unchanged|removed)", stderr)}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("publish") / "corpus"
    kaitei("init", root)
    kaitei("add", "smartme", SMARTME / "old.txt", "--publish", "--effective", "2025-04-01", "--corpus", root)
    kaitei("add", "smartme", SMARTME / "new.txt", "--publish", "--corpus", root)
    kaitei("add", "doko", SEED, "--publish", "--corpus", root)
    kaitei("add", "doko", REVISED, "--publish", "--corpus", root)
    return root


@pytest.fixture(scope="module")
def sites(store) -> dict[str, Path]:
    """The two sites, by publishing date."""
    built = {}
    for on in (BEFORE, AFTER):
        built[on] = store.parent / f"site-{on}"
        assert counts(publish(store, built[on], on)) == {
            "written": len(EXPECTED_FILES[on]), "unchanged": 0, "removed": 0}
    return built


@pytest.fixture(scope="module")
def updated(store, sites) -> dict:
    """The site of 2025-08-01 with a file of the user's (CNAME), published again as of 2025-09-25 into
    the same folder, then once more."""
    site = store.parent / "site-updated"
    shutil.copytree(sites[BEFORE], site)
    (site / "CNAME").write_bytes(b"terms.example.jp\n")
    cname = (site / "CNAME").stat()
    first = publish(store, site, AFTER)
    return {"site": site, "cname": cname, "first": first, "second": publish(store, site, AFTER)}


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def html_pages(site: Path) -> list[str]:
    return sorted(p for p in site_files(site) if p.endswith(".html"))


# --- the files of a site -------------------------------------------------------------------


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_サイトのファイル構成(sites, on):
    assert site_files(sites[on]) == EXPECTED_FILES[on] | {".kaitei-site"}


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_マニフェストは書いたファイルを列挙する(sites, on):
    listed = (sites[on] / ".kaitei-site").read_text(encoding="utf-8").splitlines()
    assert listed == sorted(listed)
    assert set(listed) == EXPECTED_FILES[on]


def test_告知前の版はサイトにない(sites):
    """On 2025-08-01 smartme's revision (announced 2025-09-24) is nowhere: no folder, no notice, not
    named in any page."""
    site = sites[BEFORE]
    assert not any("2025-10-01" in path for path in site_files(site))
    for page in html_pages(site):
        text = (site / page).read_text(encoding="utf-8")
        assert "2025-10-01" not in text and "2025年10月1日" not in text, page
    history = lxml.html.parse(str(site / "smartme" / "history.html")).getroot()
    assert [tr.get("id") for tr in history.iter("tr") if tr.get("id")] == ["v-2025-04-01"]
    listing = (site / "index.html").read_text(encoding="utf-8")
    assert "smartme/notice.html" not in listing and "doko/notice.html" in listing


# --- the same bytes; a folder updated in place -----------------------------------------


def test_別フォルダへ二度公開すると同じバイト(store, sites, tmp_path):
    """A second publication, in another process with another hash seed, gives the same files."""
    again = tmp_path / "again"
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="12345")
    result = subprocess.run(
        [sys.executable, "-m", "kaitei", "publish", "--all", "-o", str(again), "--on", BEFORE, "--corpus", str(store)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert checksums(again) == checksums(sites[BEFORE])


def test_同じフォルダへ再公開すると何も書かない(updated):
    assert counts(updated["second"]) == {"written": 0, "unchanged": len(EXPECTED_FILES[AFTER]), "removed": 0}


def test_施行後の再公開でお知らせが消える(updated, sites):
    site = updated["site"]
    assert counts(updated["first"])["removed"] == 2  # doko/notice.html, doko/notice.pdf
    assert not (site / "doko" / "notice.html").exists() and not (site / "doko" / "notice.pdf").exists()
    assert (site / "smartme" / "notice.html").exists()
    # The folder is now the site of 2025-09-25, byte for byte, plus the user's file.
    assert checksums(site) == checksums(sites[AFTER]) | {"CNAME": hashlib.sha256(b"terms.example.jp\n").hexdigest()}


def test_利用者のファイルには触れない(updated):
    site = updated["site"]
    assert (site / "CNAME").read_bytes() == b"terms.example.jp\n"
    assert (site / "CNAME").stat().st_mtime_ns == updated["cname"].st_mtime_ns
    assert "CNAME" not in (site / ".kaitei-site").read_text(encoding="utf-8").splitlines()


# --- in Chromium -----------------------------------------------------------------------

COLLECT = """({
  hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  text: document.body.innerText,
  scripts: document.getElementsByTagName('script').length,
})"""


@pytest.fixture(scope="module")
def browsed(sites) -> dict[tuple[str, str], dict]:
    """Every page of both sites as Chromium shows it: errors, hrefs, ids, text, <script> count; with
    KAITEI_SCREENSHOTS set, screenshots of doko's pages go there."""
    if not Browser.available():
        pytest.skip("no Chromium installed")
    shots = Path(os.environ["KAITEI_SCREENSHOTS"]) if os.environ.get("KAITEI_SCREENSHOTS") else None
    seen = {}
    with Browser() as browser:
        for on, site in sites.items():
            for page_path in html_pages(site):
                with browser.open(site / page_path) as page:
                    seen[on, page_path] = page.evaluate(COLLECT) | {"errors": list(page.errors)}
                    if shots and page_path in ("doko/index.html", "doko/history.html", "doko/notice.html"):
                        shots.mkdir(parents=True, exist_ok=True)
                        page.screenshot(shots / f"{on}-{page_path.replace('/', '-').removesuffix('.html')}.png")
    return seen


@needs_browser
def test_どのページにもエラーがない(browsed):
    assert {key: info["errors"] for key, info in browsed.items() if info["errors"]} == {}


@needs_browser
def test_内部リンクはすべて解決する(browsed, sites):
    broken = []
    for (on, page_path), info in browsed.items():
        for href in info["hrefs"]:
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            parts = urllib.parse.urlsplit(href)
            assert not parts.scheme, f"{page_path}: {href}"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), urllib.parse.unquote(parts.path))) if parts.path else page_path
            if target.startswith("../") or not (sites[on] / target).is_file():
                broken.append(f"{on} {page_path}: {href} (no file {target})")
            elif parts.fragment and target.endswith(".html"):
                if urllib.parse.unquote(parts.fragment) not in browsed[on, target]["ids"]:
                    broken.append(f"{on} {page_path}: {href} (no id in {target})")
    assert broken == []


def article_anchors(path: Path) -> list[str]:
    """The ids of the main provision's 条 (renderer/terms_html.py: 第24条 a24, 第5条の2 a5_2, a range a55to63)."""
    anchors = ["a" + re.sub(r"[^0-9A-Za-z_]", "", a.num.replace(":", "to")) for a in corpus.read(path).articles()]
    assert len(anchors) == len(set(anchors)) and all(re.fullmatch(r"a\d+(_\d+)*", a) for a in anchors)
    return anchors


@needs_browser
def test_条ごとのidがある(browsed):
    old, new = article_anchors(SEED), article_anchors(REVISED)
    assert len(old) == 37 and len(new) == 38
    for key, anchors in {
        (BEFORE, "doko/index.html"): old,
        (AFTER, "doko/index.html"): new,
        (AFTER, "doko/versions/2025-06-01/terms.html"): old,
        (AFTER, "doko/versions/2025-09-01/terms.html"): new,
    }.items():
        ids = set(browsed[key]["ids"])
        assert [a for a in anchors if a not in ids] == [], key
    # A reference is a link to its article: 第16条第2項 cites 第15条 in the revision.
    assert "#a15" in browsed[AFTER, "doko/index.html"]["hrefs"]


@needs_browser
def test_scriptの文字列は文字として表示される(browsed):
    shown = {
        (BEFORE, "doko/versions/2025-09-01/terms.html"),
        (BEFORE, "doko/versions/2025-09-01/table.html"),
        (AFTER, "doko/index.html"),
        (AFTER, "doko/versions/2025-09-01/terms.html"),
        (AFTER, "doko/versions/2025-09-01/table.html"),
    }
    assert {key for key, info in browsed.items() if SCRIPT in info["text"]} == shown
    assert {key: info["scripts"] for key, info in browsed.items() if info["scripts"]} == {}
    assert [e for info in browsed.values() for e in info["errors"] if e.startswith("dialog:")] == []


# --- accessibility of the markup -------------------------------------------------------


def markup_problems(path: Path) -> list[str]:
    """What a screen reader user would stumble on: language, title, one h1, heading levels that go down
    one at a time, images with alt (tables: table_problems)."""
    root = lxml.html.parse(str(path)).getroot()
    problems = []
    if root.get("lang") != "ja":
        problems.append(f"html lang={root.get('lang')!r}")
    if not (root.findtext(".//head/title") or "").strip():
        problems.append("no <title>")
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"h{before} → h{after}")
    problems += [f"<img src={img.get('src')!r}> without alt" for img in root.iter("img") if img.get("alt") is None]
    return problems


def table_problems(path: Path) -> list[str]:
    """Data tables without a header cell (<th>); a layout table says so with role="presentation"/"none"."""
    root = lxml.html.parse(str(path)).getroot()
    return [
        "<table> without <th>: " + table.text_content().strip()[:40]
        for table in root.iter("table")
        if table.get("role") not in ("presentation", "none") and not table.findall(".//th")
    ]


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_ページのマークアップがアクセシブル(sites, on):
    found = {page: p for page in html_pages(sites[on]) if (p := markup_problems(sites[on] / page))}
    assert found == {}


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_表には見出しセルがある(sites, on):
    found = {page: p for page in html_pages(sites[on]) if (p := table_problems(sites[on] / page))}
    assert found == {}


# --- PDFs --------------------------------------------------------------------------------


def pdfs(site: Path) -> list[str]:
    return sorted(p for p in site_files(site) if p.endswith(".pdf"))


def created_on(on: str, pdf: str) -> str:
    """The creation date a PDF of the site must carry (CREATED of the version it prints)."""
    doc, rest = pdf.split("/", 1)
    if rest.startswith("versions/"):
        return CREATED[doc, rest.split("/")[1]]
    terms, notice = SHOWN[on, doc]
    return CREATED[doc, terms if rest == "terms.pdf" else notice]


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-isodates", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_文書のPDFは表示中の版のPDFと同じ(sites, on):
    for doc in ("doko", "smartme"):
        terms, notice = SHOWN[on, doc]
        site = sites[on]
        assert (site / doc / "terms.pdf").read_bytes() == (site / doc / "versions" / terms / "terms.pdf").read_bytes()
        assert (site / doc / "notice.pdf").exists() == (notice is not None)


@needs_poppler
@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_PDFにNotoCJKが埋め込まれている(sites, on):
    for pdf in pdfs(sites[on]):
        out = subprocess.run(["pdffonts", str(sites[on] / pdf)], capture_output=True, text=True, check=True).stdout
        fonts = [line.split() for line in out.splitlines()[2:]]
        assert fonts, pdf
        assert all(len(f) >= 7 and f[-5] == "yes" for f in fonts), (pdf, out)  # emb
        assert any("Noto" in f[0] and "CJK" in f[0] for f in fonts), (pdf, out)


@needs_poppler
@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_PDFの文書情報(sites, on):
    """Title set; CreationDate the version's 告知日 (else effective date) at 00:00 JST."""
    for pdf in pdfs(sites[on]):
        info = pdfinfo(sites[on] / pdf)
        assert info.get("Title"), pdf
        assert info["CreationDate"] in (f"{created_on(on, pdf)}T00:00:00+09", f"{created_on(on, pdf)}T00:00:00+09:00"), pdf


def pdf_catalog(data: bytes) -> bytes:
    """The document catalog of a PDF, found without a PDF library: the trailer's (or cross-reference
    stream's) /Root names an object, which is either written plainly (``N 0 obj … endobj``) or, as
    WeasyPrint writes it, compressed inside an object stream (/Type /ObjStm: a header of ``number
    offset`` pairs, then the objects from /First on), which is inflated with zlib."""
    root = int(re.findall(rb"/Root\s+(\d+)\s+0\s+R", data)[-1])
    plain = re.search(rb"(?<!\d)%d\s+0\s+obj(.*?)endobj" % root, data, re.S)
    if plain:
        return plain.group(1)
    for m in re.finditer(rb"<<((?:[^<>]|<<[^<>]*>>)*/Type\s*/ObjStm(?:[^<>]|<<[^<>]*>>)*)>>\s*stream\r?\n", data):
        head = m.group(1)
        body = zlib.decompress(data[m.end():data.index(b"endstream", m.end())])
        first = int(re.search(rb"/First\s+(\d+)", head).group(1))
        pairs = [int(n) for n in body[:first].split()]
        numbers, offsets = pairs[0::2], pairs[1::2]
        if root in numbers:
            i = numbers.index(root)
            end = first + offsets[i + 1] if i + 1 < len(offsets) else len(body)
            return body[first + offsets[i]:end]
    raise AssertionError(f"catalog {root} 0 obj not found")


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_PDFの言語はja(sites, on):
    for pdf in pdfs(sites[on]):
        catalog = pdf_catalog((sites[on] / pdf).read_bytes())
        assert re.search(rb"/Type\s*/Catalog", catalog), pdf
        assert re.search(rb"/Lang\s*\(ja\)", catalog), (pdf, catalog[:200])


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)  # pdftotext breaks lines where the PDF does


@needs_poppler
def test_改定後のPDFにscriptの文字列と新しい料金(sites):
    for on, pdf in ((AFTER, "doko/terms.pdf"), (BEFORE, "doko/versions/2025-09-01/terms.pdf"),
                    (BEFORE, "doko/versions/2025-09-01/table.pdf")):
        text = subprocess.run(["pdftotext", str(sites[on] / pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert squeezed(SCRIPT) in squeezed(text), pdf
        assert "1,180円" in text, pdf
    old = subprocess.run(["pdftotext", str(sites[BEFORE] / "doko/terms.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "1,078円" in old and "alert" not in old


@pytest.mark.skipif(not os.environ.get("KAITEI_SCREENSHOTS") or not shutil.which("pdftoppm"),
                    reason="KAITEI_SCREENSHOTS not set (or no pdftoppm)")
def test_PDFの画像を保存する(sites):
    """For a person to look at: the notice and the revised terms as PNG pages (60 dpi)."""
    shots = Path(os.environ["KAITEI_SCREENSHOTS"])
    shots.mkdir(parents=True, exist_ok=True)
    for on, pdf in ((BEFORE, "doko/notice.pdf"), (AFTER, "doko/terms.pdf"), (BEFORE, "doko/versions/2025-09-01/table.pdf")):
        stem = shots / f"{on}-{pdf.replace('/', '-').removesuffix('.pdf')}"
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(sites[on] / pdf), str(stem)], check=True)
    assert list(shots.glob("*.png"))
