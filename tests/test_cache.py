"""The load cache gives what loading the ledgers gives, and never an outdated campaign."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from wagekit import cache
from wagekit.cache import load_cached
from wagekit.load import CampaignError, load

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
DEMO, MESSY = SAMPLES / "demo", SAMPLES / "demo-messy"


def _assert_same(got, expected):
    assert set(got.tables) == set(expected.tables)
    for name, frame in expected.tables.items():
        pd.testing.assert_frame_equal(got.tables[name], frame, check_exact=True)
    pd.testing.assert_frame_equal(got.report.errors, expected.report.errors, check_exact=True)
    assert got.report.tables == expected.report.tables
    assert got.report.notes == expected.report.notes
    assert got.report.to_dict() == expected.report.to_dict()
    assert got.config == expected.config


def _no_loading(monkeypatch):
    """Make reading the ledgers fail, so a result can only come from the cache."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the ledgers were read again")

    monkeypatch.setattr(cache, "load", refuse)


@pytest.fixture
def messy_copy(tmp_path):
    """The messy sample without its payroll (the slow part): GBK CSV, .xls, rejected rows."""
    folder = tmp_path / "campaign"
    shutil.copytree(MESSY, folder, ignore=shutil.ignore_patterns("payroll.*"))
    return folder


@pytest.fixture
def messy_loaded(messy_copy):
    return load(messy_copy)


def test_cached_campaign_equals_loaded_one(messy_copy, messy_loaded, tmp_path, monkeypatch):
    """The first reading loads the ledgers; the second reads the same campaign back."""
    root = tmp_path / "cache"
    first = load_cached(messy_copy, root=root)
    _assert_same(first, messy_loaded)
    _no_loading(monkeypatch)
    steps = []
    second = load_cached(messy_copy, lambda *step: steps.append(step), root=root)
    _assert_same(second, messy_loaded)
    assert second.folder == messy_copy
    assert steps and steps[-1][1] == steps[-1][2], "the progress bar ends full"
    assert len(second.report.errors) == 24
    assert any("GBK" in note for note in second.report.notes)


def test_changed_ledger_is_read_again(messy_copy, tmp_path):
    """Fixing a ledger and opening the app again shows the fix, not the cached rejections."""
    root = tmp_path / "cache"
    before = load_cached(messy_copy, root=root)
    assert (before.report.errors["table"] == "projects").any()
    (messy_copy / "在建工程项目台账.xls").unlink()
    shutil.copy(DEMO / "projects.xlsx", messy_copy)
    after = load_cached(messy_copy, root=root)
    assert not (after.report.errors["table"] == "projects").any()
    _assert_same(after, load(messy_copy))
    assert len(after["projects"]) == 300
    assert len(list(root.glob("*-*"))) == 1, "only the newest reading of a folder is kept"


def test_changed_loader_code_is_read_again(messy_copy, tmp_path, monkeypatch):
    """A change to any module of the loader package makes a new key: no campaign of old code."""
    import wagekit

    code = tmp_path / "code"
    shutil.copytree(
        Path(wagekit.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(wagekit, "__file__", str(code / "__init__.py"))
    before = cache.cache_key(messy_copy)
    modules = sorted((code / "load").glob("*.py"))
    assert modules
    for module in modules:
        with module.open("a", encoding="utf-8") as handle:
            handle.write("\n# changed\n")
        after = cache.cache_key(messy_copy)
        assert after != before, module.name
        before = after


def test_touched_but_unchanged_files_still_hit(messy_copy, tmp_path, monkeypatch):
    """Copying or saving a file without changing it does not cost a new reading."""
    root = tmp_path / "cache"
    load_cached(messy_copy, root=root)
    for path in messy_copy.iterdir():
        path.touch()
    _no_loading(monkeypatch)
    assert len(load_cached(messy_copy, root=root).report.errors) == 24


def test_changed_campaign_toml_is_read_again(messy_copy, tmp_path):
    """A new campaign name in campaign.toml shows at once."""
    root = tmp_path / "cache"
    load_cached(messy_copy, root=root)
    toml = messy_copy / "campaign.toml"
    text = toml.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name"))
    toml.write_text(text.replace(name, 'name = "另一个专项行动"'), encoding="utf-8")
    assert load_cached(messy_copy, root=root).config.name == "另一个专项行动"


def test_damaged_entry_is_replaced(messy_copy, messy_loaded, tmp_path):
    """A cache file cut short (disk full, killed process) means reading the ledgers again."""
    root = tmp_path / "cache"
    load_cached(messy_copy, root=root)
    (entry,) = root.glob("*-*")
    workers = entry / "workers.arrow"
    workers.write_bytes(workers.read_bytes()[:1000])
    _assert_same(load_cached(messy_copy, root=root), messy_loaded)
    _assert_same(load_cached(messy_copy, root=root), messy_loaded)


def test_unwritable_cache_still_loads(messy_copy, messy_loaded, tmp_path):
    """A cache folder that cannot be created costs time, never the campaign."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    _assert_same(load_cached(messy_copy, root=blocker / "cache"), messy_loaded)


def test_cache_can_be_turned_off(messy_copy, tmp_path, monkeypatch):
    """WAGEKIT_CACHE=off reads the ledgers every time and writes nothing."""
    monkeypatch.setenv("WAGEKIT_CACHE", "off")
    root = tmp_path / "cache"
    load_cached(messy_copy, root=root)
    assert not root.exists()


def test_cache_lives_in_the_workspace_folder(tmp_path, monkeypatch):
    """Entries go to $WAGEKIT_HOME/cache, never into the campaign folder."""
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / "cache"


def test_missing_folder_is_a_campaign_error(tmp_path):
    """The same clear error as loading without the cache."""
    with pytest.raises(CampaignError, match="找不到活动文件夹"):
        load_cached(tmp_path / "nowhere", root=tmp_path / "cache")


def test_entries_of_vanished_folders_are_removed(messy_copy, tmp_path):
    """Last winter's folder deleted: its cached copy (with ID numbers) goes at the next write."""
    root = tmp_path / "cache"
    old = tmp_path / "old-campaign"
    shutil.copytree(messy_copy, old)
    load_cached(old, root=root)
    crashed = root / ".writing-crashed"
    crashed.mkdir()
    os.utime(crashed, (0, 0))
    writing_now = root / ".writing-now"
    writing_now.mkdir()
    shutil.rmtree(old)
    load_cached(messy_copy, root=root)
    entries = [p for p in root.iterdir() if p.is_dir()]
    assert [p.name.split("-")[0] for p in entries if not p.name.startswith(".")] == [
        cache._folder_id(messy_copy)
    ]
    assert not crashed.exists(), "a write that crashed a day ago is cleared"
    assert writing_now.exists(), "another kernel's write in progress is left alone"
