"""Makes doko-revised.txt, the revision of seed 001 (どこよりもキー 利用規約) that tests/kaitei/test_publish.py
publishes after the seed: a few text edits, each checked to apply exactly once, so that the revision is
reproducible and reviewable. Run once (stdlib only); the output is committed:

    python tests/data/publish/make_doko_revised.py [SEED]

The revision:

1. wording of 第4条第3項: the service is stopped without notice only in an emergency (「停止また中止」 fixed);
2. wording of 第16条第1項 (第17条 after the insertion): the broken parenthesis of the クーリングオフ 書面;
3. a new 第14条 (アプリ及びWEBサイトへの入力) after 第13条: 第14条〜第37条 become 第15条〜第38条, and every
   citation of them in the text moves with them (第14条 in 第15条→第16条, 第19条 in 第26条→第27条,
   第33条第1項第1号 in 第6条→第34条…); its example string holds HTML-special characters
   (<script>, &, quotes) so that escaping is tested end to end;
4. 料金表: the monthly fee of the 基本プラン 1,078円 → 1,180円;
5. a 附則 after 制定日 with the announcement date and the effective date, read by ``kaitei add``
   (announced 2025-07-15, effective 2025-09-01).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[2].parent / "shared" / "seeds" / "001_7e37787a9c4c9856.txt"
OUT = HERE / "doko-revised.txt"

INSERTED_AFTER = 13  # the new article becomes 第14条
SCRIPT_EXAMPLE = """<script>alert("x")</script> & 'single' "double\""""

NEW_ARTICLE = f"""第{INSERTED_AFTER + 1}条(アプリ及びWEBサイトへの入力)

1. 契約者は、本商品のアプリ又は当社WEBサイトの入力欄に、プログラムとして動作するおそれのある文字列(例えば「{SCRIPT_EXAMPLE}」のような記号を含む文字列をいいます。)を入力する場合、当社が定める方法に従うものとします。
2. 当社は、前項の文字列を文字として表示し、プログラムとして実行しないものとします。

"""

# (what, old, new): plain replacements, each of which must occur exactly once in the text they apply to.
EDITS = [
    (
        "第4条第3項 wording",
        "当社は、予告なく本サービスを停止また中止することができるものとし、",
        "当社は、緊急やむを得ない場合には、予告なく本サービスを停止または中止することができるものとし、",
    ),
    (
        "第16条第1項 (第17条) wording",
        "書面(本商品に同封したを受領した日から8日を経過するまでは、",
        "本商品に同封した書面(以下「契約書面」といいます。)を受領した日から8日を経過するまでは、",
    ),
    ("料金表 基本プラン fee", "1,078円（税込）", "1,180円（税込）"),
    (
        "附則",
        "制定日 2025年6月1日\n",
        "制定日 2025年6月1日\n\n附則（2025年7月15日改定）\n\nこの規約は、2025年9月1日から施行します。\n",
    ),
]

ARTICLE_NUMBER = re.compile(r"第(\d+)条")


def renumber(text: str) -> str:
    """第N条 → 第N+1条 for every N after the insertion point, headings and citations alike (the seed
    cites no other document's articles, so every 第N条 in it is its own)."""
    return ARTICLE_NUMBER.sub(
        lambda m: f"第{int(m[1]) + 1}条" if int(m[1]) > INSERTED_AFTER else m[0], text
    )


def replace_once(text: str, what: str, old: str, new: str) -> str:
    count = text.count(old)
    if count != 1:
        raise SystemExit(f"{what}: {old!r} occurs {count} times in the seed, expected once")
    return text.replace(old, new)


def revise(seed: str) -> str:
    text = seed
    for what, old, new in EDITS:
        text = replace_once(text, what, old, new)
    text = renumber(text)
    # The new article goes before the (renumbered) 第15条, the old 第14条(本契約の解約等).
    return replace_once(text, "insertion point", "第15条(本契約の解約等)", NEW_ARTICLE + "第15条(本契約の解約等)")


def main(argv: list[str]) -> int:
    seed = Path(argv[1]) if len(argv) > 1 else SEED
    OUT.write_text(revise(seed.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{OUT}: written from {seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
