"""diffing.checks on real revisions: effective dates, notice periods, fee increases, numbering."""

import datetime
from pathlib import Path

import corpus
from conftest import SHARED
from corpus.config import Policy
from corpus.store import Version
from diffing.checks import (
    Stated,
    check_effective_date,
    check_notice_period,
    check_numbering,
    fee_increases,
    stated_effective,
)

D = datetime.date
SEED_001 = SHARED / "seeds" / "001_7e37787a9c4c9856.txt"
SMARTME = SHARED / "fixtures" / "smartme"


def stated(path: Path, vid: str, *, announced=None, effective=None, status="published", doc=None) -> Stated:
    version = Version(doc="d", id=vid, status=status, announced=announced, effective=effective)
    return Stated(version, doc or corpus.read(path))


def dokoyorimo_revision(tmp_path: Path) -> Path:
    """どこよりもキー with 第35条 untouched and one fee clause reworded (a revision an editor would draft)."""
    text = SEED_001.read_text(encoding="utf-8")
    assert "効力発生日の1ヵ月前までに" in text
    path = tmp_path / "001-rev.txt"
    path.write_text(text.replace("本規約の内容を変更することができる", "本規約の内容を随時変更することができる"), encoding="utf-8")
    return path


def test_dokoyorimo_key_short_notice_cites_the_live_versions_第35条第3項(tmp_path):
    live = stated(SEED_001, "2025-06-01", effective=D(2025, 6, 1))
    rev = dokoyorimo_revision(tmp_path)
    late = stated(rev, "2025-07-01", announced=D(2025, 6, 20), effective=D(2025, 7, 1), status="draft")
    findings = check_notice_period(late, live, live, Policy())
    [error] = [f for f in findings if f.level == "error"]
    assert error.basis.startswith("現行規約(2025-06-01) 第35条第3項")
    assert "1ヵ月前まで" in error.message_ja and "11日" in error.message_ja
    assert error.suggestion == "announced ≤ 2025-06-01"


def test_dokoyorimo_key_early_notice_passes(tmp_path):
    live = stated(SEED_001, "2025-06-01", effective=D(2025, 6, 1))
    early = stated(dokoyorimo_revision(tmp_path), "2025-07-01", announced=D(2025, 5, 25), effective=D(2025, 7, 1))
    # Nothing is live on 2025-05-25 yet: the rules are those of the version the revision replaces.
    findings = check_notice_period(early, live, None, Policy())
    assert [f.level for f in findings] == ["info"]
    assert findings[0].basis.startswith("現行規約(2025-06-01) 第35条第3項") and "満たします" in findings[0].message_ja


def test_announced_on_the_effective_date_breaks_民法第548条の4():
    old = stated(SMARTME / "old.txt", "old", effective=D(2025, 6, 1))
    new = stated(SMARTME / "new.txt", "new", announced=D(2025, 10, 1), effective=D(2025, 10, 1))
    [error] = check_notice_period(new, old, old, Policy())
    assert error.basis == "民法第548条の4第2項・第3項" and "効力発生日より前に告知されていません" in error.message_ja


def test_smartme_dates_come_from_the_附則():
    from corpus.dates import version_dates

    dates = version_dates(corpus.read(SMARTME / "new.txt"))
    assert dates["announced"][0] == D(2025, 9, 24)  # 附 則(令和7年9月24日 CAS2サ000400014737-01号)
    assert dates["effective"][0] == D(2025, 10, 1)  # この改正規定は、令和7年10月1日から実施します。


def test_smartme_policy_notice_days():
    old = stated(SMARTME / "old.txt", "old", effective=D(2025, 6, 1))
    new = stated(SMARTME / "new.txt", "new", announced=D(2025, 9, 24), effective=D(2025, 10, 1))
    assert check_notice_period(new, old, old, Policy()) == []  # no change clause, no policy: nothing applies
    [finding] = check_notice_period(new, old, old, Policy(notice_days=30))
    assert finding.level == "error" and finding.basis == "kaitei.toml [policy] notice_days = 30"
    assert "7日" in finding.message_ja
    assert check_notice_period(new, old, old, Policy(notice_days=7)) == []
    # the stricter rule only for an unfavourable change
    assert check_notice_period(new, old, old, Policy(unfavorable_notice_days=30)) == []
    [finding] = check_notice_period(new, old, old, Policy(unfavorable_notice_days=30), unfavorable=True)
    assert finding.basis == "kaitei.toml [policy] unfavorable_notice_days = 30"


def test_smartme_wrong_effective_date_cites_the_附則():
    old = stated(SMARTME / "old.txt", "old", effective=D(2025, 6, 1))
    new = stated(SMARTME / "new.txt", "new", announced=D(2025, 8, 1), effective=D(2025, 9, 1))
    [error] = check_effective_date(new, old)
    assert error.basis == "附則第1項「この改正規定は、令和7年10月1日から実施します。」"
    assert error.suggestion == "2025-10-01"
    good = stated(SMARTME / "new.txt", "new", announced=D(2025, 9, 24), effective=D(2025, 10, 1))
    assert check_effective_date(good, old) == []


def test_effective_date_missing_or_not_after_the_previous():
    old = stated(SMARTME / "old.txt", "old", effective=D(2025, 10, 1))
    [missing] = check_effective_date(stated(SMARTME / "old.txt", "x"), None)
    assert missing.level == "error" and "効力発生日が記録されていません" in missing.message_ja
    same = stated(SMARTME / "new.txt", "new", effective=D(2025, 10, 1))
    [error] = check_effective_date(same, old)
    assert "前の版（old）" in error.message_ja


def test_stated_effective_of_the_seeds():
    assert stated_effective(corpus.read(SHARED / "seeds" / "000_2e34f86ba2085a25.txt"))[:2] == (D(2023, 10, 3), "附則第1項")
    assert stated_effective(corpus.read(SEED_001)) is None  # 制定日 is no statement of effect


def test_fee_increases_in_an_article_and_in_the_料金表():
    text = SEED_001.read_text(encoding="utf-8")
    old = corpus.read(SEED_001)
    raised = text.replace("1,078円（税込）", "1,298円（税込）").replace("1月当たり220円", "1月当たり330円")
    increases = fee_increases(old, corpus.read(raised.encode(), source="raised.txt"))
    assert sorted((a, b) for _, a, b in increases) == [(220, 330), (1078, 1298)]
    assert any(place.startswith("第") for place, _, _ in increases)  # 第N条第4項
    assert fee_increases(old, old) == []
    lowered = text.replace("1,078円（税込）", "980円（税込）")
    assert fee_increases(old, corpus.read(lowered.encode(), source="lowered.txt")) == []


def test_numbering_on_real_documents():
    for path in sorted((SHARED / "seeds").glob("00[0-3]*.txt")):
        assert check_numbering(corpus.read(path)) == [], path.name
    for path in sorted((SHARED / "laws").glob("*.txt")):
        assert [f for f in check_numbering(corpus.read(path)) if f.level == "error"] == [], path.name
    # ichisan 第10条: (1)(2)(3)(5)(6) — the author dropped (4)
    ichisan = sorted((SHARED / "realworld" / "ichisan-terms-txt").glob("*.txt"))[0]
    [gap] = check_numbering(corpus.read(ichisan))
    assert (gap.level, gap.place) == ("warning", "第10条第5号") and "4 がありません" in gap.message_ja


def test_numbering_duplicate_and_order():
    articles = [("1", "目的"), ("2", "定義"), ("2", "適用"), ("4", "禁止事項"), ("3", "雑則")]
    text = "".join(f"第{n}条（{caption}）\n{caption}について定めます。\n" for n, caption in articles)
    findings = check_numbering(corpus.read(text.encode(), source="x.txt"))
    assert [(f.level, f.place) for f in findings] == [("error", "第2条"), ("warning", "第4条"), ("error", "第3条")]
    assert "重複" in findings[0].message_ja and "3 がありません" in findings[1].message_ja
    assert "順番" in findings[2].message_ja and "第4条 の後" in findings[2].message_ja


def test_a_compiled_law_states_only_its_last_附則():
    # 電気通信事業法 keeps the 附則 of every amendment; 「平成三十一年四月一日から施行する」 is an old one's.
    law = corpus.read(SHARED / "laws" / "359AC0000000086_20230616_504AC0000000070.txt")
    assert stated_effective(law) is None
