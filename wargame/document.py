"""A report as values: sections of paragraphs, lists, tables, charts and a timeline, built
once from a game and rendered to Markdown (`markdown`) or to a standalone HTML page
(`html`, through the Jinja2 templates beside this module, with autoescaping).

Every word of a report is a `Text` in the model; only the renderers know the syntax of a
format. In HTML a string is escaped by the template engine, never by hand, and nothing is
marked safe: the charts' SVG is a template too (`chart.svg.j2`, over `charts.layout`).

    doc = Document("After-action report: ...", lead=(Paragraph(inline("Seed 5...")),),
                   sections=(Section("outcome", "Outcome", (Table(...),)),))
    markdown(doc), html(doc)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen

from .charts import Chart, layout

if TYPE_CHECKING:
    from jinja2 import Environment

# -- the model --------------------------------------------------------------------------


@frozen
class Text:
    """A run of words. `style`: '' plain, 'strong', 'em', 'code', 'reason' (a bot's or
    a hint's words: italic), 'src' (a ¶ source, set small in HTML), 'cite' (a source in
    italics in Markdown, set small in HTML). `href`: a link; one
    to an anchor of the page ('#turn-3') is plain text in Markdown."""

    text: str
    style: str = ""
    href: str = ""


Inline = tuple[Text, ...]


def inline(*parts: str | Text) -> Inline:
    """Runs from strings (plain) and `Text`s, empty strings left out."""
    return tuple(p if isinstance(p, Text) else Text(p) for p in parts if p)


def strong(text: str, href: str = "") -> Text:
    return Text(text, "strong", href)


def em(text: str) -> Text:
    return Text(text, "em")


def joined(parts: Sequence[Inline], sep: str = "; ") -> Inline:
    """Several runs one after the other, `sep` between them."""
    out: list[Text] = []
    for i, part in enumerate(parts):
        if i and sep:
            out.append(Text(sep))
        out.extend(part)
    return tuple(out)


@frozen
class Paragraph:
    """`style`: '' plain, 'lead' (the outcome in bold), 'aside' (a note in italics).
    `only`: 'md' or 'html' for a paragraph one format says another way ('' both)."""

    kind: ClassVar[str] = "paragraph"
    body: Inline
    style: str = ""
    only: str = ""


@frozen
class Items:
    """A list. `empty`: what it says when there is nothing to list."""

    kind: ClassVar[str] = "items"
    items: tuple[Inline, ...]
    ordered: bool = False
    empty: str = ""
    only: str = ""


@frozen
class Column:
    title: str
    right: bool = False
    """Numbers, aligned right (in Markdown; HTML keeps the page's style)."""
    md_title: str | None = None
    """The Markdown head when it differs (Markdown heads start in lower case)."""
    md: bool = True
    """False: HTML only (a long reading, which the Markdown puts in a list instead)."""

    @property
    def md_head(self) -> str:
        if self.md_title is not None:
            return self.md_title
        return self.title[:1].lower() + self.title[1:]


@frozen
class Table:
    kind: ClassVar[str] = "table"
    columns: tuple[Column, ...]
    rows: tuple[tuple[Inline, ...], ...]
    only: str = ""
    style: str = ""
    """A class for the HTML table ('side-by-side': equal columns of prose)."""


@frozen
class Figures:
    """Charts: SVG in HTML; Markdown shows them as a table of sparklines instead."""

    kind: ClassVar[str] = "figures"
    charts: tuple[Chart, ...]
    only: str = "html"


@frozen
class Item:
    """One line of a turn in the timeline. `kind`: 'event', 'order', 'roll',
    'consequence', 'note' (a fizzle, an answer), 'umpire', 'margins', 'teacher' (a
    teacher's note). `label` is the column beside it in HTML (the role for an order)."""

    kind: str
    label: str
    body: Inline
    md_label: str = ""
    """The Markdown label, when it differs (an order's role without its symbol)."""


@frozen
class Turn:
    turn: int
    month: str
    turning_point: bool
    items: tuple[Item, ...]

    @property
    def anchor(self) -> str:
        return f"turn-{self.turn}"


@frozen
class Timeline:
    kind: ClassVar[str] = "timeline"
    turns: tuple[Turn, ...]
    only: str = ""


@frozen
class Review:
    """Questions for the class with room for the answer (and a hint in italics)."""

    kind: ClassVar[str] = "review"
    questions: tuple[tuple[str, str], ...]
    only: str = ""


@frozen
class Section:
    kind: ClassVar[str] = "section"
    id: str
    """The HTML anchor ('' none)."""
    title: str
    blocks: tuple[Any, ...]
    level: int = 2
    only: str = ""


@frozen
class Document:
    title: str
    lead: tuple[Any, ...] = ()
    sections: tuple[Section, ...] = field(factory=tuple)
    page_title: str = ""
    """The HTML page's <title> ('' the title)."""


# -- Markdown ---------------------------------------------------------------------------

_MD_STYLE = {"strong": "**{}**", "em": "*{}*", "reason": "*{}*", "cite": "*{}*",
             "code": "`{}`"}


def md_inline(runs: Inline) -> str:
    out = []
    for r in runs:
        text = _MD_STYLE.get(r.style, "{}").format(r.text)
        if r.href and not r.href.startswith("#"):
            text = f"[{text}]({r.href})"
        out.append(text)
    return "".join(out)


def _md_block(block: Any) -> list[str]:
    if block.only == "html":
        return []
    kind = block.kind
    if kind == "paragraph":
        text = md_inline(block.body)
        if block.style == "lead":
            text = f"**{text}**"
        elif block.style == "aside":
            text = f"*{text}*"
        return [text, ""]
    if kind == "items":
        if not block.items:
            return [f"- {block.empty}", ""] if block.empty else []
        return [f"{f'{i + 1}.' if block.ordered else '-'} {md_inline(item)}"
                for i, item in enumerate(block.items)] + [""]
    if kind == "table":
        shown = [i for i, c in enumerate(block.columns) if c.md]
        cols = [block.columns[i] for i in shown]
        lines = ["| " + " | ".join(c.md_head for c in cols) + " |",
                 "|" + "".join(" ---: |" if c.right else " --- |" for c in cols)]
        lines += ["| " + " | ".join(md_inline(row[i]) for i in shown) + " |"
                  for row in block.rows]
        return [*lines, ""]
    if kind == "timeline":
        return [line for turn in block.turns for line in _md_turn(turn)]
    if kind == "review":
        out = []
        for question, hint in block.questions:
            out += [f"### {question}", "", f"*{hint}*", "", "> ", ""]
        return out
    if kind == "section":
        out = ["#" * block.level + " " + block.title, ""]
        for b in block.blocks:
            out += _md_block(b)
        return out
    raise ValueError(f"no Markdown for a {kind}")


_MD_ITEM = {
    "event": "**Event:** {}",
    "order": "**{label}:** {}",
    "roll": "🎲 {}",
    "consequence": "⇒ {}",
    "note": "{}",
    "umpire": "⚑ **{}**",
    "margins": "Margins: {}",
    "teacher": "📝 **Teacher's note:** {}",
}


def _md_turn(turn: Turn) -> list[str]:
    lines = [f"### Turn {turn.turn}: {turn.month}", ""]
    for item in turn.items:
        label = item.md_label or item.label
        lines.append("- " + _MD_ITEM[item.kind].format(md_inline(item.body), label=label))
    return [*lines, ""]


def markdown(doc: Document) -> str:
    lines = [f"# {doc.title}", ""]
    for block in doc.lead:
        lines += _md_block(block)
    for section in doc.sections:
        lines += _md_block(section)
    return "\n".join(lines).rstrip() + "\n"


# -- HTML -------------------------------------------------------------------------------


@cache
def environment() -> Environment:
    """The Jinja2 environment of the report templates (shipped in `wargame/templates`):
    autoescaping on for every template, undefined names an error."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("wargame", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["layout"] = layout  # a chart's geometry, for templates/chart.svg.j2
    return env


def html(doc: Document) -> str:
    """The document as a standalone HTML page (its style inline, no outside resource)."""
    return environment().get_template("report.html.j2").render(doc=doc)


__all__ = ["Column", "Document", "Figures", "Inline", "Item", "Items", "Paragraph",
           "Review", "Section", "Table", "Text", "Timeline", "Turn", "em", "html", "inline",
           "joined", "markdown", "strong"]
