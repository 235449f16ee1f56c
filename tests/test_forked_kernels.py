"""Forked kernels: Voila's kernels as copies of one template that has loaded everything.

The template is started as ``wagekit serve`` starts it (:func:`start_template`), on the small
campaign of the browser tests; kernels are started through jupyter_client with a kernel spec
naming the ``wagekit-fork`` provisioner, as Voila starts them under ``wagekit serve``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from wagekit.widgets.runtime.context import app_as_of

from wagekit.forked_kernels import TEMPLATE_ENV, forked_command, start_template

CAMPAIGN = Path(__file__).resolve().parent / "browser" / "fixtures" / "campaign"
PROBE = """
import json, os, sys
from IPython import get_ipython
from wagekit import ledger_checks
from wagekit.widgets.runtime import context
targets = get_ipython().kernel.comm_manager.targets
print(json.dumps({
    "parent": os.getppid(),
    "pid": os.getpid(),
    "group": os.getpgid(0),
    "loaded_before_any_cell": "wagekit.widgets.apps.dashboard" in sys.modules,
    "campaign_in_memory": any(key.endswith("campaign") for key in context._PRELOADED),
    "ledgers_checked": [
        [str(day) for day, _rules in kept] for _ref, kept in ledger_checks._KEPT.values()
    ],
    "widget_targets": sorted(t for t in targets if t.startswith("jupyter.widget")),
    "visit": os.environ.get("WAGEKIT_TEST_VISIT"),
    "cwd": os.getcwd(),
}))
"""


def _kernel_manager(folder: Path) -> KernelManager:
    """A kernel manager whose python3 spec asks for the wagekit-fork provisioner."""
    spec = folder / "kernels" / "forked"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "forked",
                "language": "python",
                "metadata": {"kernel_provisioner": {"provisioner_name": "wagekit-fork"}},
            }
        ),
        encoding="utf-8",
    )
    specs = KernelSpecManager(kernel_dirs=[str(spec.parent)])
    return KernelManager(kernel_spec_manager=specs, kernel_name="forked")


def _probe(manager: KernelManager) -> dict:
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        printed: list[str] = []

        def keep(message: dict) -> None:
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])

        reply = client.execute_interactive(PROBE, output_hook=keep, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        client.stop_channels()
    return json.loads("".join(printed))


def _gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def template(monkeypatch, tmp_path):
    monkeypatch.setenv("WAGEKIT_CAMPAIGN", str(CAMPAIGN))
    monkeypatch.setenv(TEMPLATE_ENV, "")  # start_template sets it; restored afterwards
    process = start_template(tempfile.mkdtemp(dir=tmp_path))
    yield process
    process.terminate()
    process.wait(timeout=30)


def test_only_this_pythons_ipykernel_is_forked():
    """Another interpreter or another kernel is started the plain way."""
    arguments = ["-f", "/tmp/kernel-1.json"]
    assert forked_command([sys.executable, "-m", "ipykernel_launcher", *arguments]) == arguments
    assert forked_command(["/usr/bin/python2", "-m", "ipykernel_launcher", *arguments]) is None
    assert forked_command([sys.executable, "-m", "some_other_kernel", *arguments]) is None
    assert forked_command(["R", "--slave"]) is None


@pytest.mark.slow
def test_a_kernel_is_a_copy_of_the_loaded_template(template, tmp_path):
    """The kernel starts with wagekit, its apps and the campaign already loaded and its ledgers
    checked for the day of the figures, in its own process group, with its own environment and
    folder; ipywidgets' comm targets are there (a page gets every widget's state in one
    message); shutting down ends the copy."""
    manager = _kernel_manager(tmp_path)
    folder = tmp_path / "notebooks"
    folder.mkdir()
    manager.start_kernel(env={**os.environ, "WAGEKIT_TEST_VISIT": "甲"}, cwd=folder)
    try:
        seen = _probe(manager)
    finally:
        pid = manager.provisioner.pid
        manager.shutdown_kernel(now=False)
    assert seen["parent"] == template.pid
    assert seen["pid"] == seen["group"] == pid
    assert seen["loaded_before_any_cell"] and seen["campaign_in_memory"]
    assert seen["ledgers_checked"] == [[str(app_as_of())]]
    assert seen["widget_targets"] == ["jupyter.widget", "jupyter.widget.control"]
    assert seen["visit"] == "甲"
    assert Path(seen["cwd"]) == folder
    assert _gone(pid, 30)


@pytest.mark.slow
def test_killing_a_kernel_ends_it_and_the_template_forks_again(template, tmp_path):
    """Voila's kill (a restart, a culled kernel) ends the copy; the next kernel still forks."""
    manager = _kernel_manager(tmp_path / "first")
    manager.start_kernel()
    pid = manager.provisioner.pid
    manager.shutdown_kernel(now=True)
    assert _gone(pid, 30)
    manager = _kernel_manager(tmp_path / "second")
    manager.start_kernel()
    try:
        assert _probe(manager)["parent"] == template.pid
    finally:
        manager.shutdown_kernel(now=True)


@pytest.mark.slow
def test_without_a_template_the_kernel_starts_the_plain_way(monkeypatch, tmp_path):
    """A template that cannot be reached costs time, never the kernel."""
    monkeypatch.setenv(TEMPLATE_ENV, str(tmp_path / "no-template.sock"))
    manager = _kernel_manager(tmp_path)
    manager.start_kernel()
    try:
        seen = _probe(manager)
    finally:
        manager.shutdown_kernel(now=True)
    assert seen["parent"] == psutil.Process().pid
    assert not seen["loaded_before_any_cell"]


@pytest.mark.slow
def test_kernels_end_when_the_template_dies(template, tmp_path):
    """A server killed outright takes its template along (Linux's parent-death signal) and
    the template's kernels follow: none is left running for nobody."""
    manager = _kernel_manager(tmp_path)
    manager.start_kernel()
    pid = manager.provisioner.pid
    try:
        template.kill()
        assert _gone(pid, 30)
    finally:
        manager.shutdown_kernel(now=True)
