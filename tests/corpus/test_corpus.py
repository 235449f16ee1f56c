"""The corpus of broken ledgers (tests/corpus/broken_files.py): no crash, no row lost."""

import pytest
from broken_files import run_corpus


@pytest.mark.slow
def test_corpus_no_crash_no_row_lost(tmp_path, monkeypatch):
    """validate and summary on every broken file: exit 0/1/2, and every row written accounted.

    The figure the README quotes: files tried, crashes 0, rows lost 0.
    """
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WAGEKIT_CACHE", "off")
    figure = run_corpus(tmp_path / "corpus")
    assert figure.files >= 120
    assert figure.crashes == []
    assert figure.lost == []
