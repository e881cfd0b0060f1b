"""Test helper: an office file as LibreOffice prints it (soffice → PDF), and the text of one table
column of that PDF (poppler's pdftotext, cropped to the column). Skips when soffice is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def to_pdf(data: bytes, name: str, folder: Path) -> Path:
    """``data`` saved as ``folder/name`` and converted to PDF by LibreOffice (a private profile, so
    that a LibreOffice already running elsewhere does not get in the way)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = folder / name
    source.write_bytes(data)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return source.with_suffix(".pdf")


def poppler(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} not found: install poppler-utils")
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


MARGIN = 30  # points at the head and foot of a page left out: running header, page number


def text_columns(pdf: Path, left_label: str, right_label: str) -> tuple[str, str]:
    """The text of the two equally wide columns headed ``left_label`` and ``right_label`` on every
    page, whitespace removed. Their extent comes from where the headers are printed (centred in
    their column) on page 1; the text is pdftotext's, cropped to each column in turn."""
    centres = [_centre(pdf, label) for label in (left_label, right_label)]
    half = (centres[1] - centres[0]) / 2
    height = float(re.search(r"Page size:\s+[\d.]+ x ([\d.]+)", poppler("pdfinfo", str(pdf))).group(1))
    crop = ["-y", str(MARGIN), "-W", str(int(2 * half)), "-H", str(int(height) - 2 * MARGIN)]
    return tuple(squeeze(poppler("pdftotext", "-x", str(int(c - half)), *crop, str(pdf), "-")) for c in centres)


def squeeze(text: str) -> str:
    """``text`` without whitespace (line breaks, the spaces LibreOffice sets between Japanese and Latin)."""
    return "".join(text.split())


def _centre(pdf: Path, label: str) -> float:
    """The horizontal centre of ``label`` on page 1 (it may come out as several words)."""
    html = poppler("pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-")
    words = [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)]
    target = squeeze(label)
    for i, (x0, y0, _, _) in enumerate(words):
        joined = ""
        for x0_, y0_, x1, w in words[i:]:
            if abs(y0_ - y0) > 1:
                break
            joined += w
            if joined == target:
                return (x0 + x1) / 2
            if not target.startswith(joined):
                break
    raise AssertionError(f"{label!r} not found on page 1 of {pdf.name}")
