"""Forked kernels 派生内核: every app kernel a copy of one process that has already loaded all.

A kernel Voila starts for an app spends most of its start on work that is the same in every
kernel: Python, pandas, ipywidgets, matplotlib, ipykernel and wagekit imported, the CJK font
read, the campaign read back from the load cache. At a meeting twenty people open apps within
a minute and each page waits for that work, repeated for each of them on the server's cores.

``wagekit serve`` therefore starts one *template* 模板进程 (:func:`start_template`) beside
Voila. It does that work once, then waits on a Unix socket in a folder only
its user can open. Voila starts kernels through :class:`ForkProvisioner` (a jupyter_client
kernel provisioner, named ``wagekit-fork``): instead of running ``python -m ipykernel_launcher
-f CONNECTION_FILE`` it asks the template, which ``fork()``s; the copy takes the kernel's
environment and folder, becomes the leader of a process group of its own, and runs ipykernel
with the same arguments. What the template loaded is shared between all its copies until one
of them changes it (copy-on-write), so twenty kernels hold the libraries and the campaign once.

A copy is an ordinary kernel to Voila: the provisioner signals its process group, polls it and
waits for it as for a process it started. The template reaps its copies itself. When the
template cannot be reached (it failed to start, or died) or a kernel other than this Python's
ipykernel is asked for, the provisioner starts the kernel the plain way: slower, never broken.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import json
import os
import pkgutil
import signal
import socket
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

# ipykernel needs jupyter_client and psutil: every kernel imports them anyway.
import psutil
from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

__all__ = [
    "TEMPLATE_ENV",
    "ForkProvisioner",
    "ForkedProcess",
    "forked_command",
    "main",
    "start_template",
]

# The template's socket, for the provisioner running in the Voila server.
TEMPLATE_ENV = "WAGEKIT_KERNEL_TEMPLATE"
# Seconds a kernel start waits for the template: it answers once it has loaded everything,
# which takes a few seconds when the server starts (minutes for a county-sized campaign).
ANSWER_TIMEOUT = 300
# What ipykernel's launcher would import in each kernel, and the apps' own modules.
_LIBRARIES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.comm",
    "ipywidgets",
    "anywidget",
    "pandas",
    "wagekit.store",
    "wagekit.widgets.runtime.ahead",
    "wagekit.widgets.runtime.request",
)


def forked_command(cmd: list[str]) -> list[str] | None:
    """The ipykernel arguments of a kernel command, or None when a copy cannot run it.

    A copy of the template runs ``python -m ipykernel_launcher ARGS`` of this very Python only
    (the kernel spec ``python3`` of the virtualenv); any other command (another interpreter,
    another kernel) is started the plain way.
    """
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    try:
        same = Path(cmd[0]).resolve() == Path(sys.executable).resolve()
    except OSError:
        return None
    return cmd[3:] if same else None


# --- the template ------------------------------------------------------------------------


def _die_with_parent() -> None:
    """Ask Linux to end this process when the server that started it ends (even by SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _load_once() -> None:
    """Import what every kernel imports, draw one chart, read the campaign and check its ledgers.

    The checks of the ledgers alone run for the day of the figures (:mod:`wagekit.ledger_checks`).
    """
    # ipykernel sets this in each kernel before anything imports matplotlib; matplotlib reads it
    # on import, which happens here, before any kernel exists. (The backend itself is imported
    # in each kernel: on import it hooks into the kernel's IPython, when there is one.)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for name in _LIBRARIES:
        importlib.import_module(name)
    import wagekit.widgets.apps as apps

    for module in pkgutil.iter_modules(apps.__path__, f"{apps.__name__}."):
        importlib.import_module(module.name)
    from matplotlib.figure import Figure

    from wagekit.widgets.components.chart import figure_png

    figure = Figure(figsize=(2, 1))
    figure.subplots().set_title("欠薪")
    figure_png(figure)  # reads the CJK font file, once for every kernel
    from wagekit.ledger_checks import ledger_checks
    from wagekit.widgets.runtime.context import app_as_of, preload_campaign

    # Kept in memory: a kernel's own call returns it (widgets.runtime.context), and every
    # assessment of it on that day reuses the checks run here (wagekit.ledger_checks).
    campaign = preload_campaign()
    if campaign is not None:
        ledger_checks(campaign, campaign.tables, campaign.config.rules, as_of=app_as_of())


def _become_kernel(request: dict[str, Any], ready: int, inherited: list[socket.socket]) -> None:
    """In the copy: take the kernel's process group, environment and folder, then run it."""
    code = 1
    try:
        for held in inherited:  # the template's sockets are not the kernel's
            held.close()
        os.setsid()
        os.write(ready, b"1")
        os.close(ready)
        for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        with open(os.devnull, "rb") as devnull:
            os.dup2(devnull.fileno(), 0)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.argv = [sys.executable, *request["argv"]]
        import ipywidgets
        from ipykernel.kernelapp import IPKernelApp

        kernel = IPKernelApp.instance()
        # The template is this kernel's parent: ipykernel ends the kernel when it goes. (Its
        # default comes from $JPY_PARENT_PID when ipykernel was imported: in the template.)
        kernel.parent_handle = os.getppid()
        kernel.initialize(request["argv"])
        # ipywidgets registers its comm targets when it is imported inside a kernel; the
        # template imported it before any kernel existed. Without them a page asks for each
        # widget's state one message at a time.
        ipywidgets.register_comm_target()
        kernel.start()
        code = 0
    except BaseException:  # noqa: BLE001 (the copy must never go back into the template's loop)
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _fork(request: dict[str, Any], inherited: list[socket.socket]) -> int:
    """Fork a kernel for ``request``; return its pid once it leads its own process group."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(readable)
        _become_kernel(request, writable, inherited)
    os.close(writable)
    try:
        # The copy's setsid() done: the server may signal its process group from now on.
        os.read(readable, 1)
    finally:
        os.close(readable)
    return pid


def _serve(listener: socket.socket) -> None:
    while True:
        connection, _ = listener.accept()
        with connection:
            try:
                with connection.makefile("rb") as stream:
                    request = json.loads(stream.readline())
                answer = {"pid": _fork(request, [listener, connection])}
            except (OSError, ValueError, KeyError, TypeError) as error:
                answer = {"error": f"{type(error).__name__}: {error}"}
            with contextlib.suppress(OSError):
                connection.sendall(json.dumps(answer).encode() + b"\n")


def main(argv: list[str] | None = None) -> int:
    """Run the template on the listening socket whose descriptor is given: load, then fork."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].isdigit():
        print("usage: python -m wagekit.forked_kernels LISTENING_SOCKET_FD", file=sys.stderr)
        return 2
    _die_with_parent()
    listener = socket.socket(fileno=int(args[0]))
    try:
        _load_once()
    except Exception:  # noqa: BLE001 (a copy loads what it needs again; shown in the server log)
        traceback.print_exc()
    # Copies end on their own; the system reaps them, none stays a zombie.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    # What is loaded now is never collected again: a copy's collector does not touch (and so
    # copy) the template's pages.
    gc.collect()
    gc.freeze()
    with contextlib.suppress(KeyboardInterrupt):
        _serve(listener)
    return 0


def start_template(folder: str) -> subprocess.Popen:
    """Start the template listening in ``folder``, its address in ``$WAGEKIT_KERNEL_TEMPLATE``.

    The socket listens before the template starts, so a kernel asked for at once waits in its
    queue while the template loads. ``folder`` should be one only this user can open; a socket
    left there by a template that died is replaced.
    """
    address = os.path.join(folder, "template.sock")
    with contextlib.suppress(FileNotFoundError):  # left by a template that died
        os.unlink(address)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    try:
        command = [sys.executable, "-m", "wagekit.forked_kernels", str(listener.fileno())]
        process = subprocess.Popen(command, pass_fds=[listener.fileno()])
    finally:
        listener.close()
    os.environ[TEMPLATE_ENV] = address
    return process


# --- the server's side -------------------------------------------------------------------


class ForkedProcess:
    """A kernel forked by the template, handled as :class:`subprocess.Popen` handles a child.

    It is the template's child, not the server's: its exit status is not known here, so a
    kernel that ended reports 0. ``psutil`` tells a live kernel from a new process that took
    its pid.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._process: Any = psutil.Process(pid)
        except psutil.Error:
            self._process = None
            self.returncode = 0

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                alive = self._process.status() != psutil.STATUS_ZOMBIE
            except psutil.Error:
                alive = False
            if not alive:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            self._process.send_signal(number)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


async def _ask_template(address: str, request: dict[str, Any]) -> int:
    reader, writer = await asyncio.open_unix_connection(address)
    try:
        writer.write(json.dumps(request).encode() + b"\n")
        await writer.drain()
        answer = json.loads(await asyncio.wait_for(reader.readline(), ANSWER_TIMEOUT))
    finally:
        writer.close()
    if "pid" not in answer:
        raise OSError(answer.get("error", "no answer"))
    return int(answer["pid"])


class ForkProvisioner(LocalProvisioner):
    """Voila's kernels as copies of the template (see the module's description)."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        address = os.environ.get(TEMPLATE_ENV, "")
        arguments = forked_command(cmd)
        if address and arguments is not None:
            request = {
                "argv": arguments,
                "env": dict(kwargs.get("env") or os.environ),
                "cwd": str(kwargs.get("cwd") or Path.cwd()),
            }
            try:
                pid = await _ask_template(address, request)
            except (OSError, ValueError, TimeoutError) as error:
                self.log.warning("wagekit: kernel template unavailable (%s)", error)
            else:
                self.process = ForkedProcess(pid)
                self.pid = self.pgid = pid
                self.cwd = request["cwd"]
                return self.connection_info
        return await super().launch_kernel(cmd, **kwargs)


if __name__ == "__main__":
    sys.exit(main())
