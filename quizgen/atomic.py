"""Atomic file writes: a temp file in the same folder, flushed, synced, then renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from quizgen.errors import OutputError

TEMP_PREFIX = ".quizgen-tmp-"
# A temp file this much older than now is a leftover of a killed run; a younger one may belong to a
# build still writing into the same folder, and removing it would make that build fail.
STALE_AFTER = 60.0


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temp path beside `target`; on success it replaces `target`, on failure it is removed.

    For writers that insist on writing to a path themselves (genanki, sqlite).
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=folder)
    except OSError as err:
        raise OutputError(f"cannot write to {folder}: {err.strerror or err}") from err
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_dir(folder)


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that a reader sees the old file or the new one, never a part."""
    try:
        with atomic_path(target) as tmp, open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err


def write_text_atomic(target: Path, text: str) -> None:
    """UTF-8 text with `\\n` line ends, written atomically."""
    write_bytes_atomic(target, text.encode("utf-8"))


def write_with(target: Path, writer: Callable[[Path], None]) -> None:
    """Let `writer` write a temp path, then rename it onto `target`."""
    try:
        with atomic_path(target) as tmp:
            writer(tmp)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err


def _sync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(folder: Path, *, older_than: float = STALE_AFTER, now: float | None = None) -> list[Path]:
    """Delete temp files that a killed run left in `folder` (last written over `older_than` s ago)."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed  # a missing or unreadable folder is reported when it is written to
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        with contextlib.suppress(OSError):  # gone already, or not ours to remove: harmless either way
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
