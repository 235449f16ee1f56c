"""Kernel activity read from two headers 内核活动: the server's watch on its kernels, made cheap.

jupyter_server watches every kernel's output to know when it was last active (for culling idle
kernels) and whether it is busy. To learn a message's type it decoded the whole message: the
signature checked over all of its content and every date of its headers parsed, as much work
again as relaying it to the page. An app sends several hundred widget messages as it is built,
so while a meeting opened its apps this watch took about a fifth of the server's one thread.

:class:`WorkbookKernelManager` reads what the watch needs — the message's type and its parent's,
from the two header frames — and decodes a status message (small) in full, signature checked,
for the kernel's execution state. What it records is what jupyter_server records.
"""

from __future__ import annotations

import json

from jupyter_client.session import Session
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

__all__ = ["WorkbookKernelManager", "message_types"]


def message_types(frames: list[bytes]) -> tuple[str | None, str | None]:
    """The type of a kernel message and of its parent, from its two header frames.

    ``frames`` are the message's after the identities: signature, header, parent header,
    metadata, content, buffers.
    """
    header, parent = json.loads(frames[1]), json.loads(frames[2])
    return header.get("msg_type"), (parent or {}).get("msg_type")


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
