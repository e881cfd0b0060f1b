"""Static site writer: a document's published versions as the folder a company puts on its website —
the terms in force (HTML and PDF), every version with its 新旧対照表, the revision history (改定履歴) and
the notice of an announced change (改定のお知らせ) — as ``{path: bytes}``, the same bytes for the same
corpus and date.

Layout of one document's folder (the site root for ``kaitei publish DOC``, ``<doc>/`` under it with
``--all``, whose root ``index.html`` lists the documents)::

    index.html          the version in force on the date (before the first, the announced one)
    terms.pdf           the same, typeset
    history.html        every published version: 告知日, 施行日, its terms and table
    notice.html/.pdf    「<文書名>改定のお知らせ」, while a version is announced but not yet in force
    versions/<id>/terms.html, terms.pdf, table.html, table.pdf (the table against the version before)

Templates come from templates/ with the corpus's own ``templates/`` folder in front; ``[site]`` of
kaitei.toml names the publisher, footer, accent colour, logo and whether dates print in 和暦.
"""

from __future__ import annotations

import datetime
import hashlib
import posixpath
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.config import ACCENT, TableOptions
from corpus.dates import document_dates, format_date
from corpus.model import Document
from corpus.store import Corpus, Version
from diffing.compare import Comparison, compare
from diffing.summary import Change, summarize
from renderer.pdf import html_to_pdf
from renderer.table_html import write_table_html
from renderer.templating import environment
from renderer.terms_html import write_terms_html
from renderer.terms_layout import page_title, terms_blocks

LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass(slots=True)
class Edition:
    """One published version as the site shows it."""

    version: Version
    doc: Document
    state: str  # "past" | "live" | "upcoming" (announced, not yet in force)
    previous: Edition | None = None
    comparison: Comparison | None = None  # against ``previous``
    changes: list[Change] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return f"versions/{self.version.id}"


@dataclass(slots=True)
class Publication:
    """A document's editions on the publishing date, oldest first."""

    name: str  # the document's folder in the corpus
    title: str
    editions: list[Edition]
    enacted: datetime.date | None  # 制定日: as the first version states it, else its effective date

    @property
    def current(self) -> Edition:
        """The edition index.html shows: the one in force, else (before the first) the first announced."""
        live = [e for e in self.editions if e.state == "live"]
        return live[0] if live else self.editions[0]

    @property
    def upcoming(self) -> Edition | None:
        return next((e for e in self.editions if e.state == "upcoming"), None)

    @property
    def notice(self) -> Edition | None:
        """The revision a notice of change announces: the first upcoming version that replaces another."""
        upcoming = self.upcoming
        return upcoming if upcoming is not None and upcoming.previous is not None else None


@dataclass(slots=True)
class Settings:
    """How the pages look and speak: ``[site]`` of kaitei.toml and the override folder."""

    publisher: str = ""
    footer: str = ""
    accent: str = ACCENT
    logo: Path | None = None
    wareki: bool = False  # dates in 和暦 (令和7年10月1日)
    templates: Path | None = None
    table: TableOptions = field(default_factory=TableOptions)  # [table]: layout, labels, title, elision

    def date(self, d: datetime.date | None) -> str:
        """A date as the pages print it (2025年10月1日, or 令和7年10月1日); 「—」 for none."""
        return format_date(d, era=self.wareki) if d else "—"

    @classmethod
    def of(cls, store: Corpus) -> Settings:
        """The settings of ``store``: its kaitei.toml ``[site]`` and ``[table]`` (checked when it was
        opened: corpus.config) and its ``templates/`` folder."""
        site, folder = store.config.site, store.root / "templates"
        return cls(
            publisher=site.publisher,
            footer=site.footer,
            accent=site.accent,
            logo=store.root / site.logo if site.logo else None,
            wareki=site.wareki,
            templates=folder if folder.is_dir() else None,
            table=store.config.table,
        )


class PublishError(ValueError):
    """The corpus cannot be published as asked (no published version, a logo that is not there …)."""


# ---------------------------------------------------------------------------
# What is published


def collect(store: Corpus, name: str, on: datetime.date, read: Callable[[Version], Document]) -> Publication:
    """The published versions of document ``name`` of ``store`` a reader may see on ``on``."""
    return publication(name, store.document(name).get("title", ""), store.versions(name), on, read)


def publication(
    name: str, title: str, versions: list[Version], on: datetime.date, read: Callable[[Version], Document]
) -> Publication:
    """Of ``versions`` (oldest first) those a reader may see on ``on``: published ones in force or past,
    and those announced for a later date (a version with no announcement date is shown once in force);
    ``title`` is the document's, else the first version's."""
    shown = [
        v
        for v in versions
        if v.published
        and v.effective is not None
        and (v.effective <= on or (v.announced is not None and v.announced <= on))
    ]
    if not shown:
        raise PublishError(f"{name}: no published version in force or announced on {on} (kaitei add --publish)")
    live = max((v for v in shown if v.effective <= on), key=lambda v: v.effective, default=None)
    editions: list[Edition] = []
    for v in shown:
        state = "upcoming" if v.effective > on else "live" if v is live else "past"
        edition = Edition(v, read(v), state, editions[-1] if editions else None)
        if edition.previous is not None:
            edition.comparison = compare(edition.previous.doc, edition.doc, effective=v.effective)
            edition.changes = summarize(edition.comparison)
        editions.append(edition)
    first = editions[0]
    title = title or page_title(first.doc)
    enacted = document_dates(first.doc).get("enacted") or first.version.effective
    return Publication(name, title, editions, enacted)


# ---------------------------------------------------------------------------
# Pages


def site_files(publications: list[Publication], settings: Settings, *, listing: bool, jobs: int = 1) -> dict[str, bytes]:
    """Every file of the site, by path. With ``listing`` each document has a folder of its own and the
    root index.html lists them; otherwise the one document's pages are the site root. PDFs are typeset
    by ``jobs`` processes."""
    files: dict[str, bytes] = {}
    pdfs: dict[str, str] = {}  # path → the HTML it is typeset from
    logo = _logo(settings)
    for pub in publications:
        prefix = f"{pub.name}/" if listing else ""  # a corpus name is one safe path segment
        _document_pages(pub, settings, prefix, logo, files, pdfs)
    if listing:
        files["index.html"] = _page(settings, "site_index.html.j2", "index.html", logo, publications=publications)
    if logo is not None:
        files[logo[0]] = logo[1]
    files.update(_typeset(pdfs, jobs))
    return dict(sorted(files.items()))


def _document_pages(pub: Publication, settings: Settings, prefix: str, logo, files: dict, pdfs: dict) -> None:
    current, notice = pub.current, pub.notice
    common = {"pub": pub, "prefix": prefix}
    for e in pub.editions:
        folder = f"{prefix}{e.folder}"
        meta = _meta(pub, e, settings)
        dates = _printed_dates(pub, e, settings)
        blocks = terms_blocks(e.doc, links=True)
        for path in [f"{folder}/terms.html"] + ([f"{prefix}index.html"] if e is current else []):
            files[path] = _page(
                settings, "site_terms.html.j2", path, logo, **common, edition=e, dates=dates, blocks=blocks,
                archived=e is not current,
            )
        pdfs[f"{folder}/terms.pdf"] = write_terms_html(e.doc, links=False, templates=settings.templates, dates=dates, meta=meta).decode()
        if e is current:
            pdfs[f"{prefix}terms.pdf"] = pdfs[f"{folder}/terms.pdf"]
        if e.comparison is not None:
            back = posixpath.relpath(f"{prefix}history.html", folder)
            table = write_table_html(e.comparison, _table_options(pub, settings), templates=settings.templates, meta=meta, back=back)
            files[f"{folder}/table.html"] = table
            pdfs[f"{folder}/table.pdf"] = table.decode()
    files[f"{prefix}history.html"] = _page(settings, "site_history.html.j2", f"{prefix}history.html", logo, **common)
    if notice is not None:
        path = f"{prefix}notice.html"
        files[path] = _page(settings, "site_notice.html.j2", path, logo, **common, edition=notice)
        pdfs[f"{prefix}notice.pdf"] = _page(
            settings, "site_notice.html.j2", path, logo, **common, edition=notice, print=True,
            meta=_meta(pub, notice, settings, what="改定のお知らせ"),
        ).decode()


def _page(settings: Settings, template: str, path: str, logo, **context) -> bytes:
    """The page at site path ``path`` from ``template``; the template's ``href`` makes a site path relative
    to the page, ``date`` prints a date, ``print`` (for PDF) leaves out navigation and links."""
    here = posixpath.dirname(path)

    def href(target: str) -> str:
        return urllib.parse.quote(posixpath.relpath(target, here or "."))

    context = {"meta": {}, "print": False, "pub": None, "prefix": ""} | context
    return environment(settings.templates).get_template(template).render(
        settings=settings, date=settings.date, href=href, logo=logo[0] if logo else "", **context
    ).encode("utf-8")


def _printed_dates(pub: Publication, e: Edition, settings: Settings) -> list[str]:
    """The lines under the title: 制定日, and for a later version its 改定日 (the day it takes effect)."""
    lines = [f"制定日　{settings.date(pub.enacted)}"] if pub.enacted else []
    if e.previous is not None:
        lines.append(f"改定日　{settings.date(e.version.effective)}")
    return lines


def _meta(pub: Publication, e: Edition, settings: Settings, what: str = "") -> dict[str, str]:
    """PDF metadata from the version's own dates: created on its announcement (else effective) date,
    modified on its effective date, so that the same version always gives the same bytes."""
    v = e.version
    created = v.announced or v.effective
    meta = {
        "dcterms.created": f"{created.isoformat()}T00:00:00+09:00",
        "dcterms.modified": f"{v.effective.isoformat()}T00:00:00+09:00",
        "description": f"{pub.title}{what}（{v.effective.isoformat()} 施行）",
        "keywords": f"{pub.title}, {v.id}",
    }
    if settings.publisher:
        meta["author"] = settings.publisher
    return meta


def _table_options(pub: Publication, settings: Settings) -> TableOptions:
    """The table's options: kaitei.toml [table]; by default titled 「<文書名> 新旧対照表」 as the site calls it,
    its dates printed as the site prints dates (its column headers come from the stored effective date)."""
    title = settings.table.title if settings.table.title is not None else f"{pub.title} 新旧対照表"
    return replace(settings.table, title=title, wareki=settings.wareki)


def _logo(settings: Settings) -> tuple[str, bytes] | None:
    if settings.logo is None:
        return None
    suffix = settings.logo.suffix.lower()
    if suffix not in LOGO_SUFFIXES:
        raise PublishError(f"{settings.logo}: a logo must be one of {', '.join(LOGO_SUFFIXES)}")
    try:
        return f"logo{suffix}", settings.logo.read_bytes()
    except OSError as e:
        raise PublishError(f"{settings.logo}: cannot read the logo ({e.strerror})") from None


def _typeset(pdfs: dict[str, str], jobs: int) -> dict[str, bytes]:
    """Each page as PDF; the same HTML is typeset once."""
    unique = sorted(set(pdfs.values()), key=lambda h: hashlib.sha256(h.encode()).hexdigest())
    if jobs > 1 and len(unique) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(unique))) as pool:
            done = dict(zip(unique, pool.map(html_to_pdf, unique)))
    else:
        done = {h: html_to_pdf(h) for h in unique}
    return {path: done[html] for path, html in pdfs.items()}
