"""Kernel sockets: a client that frames messages another way than Chromium is served too.

A page's widgets reach it through its kernel's websocket. Chromium asks for the v1 framing;
a client asking for none gets the older framing. Voila read every binary frame as v1: the
dashboard's widget states (its charts' pictures are binary) sent to such a client held the
server's one thread in a loop that grew its memory until the machine had none left — one
visitor with another client stopped the workbook for everyone.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from page_client import V1_PROTOCOL, PageClient

REPO = Path(__file__).resolve().parents[2]


def test_a_client_of_the_older_framing_gets_the_dashboard_and_the_server_goes_on(serve_workbook):
    """The dashboard's widget states, pictures and all, reach a client of the older framing;
    then a page opened the way Chromium does still renders, and closing it ends its kernel."""
    workbook = serve_workbook(REPO / "sample_data" / "demo", WAGEKIT_AS_OF="2023-12-20")

    async def visits():
        older = await PageClient(workbook, protocol=None).open("04_summary", timeout=180)
        client = PageClient(workbook, protocol=V1_PROTOCOL)
        home = await client.open("00_home", timeout=180)
        await client.close(home)
        return older, home

    # In a thread of its own: the browser tests' Playwright keeps an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        older, home = thread.submit(asyncio.run, asyncio.wait_for(visits(), 400)).result()
    pictures = [s for s in older.states.values() if s["state"].get("_model_name") == "ImageModel"]
    assert len(older.states) > 300 and pictures
    assert any(s["state"].get("_model_name") == "HTMLModel" for s in home.states.values())
    began = time.monotonic()
    while workbook.kernel_running(home.kernel_id) and time.monotonic() - began < 60:
        time.sleep(0.5)
    assert not workbook.kernel_running(home.kernel_id)
