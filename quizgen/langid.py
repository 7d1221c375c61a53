"""Language identification with py3langid, its model unpacked once into the user cache folder.

py3langid ships its model LZMA-compressed and unpacks it in every process (about half a second, a
large part of a short build). The unpacked copy is kept under the cache folder (`QUIZGEN_HOME/cache`
when set), written atomically; any trouble with it falls back to py3langid's own loader.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import lzma
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """Where derived data is kept: QUIZGEN_HOME/cache, else the platform's user cache folder."""
    home = os.environ.get("QUIZGEN_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("quizgen"))


@functools.cache
def identifier() -> Any:
    """py3langid's LanguageIdentifier with normalised probabilities, loaded once per process."""
    from py3langid import langid

    try:
        return _from_cache(langid)
    except Exception:  # noqa: BLE001 - a cache problem must never stop a build
        return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def _from_cache(langid: Any) -> Any:
    import numpy as np
    from py3langid.modelio import _to_array

    version = importlib.metadata.version("py3langid")
    cached = cache_dir() / f"py3langid-{version}-model.npz"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".quizgen-tmp-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as out, lzma.open(langid.MODEL_DIR / langid.MODEL_FILE) as src:
                shutil.copyfileobj(src, out, length=1 << 20)
            os.replace(tmp, cached)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    with np.load(cached, allow_pickle=False) as data:
        return langid.LanguageIdentifier(
            np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
            _to_array(data["nextmove"]), data["out_feat"].tolist(),
            norm_probs=True, tk_row=_to_array(data["nextmove_row"]),
        )
