"""The CLI through Typer's runner: help everywhere, first-pass errors, and a real build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from quizgen.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "biden-putin-ukraine.txt"


def run(*args: str, input: str | None = None):  # noqa: ANN201, A002
    return CliRunner().invoke(app, list(args), input=input)


def command_names() -> list[str]:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_every_command_has_help_with_an_example() -> None:
    names = command_names()
    assert {"build", "facts", "check", "quiz", "stats"} <= set(names)
    top = run("--help")
    assert top.exit_code == 0 and "Example" in top.output
    # Defaults in brackets would be eaten as Rich markup: they must show.
    assert "en_core_web_sm" in run("build", "--help").output
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    for name in names:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.output, name
        # every option and argument is explained, and shown under a name a reader can type
        for param in group.commands[name].params:
            assert getattr(param, "help", None), (name, param.name)
            shown = param.opts[-1] if param.param_type_name == "option" else param.metavar
            assert shown and shown in result.output, (name, param.name)


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        ("missing", 4, "no such file or folder"),
        ("empty-folder", 5, "no supported documents"),
        ("empty", 5, "is empty"),
        ("blank", 5, "is empty"),
        ("suffix", 5, "unsupported file type"),
    ],
)
def test_first_pass_errors(tmp_path: Path, setup: str, code: int, message: str) -> None:
    out = tmp_path / "out"
    target = tmp_path / "doc.txt"
    if setup == "empty-folder":
        target = tmp_path / "folder"
        target.mkdir()
        (target / "notes.docx.bak").write_text("x")
    elif setup == "empty":
        target.write_bytes(b"")
    elif setup == "blank":
        target.write_text("   \n\n\t\n")
    elif setup == "suffix":
        target = tmp_path / "doc.rtf"
        target.write_text("{\\rtf1 hello}")
    result = run("build", str(target), "--out", str(out))
    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("quizgen: ") and message in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_missing_pipeline_is_one_line_with_the_install_command(tmp_path: Path) -> None:
    result = run("build", str(SEED), "--out", str(tmp_path), "--model", "en_core_web_nonexistent")
    assert result.exit_code == 3
    assert "en_core_web_nonexistent" in result.stderr and "install" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_name_and_type_are_refused(tmp_path: Path) -> None:
    assert run("build", str(SEED), "--out", str(tmp_path), "--name", "../x").exit_code == 9
    assert run("build", str(SEED), "--out", str(tmp_path), "--types", "essay").exit_code == 2


@pytest.mark.model
def test_build_writes_every_output_and_facts_prints_json(tmp_path: Path) -> None:
    result = run("build", str(SEED), "--out", str(tmp_path), "--seed", "2")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["biden-putin-ukraine.apkg", "biden-putin-ukraine.html", "biden-putin-ukraine.json"]
    assert "questions" in result.stderr and "wrote" in result.stderr
    data = json.loads((tmp_path / "biden-putin-ukraine.json").read_text())
    assert data["generator"]["seed"] == 2 and data["documents"][0]["source"].endswith("biden-putin-ukraine.txt")
    facts = run("facts", str(SEED), "--json")
    assert facts.exit_code == 0
    found = json.loads(facts.stdout)
    assert {f["kind"] for f in found} == {"number", "name", "date", "position"}


@pytest.mark.model
def test_build_reads_standard_input(tmp_path: Path) -> None:
    result = run("build", "-", "--out", str(tmp_path), "--format", "json", input=SEED.read_text())
    assert result.exit_code == 0, result.output
    assert (tmp_path / "quiz.json").exists()


def test_help_does_not_import_spacy_or_rich() -> None:
    # spaCy takes seconds to import; Rich's help renderer about 0.15 s more than Click's plain help.
    code = "import sys; from quizgen.cli import main; sys.argv=['quizgen','--help']\n" \
           "try:\n    main()\nexcept SystemExit:\n    pass\nprint('spacy' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage: quizgen" in out.stdout
    assert out.stdout.strip().endswith("False False")
