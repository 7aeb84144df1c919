"""The command line: parse, resolve the environment, call the core, render, exit.

No medical logic and no formatting lives here. Every command runs inside `_session`, which turns
errors into a message on stderr and the right exit code, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from galacli import __version__, strings
from galacli.env import Environment, detect
from galacli.errors import ExitStatus, GalacliError

if TYPE_CHECKING:
    from galacli.core.records import AnyResult, CheckResult
    from galacli.knowledge.loader import Knowledge
    from galacli.render.layout import Block


class Format(str, Enum):
    rich = "rich"
    plain = "plain"
    json = "json"
    markdown = "markdown"


class CheckFormat(str, Enum):
    """`check` alone also prints html: the visit summary (`-o` writes it to a file)."""

    rich = "rich"
    plain = "plain"
    json = "json"
    markdown = "markdown"
    html = "html"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class TierName(str, Enum):
    emergency = "emergency"
    urgent = "urgent"
    routine = "routine"
    self_care = "self-care"


FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: rich on a terminal, plain when piped.",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=(
            "Language: en or zh; tags such as zh-CN, zh-Hans, zh_CN.UTF-8 or en-GB work too "
            "(zh-TW gets Simplified). Default: GALACLI_LANG, LANGUAGE or LANG, else en."
        ),
        show_default=False,
    ),
]
RegionOpt = Annotated[
    str | None,
    typer.Option(
        "--region",
        help=(
            "Where you are, for emergency numbers: gb, us, cn, ie, au, ca, nz or in (any case). "
            "Default: GALACLI_REGION, else your locale's territory (en_GB.UTF-8 is gb), else "
            "'your local emergency number'."
        ),
        show_default=False,
    ),
]
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="GALACLI_DATA_DIR",
        help="A knowledge pack folder: its entries add to, or replace by id, the shipped ones.",
        exists=True,
        file_okay=False,
        show_default=False,
    ),
]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, help="Most results to show.")]
BriefOpt = Annotated[
    bool,
    typer.Option(
        "--brief",
        "-b",
        help="One screen: the essentials only. JSON output is the same document either way.",
    ),
]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help=(
            "Print long output straight to the terminal. Otherwise rich output taller than the "
            "terminal goes through GALACLI_PAGER, PAGER or less -FRX."
        ),
    ),
]
ColorOpt = Annotated[
    Color,
    typer.Option("--color", help="Colour: auto (honours NO_COLOR, TERM=dumb), always, never."),
]

app = typer.Typer(
    name="galacli",
    help=(
        "Offline, sourced answers about milk or fluid from the nipple when you are not pregnant "
        "or breastfeeding (galactorrhea), and lactation around sex.\n\n"
        "Examples:\n\n"
        "  galacli faq why-milk-after-sex\n\n"
        "  galacli search why are my boobs leaking\n\n"
        "  galacli causes --drug risperidone\n\n"
        "  galacli check -a sex=female -a discharge=milky -a sides=both\n\n"
        "  galacli when-to-worry\n\n"
        "  galacli handout --format html --output handout.html\n\n"
        "This is information, not a diagnosis."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # --install-completion / --show-completion; the candidates come from the callbacks below.
    add_completion=True,
)


def _say(stream: TextIO, message: str) -> None:
    """A message on stderr. Messages quote what was typed (`Unknown question '…'`), so control
    characters in it are shown as escapes, never sent to the terminal raw. On a terminal, long
    lines (the closest topics) break between words, not wherever the terminal cuts them."""
    from galacli.render.layout import visible

    text = visible(message)
    width = _terminal_width(stream)
    if width is not None:
        from galacli.render.linebreak import wrap

        text = wrap(text, width)
    print(text, file=stream)


def _terminal_width(stream: TextIO) -> int | None:
    """The width of the terminal `stream` writes to (COLUMNS when set, as for Rich), or None
    when it is not a terminal. Read from the stream itself: stdout may be a file."""
    try:
        if not stream.isatty():
            return None
        columns = os.environ.get("COLUMNS", "").strip()
        width = int(columns) if columns.isdigit() else os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None
    return max(10, min(width, 1000))


Candidates = list[tuple[str, str]]


def _candidates(pick: Callable[[Knowledge, str], Candidates]) -> Candidates:
    """Shell-completion candidates from the knowledge. Everything is imported here, when the
    shell asks, so an ordinary run starts no slower; a broken knowledge file completes nothing."""
    from galacli.env import resolve_lang

    try:
        return pick(_knowledge(), resolve_lang(None, os.environ)[0])
    except GalacliError:
        return []


def _complete_faq(ctx: typer.Context, incomplete: str) -> Candidates:
    from galacli.core import complete

    if ctx.params.get("query"):
        return []  # an id is the whole query; a second word makes it a search
    return _candidates(lambda kb, lang: complete.faq_ids(kb, incomplete, lang))


def _complete_cause(ctx: typer.Context, incomplete: str) -> Candidates:
    from galacli.core import complete

    if ctx.params.get("query"):
        return []
    return _candidates(
        lambda kb, lang: (
            complete.cause_ids(kb, incomplete, lang) + complete.medicine_names(kb, incomplete, lang)
        )
    )


def _complete_medicine(incomplete: str) -> Candidates:
    from galacli.core import complete

    return _candidates(lambda kb, lang: complete.medicine_names(kb, incomplete, lang))


def _complete_source(incomplete: str) -> Candidates:
    from galacli.core import complete

    return _candidates(lambda kb, _lang: complete.source_ids(kb, incomplete))


def _fail(stream: TextIO, error: GalacliError) -> NoReturn:
    _say(stream, "\n".join([f"galacli: {error.message}", *error.hints]))
    raise typer.Exit(int(error.status))


@contextlib.contextmanager
def _session(
    format: Format | CheckFormat | None, lang: str | None, color: Color, region: str | None = None
) -> Iterator[Environment]:
    """Resolve the environment; turn every expected failure into a message and an exit code."""
    _loaded.clear()  # a new command (tests run many in one process)
    try:
        env = detect(format.value if format else None, lang, color.value, region)
    except GalacliError as error:
        _fail(sys.stderr, error)
    for notice in (env.lang_notice, env.region_notice):
        if notice:
            _say(env.stderr, notice)
    _safe_encoding(env)
    try:
        yield env
    except GalacliError as error:
        _fail(env.stderr, error)
    except KeyboardInterrupt:
        print(f"\n{strings.text('interrupted', env.lang)}", file=env.stderr)
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader went away (`galacli faq | head -1`): stop quietly.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(int(ExitStatus.OK)) from None


def _safe_encoding(env: Environment) -> None:
    """A terminal that cannot encode what we print (LANG=C without UTF-8, PYTHONIOENCODING=ascii)
    gets replacement characters instead of a crash, and a word about why."""
    encoding = getattr(env.stdout, "encoding", None) or "utf-8"
    try:
        "溢乳 °C • —".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        reconfigure = getattr(env.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
        if env.lang != "en" and env.format != "json":
            print(strings.text("cannot_encode", env.lang, encoding=encoding), file=env.stderr)


def _write_utf8(document: str, env: Environment) -> None:
    """Documents (JSON, handouts) are UTF-8 whatever the terminal says."""
    buffer = getattr(env.stdout, "buffer", None)
    if buffer is not None:
        env.stdout.flush()
        buffer.write(document.encode("utf-8"))
        buffer.flush()
    else:
        env.stdout.write(document)


# The knowledge the command loaded (set by `_knowledge`): a pack in use is said on every output.
_loaded: list[Knowledge] = []


def _pack_info() -> dict[str, object] | None:
    """`knowledge: {pack, version, overrides}` for JSON, when a pack is in use."""
    kb = _loaded[-1] if _loaded else None
    if kb is None or kb.pack is None:
        return None
    overrides = [
        {"file": o.file, "id": o.id, "change": o.change, "reason": o.reason} for o in kb.overrides
    ]
    return {"pack": kb.pack, "version": kb.version, "overrides": overrides}


def _overrides_notice(lang: str) -> str | None:
    """The visible notice that a pack changes galacli's triage on purpose (or None)."""
    kb = _loaded[-1] if _loaded else None
    if kb is None or not kb.overrides:
        return None
    separator = "；" if lang == "zh" else "; "
    changes = separator.join(f"{o.id} ({o.reason})" for o in kb.overrides)
    return strings.text("overrides_notice", lang, changes=changes)


def _announce_pack(env: Environment) -> None:
    """One line on stderr when a pack is in use (JSON says it in its `knowledge` key)."""
    kb = _loaded[-1] if _loaded else None
    if kb is None or kb.pack is None or env.format == "json":
        return
    _say(env.stderr, strings.text("pack_in_use", env.lang, pack=kb.pack, version=kb.version))


def _emit(result: AnyResult, env: Environment, *, brief: bool = False, pager: bool = False) -> None:
    """Render `result` in the chosen format. `brief`: the one-screen view (JSON is the same
    document either way). `pager`: rich output taller than the terminal goes through a pager."""
    from galacli.regions import localise

    result = localise(result, env.region)  # the one place emergency numbers enter the text
    if env.format == "json":
        from galacli.render import json_render

        _write_utf8(json_render.render(result, _pack_info()), env)
        return
    from galacli.render.layout import Callout, blocks_for

    _announce_pack(env)
    blocks = blocks_for(result, brief)
    notice = _overrides_notice(env.lang)
    if notice:
        label = strings.text("overrides_label", env.lang)
        blocks = [Callout(label, notice, "safety"), *blocks]
    if env.format == "rich":
        from galacli.render import rich_render

        if pager and env.stdout_isatty:
            _rich_paged(blocks, env)
        else:
            rich_render.print_blocks(blocks, env)
    elif env.format == "markdown":
        from galacli.render import markdown

        env.stdout.write(markdown.render(blocks))
    else:
        from galacli.render import plain

        env.stdout.write(plain.render(blocks))
    env.stdout.flush()


def _rich_paged(blocks: list[Block], env: Environment) -> None:
    """Render to text at the terminal's size; page it when taller than the terminal (and a pager
    is set), else print it. Only reached when stdout is a terminal."""
    import io

    import msgspec

    from galacli import pager as paging
    from galacli.render import rich_render

    size = paging.terminal_size(env.stdout)
    buffer = io.StringIO()
    width = env.width or (size.columns if size else None)
    rich_render.print_blocks(blocks, msgspec.structs.replace(env, stdout=buffer, width=width))
    text = buffer.getvalue()
    height = size.lines if size else None
    if not paging.show(text, stdout=env.stdout, height=height, environ=os.environ):
        env.stdout.write(text)


def _knowledge(data_dir: Path | None = None) -> Knowledge:
    from galacli.knowledge.loader import load_knowledge

    kb = load_knowledge(str(data_dir) if data_dir is not None else None)
    _loaded.append(kb)
    return kb


def _version(value: bool) -> None:
    if value:
        pack = os.environ.get("GALACLI_DATA_DIR") or None
        try:
            kb = _knowledge(Path(pack) if pack else None)
        except GalacliError as error:
            _fail(sys.stderr, error)
        if kb.pack is None:
            line = strings.text("version", "en", version=__version__, knowledge=kb.version)
        else:
            line = strings.text(
                "version_pack", "en", version=__version__, knowledge=kb.version, pack=kb.pack
            )
        _say(sys.stdout, line)
        notice = _overrides_notice("en")
        if notice:
            _say(sys.stdout, notice)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the program and knowledge versions and exit.",
        ),
    ] = False,
) -> None:
    """galacli: milk or fluid from the nipple, explained."""


@app.command()
def faq(
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help="A question id, or words to search for.",
            show_default=False,
            autocompletion=_complete_faq,
        ),
    ] = None,
    limit: LimitOpt = 5,
    list_only: Annotated[
        bool,
        typer.Option("--list", help="Search: list the matching questions, never an answer first."),
    ] = False,
    brief: BriefOpt = False,
    no_pager: NoPagerOpt = False,
    format: FormatOpt = None,
    lang: LangOpt = None,
    region: RegionOpt = None,
    color: ColorOpt = Color.auto,
    data_dir: DataDirOpt = None,
) -> None:
    """Answers to common questions. No argument lists them all.

    A search shows the best answer first when it clearly fits, then other questions that may
    fit; nothing close enough is "nothing found" (exit 1). With an id, --brief shows only the
    short answer and the key advice.

    Examples: galacli faq · galacli faq why-milk-after-sex --brief · galacli faq milk after sex
    """
    from galacli.core import faq as core

    with _session(format, lang, color, region) as env:
        kb = _knowledge(data_dir)
        if query:
            result = core.find_faq(kb, query, env.lang, limit, list_only=list_only)
        else:
            result = core.list_faq(kb, env.lang)
        _emit(result, env, brief=brief, pager=not no_pager)


@app.command()
def search(
    query: Annotated[
        list[str],
        typer.Argument(help="Words to search for.", show_default=False),
    ],
    limit: LimitOpt = 8,
    format: FormatOpt = None,
    lang: LangOpt = None,
    region: RegionOpt = None,
    color: ColorOpt = Color.auto,
    data_dir: DataDirOpt = None,
) -> None:
    """Search everything at once: questions, causes, medicines and warning signs.

    Each result names its kind and the command that opens it. Nothing close enough is
    "nothing found" (exit 1).

    Examples: galacli search stress · galacli search risperdal · galacli search 男的乳头流奶
    """
    from galacli.core.everywhere import search_everywhere

    with _session(format, lang, color, region) as env:
        _emit(search_everywhere(_knowledge(data_dir), query, env.lang, limit), env)


@app.command()
def causes(
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help="A cause id, a medicine name, or words to search.",
            show_default=False,
            autocompletion=_complete_cause,
        ),
    ] = None,
    drug: Annotated[
        list[str] | None,
        typer.Option(
            "--drug",
            "-d",
            help=(
                "Is this medicine, substance or group (antidepressant, the pill) known to raise "
                "prolactin? Repeat it or use commas for several. Exact names only; a near miss "
                "says 'did you mean' (exit 1)."
            ),
            show_default=False,
            autocompletion=_complete_medicine,
        ),
    ] = None,
    limit: LimitOpt = 5,
    format: FormatOpt = None,
    lang: LangOpt = None,
    region: RegionOpt = None,
    color: ColorOpt = Color.auto,
    data_dir: DataDirOpt = None,
) -> None:
    """What can cause milk or nipple discharge. No argument lists every cause by group.

    Examples: galacli causes · galacli causes prolactinoma · galacli causes --drug Risperdal
    """
    from galacli.core import causes as core

    with _session(format, lang, color, region) as env:
        kb = _knowledge(data_dir)
        if drug:
            drug_result = core.lookup_drug(kb, drug, env.lang)
            _emit(drug_result, env)
            if not drug_result.results or any(
                answer.found == "not_found" for answer in drug_result.results
            ):
                raise typer.Exit(int(ExitStatus.NOT_FOUND))
            return
        if query:
            result = core.find_causes(kb, query, env.lang, limit)
        else:
            result = core.list_causes(kb, env.lang)
        _emit(result, env)


@app.command()
def check(
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            help="An answer as KEY=VALUE (repeatable). See --questions.",
            show_default=False,
        ),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="A YAML or JSON file mapping question ids to answers (- reads standard input).",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    questions: Annotated[
        bool, typer.Option("--questions", help="List the questions, their values and why we ask.")
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask questions; use only the given answers.")
    ] = False,
    brief: BriefOpt = False,
    no_pager: NoPagerOpt = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Write a summary to take to the doctor to this file (UTF-8): HTML, or markdown "
                "with --format markdown or a .md name; - prints it. Not with rich, plain or json."
            ),
            show_default=False,
            dir_okay=False,
            allow_dash=True,
        ),
    ] = None,
    format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=(
                "Output format. Default: rich on a terminal, plain when piped. html: the visit "
                "summary, one printable page."
            ),
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    region: RegionOpt = None,
    color: ColorOpt = Color.auto,
    data_dir: DataDirOpt = None,
) -> None:
    """A symptom check: how soon to see someone, and what might be going on.

    Asks one question at a time on a terminal: only those that can still change the result.
    Keys: y/n (or 是/否), d = don't know, ? = why we ask, b = back, q = quit.
    An emergency answer is confirmed before the check ends. Or answer with -a or --answers.
    "Don't know" (-a KEY=unknown) is never read as no; a question left out of -a is listed
    as not asked, with what it could change. Nothing you type is stored.
    The result starts and ends with how soon to see someone; --brief fits it on one screen:
    the tier, why, what to do and what could change it.

    -o FILE writes a summary to take to the doctor (nothing is written without it): the tier
    and why, your answers, the medicines you named and how each relates to prolactin,
    questions to ask and what a doctor usually checks, dated SOURCE_DATE_EPOCH when set, else
    today. --format html without -o prints that page; -o - prints it in markdown or html.

    Examples: galacli check · galacli check --brief -a sex=female -a discharge=milky ·
    galacli check -a sex=male -a discharge=milky --format json ·
    galacli check -a sex=female -a discharge=milky -o visit.html
    """
    from galacli.core import check as core
    from galacli.core.answers import read_answers

    visit = _visit_format(format, output)
    with _session(format, lang, color, region) as env:
        if visit not in (None, "html", "markdown"):
            from galacli.errors import UsageError

            raise UsageError(strings.text("visit_output_format", env.lang, format=visit))
        kb = _knowledge(data_dir)
        if questions:
            if visit is not None:
                from galacli.errors import UsageError

                raise UsageError(strings.text("visit_not_for_questions", env.lang))
            _emit(core.list_questions(kb, env.lang), env)
            return
        given = read_answers(kb, answer or [], answers_file, env.lang)
        if not given and answers_file is None and not answer:
            if env.stdin_isatty and not no_input:
                from galacli.interview import interview

                # `galacli check > out.txt` in a terminal: the questions go to the terminal
                # (stderr), only the result to the file.
                asking = env if env.stdout_isatty else _on_stderr(env)
                given = interview(kb, asking)
            else:
                from galacli.errors import UsageError

                raise UsageError(strings.text("no_input", env.lang))
        result = core.run_check(kb, given, env.lang)
        if visit is None:
            _emit(result, env, brief=brief, pager=not no_pager)
        else:
            _write_visit(kb, result, env, visit, output)


def _visit_format(format: CheckFormat | None, output: Path | None) -> str | None:
    """The format of the visit summary the options ask for (None: the usual check output).
    Only html and markdown are a visit summary; `check` refuses -o with any other format."""
    if format is CheckFormat.html:
        return "html"
    if output is None:
        return None
    if format is None:
        return "markdown" if output.suffix.lower() in (".md", ".markdown") else "html"
    return str(format.value)


def _write_visit(
    kb: Knowledge, result: CheckResult, env: Environment, format: str, output: Path | None
) -> None:
    from galacli.core.handout import printed_date
    from galacli.core.visit import build_visit
    from galacli.regions import localise

    visit = localise(build_visit(kb, result, printed_date(os.environ)), env.region)
    if format == "html":
        from galacli.render import visit_html as renderer
    else:
        from galacli.render import visit_markdown as renderer  # type: ignore[no-redef]
    _write_document(renderer.render(visit), output, env, "visit_written")


def _write_document(document: str, output: Path | None, env: Environment, written: str) -> None:
    """A document to `output` (UTF-8, LF), or to standard output when None or `-`. A file that
    cannot be written is a usage error (exit 2), never a traceback."""
    from galacli.errors import UsageError

    if output is None or str(output) == "-":
        _write_utf8(document, env)
        return
    try:
        output.write_text(document, encoding="utf-8", newline="\n")
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(
            strings.text("output_unwritable", env.lang, path=output, reason=reason)
        ) from None
    _say(env.stderr, strings.text(written, env.lang, path=output))


@app.command("when-to-worry")
def when_to_worry(
    tier: Annotated[
        TierName | None,
        typer.Option("--tier", "-t", help="Show only this tier.", show_default=False),
    ] = None,
    format: FormatOpt = None,
    lang: LangOpt = None,
    region: RegionOpt = None,
    color: ColorOpt = Color.auto,
    data_dir: DataDirOpt = None,
) -> None:
    """Warning signs by how soon you should see someone, most urgent first.

    Examples: galacli when-to-worry · galacli when-to-worry --tier urgent
    """
    from galacli.core.worry import when_to_worry as core

    with _session(format, lang, color, region) as env:
        _emit(core(_knowledge(data_dir), env.lang, tier.value if tier else None), env)


@app.command()
def sources(
    source_id: Annotated[
        str | None,
        typer.Argument(
            help="A source id, e.g. AAFP22.", show_default=False, autocompletion=_complete_source
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help=(
                "Check the registry offline (GLC211-GLC216: hosts that are not citations, "
                "articles without DOI or PMID, entries citing more than 5). Exit 3 on any."
            ),
        ),
    ] = False,
    format: FormatOpt = None,
    lang: LangOpt = None,
    region: RegionOpt = None,
    color: ColorOpt = Color.auto,
    data_dir: DataDirOpt = None,
) -> None:
    """Every source galacli's facts come from, with its kind and canonical link (doi.org or
    PubMed when it has an identifier). With an id: details and what cites it.

    Examples: galacli sources · galacli sources AAFP22 · galacli sources --check
    """
    from galacli.core import sources as core

    with _session(format, lang, color, region) as env:
        if check:
            from galacli.core.validate import check_sources

            result = check_sources(data_dir, env.lang)
            _emit(result, env)
            if result.problems:
                count, files = len(result.problems), len({p.file for p in result.problems})
                print(
                    strings.text("validate_problems", env.lang, count=count, files=files),
                    file=env.stderr,
                )
                raise typer.Exit(int(ExitStatus.INVALID_DATA))
            print(strings.text("sources_clean", env.lang, count=result.entries), file=env.stderr)
            return
        kb = _knowledge(data_dir)
        if source_id:
            _emit(core.show_source(kb, source_id, env.lang), env)
        else:
            _emit(core.list_sources(kb, env.lang), env)


@app.command()
def validate(
    pack: Annotated[
        Path | None,
        typer.Argument(
            help="A pack folder to check. Default: GALACLI_DATA_DIR, else the shipped knowledge.",
            envvar="GALACLI_DATA_DIR",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    format: FormatOpt = None,
    lang: LangOpt = None,
    region: RegionOpt = None,
    color: ColorOpt = Color.auto,
) -> None:
    """Check a knowledge pack: every problem as FILE:LINE: GLCnnn message (codes: README).

    Checks schema, ids and cross-references, both languages where a file has Chinese, review
    dates and the content rules. Exit 0 when clean, 3 otherwise.

    Examples: galacli validate · galacli validate my-pack/ · galacli validate my-pack -f json
    """
    import datetime

    from galacli.core.validate import validate as core

    with _session(format, lang, color, region) as env:
        result = core(pack, env.lang, datetime.date.today())
        _emit(result, env)
        if result.problems:
            count, files = len(result.problems), len({p.file for p in result.problems})
            print(
                strings.text("validate_problems", env.lang, count=count, files=files),
                file=env.stderr,
            )
            raise typer.Exit(int(ExitStatus.INVALID_DATA))
        summary = strings.text(
            "validate_ok", env.lang, files=len(result.files), entries=result.entries
        )
        print(summary, file=env.stderr)


class HandoutFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command()
def handout(
    topics: Annotated[
        list[str] | None,
        typer.Argument(
            help=(
                "faq, causes, when-to-worry, a question id or a cause id (faq:ID or cause:ID "
                "when an id is both). None: a two-page overview."
            ),
            metavar="TOPIC...",
            show_default=False,
        ),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Everything: warning signs, every cause, every question.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the handout to this file (UTF-8) instead of standard output.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    format: Annotated[
        HandoutFormat,
        typer.Option(
            "--format", "-f", help="markdown, html (one standalone page, prints well) or json."
        ),
    ] = HandoutFormat.markdown,
    lang: LangOpt = None,
    region: RegionOpt = None,
    color: ColorOpt = Color.auto,
    data_dir: DataDirOpt = None,
) -> None:
    """A printable handout for clinics, classes and groups, with its sources.

    No topic gives an overview that prints on two pages: what galactorrhea is, common causes,
    when to worry, what a doctor does, and the sources. The printed date is SOURCE_DATE_EPOCH
    when set, else today.

    Examples: galacli handout > overview.md · galacli handout --format html -o handout.html ·
    galacli handout prolactinoma when-to-worry --lang zh --format html -o handout-zh.html
    """
    from galacli.core import handout as core

    # A handout is a document written as UTF-8 whatever the terminal, like JSON: the session
    # treats it as such (no "cannot show Chinese" notice); `format` below picks the renderer.
    with _session(Format.json, lang, color, region) as env:
        printed = core.printed_date(os.environ, lang=env.lang)
        result = core.build_handout(
            _knowledge(data_dir), topics or [], env.lang, printed, everything=everything
        )
        if format is HandoutFormat.html:
            from galacli.render import handout_html as renderer
        elif format is HandoutFormat.json:
            from galacli.render import json_render as renderer  # type: ignore[no-redef]
        else:
            from galacli.render import handout_markdown as renderer  # type: ignore[no-redef]
        from galacli.regions import localise

        result = localise(result, env.region)  # the emergency number, as _emit does
        if format is HandoutFormat.json:
            from galacli.render import json_render

            document = json_render.render(result, _pack_info())
        else:
            document = _handout_notice(renderer.render(result), format, env)
        _write_document(document, output, env, "handout_written")


def _on_stderr(env: Environment) -> Environment:
    import msgspec

    return msgspec.structs.replace(env, stdout=env.stderr, stdout_isatty=_isatty(env.stderr))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _handout_notice(document: str, format: HandoutFormat, env: Environment) -> str:
    """A handout made with a pack that overrides safety rules says so at its top."""
    kb = _loaded[-1] if _loaded else None
    if kb is not None and kb.pack is not None:
        _say(env.stderr, strings.text("pack_in_use", env.lang, pack=kb.pack, version=kb.version))
    notice = _overrides_notice(env.lang)
    if not notice:
        return document
    from galacli.render.layout import clean

    label = strings.text("overrides_label", env.lang)
    if format is HandoutFormat.html:
        import html

        paragraph = f'<p class="notice"><strong>{html.escape(label)}:</strong> '
        paragraph += f"{html.escape(clean(notice))}</p>\n"
        head, found, rest = document.partition("<body>")
        if found:
            return f"{head}<body>\n{paragraph}{rest.lstrip(chr(10))}"
        return paragraph + document
    from galacli.render.markdown import escape

    return f"> **{escape(label)}:** {escape(clean(notice))}\n\n{document}"


def _standard_streams() -> bool:
    """Make sure descriptors 0, 1 and 2 are open, so that no file galacli opens (a cache file)
    can take their number and receive the output. A closed stderr becomes /dev/null (messages
    are lost, never sent to stdout); False if stdout was closed."""
    stdout_open = True
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # takes the lowest free number: this one
            if fd == 1:
                stdout_open = False
    if sys.stderr is None:
        sys.stderr = open(2, "w", closefd=False, errors="backslashreplace")  # noqa: SIM115
    if sys.stdin is None:
        sys.stdin = open(0, closefd=False)  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
    return stdout_open


def _output_failed(error: OSError) -> NoReturn:
    """The output could not be written (a full disk, a closed or broken stream): exit 74."""
    reason = error.strerror or str(error)
    with contextlib.suppress(OSError, ValueError):
        _say(sys.stderr, strings.text("output_failed", "en", reason=reason))
    with contextlib.suppress(OSError):  # nothing left for the interpreter to flush at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    os._exit(int(ExitStatus.OUTPUT))


def main() -> None:
    """Console-script entry point. The last line of defence: a bug is a message, not a traceback."""
    import signal

    from galacli.entry import stopped
    from galacli.env import sanitise_terminal_size

    # Ctrl-C at any moment, in Click's parsing too (which would say "Aborted!", exit 1).
    signal.signal(signal.SIGINT, stopped)
    if not _standard_streams():
        _output_failed(OSError(9, strings.text("stdout_closed", "en")))
    sanitise_terminal_size(os.environ)  # before Typer or Rich reads them
    stdout_was = _identity(1)
    try:
        try:
            app(prog_name="galacli", standalone_mode=True)
        finally:
            sys.stdout.flush()
    except SystemExit as done:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # finished: a late Ctrl-C changes nothing
        # A closed pipe under Click (it wraps stdout) or Rich (it points fd 1 at /dev/null) is
        # their exit 1; galacli's is a quiet 0, as for `galacli faq | head -1`.
        moved = _identity(1) != stdout_was and _identity(1) == _identity(None)
        if done.code == 1 and (type(sys.stdout).__name__ == "PacifyFlushWrapper" or moved):
            _quiet_pipe()
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_pipe()
        except OSError as error:
            _output_failed(error)
        raise done from None
    except KeyboardInterrupt:
        raise
    except BrokenPipeError:
        _quiet_pipe()
    except OSError as error:
        if error.errno in _OUTPUT_ERRORS:
            _output_failed(error)
        _bug(error)
    except Exception as error:  # anything that escaped the commands is a bug
        _bug(error)


# Errors writing the output: a full disk, an I/O error, a closed descriptor, a read-only file.
_OUTPUT_ERRORS = frozenset({5, 9, 27, 28, 30, 122})  # EIO EBADF EFBIG ENOSPC EROFS EDQUOT


def _identity(fd: int | None) -> tuple[int, int] | None:
    """(device, inode) of a descriptor, or of /dev/null for None."""
    try:
        info = os.stat(os.devnull) if fd is None else os.fstat(fd)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _quiet_pipe() -> NoReturn:
    """The reader went away (`galacli --help | head -c1`): stop quietly, like `faq | head`."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    os._exit(int(ExitStatus.OK))


def _bug(error: BaseException) -> NoReturn:
    _say(
        sys.stderr,
        f"galacli: unexpected error ({type(error).__name__}: {error}). "
        "This is a bug in galacli; please report it with the command you ran.",
    )
    sys.exit(int(ExitStatus.INTERNAL))
