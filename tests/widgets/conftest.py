"""Set-up shared by the widget tests: the sample campaign and an empty workspace store.

The campaign is the session's ``demo_campaign`` (tests/conftest.py), loaded once per test
process: apps and tests only read it. A store is written to, so a test gets one of its own, or
shares one with its module only when its module builds one app for all its tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from wagekit.fonts import FontStatus, register_cjk_font
from wagekit.load import Campaign
from wagekit.store import Store


def _open_workspace(folder: Path) -> Store:
    return Store.open(f"sqlite:///{folder / 'workspace.sqlite'}")


@pytest.fixture(scope="session")
def campaign(demo_campaign: Campaign) -> Campaign:
    """The bundled sample campaign, loaded once; copy a frame before changing it."""
    return demo_campaign


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty SQLite workspace of this test's own."""
    with _open_workspace(tmp_path) as opened:
        yield opened


@pytest.fixture(scope="module")
def module_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """An empty SQLite workspace shared by the tests of one module.

    For an app built once per module: a test that writes to it must not depend on what the
    module's other tests wrote (compare the store before and after instead).
    """
    with _open_workspace(tmp_path_factory.mktemp("workspace")) as opened:
        yield opened


@pytest.fixture(scope="session")
def cjk_font() -> FontStatus:
    """The CJK font charts draw with. Without one the test is skipped, or fails under CI=true:
    CI installs fonts-noto-cjk, so a missing font there is a broken machine, not a pass."""
    status = register_cjk_font()
    if not status.ok:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no CJK font under CI: {status.message}")
        pytest.skip(f"no CJK font on this machine: {status.message}")
    return status
