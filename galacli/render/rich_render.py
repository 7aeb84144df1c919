"""Rich output for people at a terminal. The only module that imports Rich (lazily, at call).

Every piece of text from data or from the user becomes a rich.text.Text, never markup, so
brackets in it print as they are. Tiers are words first; colour only repeats them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from galacli.render import linebreak
from galacli.render.layout import (
    Block,
    Bullets,
    Callout,
    Heading,
    Lines,
    Para,
    Rows,
    TierBanner,
    TierLine,
    Title,
    clean,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod
    from rich.text import Text

    from galacli.env import Environment

# Below this many cells for its words, a list of ids and words is printed one under the other.
NARROWEST_ROW_TEXT = 24

TIER_STYLE = {"emergency": "bold red", "urgent": "bold yellow", "routine": "bold blue"}
CALLOUT_STYLE = {"safety": "yellow", "disclaimer": "dim", "note": "cyan"}


def print_blocks(blocks: list[Block], env: Environment) -> None:
    from rich.cells import cell_len
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table

    wrapping_text = _wrapping_text_class()

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich's default exits with status 1, which galacli uses for "nothing found".
            # The command's session stops quietly with 0 instead, as for every other format.
            self.quiet = True
            raise BrokenPipeError

    console = QuietConsole(
        file=env.stdout,
        width=env.width,
        no_color=not env.color,
        color_system="auto" if env.color else None,
        force_terminal=env.color or None,
        highlight=False,
        emoji=False,
        markup=False,
    )

    def text(value: str, style: str = "") -> Text:
        return wrapping_text(clean(value), style)

    for block in blocks:
        if isinstance(block, Title):
            title = text(block.text, "bold")
            if block.subtitle:
                title.append("  ")
                title.append(clean(block.subtitle), style="dim")
            console.print(title)
        elif isinstance(block, Heading):
            console.print()
            console.print(text(block.text, "bold cyan"))
        elif isinstance(block, Para):
            console.print(text(block.text))
        elif isinstance(block, Bullets):
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for item in block.items:
                grid.add_row("•", text(item))
            console.print(Padding(grid, (0, 0, 0, 2)))
        elif isinstance(block, Rows):
            key_width = max((cell_len(clean(key)) for key, _ in block.rows), default=0)
            if key_width + 2 + NARROWEST_ROW_TEXT > console.width:
                # Too narrow for two columns: each id on its own line, its words below it.
                for key, words in block.rows:
                    console.print(text(key, "cyan"))
                    console.print(Padding(text(words), (0, 0, 0, 2)))
                continue
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="cyan", no_wrap=True)
            grid.add_column(overflow="fold")
            for key, words in block.rows:
                grid.add_row(text(key), text(words))
            console.print(grid)
        elif isinstance(block, TierBanner):
            style = TIER_STYLE.get(block.tier, "bold green")
            body = Group(text(block.label.upper(), style), text(block.action))
            console.print(Panel(body, border_style=style.replace("bold ", ""), expand=True))
        elif isinstance(block, TierLine):
            style = TIER_STYLE.get(block.tier, "bold green")
            recap = text(block.label.upper(), style)
            recap.append("  ")
            recap.append(clean(block.action))
            console.print()
            console.print(recap)
        elif isinstance(block, Lines):
            for line in block.items:
                console.print(text(line), soft_wrap=True)  # one problem, one line
        elif isinstance(block, Callout):
            style = CALLOUT_STYLE.get(block.kind, "cyan")
            console.print()
            console.print(
                Panel(text(block.text), title=text(block.label, "bold"), border_style=style)
            )


@functools.cache
def _wrapping_text_class() -> type[Text]:
    """A rich Text that breaks lines where English and Chinese readers expect (linebreak.py).

    Rich breaks only at spaces, so a Chinese sentence is one long "word" that a table cuts off
    with "…". Only `wrap` and `__rich_measure__` change: where to break, and how narrow a
    column may be.
    """
    from rich.cells import cell_len
    from rich.containers import Lines
    from rich.measure import Measurement
    from rich.text import Text

    class WrappingText(Text):
        def wrap(
            self,
            console: Console,
            width: int,
            *,
            justify: JustifyMethod | None = None,
            overflow: OverflowMethod | None = None,
            tab_size: int = 8,
            no_wrap: bool | None = None,
        ) -> Lines:
            if no_wrap or self.no_wrap or overflow == "ignore":
                return super().wrap(
                    console,
                    width,
                    justify=justify,
                    overflow=overflow,
                    tab_size=tab_size,
                    no_wrap=no_wrap,
                )
            wrap_justify = justify or self.justify or "default"
            lines = Lines()
            for line in self.split(allow_blank=True):
                if "\t" in line:
                    line.expand_tabs(tab_size)
                new_lines = line.divide(linebreak.divide(line.plain, width, cell_len))
                for new_line in new_lines:
                    new_line.rstrip_end(width)
                new_lines.justify(console, width, justify=wrap_justify, overflow="fold")
                lines.extend(new_lines)
            return lines

        def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
            widest = max((cell_len(line) for line in self.plain.splitlines()), default=0)
            return Measurement(linebreak.min_width(self.plain, cell_len), widest)

    return WrappingText
