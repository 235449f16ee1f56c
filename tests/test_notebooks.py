"""Every notebook of ``notebooks/`` runs top to bottom without error (nbval, lax mode).

Each notebook runs in its own ``pytest --nbval-lax`` process: nbval's collection of
``.ipynb`` files stays out of the main run (whose ``testpaths`` is ``tests``), and the
notebooks are spread over the xdist workers like any other test. Lax mode checks that every
cell runs; widget outputs differ from run to run and are not compared. The kernel gets a
temporary store and a fixed day, so a run never touches the user's workspace.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(notebook: Path, tmp_path: Path) -> None:
    """The notebook executes every cell without an error on the bundled sample campaign."""
    env = {
        **os.environ,
        "WAGEKIT_DB": f"sqlite:///{tmp_path / 'store.sqlite'}",
        "WAGEKIT_AS_OF": "2023-12-15",
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("WAGEKIT_CAMPAIGN", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-o",
            "addopts=",
            "-q",
            "--nbval-cell-timeout=600",
            # A kernel starting while the browser tests load both cores has been seen to miss
            # nbval's default 60 s for its first reply.
            "--nbval-kernel-startup-timeout=300",
            str(notebook),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
