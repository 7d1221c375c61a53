"""The folders quizgen keeps files in: user data (progress) and cache (derived, safe to delete).

Both follow the platform's conventions (platformdirs); `QUIZGEN_HOME` puts both under one folder.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "QUIZGEN_HOME"


def data_dir() -> Path:
    """quizgen's user data folder: $QUIZGEN_HOME when set, else the platform's data folder."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizgen", appauthor=False))


def cache_dir() -> Path:
    """Where derived data is kept: $QUIZGEN_HOME/cache, else the platform's user cache folder."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("quizgen", appauthor=False))
