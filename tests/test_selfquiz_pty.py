"""`quizgen quiz` and `quizgen stats` end to end, through a real pseudo-terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

from quizgen.export.json import write_json  # noqa: E402
from quizgen.model import Document, Generator, Question, Quiz  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# The same entry point as the installed `quizgen` script, without needing the package installed.
ENTRY = "import sys; sys.argv[0] = 'quizgen'; from quizgen.cli import main; main()"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROMPT = "\n> "


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    # No test may touch the learner's real progress.
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path / "home"))


def _q(n: int, prompt: str, answer: str, sentence: str, options: tuple[str, ...] | None = None) -> Question:
    return Question(
        id=f"summit-q{n}", document="summit", fact=f"summit-f{n}", kind="name" if options else "number",
        type="multiple_choice" if options else "cloze", prompt=prompt, answer=answer, sentence=sentence,
        start=0, end=len(answer), options=options,
    )


QUESTIONS = (
    _q(1, "The summit in Geneva lasted _____ hours.", "four", "The summit in Geneva lasted four hours."),
    _q(2, "Who said the talks were [constructive]?", "Peskov", "Peskov said the talks were [constructive].",
       ("Putin", "Peskov", "Biden", "Blinken")),
    _q(3, "About _____ troops were massed at the border.", "175,000",
       "About 175,000 troops were massed at the border."),
    _q(4, "The leaders met in _____ in June.", "Geneva", "The leaders met in Geneva in June.",
       ("Vienna", "Helsinki", "Geneva", "Minsk")),
)
# prompt -> (a right answer as a learner would type it, a wrong one)
ANSWERS = {
    QUESTIONS[0].prompt: ("4", "five"),
    QUESTIONS[1].prompt: ("B", "1"),
    QUESTIONS[2].prompt: ("175000", "17,500"),
    QUESTIONS[3].prompt: ("geneva", "a"),
}


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    quiz = Quiz(
        name="summit", title="Geneva summit", generator=Generator("0.1.0", "hand-built", "0", 0),
        documents=(Document("summit", "summit.txt", "Geneva summit", "", "0" * 64),), facts=(),
        questions=QUESTIONS,
    )
    return write_json(quiz, tmp_path / "summit.json")


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", "COLUMNS": "100", "TERM": "xterm"}


def spawn(*args: str, entry: str = ENTRY):  # noqa: ANN201 - pexpect.spawn
    return pexpect.spawn(
        sys.executable, ["-c", entry, *args], env=_env(), cwd=str(ROOT), encoding="utf-8",
        dimensions=(40, 100), timeout=15,
    )


def screen(child) -> str:  # noqa: ANN001
    return ANSI.sub("", child.before or "").replace("\r", "")


def current_prompt(text: str) -> str:
    """The question shown last in `text` (the output before a `> ` prompt)."""
    shown = [p for p in ANSWERS if p in text]
    assert shown, text
    return max(shown, key=text.rindex)


def answer(child, right: bool) -> str:  # noqa: ANN001
    """Wait for the next question, answer it right or wrong; return its prompt."""
    child.expect_exact(PROMPT)
    prompt = current_prompt(screen(child))
    child.sendline(ANSWERS[prompt][0 if right else 1])
    child.expect_exact("Right!" if right else "Wrong.")
    return prompt


def finish(child) -> tuple[str, int]:  # noqa: ANN001
    child.expect(pexpect.EOF)
    child.close()
    return screen(child), child.exitstatus


def stats(deck: Path) -> dict[str, int]:
    child = spawn("stats", str(deck))
    out, code = finish(child)
    assert code == 0, out
    return {m[1]: int(m[2]) for m in re.finditer(r"^\s+(new|due|learning|learned)\s+(\d+)$", out, re.M)}


def test_progress_persists_between_runs(deck: Path) -> None:
    child = spawn("quiz", str(deck), "--seed", "3")
    child.expect_exact("4 questions (0 due, 4 new)")
    right = answer(child, True)
    wrong = answer(child, False)
    child.expect_exact(PROMPT)
    child.sendline("q")
    out, code = finish(child)
    assert code == 0
    assert "Score: 1/2 right, 0 skipped, 2 not reached." in out
    assert "Deck: 2 new, 0 due, 1 learning, 1 learned." in out

    assert stats(deck) == {"new": 2, "due": 0, "learning": 1, "learned": 1}

    # The next run asks only the two not answered yet.
    child = spawn("quiz", str(deck), "--seed", "3")
    child.expect_exact("2 questions (0 due, 2 new)")
    child.expect_exact(PROMPT)
    assert current_prompt(screen(child)) not in (right, wrong)
    child.sendline("q")
    out, code = finish(child)
    assert code == 0
    assert "nothing answered" in out


def test_ctrl_c_keeps_answers_and_exits_130(deck: Path) -> None:
    child = spawn("quiz", str(deck))
    answer(child, True)
    answer(child, False)
    child.expect_exact(PROMPT)
    child.sendintr()
    out, code = finish(child)
    assert code == 130
    assert "quizgen: interrupted" in out
    assert "Traceback" not in out
    assert stats(deck) == {"new": 2, "due": 0, "learning": 1, "learned": 1}


def test_ctrl_d_ends_with_summary(deck: Path) -> None:
    child = spawn("quiz", str(deck))
    answer(child, True)
    child.expect_exact(PROMPT)
    child.sendeof()
    out, code = finish(child)
    assert code == 0
    assert "Score: 1/1 right, 0 skipped, 3 not reached." in out
    assert stats(deck)["learned"] == 1


def test_help_skip_retry_and_no_answer_shown_early(deck: Path) -> None:
    child = spawn("quiz", str(deck), "--new", "4")
    seen = 0
    while True:
        index = child.expect_exact([PROMPT, "Score:"])
        if index == 1:
            break
        text = screen(child)
        prompt = current_prompt(text)
        question = next(q for q in QUESTIONS if q.prompt == prompt)
        block = text[text.rindex(prompt):]
        if question.options is None:
            # No hint: neither the answer nor its letters or length show before answering.
            assert question.answer not in block
            assert "_" * len(question.answer) not in block.replace("_____", "")
        child.sendline("?")
        child.expect_exact("s   skip")
        child.expect_exact(PROMPT)
        child.sendline("")
        child.expect_exact("Type an answer")
        if question.options is not None:
            child.expect_exact(PROMPT)
            child.sendline("E")
            child.expect_exact("Answer with a letter A-D or a number 1-4.")
        child.expect_exact(PROMPT)
        child.sendline("s")
        child.expect_exact("Skipped.")
        assert question.answer not in screen(child).replace(question.prompt, "")
        seen += 1
    out, code = finish(child)
    assert seen == 4
    assert code == 0
    assert stats(deck) == {"new": 4, "due": 0, "learning": 0, "learned": 0}  # skips record nothing


def test_all_goes_through_seen_questions(deck: Path) -> None:
    child = spawn("quiz", str(deck), "--new", "1")
    child.expect_exact("1 question (0 due, 1 new)")
    answer(child, True)
    finish(child)
    child = spawn("quiz", str(deck), "--new", "0")
    out, code = finish(child)
    assert code == 0
    assert "Nothing to ask now" in out and "--all" in out
    child = spawn("quiz", str(deck), "--all")
    child.expect_exact("4 questions (1 due, 3 new)")
    child.expect_exact(PROMPT)
    child.sendline("q")
    assert finish(child)[1] == 0


@pytest.mark.parametrize("stdin", ["devnull", "closed"])
def test_non_interactive_stdin_is_a_clean_error(deck: Path, stdin: str) -> None:
    cmd = [sys.executable, "-c", ENTRY, "quiz", str(deck)]
    if stdin == "devnull":
        result = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=_env(),
                                timeout=30)
    else:
        result = subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", *cmd], capture_output=True, text=True,
                                env=_env(), timeout=30)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "quizgen: quiz needs an interactive terminal (standard input is not a TTY)"
    ]
    assert result.stdout == ""


def test_missing_deck_is_a_clean_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", ENTRY, "stats", str(tmp_path / "nope.json")],
                            capture_output=True, text=True, env=_env(), timeout=30)
    assert result.returncode == 9
    assert result.stderr.splitlines() == [f"quizgen: no such deck: {tmp_path / 'nope.json'}"]


def test_built_deck_never_loads_spacy_and_starts_fast(deck: Path) -> None:
    entry = (
        "import sys\n"
        "from quizgen.cli import app\n"
        "try:\n    app(['quiz', sys.argv[1]], prog_name='quizgen')\n"
        "except SystemExit:\n    pass\n"
        "print('SPACY', 'spacy' in sys.modules, 'PIPELINE', 'quizgen.pipeline' in sys.modules)\n"
    )
    started = time.monotonic()
    child = spawn(str(deck), entry=entry)
    child.expect_exact(PROMPT)
    elapsed = time.monotonic() - started
    child.sendline("q")
    child.expect_exact("SPACY False PIPELINE False")
    finish(child)
    # Python start-up included; typically about 0.2 s. Generous so a busy CI machine does not flake.
    assert elapsed < 2.0, elapsed


@pytest.mark.model
def test_quiz_on_a_deck_built_from_seeds(tmp_path: Path) -> None:
    # Invariants only: the trained pipeline decides how many questions there are and what they ask.
    from quizgen.export.json import load_quiz

    built = subprocess.run(
        [sys.executable, "-c", ENTRY, "build", "seeds/", "-o", str(tmp_path / "decks"), "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=600,
    )
    assert built.returncode == 0, built.stderr
    deck = tmp_path / "decks" / "seeds.json"
    questions = load_quiz(deck).questions
    assert len(questions) >= 2

    def shown(text: str):  # noqa: ANN202 - the question whose prompt was drawn last
        flat = " ".join(text.split())  # Rich wraps long prompts
        found = [q for q in questions if " ".join(q.prompt.split()) in flat]
        assert found, text
        return max(found, key=lambda q: flat.rindex(" ".join(q.prompt.split())))

    child = spawn("quiz", str(deck), "--seed", "0")
    child.expect_exact(PROMPT)
    first = shown(screen(child))
    if first.options is None:
        assert first.answer not in screen(child)  # nothing gives the cloze answer away
    # Right, typed the way a learner might: upper case, the option's number.
    child.sendline(str(first.correct_index + 1) if first.options else first.answer.upper())
    child.expect_exact("Right!")
    child.expect_exact(PROMPT)
    second = shown(screen(child))
    assert second.id != first.id
    assert second.sentence != first.sentence  # one question per sentence in a run
    child.sendline(str((second.correct_index + 1) % len(second.options) + 1) if second.options else "zzzz")
    child.expect_exact("Wrong.")
    child.expect_exact(PROMPT)
    child.sendline("q")
    out, code = finish(child)
    assert code == 0
    assert stats(deck) == {"new": len({q.id for q in questions}) - 2, "due": 0, "learning": 1, "learned": 1}
