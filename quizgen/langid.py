"""Language identification with py3langid, its model unpacked once into the user cache folder.

py3langid ships its model LZMA-compressed and unpacks it in every process (about half a second, a
large part of a short build). The unpacked arrays are kept under the cache folder (`QUIZGEN_HOME/cache`
when set) as one `.npy` file each, written atomically, and memory-mapped: a process reads only the
pages its texts touch (about 10 ms instead of 100 ms for reading all 68 MB). Two integer tables it walks
per byte are also kept as raw 64-bit integers beside them, made from the .npy files when first missing,
so loading them is a copy rather than a conversion. Any trouble with the cache falls back to py3langid's
own loader.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import lzma
import os
import shutil
import tempfile
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizgen.userdirs import cache_dir


@functools.cache
def identifier() -> Any:
    """py3langid's LanguageIdentifier with normalised probabilities, loaded once per process."""
    from py3langid import langid

    try:
        return _from_cache(langid)
    except Exception:  # noqa: BLE001 - a cache problem must never stop a build
        return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def model_folder() -> Path:
    """Where py3langid's unpacked model is kept, by py3langid's version."""
    import py3langid

    version = getattr(py3langid, "__version__", None) or importlib.metadata.version("py3langid")
    return cache_dir() / f"py3langid-{version}-model"


def _from_cache(langid: Any) -> Any:
    import numpy as np
    from py3langid.modelio import _to_array

    cached = model_folder()
    if not cached.is_dir():
        _unpack(langid, cached)
    data = {name: np.load(cached / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in ARRAYS}
    nextmove = data["nextmove"]
    # py3langid walks this table one entry at a time: a typed memoryview gives plain ints, as its array does.
    typecode = _to_array(np.zeros(1, nextmove.dtype)).typecode
    row = data["nextmove_row"]
    # Plain arrays over the mapped files: a memmap answers each `ptc[features]` through Python code.
    # Made with no rows, then given them: its constructor shifts the 100,000 row offsets one by one (14 ms).
    # The two 104,583-entry tables it indexes per byte are int arrays, not lists of ints: read as raw
    # integers (see _int_table) instead of made in 8 ms, and nothing for the garbage collector to walk (a
    # list is walked in every young collection until it is promoted, about 3 ms each).
    ident = langid.LanguageIdentifier(
        np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
        memoryview(nextmove).cast("B").cast(typecode), _int_table(cached, "out_feat", data["out_feat"]),
        norm_probs=True, tk_row=_to_array(row[:0]),
    )
    if getattr(ident, "_rowbase", None) != [] or row.dtype.kind not in "iu":
        raise TypeError("py3langid keeps its row offsets differently")  # its own loader then
    ident.tk_row = _to_array(row)
    # As its constructor makes them: [r << 8 for r in row].
    ident._rowbase = _int_table(cached, "rowbase", row, lambda: row.astype(np.int64) << 8)
    return ident


def _int_table(folder: Path, name: str, like: Any, values: Callable[[], Any] | None = None) -> array:
    """`_int_array(values())` (by default of `like`), kept in `folder` as raw 64-bit integers, one per entry
    of `like`: reading it is a copy, making it a conversion (1.5 ms). Made, and written atomically, when
    missing or not of that length; a folder that cannot be written to only costs the conversion."""
    path = folder / f"{name}.int64"
    table = array("q")
    with contextlib.suppress(OSError, ValueError):
        table.frombytes(path.read_bytes())
        if len(table) == len(like):
            return table
    table = _int_array(values() if values is not None else like)
    with contextlib.suppress(OSError):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".quizgen-tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                table.tofile(out)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return table


def _int_array(values: Any) -> array:
    """A numpy integer array as a stdlib array of 64-bit ints: indexed, it gives the same ints as its list."""
    import numpy as np

    return array("q", np.ascontiguousarray(values, dtype=np.int64).tobytes())


def _unpack(langid: Any, folder: Path) -> None:
    """Unpack py3langid's compressed model into `folder`, one .npy per array, swapped in whole."""
    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".quizgen-tmp-"))
    try:
        packed = tmp / "model.npz"
        with packed.open("wb") as out, lzma.open(langid.MODEL_DIR / langid.MODEL_FILE) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        with np.load(packed, allow_pickle=False) as model:
            for name in ARRAYS:
                np.save(tmp / f"{name}.npy", model[name], allow_pickle=False)
        packed.unlink()
        try:
            os.rename(tmp, folder)
        except OSError:
            if not folder.is_dir():  # another process may have won the race; otherwise a real error
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
