"""What the DOCX and XLSX writers share: packages made reproducible (the same comparison gives the
same bytes) and text made fit for XML.

python-docx and openpyxl stamp every zip entry with the clock time, and openpyxl the package's
modified date too; ``reproducible`` rewrites the package with one fixed time throughout: the day
the new version takes effect, or a constant when the documents do not say.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from lxml import etree

UNDATED = datetime.datetime(2000, 1, 1)  # when the comparison names no effective date
CORE = "docProps/core.xml"
DCTERMS = "{http://purl.org/dc/terms/}"
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(s: str) -> str:
    """``s`` without the characters XML 1.0 cannot carry (a form feed or other control character
    from a PDF extract): as in the e-Gov XML writer, they are not written."""
    return NOT_XML.sub("", s)


def package_time(day: datetime.date | None) -> datetime.datetime:
    """The time written into a package: midnight of ``day`` (the effective date), else ``UNDATED``."""
    return datetime.datetime.combine(day, datetime.time()) if day is not None else UNDATED


def reproducible(package: bytes, when: datetime.datetime) -> bytes:
    """``package`` rewritten with every entry dated ``when`` and created = modified = ``when`` in its
    core properties; entries keep their order and content otherwise."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == CORE:
                data = _dated(data, when)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # as Office writes it, whatever system this runs on
            entry.external_attr = 0
            target.writestr(entry, data)
    return out.getvalue()


def _dated(core: bytes, when: datetime.datetime) -> bytes:
    root = etree.fromstring(core)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in ("created", "modified"):
        element = root.find(DCTERMS + name)
        if element is None:
            element = etree.SubElement(root, DCTERMS + name)
            element.set("{http://www.w3.org/2001/XMLSchema-instance}type", "dcterms:W3CDTF")
        element.text = stamp
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
