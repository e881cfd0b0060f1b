"""diffing.notice: reading the change clause (変更条項) of real terms into the notice it promises."""

import datetime

import pytest

import corpus
from conftest import SHARED
from diffing.notice import NoticeRule, notice_rules, strictest

D = datetime.date


def rules_of(path):
    return notice_rules(corpus.read(path))


def test_dokoyorimo_key_第35条第3項_one_month():
    [rule] = rules_of(SHARED / "seeds" / "001_7e37787a9c4c9856.txt")
    assert (rule.unit, rule.amount, rule.place) == ("months", 1, "第35条第3項")
    assert "効力発生日の1ヵ月前までに" in rule.phrase
    assert rule.deadline(D(2025, 7, 1)) == D(2025, 6, 1)


def test_kddi_seed_予め():
    [rule] = rules_of(SHARED / "seeds" / "000_2e34f86ba2085a25.txt")
    assert (rule.unit, rule.place) == ("beforehand", "第4条第4項")
    assert rule.deadline(D(2025, 7, 1)) == D(2025, 6, 30)


def test_seeds_without_a_change_clause_promise_nothing():
    # 002 and 003 do not promise a notice period for changes of the terms; 「廃止の2ヶ月前」 is not one.
    assert rules_of(SHARED / "seeds" / "002_4051e03855db9ccf.txt") == []
    assert rules_of(SHARED / "seeds" / "003_6d57037df9dc73c4.txt") == []


def test_paspit_30日前():
    path = sorted((SHARED / "realworld" / "paspit-terms").glob("*.md"))[0]
    rules = notice_rules(corpus.read(path, "text"))
    assert rules and all((r.unit, r.amount) == ("days", 30) for r in rules)


@pytest.mark.parametrize(
    "unit, amount, effective, deadline",
    [
        ("months", 1, D(2025, 3, 31), D(2025, 2, 28)),  # no 31 February: the month's last day
        ("months", 2, D(2025, 1, 15), D(2024, 11, 15)),  # across a year
        ("weeks", 2, D(2025, 10, 1), D(2025, 9, 17)),
        ("days", 14, D(2025, 10, 1), D(2025, 9, 17)),
        ("reasonable", 0, D(2025, 10, 1), D(2025, 9, 30)),
    ],
)
def test_deadlines(unit, amount, effective, deadline):
    assert NoticeRule(unit, amount, "第1条", "").deadline(effective) == deadline


def test_strictest_prefers_the_earliest_measurable_deadline():
    rules = [NoticeRule("beforehand", 0, "a", ""), NoticeRule("days", 30, "b", ""), NoticeRule("months", 2, "c", "")]
    assert strictest(rules, D(2025, 10, 1)).place == "c"
    assert strictest([], D(2025, 10, 1)) is None
