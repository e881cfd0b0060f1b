"""CJK look-alikes mapped back: the table checked against Unicode's decompositions, against the
Japanese Noto fonts that cause the look-alikes, and on real documents that carry them."""

import unicodedata
from pathlib import Path

import pytest
from conftest import SHARED

from corpus.normalize import KANGXI_OVERRIDES, LOOKALIKES, SUPPLEMENT_LOOKALIKES, map_lookalikes

REALWORLD = SHARED / "realworld"
KANGXI = [chr(cp) for cp in range(0x2F00, 0x2FE0) if unicodedata.category(chr(cp)) != "Cn"]
SUPPLEMENT = dict(zip(SUPPLEMENT_LOOKALIKES[::2], SUPPLEMENT_LOOKALIKES[1::2]))
NOTO = [Path("/usr/share/fonts/opentype/noto") / f for f in ("NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc")]


def is_ideograph(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH-")


def test_examples():
    assert map_lookalikes("本規約の適⽤対象") == "本規約の適用対象"
    assert map_lookalikes("国⺠生活") == "国民生活"
    assert map_lookalikes("部⻑") == "部長"
    assert map_lookalikes("⼾籍") == "戸籍"
    # NFKC alone maps the Kangxi radical but leaves the supplement's look-alike
    assert unicodedata.normalize("NFKC", "⺠⽤") == "⺠用"


def test_every_kangxi_radical_maps_to_its_ideograph():
    assert len(KANGXI) == 214
    for radical in KANGXI:
        target = LOOKALIKES[ord(radical)]
        assert is_ideograph(target), radical
        assert target == KANGXI_OVERRIDES.get(radical, unicodedata.normalize("NFKC", radical)), radical


def test_supplement_table_is_well_formed():
    assert len(SUPPLEMENT_LOOKALIKES) % 2 == 0 and len(SUPPLEMENT) == len(SUPPLEMENT_LOOKALIKES) // 2
    for radical, ideograph in SUPPLEMENT.items():
        assert 0x2E80 <= ord(radical) <= 0x2EFF and unicodedata.name(radical).startswith("CJK RADICAL"), radical
        assert is_ideograph(ideograph), (radical, ideograph)
        assert LOOKALIKES[ord(radical)] == ideograph
    # where Unicode gives a decomposition, the table agrees with it
    for radical in ("⺟", "⻳"):
        assert SUPPLEMENT[radical] == unicodedata.normalize("NFKC", radical)


def test_compatibility_ideographs():
    # KS X 1001 duplicates (the same character encoded twice for Korean readings): mapped, as NFC does
    for cp in range(0xF900, 0xFA0E):
        assert LOOKALIKES[cp] == unicodedata.normalize("NFC", chr(cp))
    # JIS X 0213 variants and unified ideographs in the compatibility block are the author's choice: kept
    assert map_lookalikes("神﨑塚") == "神﨑塚"
    assert all(cp not in LOOKALIKES for cp in range(0xFA0E, 0xFB00))


def test_ordinary_text_is_unchanged():
    text = "第1条（目的）本規約は、当社が提供する本サービスの利用条件を定めます。ＡＢＣ①㈱"
    assert map_lookalikes(text) == text
    assert all(is_ideograph(t) for t in LOOKALIKES.values())


@pytest.mark.parametrize(
    "path, radicals",
    [
        ("shinonome-shugyo-kisoku/0087047cea208076fac93b391d9b834bbe227c1b.md", "⼀⼿⽇⽉⽋⽌⽤"),
        ("virtuallivelab-kaisoku/296cf9734ddc10a30b9cf863d6a2506aaa0914b8.md", "⻑"),
    ],
)
def test_real_documents_copied_from_pdfs(path, radicals):
    text = (REALWORLD / path).read_text(encoding="utf-8")
    assert set(radicals) <= set(text)
    mapped = map_lookalikes(text)
    assert not any(0x2E80 <= ord(ch) <= 0x2FDF for ch in mapped)
    assert len(mapped) == len(text)
    assert ("採用" in mapped and "欠勤" in mapped) if "⽤" in radicals else ("部長" in mapped and "議長" in mapped)


def _shared_glyphs(path: Path) -> dict[str, set[str]]:
    """For the Japanese face of a Noto CJK collection: each radical → ideographs drawn with its glyph."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    font = next(f for f in ttlib.TTCollection(str(path), lazy=True).fonts if "JP" in f["name"].getDebugName(4))
    cmap = font.getBestCmap()
    by_glyph: dict[str, set[str]] = {}
    for cp, glyph in cmap.items():
        by_glyph.setdefault(glyph, set()).add(chr(cp))
    return {
        chr(cp): {ch for ch in by_glyph[cmap[cp]] if is_ideograph(ch)} for cp in range(0x2E80, 0x2FE0) if cp in cmap
    }


@pytest.mark.skipif(not all(p.exists() for p in NOTO), reason="Noto CJK fonts not installed")
def test_table_is_what_japanese_fonts_draw_alike():
    """The look-alikes come from fonts that draw a radical and an ideograph with one glyph."""
    sans, serif = (_shared_glyphs(p) for p in NOTO)
    for radical, ideograph in SUPPLEMENT.items():
        assert ideograph in sans.get(radical, set()) | serif.get(radical, set()), radical
    # and every supplement radical either font draws as an ideograph is in the table
    drawn_alike = {r for font in (sans, serif) for r, same in font.items() if same and "\u2e80" <= r <= "\u2eff"}
    assert drawn_alike <= set(SUPPLEMENT)
    for radical in KANGXI:
        same = sans.get(radical, set()) | serif.get(radical, set())
        assert not same or LOOKALIKES[ord(radical)] in same, radical  # ⼾ is drawn as 戸, not 戶
