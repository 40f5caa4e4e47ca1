import flask
from flask.json import dumps


def test_dumps():
    assert dumps({"a": 1}) == '{"a": 1}'
    assert flask.Flask("x").testing is False
