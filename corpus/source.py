"""Bytes in, text out: reads a source file and decodes it (UTF-8, UTF-16, CP932/Shift_JIS, EUC-JP).

Bad input raises SourceError with one message a user can act on. Line endings become "\\n"
(CRLF and lone CR alike) so that line numbers count the same in every encoding; nothing else
in the text is changed.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from corpus.errors import SourceError

MAX_BYTES = 50 * 1024 * 1024  # far above any terms document or law (the largest law is ~5 MB)

# Byte order marks, longest first; the name is the codec that decodes the rest.
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# CP932 and EUC-JP decode almost any bytes, so a legacy decoding counts only without these:
# control characters (tab, LF, VT, FF, CR and DOS's EOF ^Z are fine) and what Python's cp932
# makes of bytes that are no characters (0x80, 0xA0, 0xFD-0xFF).
NOT_TEXT = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f\uf8f0-\uf8f3]")

# Without a BOM, the legacy Japanese encodings a document may come in, tried after UTF-8.
# CP932 is Microsoft's Shift_JIS (a superset: ① Ⅰ ㈱ …); it wins ties.
LEGACY = ("cp932", "euc-jp")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, or SourceError naming the path and what is wrong with it."""
    name = os.fspath(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file (ファイルがありません)") from None
    except NotADirectoryError:
        raise SourceError(f"{name}: no such file (ファイルがありません)") from None
    except PermissionError:
        raise SourceError(f"{name}: permission denied (読み取り権限がありません)") from None
    except OSError as e:
        raise SourceError(f"{name}: cannot read: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceError(f"{name}: is a directory, not a document (フォルダです)")
    if stat.S_ISREG(st.st_mode) and st.st_size > MAX_BYTES:
        raise SourceError(_too_large(name, st.st_size))
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # bounded even for pipes and devices
    except PermissionError:
        raise SourceError(f"{name}: permission denied (読み取り権限がありません)") from None
    except OSError as e:
        raise SourceError(f"{name}: cannot read: {e.strerror}") from None
    if len(data) > MAX_BYTES:
        raise SourceError(_too_large(name, len(data)))
    return data


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """``(text, encoding)`` for the bytes of a text document; ``name`` prefixes error messages.

    The encoding is a Python codec name: utf-8, utf-8-sig (UTF-8 with BOM), utf-16-le,
    utf-16-be (both with BOM), iso-2022-jp, cp932 or euc-jp. Without a BOM, UTF-8 is taken
    when it decodes strictly; otherwise whichever of CP932 and EUC-JP decodes strictly, and
    when both do, the one whose text looks more like Japanese.
    """
    prefix = f"{name}: " if name else ""
    if not data:
        raise SourceError(f"{prefix}empty file (空のファイルです)")
    if len(data) > MAX_BYTES:
        raise SourceError(_too_large(name or "input", len(data)))
    text, encoding = _decode(data)
    if text is None:
        raise SourceError(
            f"{prefix}cannot decode: not UTF-8, UTF-16, Shift_JIS or EUC-JP"
            " (文字コードを判別できません)"
        )
    if "\x00" in text:  # UTF-16 without BOM, UTF-32, images, archives …
        raise SourceError(
            f"{prefix}binary file (NUL bytes) — not a text document (テキストではありません)"
        )
    if not text.strip():
        raise SourceError(f"{prefix}empty file: no text (空のファイルです)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _decode(data: bytes) -> tuple[str | None, str]:
    """The strict decoding and its codec, or ``(None, "")``; NUL bytes pass through as text."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec.removesuffix("-sig")), codec
            except UnicodeDecodeError:
                return None, ""
    if b"\x00" in data:  # binary; decode() says so
        return data.decode("latin-1"), ""
    if b"\x1b$" in data:  # ISO-2022-JP (JIS, old mail) is 7-bit: test it before UTF-8
        try:
            return data.decode("iso-2022-jp"), "iso-2022-jp"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = []
    for codec in LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not NOT_TEXT.search(text):
            decoded.append((text, codec))
    if not decoded:
        return None, ""
    # max() keeps the first of equal scores, so CP932 wins ties.
    return max(decoded, key=lambda pair: japanese_score(pair[0]))


def japanese_score(text: str) -> int:
    """How plausible ``text`` is as Japanese: kana and kanji count up, mojibake counts down.

    A wrong guess between CP932 and EUC-JP yields half-width katakana, C1 controls, private-use
    or rare symbols where the right one yields hiragana and common kanji.
    """
    score = 0
    for ch in text:
        c = ord(ch)
        if c < 0x80:
            continue
        if 0x3041 <= c <= 0x309F:  # ひらがな
            score += 2
        elif 0x30A0 <= c <= 0x30FF or 0x4E00 <= c <= 0x9FFF:  # カタカナ, 漢字
            score += 1
        elif 0x3000 <= c <= 0x303F or 0xFF01 <= c <= 0xFF5E:  # 、。「」 and full-width ASCII
            score += 1
        else:  # ｱｲｳ half-width kana, C1 controls, private use, rare symbols
            score -= 2
    return score


def _too_large(name: str, size: int) -> str:
    return (
        f"{name}: file too large ({size / 1024 / 1024:.0f} MB; the limit is"
        f" {MAX_BYTES // 1024 // 1024} MB) (ファイルが大きすぎます)"
    )


def is_xml(data: bytes, name: str = "") -> bool:
    """True for an e-Gov XML document: a ``.xml`` name, or content opening with ``<?xml``/``<Law``."""
    if Path(name).suffix.lower() == ".xml":
        return True
    head = data[:256]
    for bom, codec in BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            if codec.startswith("utf-16"):
                head = head.decode(codec, "ignore").encode("ascii", "ignore")
            break
    head = head.lstrip()
    return head.startswith(b"<?xml") or head.startswith(b"<Law")
