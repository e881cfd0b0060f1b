"""corpus.source: bytes of a file in, text and the name of its encoding out; bad input → SourceError."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus.source
from conftest import SHARED
from corpus.errors import SourceError
from corpus.source import decode, is_xml, japanese_score, read_bytes

SEED = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"  # encodable in CP932 and EUC-JP alike
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SEED_TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + SEED_TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + SEED_TEXT.encode("utf-16-be"), "utf-16-be"),
        (SEED_TEXT.encode("cp932"), "cp932"),
        (SEED_TEXT.encode("shift_jis"), "cp932"),  # Shift_JIS is a subset of CP932
        (SEED_TEXT.encode("euc-jp"), "euc-jp"),
        (SEED_TEXT.encode("iso-2022-jp"), "iso-2022-jp"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp932", "shift_jis", "euc-jp", "jis"],
)
def test_seed_decodes_to_the_same_text_in_every_encoding(data, encoding):
    assert decode(data) == (SEED_TEXT, encoding)


def test_cp932_only_characters_decode_as_cp932():
    text = "第1条 ①本規約は㈱テストが定めます。"  # ① ㈱ are not in EUC-JP
    assert decode(text.encode("cp932")) == (text, "cp932")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_passage_of_a_document_round_trips_through_legacy_encodings(data):
    start = data.draw(st.integers(0, len(SEED_TEXT) - 60))
    end = data.draw(st.integers(start + 60, min(len(SEED_TEXT), start + 2000)))
    passage = SEED_TEXT[start:end]
    if not passage.strip():
        return
    for codec in ("cp932", "euc-jp"):
        assert decode(passage.encode(codec)) == (passage, codec)


def test_japanese_score_prefers_kana_over_mojibake():
    euc = "利用規約に同意します".encode("euc-jp")
    assert japanese_score(euc.decode("euc-jp")) > japanese_score(euc.decode("cp932"))


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_become_lf_and_line_count_is_kept(newline):
    text = "第1条（目的）\n本規約は、\n\n以上\n"
    decoded, _ = decode(text.replace("\n", newline).encode("utf-8"))
    assert decoded == text


def test_text_is_otherwise_unchanged():
    text = "\u3000第１条\t(目的) \f⽤語  \u00a0end"  # full-width space, tab, FF, radical ⽤, NBSP
    assert decode(text.encode("utf-8"))[0] == text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"PK\x03\x04\x00\x00binary", "binary file (NUL bytes)"),
        ("第1条 Terms".encode("utf-16-le"), "binary file (NUL bytes)"),  # UTF-16 without BOM
        (b"\x81\x81\xff\xfe\xfd", "cannot decode"),
        (bytes(range(1, 256)), "cannot decode"),
        (b"\xff\xfe\x00\xd8", "cannot decode"),  # UTF-16 with BOM, then a lone surrogate
    ],
)
def test_bad_bytes_raise_one_clear_message(data, message):
    with pytest.raises(SourceError) as e:
        decode(data, "x.txt")
    assert str(e.value).startswith("x.txt: ")
    assert message in str(e.value)
    assert "\n" not in str(e.value)


def test_read_bytes_missing_file(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_bytes(tmp_path / "missing.txt")


def test_read_bytes_directory(tmp_path):
    with pytest.raises(SourceError, match="is a directory"):
        read_bytes(tmp_path)


def test_read_bytes_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus.source, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(SourceError, match="file too large"):
        read_bytes(path)
    path.write_bytes(b"x" * 10)
    assert read_bytes(path) == b"x" * 10
    with pytest.raises(SourceError, match="file too large"):
        decode(b"y" * 11)


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (b"<?xml version='1.0'?><Law/>", "-", True),
        (b"\xef\xbb\xbf  \n<Law Era='Showa'>", "a.txt", True),
        ("<?xml version='1.0'?>".encode("utf-16"), "-", True),  # with its BOM
        (b"anything", "law.XML", True),
        (SEED_TEXT.encode("utf-8"), "seed.txt", False),
        (b"<p>html</p>", "page.html", False),
    ],
)
def test_is_xml(data, name, expected):
    assert is_xml(data, name) is expected


def test_real_law_text_decodes_as_utf8():
    law = SHARED / "laws" / "359AC0000000086_20230616_504AC0000000070.txt"
    text, encoding = decode(read_bytes(law))
    assert encoding == "utf-8"
    assert text.startswith("電気通信事業法\n")
