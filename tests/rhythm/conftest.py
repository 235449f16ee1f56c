import pytest
from rhythm_frames import load_tiny


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """The tiny campaign of rhythm_frames, loaded once."""
    return load_tiny(tmp_path_factory.mktemp("tiny"))
