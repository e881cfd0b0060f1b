"""PDF reader: a PDF's text layer turned back into the lines its author wrote, then read by the text reader.

The pipeline, one named step each: characters of each page with their boxes (pdfium) → runs of
adjacent characters → rows across the page (ruby dropped; the lines of a ruled table's row
gathered into one row of cells) → running headers, footers and page numbers dropped → two-column
pages read column by column → wrapped lines joined where a line reaches its column's right edge
→ CJK look-alikes mapped back → ``parse_text``. Each step that changes the text says so in the
document's notes. pdfium (pypdfium2, which pdfplumber brings) is used directly: it reads a page
three to four times faster than pdfplumber's pdfminer (benchmarks/pdf_speed.py).
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from corpus import lexicon
from corpus.errors import SourceError
from corpus.lexicon import (
    ARABIC,
    BULLETS,
    CIRCLED_DIGITS,
    CLOSE_PARENS,
    CLOSING_BRACKETS,
    DIVISION_UNITS,
    HALFWIDTH_KATAKANA,
    KANJI_TENS,
    KATAKANA,
    LATIN,
    LPAREN,
    NOT_PAREN,
    NOTE_MARKS,
    NUMERAL,
    OPEN_PARENS,
    OPENING_BRACKETS,
    PAREN_DIGITS,
    PARTICLES,
    RPAREN,
    SP,
    SPACE,
    SUPPL,
)
from corpus.model import Document
from corpus.normalize import map_lookalikes
from corpus.readers.text import parse_text

# ---------------------------------------------------------------------------
# Patterns and typesetting rules
# ---------------------------------------------------------------------------

# A line that is only a page number: 「3」「- 3 -」「3 / 12」「Page 3」「3ページ」「P.3」.
PAGE_NUMBER = re.compile(
    rf"[-－–—‐−~〜]?{SP}(?:page|p\.?|ページ)?{SP}[{ARABIC}]{{1,4}}"
    rf"(?:{SP}(?:/|／|of){SP}[{ARABIC}]{{1,4}})?{SP}(?:ページ|頁)?{SP}[-－–—‐−~〜]?",
    re.IGNORECASE,
)
# A label followed by one of these is a citation in mid-sentence (「第三条（２）に規定する」), not a label.
_CITED = f"(?![{PARTICLES}])"
_ARTICLE = rf"第{SP}[{NUMERAL}]+{SP}[{DIVISION_UNITS}条](?:の[{ARABIC}{KANJI_TENS}]+)*"
_KANA = KATAKANA + HALFWIDTH_KATAKANA
# The start of a line that opens a provision: a wrapped line never continues with it.
STRONG_LABEL = re.compile(
    rf"{_ARTICLE}(?:[{SPACE}]|{LPAREN}{NOT_PAREN}*{RPAREN}{_CITED})|{LPAREN}[{ARABIC}]{{1,3}}{RPAREN}{_CITED}"
    rf"|[{PAREN_DIGITS}{CIRCLED_DIGITS}]{_CITED}"
    rf"|[{ARABIC}]{{1,3}}(?:[.．](?![{ARABIC}])|\u3000)|[{KANJI_TENS}]+\u3000|[{_KANA}]\u3000"
    rf"|[{BULLETS}{NOTE_MARKS}]|[-－*][{SPACE}]|{SUPPL}"
)
# A start that opens a provision only after a finished sentence (「2 」 may be 「2 号に」 wrapped), and a
# law's caption line 「（目的）」 that stands above its article.
WEAK_LABEL = re.compile(
    rf"[{ARABIC}]{{1,3}}[ ,，、]|[{_KANA}][ .．、{CLOSE_PARENS}]|[{KANJI_TENS}]+ |{LPAREN}[{KATAKANA}{LATIN}]{RPAREN}{_CITED}"
    rf"|{LPAREN}[^{OPEN_PARENS}{CLOSE_PARENS}。]{{1,40}}{RPAREN}\Z"
)
# A label alone before a wide gap (「1.」 then a tab stop, 「第1条」 then its caption): a space, not a cell boundary.
LEADING_LABEL = re.compile(
    rf"{_ARTICLE}"
    rf"|{LPAREN}[{ARABIC}A-Za-zａ-ｚ{KATAKANA}{KANJI_TENS}]{{1,3}}{RPAREN}|[{ARABIC}]{{1,3}}[.．,，{CLOSE_PARENS}、]?"
    rf"|[{KANJI_TENS}]{{1,3}}|[{KATAKANA}][.．{CLOSE_PARENS}、]?|[{PAREN_DIGITS}{CIRCLED_DIGITS}{BULLETS}{NOTE_MARKS}-]"
)
DIGITS = re.compile(f"[{ARABIC}]+")
KANA = re.compile(r"[ぁ-ゖァ-ヺー]{1,8}")
SPACES = re.compile(f"[{SPACE}\\t]+")
# 禁則: characters a line may not start with (they go with the character before) and may not end
# with (they go with the character after). They decide what the first unbreakable piece of a line is.
NO_LINE_START = frozenset("、。，．,." + CLOSING_BRACKETS + "ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・:;!?！？：；々ゝゞヽヾ")
NO_LINE_END = frozenset(OPENING_BRACKETS)
SENTENCE_END = frozenset(lexicon.SENTENCE_END)
HANGING = frozenset("、。，．,.")

EDGE_ROWS = 3  # rows at the top and at the bottom of a page that may be running headers or footers
SAME_PLACE = 3.0  # points: a running line is printed at the same height on every page
MIN_COLUMN_ROWS = 6  # fewer rows than this: a page is not checked for two columns
RULE_WIDTH = 2.5  # points: a path thinner than this is a rule (a table border), not a shape


@dataclass(slots=True)
class Run:
    """Characters drawn side by side on one baseline; boxes in PDF points, y upwards."""

    chars: list[str]
    ends: list[float]  # right edge after each character (spaces repeat the previous one)
    x0: float
    bottom: float
    top: float
    size: float  # the widest character's advance: the font size where there is a full-width character

    @property
    def x1(self) -> float:
        return self.ends[-1]

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass(slots=True)
class Line:
    """Runs on one baseline: a row across a page, or one column's part of it, or a table row."""

    runs: list[Run]
    page: int
    flow: str = "page"  # "page" (full width), "left" or "right" column
    cells: list[str] | None = None  # a row of a ruled table: each cell's text

    @property
    def x0(self) -> float:
        return self.runs[0].x0

    @property
    def x1(self) -> float:
        return max(r.x1 for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r.bottom for r in self.runs)

    @property
    def top(self) -> float:
        return max(r.top for r in self.runs)

    @property
    def size(self) -> float:
        return max(r.size for r in self.runs)

    @property
    def text(self) -> str:
        """The runs' characters; a gap between runs is a space, or a tab between table cells."""
        if self.cells is not None:
            return "\t".join(self.cells)
        return _joined_runs(self.runs, tabs=True)

    def first_piece_width(self) -> float:
        """Width of the text a line break could not split at the start of this line (禁則, a Latin word)."""
        run = self.runs[0]
        chars, i, n = run.chars, 0, len(run.chars)
        while i < n - 1 and chars[i] in NO_LINE_END:
            i += 1
        if chars[i].isascii() and chars[i].isalnum():
            while i + 1 < n and chars[i + 1].isascii() and not chars[i + 1].isspace():
                i += 1
        while i + 1 < n and chars[i + 1] in NO_LINE_START:
            i += 1
        return run.ends[i] - run.x0


def _joined_runs(runs: list[Run], *, tabs: bool) -> str:
    """Runs of one line as text: a gap becomes a space, or (with ``tabs``) a tab when it is a column's width."""
    out: list[str] = []
    for prev, run in zip([None, *runs], runs):
        gap = run.x0 - prev.x1 if prev is not None else 0.0
        if tabs and gap >= run.size and not LEADING_LABEL.fullmatch("".join(out).strip()):
            out[-1] = out[-1].rstrip()
            out.append("\t")
        elif gap > 0.25 * run.size and not prev.chars[-1].isspace():
            out.append(" ")
        out.append(run.text)
    return "".join(out).strip()


@dataclass(slots=True)
class Rules:
    """A page's table borders: horizontal rules (x0, x1, y) and vertical ones (x, y0, y1)."""

    across: list[tuple[float, float, float]] = field(default_factory=list)
    down: list[tuple[float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class Flow:
    """Where the lines of one flow (full width, left or right column) lie across the document."""

    left: float
    right: float | None  # the right edge wrapped lines reach; None when no line wraps
    pitch: float  # usual distance between baselines
    top: float  # where the first line of a page usually starts
    size: float


@dataclass(slots=True)
class Findings:
    """What the steps found: the page size, and what the document's notes report."""

    removed: list[str] = field(default_factory=list)
    ruby: list[str] = field(default_factory=list)
    two_column_pages: int = 0
    pages_without_text: list[int] = field(default_factory=list)
    page_widths: list[float] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Step 1: characters → runs → rows, per page
# ---------------------------------------------------------------------------


def _runs(textpage: pdfium.PdfTextPage) -> list[Run]:
    """Adjacent characters on one baseline, in the PDF's text order."""
    text = textpage.get_text_range()
    runs: list[Run] = []
    run: Run | None = None
    index = 0  # pdfium counts UTF-16 units: a character beyond the BMP takes two indices
    for ch in text:
        i = index
        index += 2 if ord(ch) > 0xFFFF else 1
        if ch in "\r\n":  # pdfium's own line breaks: the geometry decides
            run = None
            continue
        if ch.isspace():
            if run is not None:
                run.chars.append(ch)
                run.ends.append(run.ends[-1])
            continue
        x0, bottom, x1, top = textpage.get_charbox(i, loose=True)
        if run is not None:
            em = max(run.size, x1 - x0, 0.7 * (top - bottom))  # loose boxes span ascent to descent
            if abs(bottom - run.bottom) < 0.2 * em and -0.5 * em < x0 - run.x1 < em:
                run.chars.append(ch)
                run.ends.append(max(x1, run.x1))
                run.top = max(run.top, top)
                run.size = max(run.size, x1 - x0)
                continue
        run = Run([ch], [x1], x0, bottom, top, x1 - x0)
        runs.append(run)
    return runs


def _rows(runs: list[Run], page: int) -> list[Line]:
    """Runs grouped into rows across the page, top to bottom; each row's runs left to right."""
    rows: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: -(r.top + r.bottom)):
        middle = (run.top + run.bottom) / 2
        if rows and rows[-1][0].bottom <= middle <= rows[-1][0].top:
            rows[-1].append(run)
        else:
            rows.append([run])
    return [Line(sorted(row, key=lambda r: r.x0), page) for row in rows]


def _drop_ruby(rows: list[Line], found: Findings) -> list[Line]:
    """Rows of ruby (furigana): small kana set just above the characters they read (較 with こう)."""
    out: list[Line] = []
    for row, below in zip(rows, [*rows[1:], None]):
        if (
            below is not None
            and row.size < 0.7 * below.size
            and row.bottom - below.top < 0.3 * below.size
            and below.x0 - 0.5 * below.size <= row.x0
            and row.x1 <= below.x1 + 0.5 * below.size
            and all(KANA.fullmatch(run.text.strip()) for run in row.runs)
        ):
            found.ruby.append(" ".join(run.text.strip() for run in row.runs))
            continue
        out.append(row)
    return out


def _rules(page: pdfium.PdfPage) -> Rules:
    """Thin paths on the page: the borders of ruled tables."""
    rules = Rules()
    for path in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_PATH]):
        x0, y0, x1, y1 = path.get_bounds()
        if y1 - y0 <= RULE_WIDTH < x1 - x0:
            rules.across.append((x0, x1, (y0 + y1) / 2))
        elif x1 - x0 <= RULE_WIDTH < y1 - y0:
            rules.down.append(((x0 + x1) / 2, y0, y1))
    return rules


def _table_rows(rows: list[Line], rules: Rules) -> list[Line]:
    """The rows of ruled tables: the lines between the same two horizontal rules, as one row of cells.

    Text beside a table (in the page's other column) stays in lines of its own.
    """
    if len(rules.across) < 2:
        return rows
    out: list[Line] = []
    group: list[Line] = []  # lines between the same two rules
    beside: list[Line] = []  # text next to them
    band: tuple[float, float, float, float] | None = None
    for row in [*rows, None]:
        here = _band(row, rules) if row is not None else None
        if here is not None:
            outside = [r for r in row.runs if r.x1 <= here[2] or r.x0 >= here[3]]
            if outside:
                beside.append(Line(outside, row.page))
                if len(outside) == len(row.runs):
                    continue
                row = Line([r for r in row.runs if r not in outside], row.page)
            if here == band:
                group.append(row)
                continue
        table_row = _table_row(group, rules) if band is not None else None
        out += ([table_row] if table_row is not None else group) + beside
        group, beside, band = ([row] if row is not None else []), [], here
    return out


def _band(row: Line, rules: Rules) -> tuple[float, float, float, float] | None:
    """The horizontal rules just above and below a row, if it stands between two: their heights and x-range."""
    x0, x1 = row.x0, row.x1
    crossing = [(y, a, b) for a, b, y in rules.across if a < x1 and b > x0]
    above = [y for y, _, _ in crossing if y >= row.top - 1]
    below = [y for y, _, _ in crossing if y <= row.bottom + 1]
    if not above or not below:
        return None
    top, bottom = min(above), max(below)
    ruled = [(a, b) for a, b, y in rules.across if y in (top, bottom)]  # the table's width, not just this cell's
    return top, bottom, min(a for a, _ in ruled), max(b for _, b in ruled)


def _table_row(group: list[Line], rules: Rules) -> Line | None:
    """Lines between two rules as one row of cells, or None if they fill a single cell (a boxed note).

    Each run goes to the column the vertical rules put it in (without vertical rules: the column
    whose cell starts before it on the line with the most cells); a cell's lines are joined as wraps.
    """
    top, bottom = group[0].top, group[-1].bottom
    bounds = sorted(x for x, y0, y1 in rules.down if y0 < bottom + 1 and y1 > top - 1)
    if not bounds:
        fullest = max(group, key=lambda line: line.text.count("\t"))
        bounds = [run.x0 - 1 for prev, run in zip(fullest.runs, fullest.runs[1:]) if run.x0 - prev.x1 >= run.size]
    columns: dict[int, list[list[Run]]] = defaultdict(list)  # column → its runs, line by line
    for line in group:
        by_column: dict[int, list[Run]] = defaultdict(list)
        for run in line.runs:
            by_column[bisect.bisect(bounds, run.x0)].append(run)
        for column, runs in by_column.items():
            columns[column].append(runs)
    if len(columns) < 2:
        return None
    cells = []
    for column in sorted(columns):
        text = ""
        for runs in columns[column]:
            text = _join(text, _joined_runs(runs, tabs=False))
        cells.append(text)
    return Line([r for line in group for r in line.runs], group[0].page, cells=cells)


def _read_pages(pdf: pdfium.PdfDocument, found: Findings) -> list[list[Line]]:
    """Each page's rows, top to bottom (a page without text: no rows)."""
    pages: list[list[Line]] = []
    for n in range(len(pdf)):
        page = pdf[n]
        found.page_widths.append(page.get_width())
        textpage = page.get_textpage()
        runs = _runs(textpage)
        if not runs and any(True for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE])):
            found.pages_without_text.append(n + 1)
        pages.append(_table_rows(_drop_ruby(_rows(runs, n), found), _rules(page)) if runs else [])
        textpage.close()
        page.close()
    return pages


# ---------------------------------------------------------------------------
# Step 2: running headers, footers and page numbers
# ---------------------------------------------------------------------------


def _shape(text: str) -> str:
    """A running line's text with page numbers blanked: 「- 3 -」 and 「- 4 -」 look alike."""
    return DIGITS.sub("#", SPACES.sub("", text))


def _drop_running_lines(pages: list[list[Line]], found: Findings) -> list[list[Line]]:
    """Rows repeated at the same height on most pages, and page-number rows at a page's edge."""
    need = max(2, (len(pages) + 1) // 2)
    edges = [{id(r): r for r in rows[:EDGE_ROWS] + rows[-EDGE_ROWS:]}.values() for rows in pages]
    # (shape, height bucket) → pages with such a row
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for rows in edges:
        for row in rows:
            seen[_shape(row.text), round(row.bottom / SAME_PLACE)].add(row.page)
    drop: set[int] = set()
    shown: dict[str, str] = {}  # one example of each removed line, for the note
    for page_rows, rows in zip(pages, edges):
        for row in rows:
            shape, bucket = _shape(row.text), round(row.bottom / SAME_PLACE)
            repeated = seen[shape, bucket - 1] | seen[shape, bucket] | seen[shape, bucket + 1]
            outermost = row is page_rows[0] or row is page_rows[-1]
            if len(repeated) >= need or (outermost and PAGE_NUMBER.fullmatch(row.text)):
                drop.add(id(row))
                shown.setdefault(shape, row.text)
    found.removed += shown.values()
    return [[r for r in rows if id(r) not in drop] for rows in pages]


# ---------------------------------------------------------------------------
# Step 3: two-column pages
# ---------------------------------------------------------------------------


def _gutter(rows: list[Line]) -> float | None:
    """The middle of the empty x-range between the columns of a two-column page, or None."""
    rows = [row for row in rows if row.cells is None]  # a table's columns are not the page's
    if len(rows) < MIN_COLUMN_ROWS:
        return None
    runs = [run for row in rows for run in row.runs]
    left, right = min(r.x0 for r in runs), max(r.x1 for r in runs)
    lo, hi = left + 0.3 * (right - left), left + 0.7 * (right - left)
    events = sorted(
        (x, d) for r in runs if max(r.x0, lo) < min(r.x1, hi) for x, d in ((max(r.x0, lo), 1), (min(r.x1, hi), -1))
    )
    allowed = len(rows) // 7  # rows across the gutter: a title, a wide table
    gaps: list[list[float]] = []
    depth, pos = 0, lo
    for x, d in [*events, (hi, 0)]:
        if depth <= allowed and x > pos:
            if gaps and gaps[-1][1] >= pos:
                gaps[-1][1] = x
            else:
                gaps.append([pos, x])
        depth, pos = depth + d, max(pos, x)
    if not gaps:
        return None
    g0, g1 = max(gaps, key=lambda g: g[1] - g[0])
    size = statistics.median(r.size for r in runs)
    if g1 - g0 < size:
        return None
    middle = (g0 + g1) / 2
    left_ends = [max(r.x1 for r in row.runs if r.x1 <= middle) for row in rows if row.runs[0].x1 <= middle]
    right_rows = sum(1 for row in rows if row.runs[-1].x0 >= middle)
    # Both columns carry text, and the left one is filled up to the gutter (not a table's ragged cells).
    full = sum(1 for end in left_ends if end >= g0 - 2 * size)
    if min(len(left_ends), right_rows) < max(3, 0.3 * len(rows)) or full < 0.25 * len(left_ends):
        return None
    return middle


def _reading_order(rows: list[Line], found: Findings) -> list[Line]:
    """A page's lines in reading order: rows across the gutter in place, columns left then right."""
    middle = _gutter(rows)
    if middle is None:
        return rows
    found.two_column_pages += 1
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for row in rows:
        lhs = [r for r in row.runs if r.x1 <= middle]
        rhs = [r for r in row.runs if r.x0 >= middle]
        if len(lhs) + len(rhs) < len(row.runs) or (row.cells is not None and lhs and rhs):  # spans both columns
            out += left + right
            left, right = [], []
            out.append(row)
            continue
        if row.cells is not None:  # a table row within one column
            (left if lhs else right).append(Line(row.runs, row.page, "left" if lhs else "right", row.cells))
            continue
        if lhs:
            left.append(Line(lhs, row.page, "left"))
        if rhs:
            right.append(Line(rhs, row.page, "right"))
    return out + left + right


# ---------------------------------------------------------------------------
# Step 4: lines → the author's lines (wraps joined, blank lines restored)
# ---------------------------------------------------------------------------


def _edge(values: list[float], tolerance: float, *, highest: bool) -> float | None:
    """The outermost value that at least two lines share (a margin), or None."""
    ordered = sorted(values, reverse=highest)
    for i in range(len(ordered) - 1):
        if abs(ordered[i + 1] - ordered[i]) <= tolerance:
            return ordered[i]
    return None


def _right_edge(ends: list[float], size: float, mirror: float | None) -> float | None:
    """The right margin that wrapped lines reach, or None when no line seems wrapped.

    Wrapped lines end together at the margin, and nothing goes past it. A few lines that merely end
    together (three company names of one length) are not a margin unless they sit where the page's
    right margin mirrors its left one (``mirror``); nor is the mirror, unless some line nearly reaches it.
    """
    longest = max(ends)
    shared = _edge(ends, 0.25 * size, highest=True)
    if shared is not None and longest - shared <= 1.5 * size:
        support = sum(1 for x in ends if shared - 1.5 * size <= x <= shared + 0.25 * size)
        if support >= max(5, len(ends) // 10) or (mirror is not None and abs(shared - mirror) <= 3 * size):
            return shared
    if mirror is not None and mirror - 2 * size <= longest <= mirror + 0.5 * size:
        return mirror
    return None


def _flows(lines: list[Line], page_width: float) -> dict[str, Flow]:
    """Margins, line pitch and font size of each flow, measured over the whole document."""
    flows: dict[str, Flow] = {}
    margin = min(line.x0 for line in lines)
    for name in ("page", "left", "right"):
        mine = [line for line in lines if line.flow == name]
        if not mine:
            continue
        size = statistics.median(line.size for line in mine)
        left = _edge([line.x0 for line in mine], 0.25 * size, highest=False) or min(line.x0 for line in mine)
        # Lines ending in 、。 may hang them past the margin (ぶら下げ): they do not show where it is.
        ends = [line.x1 for line in mine if "\t" not in line.text and line.runs[-1].text.rstrip()[-1:] not in HANGING]
        ends = ends or [line.x1 for line in mine]
        right = _right_edge(ends, size, None if name == "left" else page_width - margin)
        steps = [
            a.bottom - b.bottom
            for a, b in zip(mine, mine[1:])
            if a.page == b.page and 0.5 * size < a.bottom - b.bottom < 4 * size
        ]
        pitch = _edge(steps, 0.1 * size, highest=False) or (statistics.median(steps) if steps else 1.5 * size)
        firsts = [b.top for a, b in zip([None, *mine], mine) if a is None or a.page != b.page]
        top = _edge(firsts, 0.1 * size, highest=True) or max(firsts)
        flows[name] = Flow(left, right, pitch, top, size)
    return flows


def _wraps(line: Line, nxt: Line, flows: dict[str, Flow]) -> bool:
    """Whether ``line`` was broken by the typesetter and ``nxt`` continues it."""
    flow = flows[line.flow]
    if flow.right is None or line.cells is not None or nxt.cells is not None or _blank_before(line, nxt, flows):
        return False
    if _right_aligned(line, flow) or _right_aligned(nxt, flows[nxt.flow]):
        return False  # a date, a signature
    text, body = line.text, nxt.text
    if "\t" in text or "\t" in body or STRONG_LABEL.match(body):
        return False
    finished = text[-1:] in SENTENCE_END
    if finished and WEAK_LABEL.match(body):
        return False
    # The line ended by choice if the next line's first piece would have fitted in the room left. A line
    # that stops mid-sentence gets two characters of doubt: typesetters keep 「第24条」 or a Latin word whole.
    room = flow.right - line.x1 - (0 if finished else 2 * flow.size)
    return nxt.first_piece_width() > room + 0.02 * flow.size


def _right_aligned(line: Line, flow: Flow) -> bool:
    return flow.right is not None and line.x0 > (flow.left + flow.right) / 2


def _blank_before(prev: Line | None, line: Line, flows: dict[str, Flow]) -> bool:
    """A blank line stood before ``line``: a wider gap than the line pitch, or a lower start of a page."""
    flow = flows[line.flow]
    table = prev is not None and "\t" in prev.text and "\t" in line.text  # rows stand apart by their cells' padding
    if prev is not None and prev.page == line.page and prev.flow == line.flow:
        step = prev.bottom - line.runs[0].bottom  # to the first baseline of a table row whose cells wrap
        return step > (2 if table else 1) * flow.pitch + 0.5 * flow.size
    return not table and flow.top - line.top > 0.5 * flow.pitch


def _join(text: str, more: str) -> str:
    """A wrapped line and its continuation; Latin words keep the space the wrap took."""
    if text and more and text[-1].isascii() and text[-1].isalnum() and more[0].isascii() and more[0].isalnum():
        return text + " " + more
    return text + more


def _author_lines(lines: list[Line], page_width: float) -> list[str]:
    """The text lines as written: wrapped lines joined, blank lines restored.

    Indents are not: on a page they are layout (a hanging 「１．」, a centred title), while in plain
    text the text reader reads them as structure (a 号 numbered like a 項, a Lawtext table cell).
    """
    flows = _flows(lines, page_width)
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        if prev is not None and _wraps(prev, line, flows):
            out[-1] = _join(out[-1], line.text)
        else:
            if out and _blank_before(prev, line, flows):
                out.append("")
            out.append(line.text)
        prev = line
    return out


# ---------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise SourceError(
                f"{source}: encrypted PDF — it needs a password to open; remove the password first"
                " (パスワードで保護されたPDFです。パスワードを解除してから読み込んでください)"
            ) from None
        if code == pdfium.raw.FPDF_ERR_SECURITY:
            raise SourceError(
                f"{source}: PDF encrypted with an unsupported security handler (対応していない方式で暗号化されたPDFです)"
            ) from None
        raise SourceError(
            f"{source}: not a readable PDF — damaged, or not a PDF at all"
            " (PDFとして読み込めません。ファイルが壊れているか、PDFではありません)"
        ) from None


def _notes(found: Findings, mapped: int) -> list[str]:
    notes = []
    if found.removed:
        shown = "".join(f"「{t}」" for t in found.removed[:3]) + ("…" if len(found.removed) > 3 else "")
        notes.append(f"running headers/footers and page numbers removed (ヘッダー・フッター・ページ番号を除きました): {shown}")
    if found.ruby:
        shown = "".join(f"「{t}」" for t in found.ruby[:3]) + ("…" if len(found.ruby) > 3 else "")
        notes.append(f"ruby (furigana) left out (ルビを除きました): {shown}")
    if found.two_column_pages:
        notes.append(f"{found.two_column_pages} two-column page(s) read column by column (2段組のページを段ごとに読みました)")
    if found.pages_without_text:
        pages = ", ".join(map(str, found.pages_without_text))
        notes.append(
            f"page(s) {pages} have no text layer and were skipped — they need OCR"
            f" (テキストのないページを読み飛ばしました。OCRが必要です: {pages}ページ)"
        )
    if mapped:
        notes.append(f"{mapped} CJK radical look-alike(s) read as ideographs (部首の字形を漢字に直しました: ⽤→用 など)")
    return notes


NO_TEXT = "no text layer — a scanned PDF needs OCR first (テキストのないPDFです。スキャンしたPDFは先にOCRで文字を認識させてください)"


def parse_pdf(data: bytes, *, source: str = "") -> Document:
    """Read a text-based PDF (terms document or law) into a Document."""
    name = source or "-"
    pdf = _open(data, name)
    found = Findings()
    try:
        pages = _read_pages(pdf, found)
    except pdfium.PdfiumError as e:
        raise SourceError(f"{name}: a page of the PDF cannot be read: {e} (PDFのページを読み込めません)") from None
    finally:
        pdf.close()
    if not any(pages):
        raise SourceError(f"{name}: {NO_TEXT}")
    pages = _drop_running_lines(pages, found)
    if not any(pages):  # nothing but page numbers on scanned pages
        raise SourceError(f"{name}: {NO_TEXT}")
    lines = [line for rows in pages for line in _reading_order(rows, found)]
    raw = "\n".join(_author_lines(lines, statistics.median(found.page_widths))) + "\n"
    text = map_lookalikes(raw)
    doc = parse_text(text, source=source)
    doc.notes.extend(_notes(found, sum(a != b for a, b in zip(raw, text))))
    return doc
