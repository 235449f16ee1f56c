"""``wagekit serve --share`` (CONTRACT section 7): a token for all, this machine's names only.

The server listens on every interface; a request without the token is refused, and so is a
request whose Host header names another machine (a page of another site reaching the apps by
DNS rebinding), with or without ``--share``.
"""

from __future__ import annotations

import http.client
import urllib.request
import uuid
from pathlib import Path

import pytest
from harness import PAGE_OPTIONS

from wagekit.voila.server import lan_address

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RENDERED = "#fixture-title"


def get(port: int, path: str, host: str | None = None, address: str = "127.0.0.1"):
    """One GET without following redirects: (status, headers, body text)."""
    connection = http.client.HTTPConnection(address, port, timeout=60)
    headers = {"Host": host} if host else {}
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture
def shared(serve_workbook):
    """The fixture app served with ``--share``; its token read from the address printed."""
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES, args=["--share"])
    assert workbook.token
    return workbook


def test_request_without_the_token_is_refused(shared):
    """Without the token an app, the kernel API and the home address serve nothing."""
    for path in ["/voila/render/00_home.ipynb", f"/api/kernels/{uuid.uuid4()}", "/"]:
        status, headers, _ = get(shared.port, path)
        refused = status in (401, 403) or (status == 302 and "login" in headers["Location"])
        assert refused, (path, status)
    status, _, _ = get(shared.port, "/voila/render/00_home.ipynb?token=not-the-token")
    assert status in (302, 401, 403)


def test_token_is_printed_once_in_the_address(shared):
    """The log holds the token once: in the address to hand to colleagues."""
    assert shared.log.count(shared.token) == 1
    assert f"?token={shared.token}" in shared.log


def test_app_renders_with_the_token(shared, browser):
    """With the address printed (its token), the app renders in Chromium."""
    context = browser.new_context(**PAGE_OPTIONS)
    page = context.new_page()
    page.goto(shared.url(), wait_until="commit", timeout=120_000)
    page.wait_for_selector(RENDERED, state="visible", timeout=120_000)
    assert page.locator(".wagekit-alert-error").count() == 0
    context.close()


@pytest.mark.parametrize("share", [False, True])
def test_host_naming_another_machine_is_refused(serve_workbook, share):
    """A request for evil.example (a rebinding page) is refused in Chinese; localhost is not."""
    args = ["--share"] if share else []
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES, args=args)
    query = f"?token={workbook.token}" if share else ""
    path = f"/voila/render/00_home.ipynb{query}"
    status, _, body = get(workbook.port, path, host=f"evil.example:{workbook.port}")
    assert status == 403 and "拒绝访问" in body
    status, _, _ = get(workbook.port, f"/voila/static/voila.js{query}", host="evil.example")
    assert status == 403
    assert get(workbook.port, f"/voila/static/voila.js{query}")[0] == 200


def test_query_socket_refuses_another_machine(shared):
    """The socket where pre-heated kernels wait for their visitor answers this machine only."""
    address = lan_address()
    if address.startswith("127."):
        pytest.skip("this machine has no network address besides loopback")
    status, _, _ = get(
        shared.port,
        f"/voila/query/{uuid.uuid4()}",
        host=f"{address}:{shared.port}",
        address=address,
    )
    assert status == 403


def test_token_is_not_needed_on_this_machine_without_share(serve_workbook):
    """Without --share the apps answer on localhost with no token, as before."""
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES)
    with urllib.request.urlopen(workbook.url(), timeout=120) as answer:
        assert answer.status == 200
