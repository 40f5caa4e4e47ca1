import pytest

from app import run


def test_run():
    assert run() == 0
