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
