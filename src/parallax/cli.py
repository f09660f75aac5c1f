"""The ``parallax`` command: parses arguments, calls the API, prints. Nothing else lives here."""

from __future__ import annotations

import argparse
import difflib
import logging
import re
import shlex
import shutil
import sqlite3
import sys
import warnings
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import api
from .compare import undated_warnings
from .link.gist import documents_gist
from .model import InputWarning, ParallaxError
from .render import json as json_render
from .render import terminal
from .spark.cli import add_spark_command
from .version import __version__
from .web.cli import add_serve_command

# What every command's --help ends with: commands that work as typed (from the project root).
EXAMPLES = {
    "": "parallax demo\nparallax compare examples/visit/visit-kk.txt examples/visit/visit-fr.html\n"
    "parallax COMMAND --help",
    "compare": "parallax compare examples/visit/visit-kk.txt examples/visit/visit-ar.txt\n"
    "parallax compare examples/visit/* --entities      # also every name's sentences\n"
    "parallax compare a.txt b.html --json > comparison.json\n"
    "parallax compare a.txt b.html --html report.html\n"
    "parallax compare --story ID --store news.sqlite\n"
    "parallax compare a.txt b.txt --learn               # use and grow the learned aliases",
    "extract": "parallax extract examples/visit/visit-zh.txt\n"
    "parallax extract phrases.txt --no-clean --json",
    "demo": "parallax demo                   # one screen per story, HTML reports in parallax-reports/\n"
    "parallax demo --all --no-store  # every fact and sentence, leave the store alone",
    "prepare": "parallax prepare\nparallax prepare kk ru ar",
    "ingest": "parallax ingest news/ corpus.jsonl https://example.org/rss.xml --store news.sqlite\n"
    "parallax ingest more/ --store news.sqlite --learn   # this store now uses the learned aliases",
    "stories": "parallax stories --language kk --since 2025-03-01\n"
    "parallax stories --json --q Tokayev\n"
    "parallax stories merge ID1 ID2\n"
    "parallax stories move ARTICLE --to ID",
    "reindex": "parallax reindex --store news.sqlite",
    "store": "parallax store check --store news.sqlite\n"
    "parallax store recover news-recovered.sqlite --store news.sqlite",
    "watch": "parallax watch https://example.org/rss.xml --every 15m --store news.sqlite",
    "serve": "parallax serve --store news.sqlite --port 8000",
    "spark": "parallax spark ingest --input examples/ --output out/examples\n"
    "parallax spark export --input out/examples --store examples.sqlite",
    "spark ingest": "parallax spark ingest --input examples/ --output out/examples",
    "spark export": "parallax spark export --input out/examples --store examples.sqlite --language kk",
}
CLOSE_MATCH = 0.6  # difflib ratio above which a mistyped command or option gets a suggestion


class ParallaxParser(argparse.ArgumentParser):
    """argparse with the conventions of the parallax command: an unknown option is reported by
    the subcommand it was given to (with that subcommand's usage), and a mistyped command or
    option gets a "did you mean"."""

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            owner = command_parser(self, namespace)
            hint = suggestion(extras[0], option_strings(owner)) if extras[0].startswith("-") else ""
            owner.error(f"unrecognized arguments: {' '.join(extras)}{hint}")
        return namespace

    def error(self, message: str):  # type: ignore[override]
        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if choice:
            options = re.findall(r"[\w-]+", choice.group(2))
            message += suggestion(choice.group(1), options)
        super().error(message)


def suggestion(word: str, candidates: Sequence[str]) -> str:
    close = difflib.get_close_matches(word.split("=")[0], list(candidates), n=1, cutoff=CLOSE_MATCH)
    return f"\ndid you mean '{close[0]}'?" if close else ""


def subcommand_actions(parser: argparse.ArgumentParser) -> list[argparse._SubParsersAction]:
    return [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]


def command_parser(parser: argparse.ArgumentParser, namespace: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the (sub)command the namespace was parsed by: the deepest one chosen."""
    for action in subcommand_actions(parser):
        chosen = action.choices.get(getattr(namespace, action.dest, None) or "")
        if chosen is not None:
            return command_parser(chosen, namespace)
    return parser


def option_strings(parser: argparse.ArgumentParser) -> list[str]:
    return [option for action in parser._actions for option in action.option_strings]


def add_examples(parser: argparse.ArgumentParser, path: str = "") -> None:
    """Give every command's --help its examples (EXAMPLES), subcommands included."""
    example = EXAMPLES.get(path)
    if example:
        parser.epilog = "examples:\n" + "\n".join(f"  {line}" for line in example.splitlines())
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
    for action in subcommand_actions(parser):
        for name, sub in action.choices.items():
            add_examples(sub, f"{path} {name}".strip())


def build_parser() -> argparse.ArgumentParser:
    parser = ParallaxParser(
        prog="parallax",
        description="Compare how the same news story is told in different languages, fact by fact.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    compare = commands.add_parser(
        "compare", help="compare two or more articles (or a stored story) fact by fact"
    )
    compare.add_argument("files", nargs="*", metavar="FILE", help="text or HTML files; '-' reads stdin")
    compare.add_argument("--story", metavar="ID", help="compare a stored story instead of files")
    _add_store_option(compare)
    _add_output_options(compare)
    compare.add_argument("--html", type=Path, metavar="FILE", help="also write a self-contained HTML report")
    _add_learn_option(compare, "use the learned aliases and grow them with the names matched here")
    _add_view_options(compare)
    compare.set_defaults(run=run_compare)

    extract = commands.add_parser("extract", help="the facts of each article on its own, without comparing")
    extract.add_argument("files", nargs="+", metavar="FILE", help="text or HTML files; '-' reads stdin")
    _add_output_options(extract)
    _add_learn_option(extract, "also know the names earlier comparisons learned")
    extract.set_defaults(run=run_extract)

    demo = commands.add_parser("demo", help="compare each story of the bundled example corpus")
    demo.add_argument("--examples", type=Path, default=None, help="another corpus: one folder per story")
    demo.add_argument("--json", action="store_true", help="print JSON lines, one comparison per story")
    demo.add_argument(
        "--out", type=Path, default=Path("parallax-reports"), help="folder for the HTML reports"
    )
    demo.add_argument("--no-store", action="store_true", help="do not load the examples into the store")
    demo.add_argument(
        "--all", action="store_true", help="print every comparison in full (fact table, sentences, names)"
    )
    _add_store_option(demo)
    _add_learn_option(demo, "use the learned aliases and grow them with the names matched here")
    demo.set_defaults(run=run_demo)

    prepare = commands.add_parser(
        "prepare", help="build and store the language tables ahead of first use (after installing)"
    )
    prepare.add_argument(
        "languages", nargs="*", metavar="LANG", help="language codes (default: every language parallax knows)"
    )
    prepare.set_defaults(run=run_prepare)

    ingest = commands.add_parser("ingest", help="store articles and link them into stories")
    ingest.add_argument(
        "inputs", nargs="+", metavar="PATH", help="files, folders, JSONL/Parquet/WARC, feeds, URLs"
    )
    _add_ingest_options(ingest)
    ingest.add_argument("--json", action="store_true", help="print the summary as JSON")
    ingest.add_argument(
        "--learn",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="from now on, this store's analyses use and grow the learned aliases (--no-learn: stop)",
    )
    ingest.set_defaults(run=run_ingest)

    stories = commands.add_parser(
        "stories",
        help="list stories (ingesting PATHs first), or correct them: merge ID ID | split ID ARTICLE... | "
        "move ARTICLE --to ID",
    )
    stories.add_argument(
        "args", nargs="*", metavar="PATH|ACTION", help="paths to ingest, or merge/split/move ..."
    )
    stories.add_argument("--to", metavar="ID", help="the story to move an article to")
    stories.add_argument("--relink", action="store_true", help="rebuild all stories from scratch first")
    stories.add_argument("--json", action="store_true", help="print the stories contract (schema 1)")
    for name in ("language", "outlet", "q"):
        stories.add_argument(f"--{name}", default=None, help=f"only stories matching this {name}")
    stories.add_argument("--since", type=iso_date, default=None, help="only stories with an article on or "
                         "after this date (YYYY-MM-DD)")
    stories.add_argument("--until", type=iso_date, default=None, help="only stories with an article on or "
                         "before this date (YYYY-MM-DD)")
    _add_ingest_options(stories, outlet=False)
    stories.set_defaults(run=run_stories)

    reindex = commands.add_parser(
        "reindex", help="re-extract and relink articles an older extractor produced"
    )
    _add_store_option(reindex)
    reindex.set_defaults(run=run_reindex)

    store = commands.add_parser(
        "store", help="check a store (SQLite integrity check), or recover a damaged one into a new store"
    )
    store.add_argument("action", choices=("check", "recover"))
    store.add_argument("target", nargs="?", type=Path, metavar="NEW_STORE", help="recover: the new store")
    _add_store_option(store)
    store.set_defaults(run=run_store)

    watch = commands.add_parser("watch", help="keep polling feeds and link new articles as they arrive")
    watch.add_argument("feeds", nargs="+", metavar="FEED_OR_URL")
    watch.add_argument("--every", default="15m", help="polling interval: 30s, 15m, 1h (default 15m)")
    watch.add_argument("--once", action="store_true", help="poll once and stop")
    _add_ingest_options(watch)
    watch.set_defaults(run=run_watch)
    add_serve_command(commands)
    add_spark_command(commands)
    add_examples(parser)
    return parser


def _add_view_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--entities", action="store_true", help="also print each name's sentences (names are one line each)"
    )
    command.add_argument("--all", action="store_true", help="print everything: the same as --entities")


def iso_date(text: str) -> str:
    """A date as YYYY-MM-DD (what the store compares publication dates with)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: give it as YYYY-MM-DD") from None


def _add_store_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--store", type=Path, default=None, help="the store file (default: user data folder)"
    )


def _add_ingest_options(command: argparse.ArgumentParser, *, outlet: bool = True) -> None:
    _add_store_option(command)
    if outlet:
        command.add_argument("--outlet", help="the outlet of every article read")
    command.add_argument(
        "--allow-private", action="store_true", help="allow URLs on loopback and private networks"
    )
    command.add_argument("--strict", action="store_true", help="exit with 1 when any input was rejected")


def _add_learn_option(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "--learn", action="store_true", help=f"{what} (default: curated names only, the same every run)"
    )


def _add_output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--published",
        metavar="DATE",
        help="the publication date of every file (YYYY-MM-DD), for relative dates",
    )
    command.add_argument(
        "--language", metavar="CODE", help="the language of every file (kk, ru, ar...), not detected"
    )
    command.add_argument("--json", action="store_true", help="print the JSON contract (schema 1)")
    command.add_argument("--no-clean", action="store_true", help="skip boilerplate removal (text is clean)")
    command.add_argument(
        "--show-removed", action="store_true", help="list the lines the cleaner dropped and why"
    )


def stdout_console() -> Console:
    return Console(soft_wrap=False, highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


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
    if args.story:
        if args.files:
            raise ParallaxError("compare: give files or --story ID, not both")
        with open_store(args) as store:
            comparison = store.compare_story(args.story)
    else:
        if not args.files:
            raise ParallaxError("compare: give two or more files, or --story ID with --store")
        with progress_reporter(len(args.files), "reading") as progress:
            comparison = api.compare_articles(args.files, progress=progress, **analysis_options(args))
    if args.json:
        record = json_render.comparison_record(comparison)
        if args.show_removed:
            _add_removed(record, comparison.documents)
        print(json_render.dumps(record))
    else:
        console = stdout_console()
        gist = documents_gist(comparison.documents)
        terminal.print_comparison(comparison, console, entities=args.entities or args.all, gist=gist)
        if args.show_removed:
            terminal.print_removed(comparison.documents, console)
    if args.html:
        from .render.html import write_report

        write_report(comparison, args.html)
        stderr_console().print(f"parallax: report written to {args.html}", markup=False)
    for warning in comparison.warnings:
        stderr_console().print(f"parallax: warning: {warning}", markup=False)
    return 0


def analysis_options(args: argparse.Namespace) -> dict:
    """What ``compare`` and ``extract`` pass on to the analysis of every file."""
    return {
        "clean": not args.no_clean,
        "learn": args.learn,
        "published": args.published,
        "language": args.language,
    }


def run_extract(args: argparse.Namespace) -> int:
    aliases = api.context_for(args.learn).aliases
    with progress_reporter(len(args.files), "reading") as progress:
        documents = api.analyse_articles(args.files, progress=progress, **analysis_options(args))
    warnings = undated_warnings(documents)
    if args.json:
        record = json_render.extraction_record(documents, warnings, aliases)
        if args.show_removed:
            _add_removed(record, documents)
        print(json_render.dumps(record))
    else:
        console = stdout_console()
        terminal.print_extraction(documents, console)
        if args.show_removed:
            terminal.print_removed(documents, console)
    for warning in warnings:
        stderr_console().print(f"parallax: warning: {warning}", markup=False)
    return 0


def _add_removed(record: dict, documents) -> None:
    for entry, document in zip(record["documents"], documents, strict=True):
        entry["removed"] = [
            {"start": r.start, "end": r.end, "text": r.text, "reason": r.reason}
            for r in document.cleaning.removed
        ]


def run_demo(args: argparse.Namespace) -> int:
    """One screen per story (the summary and where its report is); --all prints everything."""
    from .render.html import write_report

    stories = list(api.iter_example_stories(args.examples))
    if not stories:
        raise ParallaxError(f"{args.examples or api.examples_dir()}: no example stories found")
    console = stdout_console()
    args.out.mkdir(parents=True, exist_ok=True)
    every_article = []
    for name, files in stories:
        articles = api.example_articles(files)
        every_article += articles
        comparison = api.compare_articles(articles, learn=args.learn)
        report = write_report(comparison, args.out / f"{name}.html", title=name)
        if args.json:
            print(json_render.dumps(json_render.comparison_record(comparison)).replace("\n", " "))
            continue
        console.rule(f"[bold]{name}[/bold] — {len(files)} sources")
        gist = documents_gist(comparison.documents)
        if args.all:
            terminal.print_comparison(comparison, console, entities=True, gist=gist)
        else:
            terminal.print_summary(comparison, console, gist=gist)
            console.print(terminal.summary_line(comparison))
        console.print(f"report: {report}", markup=False, highlight=False, soft_wrap=True)  # a path: never cut
    err = stderr_console()
    err.print(f"parallax: {len(stories)} HTML reports in {args.out}/", markup=False)
    command = invoked_as()
    if not args.json and not args.all:
        folder = shlex.quote(str(args.examples or api.examples_dir()))
        err.print(
            f"every fact and sentence of a story: {command} compare {folder}/{stories[0][0]}/*"
            f" (or {command} demo --all)",
            markup=False,
        )
    if not args.no_store:
        with open_store(args) as store, ingest_progress() as progress:
            summary = store.add_articles(every_article, progress=progress)
        err.print(
            f"parallax: example corpus in the store {store.path} "
            f"({summary.ingested} new, {summary.duplicates} already there)",
            markup=False,
        )
        err.print(f"next: {command} serve --store {shlex.quote(str(store.path))}", markup=False)
    return 0


def invoked_as() -> str:
    """How to type the parallax command again: `parallax` when that is what is on PATH, else the
    path it was started by (`.venv/bin/parallax`), so that printed commands work as typed."""
    started = sys.argv[0] if sys.argv else ""
    if Path(started).name.startswith("parallax"):
        on_path = shutil.which("parallax")
        if on_path and Path(on_path).resolve() == Path(started).resolve():
            return "parallax"
        return shlex.quote(started)
    if Path(started).name == "cli.py" and Path(started).parent.name == "parallax":
        return f"{shlex.quote(sys.executable)} -m parallax.cli"
    return "parallax"


def run_prepare(args: argparse.Namespace) -> int:
    import time

    from .paths import cache_directory

    started = time.perf_counter()
    languages = args.languages or None
    total = len(args.languages) if languages else len(api.known_languages())
    with progress_reporter(total, "language tables") as advance:
        codes = api.prepare(languages, progress=advance)
    directory = cache_directory()
    where = f"stored in {directory / 'tables'}" if directory else "not stored (PARALLAX_CACHE=off)"
    print(f"language tables for {', '.join(codes)} {where}, {time.perf_counter() - started:.1f} s")
    return 0


# -- the store -------------------------------------------------------------------------------


def open_store(args: argparse.Namespace):
    from .store import Store

    return Store(getattr(args, "store", None))


@contextmanager
def ingest_progress():
    """Counts of ingested, duplicate and rejected articles on a terminal's stderr."""
    console = stderr_console()
    counts = {"ingested": 0, "duplicate": 0, "rejected": 0}
    if not console.is_terminal:
        yield lambda event, item: None
        return
    columns = (TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("reading")

        def update(event: str, item: str) -> None:
            counts[event] += 1
            progress.update(
                task,
                description=f"ingested {counts['ingested']} · duplicates {counts['duplicate']} · "
                f"rejected {counts['rejected']} · {item[:40]}",
            )

        yield update


def print_ingest_summary(summary, as_json: bool) -> None:
    """The summary on stdout (JSON or one line); each rejection on stderr, one line each."""
    if as_json:
        print(json_render.dumps(summary.as_dict()))
    else:
        print(
            f"ingested {summary.ingested}, duplicates {summary.duplicates}, rejected {len(summary.rejected)}"
            f" ({len(summary.stories)} stories touched)"
        )
    for rejected in summary.rejected:
        print(f"parallax: rejected {rejected.source}: {rejected.reason}", file=sys.stderr)


# ``parallax ingest`` exit status: 0 every input stored (or already there), 3 some rejected (the
# rest stored), 1 an error stopped the run (or, with --strict, anything was rejected).
EXIT_SOME_REJECTED = 3


def run_ingest(args: argparse.Namespace) -> int:
    with open_store(args) as store, ingest_progress() as progress:
        if args.learn is not None:
            store.learns = args.learn
        summary = store.ingest(
            args.inputs, outlet=args.outlet, allow_private=args.allow_private, progress=progress
        )
    print_ingest_summary(summary, args.json)
    if summary.rejected:
        return 1 if args.strict else EXIT_SOME_REJECTED
    return 0


CORRECTIONS = ("merge", "split", "move")


def run_stories(args: argparse.Namespace) -> int:
    if args.args and args.args[0] in CORRECTIONS:
        return run_correction(args)
    with open_store(args) as store:
        rejected = False
        if args.args:
            with ingest_progress() as progress:
                summary = store.ingest(args.args, allow_private=args.allow_private, progress=progress)
            rejected = bool(summary.rejected)
            for item in summary.rejected:
                stderr_console().print(f"parallax: rejected {item.source}: {item.reason}", markup=False)
        if args.relink:
            store.relink()
        stories = store.stories(
            language=args.language,
            outlet=args.outlet,
            since=args.since,
            until=args.until,
            q=args.q,
        )
    if args.json:
        print(json_render.dumps({"schema": 1, "stories": [s.as_dict() for s in stories]}))
    else:
        terminal.print_stories(stories, stdout_console())
    return 1 if args.strict and rejected else 0


def run_correction(args: argparse.Namespace) -> int:
    action, rest = args.args[0], args.args[1:]
    with open_store(args) as store:
        if action == "merge":
            if len(rest) != 2:
                raise ParallaxError("stories merge: give two story ids")
            story = store.merge(rest[0], rest[1])
        elif action == "split":
            if len(rest) < 2:
                raise ParallaxError("stories split: give a story id and the articles to split off")
            story = store.split(rest[0], rest[1:])
        else:
            if len(rest) != 1 or not args.to:
                raise ParallaxError("stories move: give one article and --to STORY")
            story = store.move(rest[0], args.to)
        info = store.story(story)
    if args.json:
        print(json_render.dumps({"schema": 1, "stories": [info.as_dict()]}))
    else:
        terminal.print_stories([info], stdout_console())
    return 0


def run_reindex(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        count = store.reindex()
    print(f"re-extracted {count} articles" + (" and relinked every story" if count else ""))
    return 0


def run_store(args: argparse.Namespace) -> int:
    from .database import default_store_path
    from .database.repair import check
    from .store import recover

    path = args.store or default_store_path()
    if args.action == "check":
        report = check(path)
        for line in report.lines():
            print(line)
        return 0 if report.ok else 1
    if args.target is None:
        raise ParallaxError("store recover: give the path of the new store: parallax store recover NEW_STORE")
    stored, lost = recover(path, args.target)
    print(f"recovered {stored} articles into {args.target}; {lost} could not be read")
    return 0


def parse_interval(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        if text[-1] in units:
            return float(text[:-1]) * units[text[-1]]
        return float(text)
    except (ValueError, IndexError):
        raise ParallaxError(f"--every {text}: use a number with s, m, h or d (e.g. 15m)") from None


def run_watch(args: argparse.Namespace) -> int:
    import threading

    from .ingest.feeds import FeedPoller

    every = parse_interval(args.every)
    with open_store(args) as store:
        state = store.db.feed_state("watch")
        poller = FeedPoller(args.feeds, state, outlet=args.outlet, allow_private=args.allow_private)
        err = stderr_console()

        def on_articles(items) -> None:
            summary = store.add_articles(items)
            store.db.save_feed_state("watch", poller.state)
            err.print(
                f"parallax: {summary.ingested} new, {summary.duplicates} duplicates, "
                f"{len(summary.rejected)} rejected",
                markup=False,
            )
            for item in summary.rejected:
                err.print(f"parallax: rejected {item.source}: {item.reason}", markup=False)

        with poller:
            if args.once:
                on_articles(poller.poll_once())
                return 0
            stop = threading.Event()
            try:
                poller.run(every, on_articles, stop)
            except KeyboardInterrupt:
                stop.set()
    return 0


def show_input_warnings() -> None:
    """Each repair made to an input (bytes replaced, a record skipped) on one line of stderr."""
    previous = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        if issubclass(category, InputWarning):
            print(f"parallax: warning: {message}", file=sys.stderr)
        else:
            previous(message, category, filename, lineno, file, line)

    warnings.simplefilter("always", InputWarning)
    warnings.showwarning = show


def quiet_library_chatter() -> None:
    """Keep a library's informational log lines off stderr, which carries only our errors and
    warnings: jieba (through wordfreq's Chinese tokeniser) announces every dictionary load at
    debug level. A filter, since jieba sets its logger's level again when it is imported."""
    logging.getLogger("jieba").addFilter(lambda record: record.levelno >= logging.WARNING)


def _store_of(args: argparse.Namespace) -> Path:
    from .database import default_store_path

    return getattr(args, "store", None) or default_store_path()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    show_input_warnings()
    quiet_library_chatter()
    try:
        return args.run(args)
    except ParallaxError as error:
        print(f"parallax: error: {error}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as error:
        from .database import damaged

        print(f"parallax: error: {damaged(_store_of(args), error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
