"""Shared pytest options and fixtures."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to regenerate golden files."""
    return bool(request.config.getoption("--update-golden"))


# Under CI (CI=true, as .ci/run sets), a test skipped because a tool or data it needs is missing
# is a failure: CI must install everything, so a missing chromium must not pass silently.
_MISSING_MARKERS = ("not installed", "could not import", "not beside the checkout")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") and report.skipped:
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if any(marker in reason.lower() for marker in _MISSING_MARKERS):
            report.outcome = "failed"
            report.longrepr = f"skipped under CI, where everything must be installed: {reason}"


@pytest.fixture(autouse=True, scope="session")
def _private_quizgen_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test touches the real user folders (progress database, model cache), subprocesses included."""
    if "QUIZGEN_HOME" not in os.environ:
        os.environ["QUIZGEN_HOME"] = str(tmp_path_factory.mktemp("quizgen-home"))
