from pathlib import Path

from wagekit.store import default_url, display_url, resolve_url, workspace_dir


def test_db_argument_wins(monkeypatch):
    """--db is used before WAGEKIT_DB and the default."""
    monkeypatch.setenv("WAGEKIT_DB", "sqlite:///env.sqlite")
    assert resolve_url("sqlite:///arg.sqlite") == "sqlite:///arg.sqlite"


def test_environment_before_default(monkeypatch):
    """Without --db, WAGEKIT_DB names the workspace."""
    monkeypatch.setenv("WAGEKIT_DB", "sqlite:///env.sqlite")
    assert resolve_url(None) == "sqlite:///env.sqlite"


def test_default_is_sqlite_in_wagekit_home(monkeypatch, tmp_path):
    """The default workspace is workspace.sqlite in $WAGEKIT_HOME."""
    monkeypatch.delenv("WAGEKIT_DB", raising=False)
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'workspace.sqlite'}"


def test_default_folder_is_user_data(monkeypatch, tmp_path):
    """Without $WAGEKIT_HOME the workspace lives in the user's data folder."""
    monkeypatch.delenv("WAGEKIT_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert workspace_dir() == tmp_path / "wagekit"
    assert default_url().endswith(str(Path("wagekit") / "workspace.sqlite"))


def test_plain_postgresql_url_uses_psycopg():
    """postgresql:// URLs get the psycopg 3 driver wagekit installs."""
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_display_hides_password():
    """A printed URL never shows the password."""
    assert "secret" not in display_url("postgresql+psycopg://u:secret@h/db")
