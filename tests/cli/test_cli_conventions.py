"""The command's conventions: --version, errors that name their subcommand, "did you mean", examples."""

from __future__ import annotations

import subprocess
import sys

import pytest

from parallax import __version__
from parallax.cli import EXAMPLES, build_parser, main, subcommand_actions


def run(argv, capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.strip() == f"parallax {__version__}"


def test_an_unknown_option_prints_the_usage_of_its_own_subcommand(capsys):
    code, _, err = run(["compare", "examples/visit/visit-kk.txt", "--jsn"], capsys)
    assert code == 2
    assert err.startswith("usage: parallax compare")
    assert "parallax compare: error: unrecognized arguments: --jsn" in err
    assert "did you mean '--json'?" in err


def test_an_unknown_option_of_a_nested_subcommand_names_it(capsys):
    code, _, err = run(["spark", "export", "--input", "out", "--langauge", "kk"], capsys)
    assert code == 2
    assert err.startswith("usage: parallax spark export")
    assert "did you mean '--language'?" in err


def test_a_mistyped_command_gets_a_suggestion(capsys):
    code, _, err = run(["compar", "a.txt"], capsys)
    assert code == 2
    assert "invalid choice: 'compar'" in err and "did you mean 'compare'?" in err
    code, _, err = run(["storeis"], capsys)
    assert "did you mean 'stories'?" in err
    code, _, err = run(["zzzz"], capsys)
    assert code == 2 and "did you mean" not in err


def every_parser(parser, path=""):
    yield path, parser
    for action in subcommand_actions(parser):
        for name, sub in action.choices.items():
            yield from every_parser(sub, f"{path} {name}".strip())


def test_every_command_help_ends_with_an_example():
    parsers = dict(every_parser(build_parser()))
    assert set(parsers) == set(EXAMPLES)
    for path, parser in parsers.items():
        help_text = parser.format_help()
        assert "examples:\n" in help_text, path
        example = help_text.split("examples:\n", 1)[1]
        assert example.lstrip().startswith("parallax"), path
        if path:
            assert f"parallax {path}" in example, path


@pytest.mark.parametrize("command", ["compare", "stories", "serve"])
def test_help_examples_keep_their_lines(command, capsys):
    code, out, _ = run([command, "--help"], capsys)
    assert code == 0
    lines = out.split("examples:\n", 1)[1].splitlines()
    assert all(line.startswith("  parallax") for line in lines if line.strip())


def test_the_installed_command_prints_its_version():
    result = subprocess.run(
        [sys.executable, "-m", "parallax.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"parallax {__version__}"


def test_stderr_carries_no_library_log_lines():
    """Comparing Chinese text can read a word's frequency through wordfreq's jieba tokeniser,
    which logs each dictionary load; stderr is for our errors and warnings only."""
    command = "import sys; from parallax.cli import main; sys.exit(main(sys.argv[1:]))"
    articles = ["examples/flood/flood-zh.txt", "examples/flood/flood-en.txt"]
    result = subprocess.run([sys.executable, "-c", command, "compare", *articles, "--json"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert '"facts"' in result.stdout
    assert "prefix dict" not in result.stderr.lower() and "model cost" not in result.stderr.lower()
