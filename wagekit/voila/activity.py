"""Kernel activity read from two headers 内核活动: the server's watch on its kernels, made cheap.

jupyter_server watches every kernel's output to know when it was last active (for culling idle
kernels) and whether it is busy. To learn a message's type it decoded the whole message: the
signature checked over all of its content and every date of its headers parsed, as much work
again as relaying it to the page. An app sends several hundred widget messages as it is built,
so while a meeting opened its apps this watch took about a fifth of the server's one thread.

:class:`WorkbookKernelManager` reads what the watch needs — the message's type and its parent's,
from the two header frames — and decodes a status message (small) in full, signature checked,
for the kernel's execution state. What it records is what jupyter_server records.

It also replaces a pre-heated kernel that died and was started again by Voila's restarter
(when the kernel template dies, its kernels go with it): the restarted kernel runs no notebook,
and the visitor handed it would get a page without its app. It is shut down and its pool
refilled instead.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from jupyter_client.session import Session
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

__all__ = ["WorkbookKernelManager", "message_types", "pre_heated"]

# Seconds a restarted kernel is given to come up before it is shut down in favour of a new one.
RESTART_WAIT = 60


def message_types(frames: list[bytes]) -> tuple[str | None, str | None]:
    """The type of a kernel message and of its parent, from its two header frames.

    ``frames`` are the message's after the identities: signature, header, parent header,
    metadata, content, buffers.
    """
    header, parent = json.loads(frames[1]), json.loads(frames[2])
    return header.get("msg_type"), (parent or {}).get("msg_type")


def pre_heated(manager: Any) -> dict[str, tuple[str, asyncio.Future]]:
    """Kernels pre-heated and not yet handed to a page: kernel id -> (notebook, pool task).

    Voila keeps its pools private (``_pools``: notebook -> tasks that end in a dict holding the
    kernel's id); a kernel still being pre-heated is not among them yet.
    """
    found = {}
    for notebook, pool in getattr(manager, "_pools", {}).items():
        for task in pool:
            if task.done() and not task.cancelled() and task.exception() is None:
                found[task.result()["kernel_id"]] = (notebook, task)
    return found


class WorkbookKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager, watching its kernels' activity from the headers alone."""

    def start_watching_activity(self, kernel_id: str) -> None:
        """Record each kernel's last activity and execution state as its messages arrive."""
        kernel = self._kernels[kernel_id]
        kernel.reason = ""
        kernel.last_activity = utcnow()
        kernel._activity_stream = kernel.connect_iopub()
        session = Session(config=kernel.session.config, key=kernel.session.key)

        def record_activity(frames: list[bytes]) -> None:
            _identities, frames = session.feed_identities(frames)
            msg_type, parent_type = message_types(frames)
            if (
                self.track_message_type(msg_type)
                or self.track_message_type(parent_type)
                or kernel.execution_state == "busy"
            ):
                self.last_kernel_activity = kernel.last_activity = utcnow()
            if msg_type == "status":
                state = session.deserialize(frames)["content"]["execution_state"]
                if self.track_message_type(parent_type):
                    kernel.execution_state = state
                elif kernel.execution_state == "starting" and state != "starting":
                    # As jupyter_server: after starting, idle unless the status answers a
                    # tracked message.
                    kernel.execution_state = "idle"

        kernel._activity_stream.on_recv(record_activity)
        if not getattr(kernel, "_wagekit_replaced_on_restart", False):
            kernel._wagekit_replaced_on_restart = True
            kernel.add_restart_callback(lambda: self._replace_if_pooled(kernel_id), "restart")

    def _replace_if_pooled(self, kernel_id: str) -> None:
        if kernel_id not in (pooled := pre_heated(self)):
            return
        notebook, task = pooled[kernel_id]
        self._pools[notebook].remove(task)  # no visitor is handed it from now on
        self.log.warning("预热内核 %s 意外退出，已换用新的预热内核（%s）", kernel_id, notebook)
        asyncio.ensure_future(self._replace(kernel_id, notebook))

    async def _replace(self, kernel_id: str, notebook: str) -> None:
        # The restarter tells before it restarts the kernel: let the restart end (a process
        # alive, its start done) so that the shutdown does not cross it.
        kernel = self._kernels.get(kernel_id)
        for _ in range(RESTART_WAIT * 2):
            await asyncio.sleep(0.5)
            if kernel is None or kernel_id not in self._kernels:
                break
            if kernel.ready.done() and await kernel.is_alive():
                break
        if kernel_id in self._kernels:
            await self.shutdown_kernel(kernel_id)
        self.fill_if_needed(delay=0, notebook_name=notebook)
