"""renderer.outline: one line per node — citation, two spaces, the start of its text."""


from conftest import SHARED
from corpus.model import Document, Node
from renderer.outline import WIDTH, truncate, write_outline


def law_like() -> Document:
    return Document(
        children=[
            Node("Title", text="テスト利用規約"),
            Node(
                "Chapter",
                num="2",
                label="第２章",
                caption="サービス",
                children=[
                    Node(
                        "Article",
                        num="8",
                        label="第八条",
                        caption="（定義）",
                        children=[
                            Node("Paragraph", num="1", text="次の各号に掲げる用語の意義は、\n当該各号に定めるところによる。"),
                            Node(
                                "Paragraph",
                                num="3",
                                label="３",
                                text="前項の場合",
                                children=[
                                    Node(
                                        "Item",
                                        num="11",
                                        label="十一",
                                        text="電気通信　有線、無線",
                                        children=[Node("Subitem1", num="2", label="ロ", text="細分")],
                                    )
                                ],
                            ),
                            Node("Text", text="以上"),
                        ],
                    ),
                    Node("Article", num="8_2", label="第八条の二"),
                ],
            ),
            Node("SupplProvision", label="附　則", children=[Node("Paragraph", num="1", text="施行する。")]),
            Node(
                "Appendix",
                num="1",
                label="別紙1",
                caption="料金表",
                children=[
                    Node("Heading", caption="適用"),
                    Node(
                        "Table",
                        children=[
                            Node("TableRow", children=[Node("TableColumn", text="区分"), Node("TableColumn", text="内容")])
                        ],
                    ),
                ],
            ),
        ]
    )


def test_exact_outline():
    assert write_outline(law_like()).decode("utf-8") == (
        "題名  テスト利用規約\n"
        "第2章  サービス\n"
        "  第8条  （定義）\n"
        "    第8条第1項  次の各号に掲げる用語の意義は、 当該各号に定めるところによる。\n"
        "    第8条第3項  前項の場合\n"
        "      第8条第3項第11号  電気通信　有線、無線\n"
        "        第8条第3項第11号ロ  細分\n"
        "    ·  以上\n"
        "  第8条の2\n"
        "附則\n"
        "  附則第1項  施行する。\n"
        "別紙1  料金表\n"
        "  別紙1「適用」\n"
        "  別紙1表\n"
        "    ·  区分 | 内容\n"
    )


def test_long_text_is_cut_to_width_with_an_ellipsis():
    long = "あ" * 100
    assert truncate(long) == "あ" * (WIDTH - 1) + "…"
    assert len(truncate(long)) == WIDTH
    assert truncate("あ" * WIDTH) == "あ" * WIDTH
    line = write_outline(Document(children=[Node("Paragraph", num="1", text=long)])).decode()
    assert line == "第1段落  " + "あ" * (WIDTH - 1) + "…\n"


def test_empty_document_gives_empty_outline():
    assert write_outline(Document()) == b""


def test_real_document_has_one_line_per_node():
    import corpus

    doc = corpus.read(SHARED / "seeds" / "000_2e34f86ba2085a25.txt")
    lines = write_outline(doc).decode("utf-8").splitlines()
    shown = [n for n in doc.walk() if not (n.kind == "TableColumn" and not n.children)]
    assert len(lines) == len(shown)
    articles = [line.strip().split("  ")[0] for line in lines if "条  " in line and "項" not in line.split("  ")[0]]
    assert articles[:3] == ["第1条", "第2条", "第3条"]
