"""Shared fixtures: the bundled samples loaded once per test process, and an isolated workspace.

Loading ``sample_data/demo`` takes seconds; tests read the loaded campaign and must not modify
its tables (copy a frame before changing it).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from wagekit.load import Campaign, load

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
DEMO = SAMPLES / "demo"
MESSY = SAMPLES / "demo-messy"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail a grouped test that pytest-xdist's ``--dist loadgroup`` did not group.

    The browser tests share one worker (``tests/browser/conftest.py``): two Voila servers with
    their kernels would fight over two cores. xdist marks a grouped test by appending
    ``@group`` to its id; pytest 9.2 ignores that (pytest-xdist#1386), and the tests then run
    on both workers without a word, the suite twice as long. Hence ``pytest<9.2`` in
    pyproject.toml, and this check for an install that is not within it.
    """
    if item.config.getoption("loadgroup", False) and item.get_closest_marker("xdist_group"):
        if "@" not in item.nodeid:
            pytest.fail(
                "pytest-xdist did not keep this test in its xdist_group (pytest 9.2 with "
                "pytest-xdist 3.8, pytest-xdist#1386): install the versions of "
                "constraints.txt ('make install')",
                pytrace=False,
            )


@pytest.fixture(autouse=True, scope="session")
def _isolated_workspace(tmp_path_factory):
    """No test reads or writes the developer's own workspace store."""
    home = tmp_path_factory.mktemp("wagekit-home")
    old = {k: os.environ.get(k) for k in ("WAGEKIT_HOME", "WAGEKIT_DB")}
    os.environ["WAGEKIT_HOME"] = str(home)
    os.environ.pop("WAGEKIT_DB", None)
    yield home
    for key, value in old.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def demo_campaign() -> Campaign:
    """The default sample campaign, loaded once."""
    return load(DEMO)


@pytest.fixture(scope="session")
def messy_campaign() -> Campaign:
    """The messy copy of the sample, loaded once."""
    return load(MESSY)


@pytest.fixture(autouse=True)
def _no_event_loop_left_running(request):
    """Outside the browser tests, no event loop is marked running in this thread.

    Playwright's sync API (the browser tests, which share a worker with other tests) leaves
    its loop marked as running in the main thread until the session ends; the apps would then
    schedule their charts on a loop that never runs. Each test sees a plain Python process.
    """
    if "browser" in request.node.path.parts:
        yield
        return
    running = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(running)
