"""JSON helpers. Nothing here imports flask.cli: the mentions below are comments and strings.

    from flask.cli import ScriptInfo   (in a docstring)
"""
from __future__ import annotations

import json as _json

# import flask.cli
# from flask.cli import ScriptInfo

HELP = "from flask.cli import ScriptInfo; import flask.cli"
PATTERN = r"import flask\.cli"
DATA = b"from flask.cli import main"
MESSAGE = f"{_json.__name__}: import flask.cli"


def dumps(obj, app=None, **kwargs):
    if app is not None:
        return app.json.dumps(obj, **kwargs)
    return _json.dumps(obj, **kwargs)
