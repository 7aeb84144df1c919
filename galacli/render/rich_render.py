"""Rich output for people at a terminal. The only module that imports Rich (lazily, at call).

Every piece of text from data or from the user becomes a rich.text.Text, never markup, so
brackets in it print as they are. Tiers are words first; colour only repeats them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    from galacli.env import Environment

TIER_STYLE = {"emergency": "bold red", "urgent": "bold yellow", "routine": "bold blue"}
CALLOUT_STYLE = {"safety": "yellow", "disclaimer": "dim", "note": "cyan"}


def print_blocks(blocks: list[Block], env: Environment) -> None:
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

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
        return Text(clean(value), style=style)

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
            grid.add_column(overflow="fold")  # a long word (CJK run, URL) wraps, never "…"
            for item in block.items:
                grid.add_row("•", text(item))
            console.print(Padding(grid, (0, 0, 0, 2)))
        elif isinstance(block, Rows):
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="cyan", no_wrap=True)
            grid.add_column(overflow="fold")  # a long word (CJK run, URL) wraps, never "…"
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
