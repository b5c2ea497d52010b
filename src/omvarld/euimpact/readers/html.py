"""HTML: block elements become lines, list items "• " lines, site furniture is dropped."""

from __future__ import annotations

from html.parser import HTMLParser

from omvarld.euimpact.readers.text import strip_blank_edges

__all__ = ["html_to_text"]


def html_to_text(markup: str) -> str:
    """Turn HTML into text lines: block elements become lines, list items "• " lines.

    Scripts, styles and the navigation furniture of web pages (nav, aside, footer,
    forms) are dropped.
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.text()


class _TextExtractor(HTMLParser):
    _SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "nav",
            "aside",
            "footer",
            "form",
            "button",
            "select",
            "iframe",
            "head",
        }
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "main",
            "header",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "table",
            "tr",
            "blockquote",
            "pre",
            "figure",
            "figcaption",
            "address",
            "hr",
            "body",
            "caption",
            "tbody",
            "thead",
        }
    )
    _VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self._skip_stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag == self._skip_stack[-1] and tag not in self._VOID:
                self._skip_depth += 1
            return
        role = dict(attrs).get("role") or ""
        if tag in self._SKIP or role in {"navigation", "banner", "contentinfo", "search"}:
            if tag not in self._VOID:
                self._skip_stack.append(tag)
                self._skip_depth = 1
            return
        if tag == "br":
            self._flush(blank=False)
        elif tag == "li":
            self._flush(blank=False)
            self._current.append("• ")
        elif tag in {"td", "th"}:
            self._current.append(" ")
        elif tag in self._BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag == self._skip_stack[-1]:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_stack.pop()
            return
        if tag == "li":
            self._flush(blank=False)
        elif tag in self._BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._current.append(data)

    def _flush(self, *, blank: bool = True) -> None:
        line = " ".join("".join(self._current).split())
        self._current = []
        if line in {"", "•"}:
            if blank and self._lines and self._lines[-1] != "":
                self._lines.append("")
            return
        self._lines.append(line)

    def text(self) -> str:
        """The text collected so far, one block per line."""
        self._flush()
        return strip_blank_edges("\n".join(self._lines))
