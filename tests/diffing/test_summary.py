"""diffing.summary: one line per changed article, on real revisions (Smart Me terms, 電気通信事業法,
a club's by-laws whose articles are renumbered)."""

import re
from pathlib import Path

import pytest
from conftest import SHARED

import corpus
from diffing.compare import Comparison, Row, Side, compare
from diffing.summary import MAX_CAPTION, MAX_DETAILS, Change, summarize

SMARTME = SHARED / "fixtures" / "smartme"
LAWS = SHARED / "laws"
VLL = SHARED / "realworld" / "virtuallivelab-kaisoku"  # SOURCE.md: ed5f1220 is the older text

PAIRS = {
    "smartme": (SMARTME / "old.txt", SMARTME / "new.txt"),
    "電気通信事業法": (
        LAWS / "359AC0000000086_20230614_505AC0000000053.txt",
        LAWS / "359AC0000000086_20230616_504AC0000000070.txt",
    ),
    "virtuallivelab": (
        VLL / "ed5f1220ce91347a142105a298d53e33c75d44f4.md",
        VLL / "296cf9734ddc10a30b9cf863d6a2506aaa0914b8.md",
    ),
}


def _compare(name: str) -> Comparison:
    old, new = PAIRS[name]
    return compare(corpus.read(old, "auto"), corpus.read(new, "auto"))


@pytest.fixture(scope="module")
def comparisons() -> dict[str, Comparison]:
    return {name: _compare(name) for name in PAIRS}


@pytest.fixture(scope="module")
def lines(comparisons) -> dict[str, list[str]]:
    return {name: [c.line for c in summarize(comparison)] for name, comparison in comparisons.items()}


def starting(lines: list[str], place: str) -> list[str]:
    """The lines about ``place`` (第1条 does not pick 第1条の2 or 第10条)."""
    return [line for line in lines if line.startswith(place) and not re.match(r"[0-9の]", line[len(place):])]


ARTICLE = r"第([0-9]+)条((?:の[0-9]+)*)"


def _key(num: str, branches: str) -> tuple[int, ...]:
    return (int(num), *(int(b) for b in branches.split("の")[1:]))


def in_range(lines: list[str], place: str) -> list[str]:
    """The lines 「第19条から第23条まで…」 whose run holds the article ``place`` (第20条)."""
    m = re.fullmatch(ARTICLE, place)
    if not m:
        return []
    key = _key(*m.groups())
    found = []
    for line in lines:
        run = re.match(rf"{ARTICLE}(?:から|及び){ARTICLE}", line)
        if run and _key(*run.groups()[:2]) <= key <= _key(*run.groups()[2:]):
            found.append(line)
    return found


def one(lines: list[str], place: str) -> str:
    found = starting(lines, place)
    assert len(found) == 1, f"{place}: {found}"
    return found[0]


# --- Smart Me (fixtures/smartme/expected.md) -----------------------------------------------------


def test_smartme_第4条は項ごとに(lines):
    assert one(lines["smartme"], "第4条") == "第4条（本サービスの種類）を変更（第2項・第4項を変更、第3項を新設）"


def test_smartme_別紙1は見出しの番号の変更を含む(lines):
    line = one(lines["smartme"], "別紙1")
    assert line.startswith("別紙1（料金表）を変更（")
    assert "「3 身分証サービス」を「2 身分証サービス」とする" in line
    assert "「4 共通オプション」を「3 共通オプション」とする" in line


def test_smartme_新設の別紙3_附則は載せない(lines):
    assert one(lines["smartme"], "別紙3") == "別紙3を新設"
    assert not any(line.startswith("附則") for line in lines["smartme"])  # the revision's own 附則
    assert len(lines["smartme"]) == 3


def test_smartme_Changeの項目(comparisons):
    first = summarize(comparisons["smartme"])[0]
    assert (first.place, first.caption, first.what, first.was) == ("第4条", "本サービスの種類", "変更", "")
    assert first.details == ["第2項・第4項を変更", "第3項を新設"]


# --- 電気通信事業法 (令和5年6月16日施行の改正) ---------------------------------------------------


def test_法_新設の条(lines):
    law = lines["電気通信事業法"]
    for num in range(5, 13):
        assert re.fullmatch(rf"第27条の{num}（[^（）]+）を新設", one(law, f"第27条の{num}")), num
    for num in range(2, 6):
        assert one(law, f"第110条の{num}").endswith("を新設")
    assert one(law, "第27条の5") == "第27条の5（特定利用者情報を適正に取り扱うべき電気通信事業者の指定）を新設"


def test_法_号の細分の削除と繰上げ(lines):
    assert one(lines["電気通信事業法"], "第24条") == (
        "第24条（会計の整理）を変更（第1号イを削除、第1号ロを第1号イとする、第1号ハを第1号ロとする）"
    )


def test_法_項の繰下げ(lines):
    assert one(lines["電気通信事業法"], "第25条") == "第25条（提供義務）を変更（第1項を変更、第2項を新設、第2項を第3項とする）"


def test_法_新設の号の中は名指ししない(lines):
    """第28条第1項第2号 is added with its イ・ロ・ハ: the line names 第1項第2号 only."""
    line = one(lines["電気通信事業法"], "第28条")
    assert line == "第28条（業務の停止等の報告）を変更（第1項を変更、第1項第1号・第1項第2号・第2項を新設）"
    assert "第2条第7号イ" not in one(lines["電気通信事業法"], "第2条")


@pytest.mark.parametrize("name", list(PAIRS))
def test_新設_削除の部分の中は重ねて名指ししない(lines, name):
    for line in lines[name]:
        for verb in ("新設", "削除"):
            for listed in re.findall(rf"(?:（|、)([^（、]*?)を{verb}", line):
                parts = listed.removesuffix("ほか").split("・")
                for outer in parts:
                    for inner in parts:
                        if inner != outer and inner.startswith(outer):
                            assert inner[len(outer)].startswith("の"), f"{inner} inside {outer}: {line}"


def test_法_多すぎる部分はほかでまとめる(lines):
    law = lines["電気通信事業法"]
    assert one(law, "第33条") == "第33条（第一種指定電気通信設備との接続）を変更（第1項・第8項・第9項・第10項・第13項・第15項ほかを変更）"
    for line in law:
        for listed in re.findall(r"(?:（|、)([^（、]*?)を(?:変更|新設|削除)", line):
            assert len(listed.split("・")) <= MAX_DETAILS, line


def test_法_長い見出しは切り詰める(lines):
    line = one(lines["電気通信事業法"], "第38条の2")
    caption = re.match(r"第38条の2（(.*?)）を", line).group(1)
    assert len(caption) == MAX_CAPTION and caption.endswith("…")
    assert caption.startswith("第一種指定電気通信設備又は第二種指定電気通信設備を用いる卸")


def test_法_見出しと目次(lines):
    law = lines["電気通信事業法"]
    assert law[0] == "目次を変更"
    assert one(law, "第2章第3節") == "第2章第3節（電気通信事業者等の業務）を変更"


# --- virtuallivelab 会則: 第12条が二つあった旧版 → 第13条以下を繰下げ -----------------------------


def test_会則_条の繰下げ(lines):
    assert lines["virtuallivelab"] == [
        "第3条（目的）を変更",
        "第9条（入会、継続入会）を変更（第3項を変更）",
        "第13条（総会）（旧第12条）を変更（第5項を変更）",
        "第14条（総会の招集）（旧第13条）を変更（第2項・第3項を変更）",
        "第15条（総会の委任）（旧第14条）を変更（第2項・第5項・第6項を変更）",
        "第16条及び第17条（旧第15条及び第16条）：条番号の変更",
        "第18条（会費）（旧第17条）を変更（第3項・第4項を変更）",
        "第19条から第23条まで（旧第18条から第22条まで）：条番号の変更",
    ]  # the added 附則 (2024年4月2日) is left out; runs that only changed number are one line


def test_会則_繰下げのChange(comparisons):
    renumbered = [c for c in summarize(comparisons["virtuallivelab"]) if c.was]
    assert [(c.place, c.was) for c in renumbered] == [
        ("第13条", "第12条"),
        ("第14条", "第13条"),
        ("第15条", "第14条"),
        ("第16条及び第17条", "第15条及び第16条"),
        ("第18条", "第17条"),
        ("第19条から第23条まで", "第18条から第22条まで"),
    ]
    assert all(c.what == "変更" for c in renumbered)
    assert [c.details for c in renumbered if "及び" in c.place or "まで" in c.place] == [[], []]


# --- properties ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAIRS))
def test_変更がなければ空(name):
    doc = corpus.read(PAIRS[name][1], "auto")
    assert summarize(compare(doc, doc)) == []


def _place(citation: str) -> str:
    """The provision a change is listed under, read off its citation: 第4条, 別紙1, 附則, 第2章第3節, 目次."""
    if citation.startswith("附則"):
        return "附則"
    if m := re.match(r"別紙[0-9]*", citation):
        return m.group()
    if m := re.match(r"第[0-9]+条(?:の[0-9]+)*", citation):
        return m.group()
    return citation.split("「")[0]


def _outside_added_suppl(comparison: Comparison) -> list[Row]:
    """The change rows of ``comparison``, less those inside a 附則 the revision adds."""
    out, stack = [], []
    for row in comparison.rows:
        del stack[row.depth:]
        stack.append(row)
        if row.kind in ("context", "elided"):
            continue
        if any(r.node == "SupplProvision" and r.kind == "inserted" for r in stack):
            continue
        out.append(row)
    return out


@pytest.mark.parametrize("name", list(PAIRS))
def test_どの変更もいずれかの行に載る(comparisons, lines, name):
    """Every change row (but those of an added 附則) falls under a line naming its article, 別紙 or 附則:
    by its new number (alone or in a run 第19条から第23条まで), or for a deleted part inside a renumbered
    article by its old one (旧第12条)."""
    rows = _outside_added_suppl(comparisons[name])
    assert rows
    for row in rows:
        side = row.new or row.old
        place = _place(side.citation)
        assert place, side.citation
        covered = (
            starting(lines[name], place)
            or in_range(lines[name], place)
            or (row.new is None and any(f"（旧{place}）" in line for line in lines[name]))
        )
        assert covered, f"{row.kind} {side.citation} not in any line"


@pytest.mark.parametrize("name", list(PAIRS))
def test_行は一つの条に一つ(lines, name):
    places = [re.match(r"[^（：を]+", line).group() for line in lines[name]]
    # 附則 may come several times (one per amending law), each under its own caption
    assert len([p for p in places if p != "附則"]) == len({p for p in places if p != "附則"})


# --- defects found while writing these tests, now fixed --------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "smartme",
        "電気通信事業法",
        "virtuallivelab",
    ],
)
def test_括弧の対応(lines, name):
    for line in lines[name]:
        depth = 0
        for ch in line:
            depth += {"（": 1, "）": -1}.get(ch, 0)
            assert depth >= 0, line
        assert depth == 0, line


def test_法_二項ある条の第1項の変更は名指しする(lines):
    assert one(lines["電気通信事業法"], "第23条") == "第23条（届出契約約款等の掲示等）を変更（第1項を変更）"


def test_法_一項だけの条に第1項はない(lines):
    assert "第1項" not in one(lines["電気通信事業法"], "第181条")
    assert "第1項" not in one(lines["電気通信事業法"], "第7条")


def test_枝番は新設の号の中ではない():
    def side(citation: str, label: str) -> Side:
        return Side(citation, label, "", "…")

    rows = [
        Row("context", "Article", 0, side("第5条", "第五条"), side("第5条", "第五条")),
        Row("inserted", "Item", 1, None, side("第5条第1号", "一")),
        Row("inserted", "Item", 1, None, side("第5条第1号の2", "一の二")),
    ]
    doc = corpus.read(PAIRS["smartme"][1], "auto")
    assert [c.line for c in summarize(Comparison(doc, doc, rows))] == ["第5条を変更（第1号・第1号の2を新設）"]


def test_Change_line():
    assert Change("第16条", "部会", "変更", was="第15条").line == "第16条（部会）（旧第15条）：条番号の変更"
    assert Change("別紙2", "", "変更", was="別紙3").line == "別紙2（旧別紙3）：番号の変更"
    assert Change("第27条の6", "", "変更", was="第27条の5").line == "第27条の6（旧第27条の5）：条番号の変更"
    assert Change("第5条", "", "削除").line == "第5条を削除"
    assert Change("第2条", "定義", "変更", details=["第3号を変更"]).line == "第2条（定義）を変更（第3号を変更）"
