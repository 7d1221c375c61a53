"""Safe writes: a build killed at any moment leaves every output whole (old or new, never a part),
and the temp files a killed build leaves are removed by the next build once they are stale."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import SEED_DOC, cli_env, snapshot

from quizgen.atomic import STALE_AFTER, TEMP_PREFIX, remove_stale_temps, write_bytes_atomic, write_with
from quizgen.errors import OutputError

# ---- the atomic helpers --------------------------------------------------------------------


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def test_failed_writer_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "quiz.apkg"
    write_bytes_atomic(target, b"old")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_bytes(b"ne")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left"):
        write_with(target, half_then_fail)
    assert target.read_bytes() == b"old" and temps(tmp_path) == []


def test_written_file_is_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "quiz.json"
    write_bytes_atomic(target, b"{}")
    assert target.stat().st_mode & 0o777 == 0o644  # mkstemp's 0600 would hide a deck from other users


def test_stale_temps_are_removed_young_ones_kept(tmp_path: Path) -> None:
    now = time.time()
    old, young, other = (tmp_path / f"{TEMP_PREFIX}old.json", tmp_path / f"{TEMP_PREFIX}young.apkg",
                         tmp_path / "keep.json")
    for path in (old, young, other):
        path.write_bytes(b"x")
    os.utime(old, (now - STALE_AFTER - 5, now - STALE_AFTER - 5))
    os.utime(other, (now - 3600, now - 3600))
    (tmp_path / f"{TEMP_PREFIX}dir").mkdir()  # not a file we made: left alone
    assert remove_stale_temps(tmp_path, now=now) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [young.name, other.name, f"{TEMP_PREFIX}dir"]
    )
    assert remove_stale_temps(tmp_path / "missing") == []


def test_write_outputs_clears_stale_temps(tmp_path: Path) -> None:
    from test_bad_input import _prebuilt_quiz

    from quizgen.export import write_outputs

    stale = tmp_path / f"{TEMP_PREFIX}abc.json"
    stale.write_bytes(b"half a quiz")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    write_outputs(_prebuilt_quiz(), tmp_path, timestamp=1_700_000_000)
    assert temps(tmp_path) == [] and {p.suffix for p in tmp_path.iterdir()} == {".json", ".apkg", ".html"}


# ---- killing real builds -------------------------------------------------------------------

# Loading spaCy and parsing take seconds, and only the writing is of interest here. So one warm
# process reads and parses the document once per seed (build_quiz, memoised), then forks a child per
# build: each child runs the real command line (quizgen.cli.app: settings, --out check, writers,
# report) and is killed by the test with SIGKILL, as a crash or `kill -9` would. The server only
# forks, reports the child's pid, and reports how it ended.
SERVER = """
import os, sys
import quizgen.pipeline as pipeline
from quizgen.cli import app

built = {}
real_build_quiz = pipeline.build_quiz

def build_quiz(paths, settings=None, **kwargs):
    key = (tuple(paths), settings)
    if key not in built:
        built[key] = real_build_quiz(paths, settings, **kwargs)
    return built[key]

pipeline.build_quiz = build_quiz
for seed in (0, 1):
    build_quiz(["doc.txt"], pipeline.Settings.make(seed=seed, types=["cloze", "multiple_choice"]))
print("ready", flush=True)
for line in sys.stdin:
    args = line.split()
    pid = os.fork()
    if pid == 0:
        try:
            app(args, prog_name="quizgen")
            code = 0
        except SystemExit as err:
            code = err.code if isinstance(err.code, int) else 1
        os._exit(code)
    print(pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print(status, flush=True)
"""


class BuildServer:
    """A warm quizgen process that runs each build in a forked child the test may kill."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVER], cwd=cwd, env=cli_env(), text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        assert self.proc.stdout is not None and self.proc.stdin is not None
        assert self.proc.stdout.readline().strip() == "ready"

    def start(self, args: str) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(args + "\n")
        self.proc.stdin.flush()
        return int(self.proc.stdout.readline())

    def wait(self) -> int:
        assert self.proc.stdout is not None
        return int(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def folder_state(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Name -> (inode, size, mtime) of everything in `folder`: any write or rename changes it."""
    state = {}
    for entry in os.scandir(folder) if folder.is_dir() else ():
        try:
            st = entry.stat(follow_symlinks=False)
        except FileNotFoundError:  # renamed away while we looked
            continue
        state[entry.name] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return state


def wait_for_writing(out: Path, pid: int, *, quiet: float = 0.0, timeout: float = 60) -> float:
    """Poll until the build first touches `out` (or ends); return when that happened.

    The first `quiet` seconds are slept through: polling competes with the build for the CPU.
    """
    before = folder_state(out)
    time.sleep(quiet)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder_state(out) != before or not alive(pid):
            return time.monotonic()
        time.sleep(0.0002)
    raise AssertionError("the build never started writing")


OUTPUTS = ("doc.json", "doc.apkg", "doc.html")


@pytest.mark.model
def test_sigkill_during_writes_leaves_whole_outputs(tmp_path: Path) -> None:
    shutil.copy(SEED_DOC, tmp_path / "doc.txt")
    out, new_out = tmp_path / "out", tmp_path / "new"
    server = BuildServer(tmp_path)
    try:
        # The outputs before (seed 0) and the outputs the killed builds are making (seed 1).
        server.start("build doc.txt --out out --seed 0")
        assert os.WEXITSTATUS(server.wait()) == 0
        old = snapshot(out)
        started = time.monotonic()
        pid = server.start("build doc.txt --out new --seed 1")
        began = wait_for_writing(new_out, pid)
        quiet = (began - started) * 0.7  # reading and parsing: nothing to kill there
        assert os.WEXITSTATUS(server.wait()) == 0
        window = time.monotonic() - began  # how long writing the three outputs takes
        new = snapshot(new_out)
        assert set(old) == set(new) == set(OUTPUTS) and all(old[n] != new[n] for n in OUTPUTS)

        # Kill points spread evenly over the writing (one in each of 40 slices of it), plus a few in
        # its first milliseconds, where the JSON is written.
        rng = random.Random(10)
        delays = [window * (k + rng.random()) / 40 for k in range(40)] + [rng.uniform(0, 0.003) for _ in range(10)]
        mid_write = 0
        for delay in delays:
            for name, data in old.items():
                (out / name).write_bytes(data)
            pid = server.start("build doc.txt --out out --seed 1")
            wait_for_writing(out, pid, quiet=quiet)
            time.sleep(delay)
            mid_write += bool(temps(out))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            server.wait()
            for name in OUTPUTS:  # each output is the old file or the new one, whole
                assert (out / name).read_bytes() in (old[name], new[name]), name
        assert mid_write >= 10, mid_write  # enough kills landed while a file was being written

        # The next build leaves young temp files alone (another build may own them) and removes
        # stale ones; either way it succeeds and the user sees only the outputs.
        leftovers = temps(out)
        server.start("build doc.txt --out out --seed 1")
        assert os.WEXITSTATUS(server.wait()) == 0
        assert temps(out) == leftovers
        for name in leftovers:
            os.utime(out / name, (time.time() - STALE_AFTER - 1,) * 2)
        server.start("build doc.txt --out out --seed 1")
        assert os.WEXITSTATUS(server.wait()) == 0
        assert temps(out) == [] and snapshot(out) == new
    finally:
        server.close()


# ---- the self-quiz database ----------------------------------------------------------------

RECORDER = """
import sys
from datetime import datetime, timezone
from fsrs import Card, Rating
from quizgen.progress import ProgressStore
store = ProgressStore(__import__("pathlib").Path(sys.argv[1]))
print("ready", flush=True)
n = 0
while True:
    n += 1
    store.record(f"q{n % 7}", Card(), Rating.Good if n % 3 else Rating.Again, datetime.now(timezone.utc), "deck")
"""


def test_progress_database_survives_sigkill(tmp_path: Path) -> None:
    """Each answer is one transaction: after a kill, every card's review count matches its log."""
    import sqlite3

    db = tmp_path / "progress.sqlite3"
    rng = random.Random(3)
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", RECORDER, str(db)], stdout=subprocess.PIPE, text=True,
                                env=cli_env())
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            cards = dict(conn.execute("SELECT question_id, reviews FROM cards").fetchall())
            logged = dict(conn.execute("SELECT question_id, COUNT(*) FROM reviews GROUP BY question_id").fetchall())
            lapses = dict(conn.execute("SELECT question_id, lapses FROM cards").fetchall())
            logged_lapses = dict(conn.execute(
                "SELECT question_id, SUM(rating = 1) FROM reviews GROUP BY question_id").fetchall())
        finally:
            conn.close()
        assert cards == logged and lapses == logged_lapses
    assert sum(cards.values()) > 8  # the recorder got some answers in before each kill
