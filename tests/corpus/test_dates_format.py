"""corpus.dates.format_date: a date as printed in Japanese documents, 西暦 or 和暦 (元年 for an era's first year)."""

from datetime import date

import pytest

from corpus.dates import format_date, parse_date


def test_西暦():
    assert format_date(date(2025, 10, 1)) == "2025年10月1日"
    assert format_date(date(2025, 10, 1), era=False) == "2025年10月1日"


@pytest.mark.parametrize(
    "d, printed",
    [
        (date(2025, 10, 1), "令和7年10月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),  # the first day of 令和
        (date(2019, 4, 30), "平成31年4月30日"),  # the last day of 平成
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(1989, 1, 8), "平成元年1月8日"),  # the first day of 平成
        (date(1989, 1, 7), "昭和64年1月7日"),  # the last day of 昭和
    ],
)
def test_和暦(d, printed):
    assert format_date(d, era=True) == printed


@pytest.mark.parametrize("d", [date(2025, 10, 1), date(2019, 5, 1), date(2019, 4, 30), date(1989, 1, 8)])
def test_読み戻すと同じ日付(d):
    """What format_date prints, parse_date reads back, in both styles."""
    assert parse_date(format_date(d)) == d
    assert parse_date(format_date(d, era=True)) == d
