"""The ``parallax`` command: parses arguments, calls the API, prints. Nothing else lives here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import api
from .model import ParallaxError
from .render import json as json_render
from .render import terminal


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Compare how the same news story is told in different languages, fact by fact.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    compare = commands.add_parser("compare", help="compare two or more articles fact by fact")
    compare.add_argument("files", nargs="+", metavar="FILE", help="text or HTML files; '-' reads stdin")
    _add_output_options(compare)
    compare.set_defaults(run=run_compare)

    extract = commands.add_parser("extract", help="the facts of each article on its own, without comparing")
    extract.add_argument("files", nargs="+", metavar="FILE", help="text or HTML files; '-' reads stdin")
    _add_output_options(extract)
    extract.set_defaults(run=run_extract)

    demo = commands.add_parser("demo", help="compare each story of the bundled example corpus")
    demo.add_argument("--examples", type=Path, default=None, help="another corpus: one folder per story")
    demo.add_argument("--json", action="store_true", help="print JSON lines, one comparison per story")
    demo.set_defaults(run=run_demo)
    return parser


def _add_output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", action="store_true", help="print the JSON contract (schema 1)")
    command.add_argument("--no-clean", action="store_true", help="skip boilerplate removal (text is clean)")
    command.add_argument(
        "--show-removed", action="store_true", help="list the lines the cleaner dropped and why"
    )


def stdout_console() -> Console:
    return Console(soft_wrap=False, highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


@contextmanager
def progress_reporter(total: int, label: str):
    """A progress bar on a terminal's stderr; silent when stderr is piped."""
    console = stderr_console()
    if not console.is_terminal:
        yield lambda item: None
        return
    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("", total=total)

        def advance(item: str) -> None:
            progress.update(task, advance=1, description=item)

        yield advance


def run_compare(args: argparse.Namespace) -> int:
    with progress_reporter(len(args.files), "reading") as progress:
        comparison = api.compare(args.files, clean=not args.no_clean, progress=progress)
    if args.json:
        record = json_render.comparison_record(comparison)
        if args.show_removed:
            _add_removed(record, comparison.documents)
        print(json_render.dumps(record))
    else:
        console = stdout_console()
        terminal.print_comparison(comparison, console)
        if args.show_removed:
            terminal.print_removed(comparison.documents, console)
    for warning in comparison.warnings:
        stderr_console().print(f"parallax: warning: {warning}", markup=False)
    return 0


def run_extract(args: argparse.Namespace) -> int:
    with progress_reporter(len(args.files), "reading") as progress:
        documents = api.extract(args.files, clean=not args.no_clean, progress=progress)
    if args.json:
        record = json_render.extraction_record(documents)
        if args.show_removed:
            _add_removed(record, documents)
        print(json_render.dumps(record))
    else:
        console = stdout_console()
        terminal.print_extraction(documents, console)
        if args.show_removed:
            terminal.print_removed(documents, console)
    return 0


def _add_removed(record: dict, documents) -> None:
    for entry, document in zip(record["documents"], documents, strict=True):
        entry["removed"] = [
            {"start": r.start, "end": r.end, "text": r.text, "reason": r.reason}
            for r in document.cleaning.removed
        ]


def run_demo(args: argparse.Namespace) -> int:
    stories = list(api.iter_example_stories(args.examples))
    if not stories:
        raise ParallaxError(f"{args.examples or api.examples_dir()}: no example stories found")
    console = stdout_console()
    for name, files in stories:
        comparison = api.compare(files)
        if args.json:
            print(json_render.dumps(json_render.comparison_record(comparison)).replace("\n", " "))
            continue
        console.rule(f"[bold]{name}[/bold] — {len(files)} sources")
        terminal.print_comparison(comparison, console)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ParallaxError as error:
        print(f"parallax: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
