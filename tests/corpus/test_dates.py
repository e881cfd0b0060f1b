"""corpus.dates: 西暦/和暦 dates as printed, the phrases that carry them, a document's dates."""

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from conftest import SHARED
from corpus.dates import DatePhrase, FoundDate, document_dates, find_date_phrases, find_dates, parse_date
from corpus.model import Document, Node

# --- parse_date ----------------------------------------------------------------


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("2025年6月1日", date(2025, 6, 1)),
        ("2025/6/1", date(2025, 6, 1)),
        ("2025-06-01", date(2025, 6, 1)),
        ("2025.6.1", date(2025, 6, 1)),
        ("２０２５年６月１日", date(2025, 6, 1)),
        ("２０２５／６／１", date(2025, 6, 1)),
        ("二〇二五年六月一日", date(2025, 6, 1)),
        ("二○二五年六月一日", date(2025, 6, 1)),
        ("千九百七十年六月十九日", date(1970, 6, 19)),
        ("2022年 6月 15日", date(2022, 6, 15)),
        ("2023年 10 月 3日", date(2023, 10, 3)),
        ("2025年10月1日(水)", date(2025, 10, 1)),
        ("2025年10月1日（水曜日）", date(2025, 10, 1)),
        ("2025年10月1日 (水曜)", date(2025, 10, 1)),
        (" 2025年6月1日 ", date(2025, 6, 1)),
        ("令和7年10月1日", date(2025, 10, 1)),
        ("令和０５年０４月２４日", date(2023, 4, 24)),
        ("平成30年6月05日", date(2018, 6, 5)),
        ("平成15 年5月30日", date(2003, 5, 30)),
        ("昭和五十九年十二月二十五日", date(1984, 12, 25)),
        ("昭和三十四年四月十三日", date(1959, 4, 13)),
        ("大正十二年九月一日", date(1923, 9, 1)),
        ("明治二十九年四月二十七日", date(1896, 4, 27)),
        ("平14.3.1", date(2002, 3, 1)),
        ("H14.3.1", date(2002, 3, 1)),
        ("R7.10.1", date(2025, 10, 1)),
        ("Ｒ７．１０．１", date(2025, 10, 1)),
        ("H14/3/1", date(2002, 3, 1)),
    ],
)
def test_parse_date(printed, expected):
    assert parse_date(printed) == expected


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("令和元年5月1日", date(2019, 5, 1)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("昭和元年12月25日", date(1926, 12, 25)),
        ("大正元年7月30日", date(1912, 7, 30)),
        ("明治元年1月1日", date(1868, 1, 1)),
        ("R元.5.1", date(2019, 5, 1)),
    ],
)
def test_元年(printed, expected):
    assert parse_date(printed) == expected


def test_平成から令和への境目():
    assert parse_date("平成31年4月30日") == date(2019, 4, 30)
    assert parse_date("平成31年5月1日") is None  # that day is 令和元年5月1日
    assert parse_date("令和元年5月1日") == date(2019, 5, 1)
    assert parse_date("令和元年4月30日") is None  # still 平成


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("昭和64年1月8日", None),
        ("平成元年1月7日", None),
        ("大正15年12月24日", date(1926, 12, 24)),
        ("大正15年12月25日", None),
        ("明治45年7月29日", date(1912, 7, 29)),
        ("明治45年7月30日", None),
    ],
)
def test_era_boundaries(printed, expected):
    assert parse_date(printed) == expected


def test_e_gov_short_form():
    """e-Gov amendment headings write day and month positionally: 平成元年六月二八日."""
    assert parse_date("平成元年六月二八日") == date(1989, 6, 28)
    assert parse_date("昭和三七年五月一六日") == date(1962, 5, 16)
    assert parse_date("令和五年六月一四日") == date(2023, 6, 14)
    assert parse_date("平成一一年一二月八日") == date(1999, 12, 8)


@pytest.mark.parametrize(
    "printed",
    [
        "2025年2月30日",  # no such day
        "2025年13月1日",
        "2023年2月29日",
        "令和0年1月1日",
        "元年5月1日",  # 元年 needs an era
        "5年3月1日",  # a year without an era is no date
        "2025/6-1",  # mixed separators
        "2025年6月",
        "2025年6月1日現在",  # not wholly a date
        "第5条",
        "",
    ],
)
def test_parse_date_rejects(printed):
    assert parse_date(printed) is None


def test_leap_day():
    assert parse_date("2024年2月29日") == date(2024, 2, 29)
    assert parse_date("令和6年2月29日") == date(2024, 2, 29)


# --- find_dates ----------------------------------------------------------------


def test_find_dates_offsets():
    text = "本規約は、2023年 10 月 3日より適用します。"
    assert find_dates(text) == [FoundDate(date(2023, 10, 3), 5, 18)]
    assert text[5:18] == "2023年 10 月 3日"


def test_find_dates_several():
    text = "初版は2022年12月11日、改訂はR7.3.21、令和8年5月9日(土)です。"
    found = find_dates(text)
    assert [f.date for f in found] == [date(2022, 12, 11), date(2025, 3, 21), date(2026, 5, 9)]
    assert [text[f.start : f.end] for f in found] == ["2022年12月11日", "R7.3.21", "令和8年5月9日(土)"]


def test_find_dates_skips_invalid_and_non_dates():
    text = "2025年2月30日、契約期間は5年3月1日まで、バージョン1.2.3、IP 192.168.1.1"
    assert find_dates(text) == []


def test_find_dates_does_not_cross_lines():
    assert find_dates("2025年\n6月1日") == []


def test_found_date_is_frozen():
    found = FoundDate(date(2025, 1, 1), 0, 9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.start = 1  # type: ignore[misc]


def test_find_dates_every_era_date_of_a_law():
    """Every 和暦 date of an e-Gov law text (附則 headings, 施行期日) is found."""
    import re

    text = (SHARED / "laws" / "334AC0000000121_20250616_504AC0000000068.txt").read_text("utf-8")
    printed = [m.start() for m in re.finditer(r"(?:明治|大正|昭和|平成|令和)[^年\n]{1,4}年[^月\n]{1,3}月[^日\n]{1,4}日", text)]
    assert len(printed) > 100
    assert [f.start for f in find_dates(text) if text[f.start] in "明大昭平令"] == printed


# --- find_date_phrases ---------------------------------------------------------


def phrases(text):
    return [(p.role, p.date, text[p.start : p.end]) for p in find_date_phrases(text)]


@pytest.mark.parametrize(
    "text, role, day, span",
    [
        ("制定日 2025年6月1日", "enacted", date(2025, 6, 1), "制定日 2025年6月1日"),
        ("制定：2025年6月1日", "enacted", date(2025, 6, 1), "制定：2025年6月1日"),
        ("2025年6月1日 制定", "enacted", date(2025, 6, 1), "2025年6月1日 制定"),
        ("改定日 2025年6月1日", "revised", date(2025, 6, 1), "改定日 2025年6月1日"),
        ("改訂日：2025年6月1日", "revised", date(2025, 6, 1), "改訂日：2025年6月1日"),
        ("改正日 令和7年6月1日", "revised", date(2025, 6, 1), "改正日 令和7年6月1日"),
        ("最終改定日：2025年6月1日", "revised", date(2025, 6, 1), "最終改定日：2025年6月1日"),
        ("最終改訂日 2025/6/1", "revised", date(2025, 6, 1), "最終改訂日 2025/6/1"),
        ("2025年6月1日改定", "revised", date(2025, 6, 1), "2025年6月1日改定"),
        ("最終更新日：2026年3月14日", "updated", date(2026, 3, 14), "最終更新日：2026年3月14日"),
        ("更新日 2026年3月14日", "updated", date(2026, 3, 14), "更新日 2026年3月14日"),
        ("内容現在 2022年 6月 15日", "as_of", date(2022, 6, 15), "内容現在 2022年 6月 15日"),
        ("2022年6月15日現在", "as_of", date(2022, 6, 15), "2022年6月15日現在"),
        ("2025年10月1日版", "edition", date(2025, 10, 1), "2025年10月1日版"),
        ("本規約は、2025年4月1日から施行します。", "effective", date(2025, 4, 1), "2025年4月1日から施行"),
        ("この規約は、令和7年4月1日より施行する。", "effective", date(2025, 4, 1), "令和7年4月1日より施行"),
        ("本規約は、2025年4月1日から適用します。", "effective", date(2025, 4, 1), "2025年4月1日から適用"),
        ("本規約は、2025年4月1日より適用します。", "effective", date(2025, 4, 1), "2025年4月1日より適用"),
        ("本規約は、2025年4月1日から実施します。", "effective", date(2025, 4, 1), "2025年4月1日から実施"),
        ("本規約は、2025年4月1日をもって施行します。", "effective", date(2025, 4, 1), "2025年4月1日をもって施行"),
        ("施行日 2025年4月1日", "effective", date(2025, 4, 1), "施行日 2025年4月1日"),
        ("効力発生日：2025年4月1日", "effective", date(2025, 4, 1), "効力発生日：2025年4月1日"),
    ],
)
def test_phrase_roles(text, role, day, span):
    assert phrases(text) == [(role, day, span)]


def test_phrase_is_frozen_and_named_both_ways():
    from corpus.dates import DatedPhrase

    assert DatedPhrase is DatePhrase
    phrase = find_date_phrases("制定日 2025年6月1日")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        phrase.role = "revised"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "2025年10月1日以降の身分証サービスの新規または追加利用の申込",  # content, not the document's date
        "本法人の最初の事業年度は、本法人の設立の日から平成29年7月31日までとする。",
        "平成28年8月16日",  # a bare date (signature) carries no role
        "制定日\n2025年6月1日",  # label and date on different lines
        "変更後の本規約の効力発生日の1ヵ月前までに",  # no date
    ],
)
def test_no_phrase(text):
    assert phrases(text) == []


def test_listed_dates_share_the_role():
    text = "この規約の初版は2022年12月11日に発行され、2025年3月21日、2026年5月9日に一部内容を改訂しました。"
    assert phrases(text) == [
        ("enacted", date(2022, 12, 11), "初版は2022年12月11日"),
        ("revised", date(2025, 3, 21), "2025年3月21日"),
        ("revised", date(2026, 5, 9), "2026年5月9日に一部内容を改訂"),
    ]


def test_附則_heading_date_is_the_amendment():
    assert phrases("附　則　（昭和三七年五月一六日法律第一四〇号）　抄") == [
        ("revised", date(1962, 5, 16), "附　則　（昭和三七年五月一六日")
    ]


def line_of(path: Path, needle: str) -> str:
    """The one line of a real file containing ``needle`` (so the test reads the file as it is)."""
    lines = [line for line in path.read_text("utf-8").splitlines() if needle in line]
    assert len(lines) == 1, (path, needle, lines)
    return lines[0]


@pytest.mark.parametrize(
    "path, needle, expected",
    [
        ("seeds/000_2e34f86ba2085a25.txt", "より適用します", [("effective", date(2023, 10, 3))]),
        ("seeds/001_7e37787a9c4c9856.txt", "制定日", [("enacted", date(2025, 6, 1))]),
        ("seeds/003_6d57037df9dc73c4.txt", "内容現在", [("as_of", date(2022, 6, 15))]),
        ("seeds/004_ec76f26cbf587fd9.txt", "【現改比較表】", [("as_of", date(2025, 10, 1))]),
        ("seeds/004_ec76f26cbf587fd9.txt", "附 則(", [("revised", date(2025, 9, 24))]),
        ("seeds/004_ec76f26cbf587fd9.txt", "から実施します", [("effective", date(2025, 10, 1))]),
        ("realworld/ichisan-terms-txt/0b303b9ad3dd470c95b41d70925d53be3cfa8017.txt", "制定】", [("enacted", date(2023, 1, 25))]),
        ("realworld/ichisan-terms-txt/0b303b9ad3dd470c95b41d70925d53be3cfa8017.txt", "改定】", [("revised", date(2023, 3, 25))]),
        ("realworld/yawaraka-tos-tsx/e68b55641c3ecbd2121e74209b66b3d8e6914bf9.tsx", " 制定</p>", [("enacted", date(2025, 2, 16))]),
        ("realworld/sumric-terms-html/769a1c42b1f12751ae12e33a838d9c76b6d26c2b.html", "最終更新日", [("updated", date(2026, 3, 14))]),
        ("realworld/lingssoft-terms-json/1150c31412e03e124bff958c13227bb9de40ceca.json", "最終更新", [("updated", date(2024, 7, 15))]),
        ("realworld/strollia-terms-md/c2f48394a21b0ca204c67d7c6ebe52ae4f99fde6.md", "最終更新日", [("updated", date(2026, 6, 10))]),
        ("realworld/shinonome-shugyo-kisoku/0087047cea208076fac93b391d9b834bbe227c1b.md", "一部改訂し", [("effective", date(2023, 4, 1))]),
        ("realworld/virtuallivelab-kaisoku/296cf9734ddc10a30b9cf863d6a2506aaa0914b8.md", "2024年4月2日から改定", [("effective", date(2024, 4, 2))]),
        ("realworld/virtuallivelab-kaisoku/296cf9734ddc10a30b9cf863d6a2506aaa0914b8.md", "## 附則 (2024", [("revised", date(2024, 4, 2))]),
        ("realworld/svgaming-terms-txt/7c5bf880721d0b680d31895923dc5bfe90080350.txt", "規約制定", [("enacted", date(2017, 8, 15))]),
        ("realworld/svgaming-terms-txt/7c5bf880721d0b680d31895923dc5bfe90080350.txt", "第2訂", [("revised", date(2018, 6, 5))]),
        ("realworld/svgaming-terms-txt/62bd09f6707d6c0a9a12fa4ce749014261f38eba.txt", "改定:", [("revised", date(2017, 9, 18))]),
        ("realworld/shinonome-teikan/367579bbb45d2990eeeb768334f50c7d9cb81ac7.md", "制定", [("enacted", date(2019, 2, 4))]),
        ("realworld/shinonome-teikan/367579bbb45d2990eeeb768334f50c7d9cb81ac7.md", "改訂", [("revised", date(2023, 4, 24))]),
        ("realworld/shimajiro-docomo-rules-ctp/17b5ec3e707d58688fdc7c68e586f1722287295c.ctp", "効力を発する", [("effective", date(2011, 4, 22))]),
        ("realworld/onocomm-contract/72d1ca83c89a67e62049b470489825379324e0d3.md", "施行日", [("effective", date(2025, 11, 1))]),
        ("laws/334AC0000000121_20250616_504AC0000000068.txt", "昭和四十一年七月一日から施行", [("effective", date(1966, 7, 1))]),
    ],
)
def test_real_lines(path, needle, expected):
    line = line_of(SHARED / path, needle)
    assert [(p.role, p.date) for p in find_date_phrases(line)] == expected


# --- document_dates ------------------------------------------------------------


def test_document_dates_reads_title_text_and_附則():
    doc = Document(
        [
            Node("Title", text="Smart Meサービス利用規約 【現改比較表】 2025年10月1日現在"),
            Node("TOC", children=[Node("Text", text="附則（2030年1月1日から施行）")]),  # the 目次 is not the body
            Node(
                "Article",
                num="1",
                label="第1条",
                children=[Node("Paragraph", num="1", text="本サービスは2020年1月1日から実施します。")],  # content
            ),
            Node(
                "SupplProvision",
                label="附 則",
                caption="(令和6年3月1日 …号)",
                children=[Node("Paragraph", num="1", label="1", text="この改正規定は、令和6年4月1日から実施します。")],
            ),
            Node(
                "SupplProvision",
                label="附 則",
                caption="(令和7年9月24日 CAS2サ000400014737-01号)",
                children=[Node("Paragraph", num="1", label="1", text="この改正規定は、令和7年10月1日から実施します。")],
            ),
            Node("Text", text="制定日 2025年6月1日"),
        ]
    )
    assert document_dates(doc) == {
        "as_of": date(2025, 10, 1),
        "revised": date(2025, 9, 24),  # the later of the two 附則
        "effective": date(2025, 10, 1),
        "enacted": date(2025, 6, 1),
    }


def test_document_dates_empty():
    assert document_dates(Document()) == {}
    assert document_dates(Document([Node("Text", text="以上")])) == {}


def as_text_document(path: Path) -> Document:
    """A real file as a Document of one Text node per line (independent of the readers)."""
    return Document([Node("Text", text=line) for line in path.read_text("utf-8").splitlines()], source=str(path))


@pytest.mark.parametrize(
    "path, expected",
    [
        ("seeds/000_2e34f86ba2085a25.txt", {"effective": date(2023, 10, 3)}),
        ("seeds/001_7e37787a9c4c9856.txt", {"enacted": date(2025, 6, 1)}),
        ("seeds/002_4051e03855db9ccf.txt", {}),
        ("seeds/003_6d57037df9dc73c4.txt", {"as_of": date(2022, 6, 15)}),
        (
            "seeds/004_ec76f26cbf587fd9.txt",
            {"as_of": date(2025, 10, 1), "revised": date(2025, 9, 24), "effective": date(2025, 10, 1)},
        ),
        ("realworld/svgaming-terms-txt/7c5bf880721d0b680d31895923dc5bfe90080350.txt",
         {"enacted": date(2017, 8, 15), "revised": date(2018, 6, 5)}),
        ("realworld/shinonome-shugyo-kisoku/0087047cea208076fac93b391d9b834bbe227c1b.md", {"effective": date(2023, 4, 1)}),
        ("realworld/yomogi-terms-numbered/2f643bc007ed1e8a1c3f7c1a1d59440c7c3c003f.md",
         {"enacted": date(2022, 12, 11), "revised": date(2026, 5, 9)}),
    ],
)
def test_document_dates_of_real_files(path, expected):
    assert document_dates(as_text_document(SHARED / path)) == expected
