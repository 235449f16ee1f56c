"""``wagekit serve``'s arguments, what Voila is started with, and what the server adds to it."""

from __future__ import annotations

import argparse
import json
import socket
from pathlib import Path

import pytest

from wagekit.commands import serve
from wagekit.commands.serve import base_url, port_in_use, voila_argv
from wagekit.voila import server
from wagekit.voila.server import home_url, host_allowed, kernel_message_header

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "prefix"),
    [("/", "/"), ("", "/"), ("gzqx", "/gzqx/"), ("/gzqx", "/gzqx/"), ("//a//b/", "/a/b/")],
)
def test_base_url_has_one_slash_at_each_end(text, prefix):
    """However the prefix is typed, Voila gets it with one slash at each end."""
    assert base_url(text) == prefix


@pytest.mark.parametrize(
    "text", ["/../etc/", "/a b/", "/./", "/gz.qx/", "/(a|b)/", "/a*/", "/[x]/", "/a+b/", "/a?b/"]
)
def test_base_url_that_is_no_path_is_refused_in_chinese(text):
    """A prefix with dot segments, spaces or regular-expression characters is refused before
    Voila starts (it puts the prefix into its routes' patterns), in Chinese."""
    with pytest.raises(argparse.ArgumentTypeError, match="网址前缀"):
        base_url(text)


def test_voila_gets_the_prefix_and_the_home_address_includes_it():
    """The prefix reaches Voila, and the address printed for the user carries it."""
    argv = voila_argv(Path("notebooks"), 8866, False, "/gzqx/")
    assert "--Voila.base_url=/gzqx/" in argv and "--no-browser" in argv
    assert home_url(8866, "/gzqx/") == "http://localhost:8866/gzqx/voila/render/00_home.ipynb"


def test_port_taken_is_refused_in_chinese_before_voila_starts(tmp_path, capsys, monkeypatch):
    """A second `make run` says the workbook may already run there, instead of moving ports."""
    started = []
    monkeypatch.setattr(serve, "workbook_voila_class", lambda: started.append(True))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve.port_in_use(port)
        code = serve.main([str(REPO / "sample_data" / "demo"), f"--port={port}", "--no-browser"])
    assert code == 2 and started == []
    message = capsys.readouterr().err
    assert f"端口 {port} 已被占用" in message
    assert f"http://localhost:{port}/voila/render/00_home.ipynb" in message


def test_free_port_is_free_and_voila_may_not_move():
    """A port nobody listens on is free; Voila is told to use that port or none."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert not port_in_use(port)
    assert "--Voila.port_retries=0" in voila_argv(Path("notebooks"), port, False)


NAMES = {"localhost", "gzqx-pc", "gzqx-pc.county.lan"}


@pytest.mark.parametrize(
    "host",
    [
        "localhost:8866",
        "LOCALHOST",
        "127.0.0.1:8866",
        "[::1]:8866",
        "192.168.1.20:8866",
        "gzqx-pc:8866",
        "gzqx-pc.county.lan.",
    ],
)
def test_host_naming_this_machine_is_allowed(host):
    """Loopback, the address the request came in on, and the machine's own names pass."""
    assert host_allowed(host, "192.168.1.20", NAMES)


@pytest.mark.parametrize(
    "host",
    ["evil.example:8866", "192.168.1.99:8866", "localhost.evil.example", "", "gzqx-pc:80:80"],
)
def test_host_naming_another_machine_is_refused(host):
    """A rebinding page sends its own name, or another address: refused."""
    assert not host_allowed(host, "192.168.1.20", NAMES)


def test_host_check_reads_an_ipv4_address_arriving_over_ipv6():
    """On a dual-stack socket the local address is ::ffff:a.b.c.d; the Host a.b.c.d is ours."""
    assert host_allowed("192.168.1.20:8866", "::ffff:192.168.1.20", NAMES)


def test_share_listens_everywhere_with_a_token_and_never_without():
    """--share: every interface and the token; without it, localhost from the shipped config."""
    shared = voila_argv(Path("notebooks"), 8866, False, token="s3cret")
    assert "--Voila.ip=" in shared and "--Voila.token=s3cret" in shared
    local = voila_argv(Path("notebooks"), 8866, False)
    assert not any(arg.startswith(("--Voila.ip", "--Voila.token")) for arg in local)
    assert home_url(8866, "/", "192.168.1.20", "s3cret").endswith("00_home.ipynb?token=s3cret")


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_kernel_cap_must_be_a_positive_number(value, capsys):
    """--max-kernels 0 would refuse every visitor: refused at once, in Chinese."""
    with pytest.raises(SystemExit):
        serve.main([str(REPO / "sample_data" / "demo"), f"--max-kernels={value}"])
    assert "应为正整数" in capsys.readouterr().err


# The limit as each bundle's minifier wrote it: Voila's widget manager, jupyterlab_widgets'.
LATE = "Control comm did not respond in time"
GIVE_UP = {
    "@voila-dashboards/widgets-manager8": 'setTimeout((()=>i("' + LATE + '")),{})',
    "@jupyter-widgets/jupyterlab-manager": 'setTimeout(()=>l("' + LATE + '"),{})',
}


def _installed(share: Path, name: str, chunk: str) -> None:
    (share / name / "static").mkdir(parents=True)
    (share / name / "package.json").write_text("{}", encoding="utf-8")
    (share / name / "static" / "324.js").write_text(chunk, encoding="utf-8")


def test_widget_manager_copies_wait_two_minutes_for_widget_states(tmp_path):
    """Both widget managers a page may run wait 120 s for the kernel's widget states, not 4 s."""
    for name, limit in GIVE_UP.items():
        _installed(tmp_path / "share", name, limit.format("4e3"))
    into = tmp_path / "served"
    copied = server.patient_widget_managers([tmp_path / "none", tmp_path / "share"], into)
    assert sorted(copied) == sorted(GIVE_UP)
    for name, limit in GIVE_UP.items():
        assert (into / name / "static" / "324.js").read_text(encoding="utf-8") == limit.format(
            120_000
        )
        assert (into / name / "package.json").is_file()


def test_widget_manager_served_first_is_the_one_copied(tmp_path):
    """Voila serves the first folder holding an extension: that one is copied, not a later one."""
    name = "@voila-dashboards/widgets-manager8"
    _installed(tmp_path / "first", name, GIVE_UP[name].format("4e3") + "//first")
    _installed(tmp_path / "later", name, GIVE_UP[name].format("4e3") + "//later")
    server.patient_widget_managers([tmp_path / "first", tmp_path / "later"], tmp_path / "served")
    assert (
        (tmp_path / "served" / name / "static" / "324.js")
        .read_text(encoding="utf-8")
        .endswith("//first")
    )


def test_widget_manager_without_the_limit_is_left_alone(tmp_path):
    """Another release without the 4-second limit: nothing copied, the installed one served."""
    name = "@jupyter-widgets/jupyterlab-manager"
    _installed(tmp_path / "share", name, "nothing to change")
    assert server.patient_widget_managers([tmp_path / "share"], tmp_path / "served") == []
    assert not (tmp_path / "served" / name).exists()


def test_kernels_are_forked_from_the_template_unless_asked_not_to():
    """By default Voila starts kernels through the wagekit-fork provisioner (the kernel
    template); ``--no-kernel-template`` leaves Voila's own way."""
    option = "--KernelProvisionerFactory.default_provisioner_name=wagekit-fork"
    assert option in voila_argv(Path("notebooks"), 8866, False)
    assert option not in voila_argv(Path("notebooks"), 8866, False, kernel_template=False)
    parser = argparse.ArgumentParser()
    serve.register(parser.add_subparsers())
    assert parser.parse_args(["serve"]).kernel_template is True
    assert parser.parse_args(["serve", "--no-kernel-template"]).kernel_template is False


def test_page_templates_are_compiled_once_for_every_page(tmp_path, monkeypatch):
    """Voila renders each page with a new exporter: the page templates are compiled for the
    first page only, and again only when a template's text changes."""
    import jinja2

    compiled = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    (tmp_path / "page.html.j2").write_text("{% extends 'base.html.j2' %}", encoding="utf-8")
    (tmp_path / "base.html.j2").write_text("<p>{{ 1 + 1 }}</p>", encoding="utf-8")
    exporter_class = server._exporter_class(server._compiled_templates())

    def render() -> str:
        exporter = exporter_class(template_paths=[str(tmp_path)], template_name="lab")
        return exporter.environment.get_template("page.html.j2").render()

    assert render() == "<p>2</p>"
    assert sorted(compiled) == ["base.html.j2", "page.html.j2"]
    assert render() == "<p>2</p>"
    assert len(compiled) == 2
    (tmp_path / "base.html.j2").write_text("<p>{{ 2 + 2 }}</p>", encoding="utf-8")
    assert render() == "<p>4</p>"
    assert compiled[2:] == ["base.html.j2"]


def _kernel_message(msg_type: str) -> dict:
    header = {"msg_id": "1", "msg_type": msg_type, "session": "s", "username": "", "version": "5.3"}
    return {
        "header": header,
        "parent_header": {},
        "metadata": {},
        "content": {"data": {"method": "update_states"}},
        "buffers": [b"\x89PNG" + bytes(5000)],  # a chart's picture
    }


@pytest.mark.parametrize("protocol", [server.V1_PROTOCOL, None])
def test_kernel_socket_reads_the_header_of_either_framing(protocol):
    """A message with a chart's picture goes to the page as one binary frame, framed as the
    client chose (Chromium: v1; a client choosing nothing: the older framing); the server reads
    its header in both, to keep the apps' code (execute_input) from the page."""
    from jupyter_server.services.kernels.connection.base import (
        serialize_binary_message,
        serialize_msg_to_ws_v1,
    )

    message = _kernel_message("comm_msg")
    if protocol:
        parts = [json.dumps(message[k]).encode() for k in ("header", "parent_header", "metadata")]
        parts += [json.dumps(message["content"]).encode(), *message["buffers"]]
        frame = serialize_msg_to_ws_v1(parts, "iopub")
    else:
        frame = serialize_binary_message({**message, "channel": "iopub"})
    assert kernel_message_header(frame, protocol)["msg_type"] == "comm_msg"


def test_kernel_socket_gives_up_on_a_frame_it_cannot_read_at_once():
    """An older-framing frame read as v1 (Voila's mistake) starts with a count of billions of
    offsets: no header, found without reading them (Voila's loop held the server for good)."""
    from jupyter_server.services.kernels.connection.base import serialize_binary_message

    frame = serialize_binary_message({**_kernel_message("comm_msg"), "channel": "iopub"})
    assert int.from_bytes(frame[:8], "little") > 10**9
    assert kernel_message_header(frame, server.V1_PROTOCOL) is None
    assert kernel_message_header(b"\xff" * 12, None) is None
    assert kernel_message_header(b"", server.V1_PROTOCOL) is None


def test_kernel_activity_is_read_from_the_headers_as_a_full_decoding_reads_it():
    """The server's watch on its kernels reads a message's type and its parent's from the two
    header frames: the same as decoding the whole message, for a widget message with a large
    state, a status and a message with no parent."""
    from jupyter_client.session import Session

    from wagekit.voila.activity import message_types

    session = Session(key=b"secret")
    parent = session.msg("execute_request", {"code": "app"})
    messages = [
        session.msg("comm_open", {"data": {"state": {"value": "甲" * 10_000}}}, parent=parent),
        session.msg("status", {"execution_state": "idle"}, parent=parent),
        session.msg("status", {"execution_state": "starting"}),
    ]
    for message in messages:
        frames = session.serialize(message)
        _identities, frames = session.feed_identities(frames)
        decoded = session.deserialize(frames)
        parent_type = decoded["parent_header"].get("msg_type")
        assert message_types(frames) == (decoded["header"]["msg_type"], parent_type)


def test_the_served_kernel_manager_is_the_workbooks():
    """The shipped settings make Voila's kernels managed by the workbook's kernel manager."""
    settings = json.loads((server.VOILA_DIR / "voila.json").read_text(encoding="utf-8"))
    name = settings["VoilaConfiguration"]["multi_kernel_manager_class"]
    module, _, cls = name.rpartition(".")
    from importlib import import_module

    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    assert issubclass(getattr(import_module(module), cls), AsyncMappingKernelManager)


def test_the_server_makes_no_debug_line_unless_asked():
    """The server's logger lets a debug call return at once at the usual level (nbclient makes
    two per kernel message) and still logs them when the office asks for ``--log-level=DEBUG``."""
    import logging

    app = server.workbook_voila_class()()
    app.log_level = logging.INFO
    assert not app.log.isEnabledFor(logging.DEBUG)
    app.log_level = logging.DEBUG
    assert app.log.isEnabledFor(logging.DEBUG)
