"""``wagekit serve``'s arguments: what Voila is started with."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from wagekit.commands.serve import base_url, home_url, voila_argv


@pytest.mark.parametrize(
    ("text", "prefix"),
    [("/", "/"), ("", "/"), ("gzqx", "/gzqx/"), ("/gzqx", "/gzqx/"), ("//a//b/", "/a/b/")],
)
def test_base_url_has_one_slash_at_each_end(text, prefix):
    """However the prefix is typed, Voila gets it with one slash at each end."""
    assert base_url(text) == prefix


@pytest.mark.parametrize("text", ["/../etc/", "/a b/", "/./"])
def test_base_url_that_is_no_path_is_refused_in_chinese(text):
    """A prefix with dot segments or spaces is refused before Voila starts, in Chinese."""
    with pytest.raises(argparse.ArgumentTypeError, match="网址前缀"):
        base_url(text)


def test_voila_gets_the_prefix_and_the_home_address_includes_it():
    """The prefix reaches Voila, and the address printed for the user carries it."""
    argv = voila_argv(Path("notebooks"), 8866, False, "/gzqx/")
    assert "--Voila.base_url=/gzqx/" in argv and "--no-browser" in argv
    assert home_url(8866, "/gzqx/") == "http://localhost:8866/gzqx/voila/render/00_home.ipynb"
