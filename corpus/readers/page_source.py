"""Markup out of page sources: the HTML that a JSX/TSX component, a Vue single-file component or a
PHP/ERB view (CakePHP ``.ctp``) renders, with the code around and inside it blanked out.

Blanked code keeps its line breaks, so an element's line in the result is its line in the file.
What counts as code: everything outside JSX (imports, functions, hooks), JSX expressions
``{…}`` that are not a string literal (``{"第1条"}`` and ``{' '}`` are text), Vue's ``<script>``
and ``<style>`` blocks and ``{{ … }}`` interpolations, and ``<?php … ?>`` / ``<% … %>`` tags.
JSX attributes stay attributes (``className`` becomes ``class``); a component (``<Link>``)
becomes an inline element ``<x-link>`` that keeps its children.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import PurePath

JSX_SUFFIXES = (".jsx", ".tsx", ".js", ".ts")
VUE_SUFFIXES = (".vue",)
SERVER_SUFFIXES = (".ctp", ".php", ".phtml", ".erb")

# Server-side tags of PHP (``<?php``, ``<?=``, short ``<?``) and ERB (``<%``, ``<%=``, ``<%#``).
_SERVER_TAG = re.compile(r"<\?(?!xml\b).*?(?:\?>|\Z)|<%.*?(?:%>|\Z)", re.S)
# Vue: the component's root template, and interpolations inside it.
_VUE_TEMPLATE = re.compile(r"<template(?:\s[^>]*)?>", re.I)
_VUE_TAGS = re.compile(r"<(/?)template\b", re.I)
_MUSTACHE = re.compile(r"\{\{(.*?)\}\}", re.S)
# JavaScript string literals, and the lookalike of a JSX tag start.
_STRING_LITERAL = re.compile(r"""\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.|\$(?!\{))*)`)\s*""", re.S)
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_NAME = re.compile(r"[A-Za-z_$][\w.$:-]*")
_NUMBER = re.compile(r"\s*(-?\d+)\s*")
# After these, ``<`` starts JSX rather than comparing (``return (``, ``=> <p>``, ``cond && <p>``).
_JSX_BEFORE_CHARS = set("(,=:?[{&|!;>")
_JSX_BEFORE_WORDS = ("return", "yield", "default", "case", "else", "typeof", "in", "of")
# A regular expression literal where an operand is expected (its quotes and brackets are not code).
_REGEX_BEFORE_CHARS = set("(,=:?[{&|!;>+-*%~^<}")
_REGEX_LITERAL = re.compile(r"/(?![*/])(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")
# Attributes worth keeping (the rest are handlers and code): JSX names → HTML names.
_ATTRIBUTES = {"className": "class", "class": "class", "style": "style", "start": "start", "type": "type",
               "value": "value", "reversed": "reversed", "href": "href", "id": "id", "hidden": "hidden"}
# ``style={{ listStyleType: "none" }}``: the one style property lists need.
_LIST_STYLE = re.compile(r"""listStyle(?:Type)?\s*:\s*["'`]([^"'`]*)["'`]""")
_VOID = {"br", "hr", "img", "wbr", "input", "meta", "link", "area", "source", "col", "embed", "track"}


@dataclass(slots=True)
class Markup:
    """The HTML of a page source, and what was skipped that may have been text."""

    html: str
    notes: list[str] = field(default_factory=list)


def page_markup(text: str, source: str = "") -> Markup:
    """The HTML a page source renders; plain HTML comes back unchanged."""
    kind = _kind(text, source)
    if kind == "jsx":
        return _Jsx(text).markup()
    if kind == "vue":
        return _vue(text)
    if kind == "server":
        return Markup(_blank_matches(_SERVER_TAG, text))
    return Markup(text)


def _kind(text: str, source: str) -> str:
    suffix = PurePath(source).suffix.lower()
    if suffix in JSX_SUFFIXES:
        return "jsx"
    if suffix in VUE_SUFFIXES:
        return "vue"
    if suffix in SERVER_SUFFIXES or (not suffix and ("<?php" in text or "<%=" in text)):
        return "server"
    if not suffix and re.match(r"\s*(?:import|export|const|function|'use client'|\"use client\")\b", text):
        return "jsx"
    if not suffix and re.match(r"\s*(?:<!--.*?-->\s*)*<template[\s>]", text, re.S) and "<script" in text:
        return "vue"
    return "html"


def _blank(s: str) -> str:
    """Code replaced by its line breaks."""
    return "\n" * s.count("\n")


def _blank_matches(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: _blank(m.group()), text)


def _literal(expr: str) -> str | None:
    """The value of a lone JavaScript string literal (``"第1条"``, ``' '``), else None."""
    m = _STRING_LITERAL.fullmatch(expr)
    if m is None:
        return None
    raw = next(g for g in m.groups() if g is not None)
    value = _ESCAPE.sub(_unescape, raw)
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")  # joins "\\ud83d\\ude00" pairs
    except UnicodeDecodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


def _unescape(e: re.Match[str]) -> str:
    code = e.group(1)
    if code[0] in "ux" and len(code) > 1:
        point = int(code[1:].strip("{}"), 16)
        return chr(point) if point <= 0x10FFFF else "\ufffd"
    return {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": ""}.get(code, code)


# ---------------------------------------------------------------------------------------------
# Vue


def _vue(text: str) -> Markup:
    """The root ``<template>`` of a single-file component; the rest (script, style) blanked."""
    m = _VUE_TEMPLATE.search(text)
    if m is None:
        return Markup(_blank(text))
    depth, end, inner_end = 0, len(text), len(text)
    for tag in _VUE_TAGS.finditer(text, m.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            inner_end = tag.start()
            close = text.find(">", tag.end())
            end = len(text) if close < 0 else close + 1
            break
    inner = text[m.end():inner_end]
    inner = _VUE_TAGS.sub(lambda t: f"<{t.group(1)}x-template", inner)  # nested <template v-if> renders
    skipped = [0]

    def interpolation(e: re.Match[str]) -> str:
        value = _literal(e.group(1))
        if value is None:
            skipped[0] += 1
            return _blank(e.group())
        return html.escape(value, quote=False) + _blank(e.group())

    inner = _MUSTACHE.sub(interpolation, inner)
    markup = Markup(_blank(text[: m.end()]) + inner + _blank(text[inner_end:end]) + _blank(text[end:]))
    if skipped[0]:
        markup.notes.append(_skipped_note(skipped[0]))
    return markup


def _skipped_note(count: int) -> str:
    return (
        f"{count} expression(s) in the markup were not read (code, i18n lookups); text they compute is"
        " missing (コードの中の文言は読み込んでいません)"
    )


# ---------------------------------------------------------------------------------------------
# JSX / TSX


class _Fail(Exception):
    """Not JSX after all (``a < b``, a TypeScript generic): the ``<`` is code."""


class _Jsx:
    """A scanner over a JavaScript/TypeScript module: code is skipped, JSX elements become HTML."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.out: list[str] = []
        self.skipped = 0  # expressions in markup that held JSX or text-like strings

    def markup(self) -> Markup:
        self.code(0, None)
        return Markup("".join(self.out), [_skipped_note(self.skipped)] if self.skipped else [])

    # -- code ------------------------------------------------------------------------------------
    def code(self, i: int, close: str | None) -> int:
        """Skip code from ``i`` (emitting its line breaks and any JSX in it) up to ``close``
        (``}`` of an expression; None for the whole module). Returns the index after ``close``."""
        s, n = self.s, len(self.s)
        depth = 0
        last = ""  # the last significant character or word before the current position
        while i < n:
            c = s[i]
            if c == "\n":
                self.out.append("\n")
                i += 1
            elif c.isspace():
                i += 1
            elif s.startswith("//", i):
                j = s.find("\n", i)
                i = n if j < 0 else j
            elif s.startswith("/*", i):
                j = s.find("*/", i + 2)
                j = n if j < 0 else j + 2
                self.out.append(_blank(s[i:j]))
                i = j
            elif c in "'\"`":
                i = self.string(i)
                last = "x"
            elif c == "/" and (last == "" or last in _REGEX_BEFORE_CHARS or last in _JSX_BEFORE_WORDS):
                m = _REGEX_LITERAL.match(s, i)  # /'/g: not a string, not a comment
                i = m.end() if m else i + 1
                last = "x"
            elif c == "<" and self._jsx_can_start(i, last):
                mark = len(self.out)
                try:
                    i = self.element(i)
                    last = ")"
                except _Fail:
                    del self.out[mark:]
                    i += 1
                    last = "<"
            elif c in "{([":
                depth += 1
                last = c
                i += 1
            elif c in "})]":
                if depth == 0 and close is not None and c == close:
                    return i + 1
                depth -= 1
                last = c
                i += 1
            elif c.isalnum() or c in "_$":
                m = re.compile(r"[\w$]+").match(s, i)
                last = m.group()
                i = m.end()
            else:
                last = c
                i += 1
        if close is not None:
            raise _Fail
        return i

    def _jsx_can_start(self, i: int, last: str) -> bool:
        nxt = self.s[i + 1 : i + 2]
        if not (nxt.isalpha() or nxt == ">"):
            return False
        return last == "" or last in _JSX_BEFORE_CHARS or last in _JSX_BEFORE_WORDS

    def string(self, i: int) -> int:
        """Skip a string or template literal starting at ``i``; returns the index after it."""
        s, quote = self.s, self.s[i]
        j = i + 1
        while j < len(s):
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if c == quote:
                self.out.append(_blank(s[i:j]))
                return j + 1
            if quote == "`" and s.startswith("${", j):
                self.out.append(_blank(s[i:j]))
                j = self.code(j + 2, "}")
                i = j
                continue
            if c == "\n" and quote != "`":
                break
            j += 1
        self.out.append(_blank(s[i:j]))
        return j

    def expression(self, i: int) -> tuple[int, str]:
        """A ``{…}`` at ``i``: (index after it, its source)."""
        mark = len(self.out)
        end = self.code(i + 1, "}")
        del self.out[mark:]
        return end, self.s[i + 1 : end - 1]

    # -- markup ----------------------------------------------------------------------------------
    def element(self, i: int) -> int:
        """A JSX element (or fragment) at ``i``, emitted as HTML; returns the index after it."""
        s = self.s
        if s.startswith("<>", i):
            return self.children(i + 2, "")
        m = _NAME.match(s, i + 1)
        if m is None:
            raise _Fail
        name, i = m.group(), m.end()
        tag = name if re.fullmatch(r"[a-z][a-z0-9-]*", name) else "x-" + re.sub(r"[^a-z0-9-]", "-", name.lower())
        attrs: list[str] = []
        newlines = 0
        while True:
            while i < len(s) and s[i].isspace():
                newlines += s[i] == "\n"
                i += 1
            if s.startswith("/>", i):
                self.out.append(self._start(tag, attrs, newlines) + ("" if tag in _VOID else f"</{tag}>"))
                return i + 2
            if s.startswith(">", i):
                self.out.append(self._start(tag, attrs, newlines))
                return self.children(i + 1, name, tag)
            if s.startswith("{", i):  # {...spread} or {/* comment */}
                i, src = self.expression(i)
                newlines += src.count("\n")
                continue
            a = _NAME.match(s, i)
            if a is None:
                raise _Fail
            key, i = a.group(), a.end()
            value: str | None = ""
            if s.startswith("=", i):
                i += 1
                if s[i : i + 1] in ("'", '"'):
                    end = s.find(s[i], i + 1)
                    if end < 0:
                        raise _Fail
                    value = s[i + 1 : end]
                    newlines += value.count("\n")
                    i = end + 1
                elif s.startswith("{", i):
                    i, src = self.expression(i)
                    newlines += src.count("\n")
                    value = self._attribute_value(key, src)
                elif s.startswith("<", i):
                    mark = len(self.out)
                    i = self.element(i)
                    del self.out[mark:]
                    value = None
                else:
                    raise _Fail
            html_key = _ATTRIBUTES.get(key)
            if html_key and value is not None:
                attrs.append(f'{html_key}="{html.escape(value)}"')

    def _attribute_value(self, key: str, src: str) -> str | None:
        literal = _literal(src)
        if literal is not None:
            return literal
        number = _NUMBER.fullmatch(src)
        if number:
            return number.group(1)
        if key == "style":
            m = _LIST_STYLE.search(src)
            return f"list-style-type: {m.group(1)}" if m else None
        return None

    @staticmethod
    def _start(tag: str, attrs: list[str], newlines: int) -> str:
        return f"<{tag}{''.join(' ' + a for a in attrs)}{chr(10) * newlines}>"

    def children(self, i: int, name: str, tag: str = "") -> int:
        """Children up to ``</name>`` (``</>`` for a fragment); returns the index after it."""
        s, n = self.s, len(self.s)
        while i < n:
            c = s[i]
            if c == "<":
                if s.startswith("</", i):
                    end = s.find(">", i)
                    if end < 0 or s[i + 2 : end].strip() != name:
                        raise _Fail
                    self.out.append(f"</{tag}>" if tag and tag not in _VOID else "")
                    return end + 1
                i = self.element(i)
            elif c == "{":
                i, src = self.expression(i)
                value = _literal(src)
                if value is not None:
                    self.out.append(html.escape(value, quote=False) + _blank(src))
                    continue
                self.out.append(_blank(src))
                code = re.sub(r"/\*.*?\*/|//[^\n]*", "", src, flags=re.S)
                if "<" in code or re.search(r"""["'`][^"'`]*[^\x00-\x7f]""", code):
                    self.skipped += 1
            else:
                j = min((k for k in (s.find("<", i), s.find("{", i)) if k >= 0), default=n)
                self.out.append(s[i:j])
                i = j
        raise _Fail
