"""tests/browser.py itself: headless Chromium over the DevTools pipe reports console errors,
exceptions, failed loads and dialogs, evaluates, takes screenshots, and never hangs or lingers."""

import socket
import struct
from pathlib import Path

import pytest
from browser import Browser, BrowserError, JavaScriptError

pytestmark = pytest.mark.skipif(not Browser.available(), reason="Chromium is not installed")

PNG = b"\x89PNG\r\n\x1a\n"
利用規約 = """<h1>サンプル利用規約</h1>
<h2>第1条（目的）</h2>
<p>この規約は、当社が提供するサービス（以下「本サービス」といいます。）の利用条件を定めるものです。</p>
<h2>第2条（定義）</h2>
<p>本規約において使用する用語の意義は、次の各号に定めるところによります。</p>"""


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


@pytest.fixture
def html(tmp_path):
    """Writes a page (``body`` inside a lang=ja document) and returns its path."""
    def write(body: str, title: str = "規約", name: str = "page.html") -> Path:
        path = tmp_path / name
        path.write_text(f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{title}</title>'
                        f"</head><body>{body}</body></html>", encoding="utf-8")
        return path
    return write


def test_clean_japanese_page_has_no_errors(browser, html):
    page = browser.open(html(利用規約, title="第1条"))
    assert page.errors == []
    assert page.evaluate("document.title") == "第1条"
    assert page.evaluate("document.documentElement.lang") == "ja"
    page.close()


def test_local_page_loads_local_stylesheet_and_image(browser, html, tmp_path):
    (tmp_path / "site.css").write_text("h1 { color: rgb(255, 0, 0) }")
    (tmp_path / "mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="12" height="7"/>')
    page = browser.open(html('<link rel="stylesheet" href="site.css"><h1>規約</h1><img src="mark.svg">'))
    assert page.errors == []
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(255, 0, 0)"
    assert page.evaluate("document.images[0].naturalWidth") == 12


def test_console_error_and_warning(browser, html):
    page = browser.open(html("<script>console.error('x'); console.warn('注意', 2); console.log('fine')</script>"))
    assert page.errors == ["console.error: x", "console.warning: 注意 2"]


def test_uncaught_exception(browser, html):
    page = browser.open(html("<script>throw new Error('boom')</script>"))
    assert len(page.errors) == 1
    assert page.errors[0].startswith("exception: Uncaught Error: boom (file://")


def test_errors_after_the_load_event_are_caught(browser, html):
    page = browser.open(html("<script>addEventListener('load', () => setTimeout(() => { throw new Error('late') }))"
                             "</script>"))
    assert [e.split(" (")[0] for e in page.errors] == ["exception: Uncaught Error: late"]


def test_missing_image_is_a_failed_load(browser, html):
    page = browser.open(html('<img src="missing.png">'))
    assert len(page.errors) == 1
    assert "net::ERR_FILE_NOT_FOUND" in page.errors[0] and page.errors[0].endswith("/missing.png)")


def test_dialogs_are_dismissed_and_recorded(browser, html):
    page = browser.open(html("<script>alert(1); document.title = String(confirm('続けますか'))</script>"))
    assert page.errors == ["dialog: alert: 1", "dialog: confirm: 続けますか"]
    assert page.evaluate("document.title") == "false"  # dismissed, not accepted


def test_evaluate(browser, html):
    page = browser.open(html("<p>本文</p>", title="題名"))
    assert page.evaluate("document.title") == "題名"
    assert page.evaluate("new Promise(r => setTimeout(() => r({n: [1, '二']}), 10))") == {"n": [1, "二"]}
    assert page.evaluate("undefined") is None
    with pytest.raises(JavaScriptError, match="Cannot read properties of null"):
        page.evaluate("null.x")
    assert page.errors == []  # a throwing evaluate raises; it is not a page error


def test_screenshot(browser, html, tmp_path):
    page = browser.open(html(利用規約 + '<div style="height: 2000px"></div>'))
    full = page.screenshot(tmp_path / "full.png")
    assert (tmp_path / "full.png").read_bytes() == full
    assert full.startswith(PNG)
    assert _png_size(full)[1] > 2000  # the whole page, beyond the 800 px window
    assert _png_size(page.screenshot(full_page=False)) == (1280, 800)


def test_viewport(browser, html):
    phone = '<meta name="viewport" content="width=device-width, initial-scale=1">'
    page = browser.open(html(phone + 利用規約), viewport=(390, 844), mobile=True)
    assert page.evaluate("innerWidth") == 390
    assert _png_size(page.screenshot(full_page=False)) == (390, 844)


def test_a_load_that_never_ends_times_out(browser, html):
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts connections, never answers
        port = silent.getsockname()[1]
        with pytest.raises(BrowserError, match="timed out after 1 s waiting for the load event"):
            browser.open(html(f'<img src="http://127.0.0.1:{port}/never.png">'), timeout=1)
    assert browser.open(html("<p>次</p>")).errors == []  # the browser is still fine


def test_missing_file():
    with pytest.raises(FileNotFoundError):
        Browser().open("/nonexistent/page.html")


def test_exit_kills_chromium_and_removes_the_profile_even_after_an_error():
    with pytest.raises(ZeroDivisionError):
        with Browser() as b:
            pid, folder = b.pid, b._folder
            1 / 0
    assert not Path(folder).exists()
    assert _alive_in_group(pid) == []


def _alive_in_group(group: int) -> list[int]:
    """The processes of a process group, zombies (exited, awaiting init) left out."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        fields = stat.rsplit(")", 1)[1].split()  # state, ppid, pgrp, …
        if fields[0] != "Z" and int(fields[2]) == group:
            alive.append(int(entry.name))
    return alive


def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])
