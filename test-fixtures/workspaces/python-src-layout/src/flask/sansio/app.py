# sansio/ has no __init__.py: it is a namespace subpackage of flask, so this file is flask.sansio.app.
from __future__ import annotations

import logging
import typing as t

from .scaffold import Scaffold

if t.TYPE_CHECKING:  # pragma: no cover
    from ..testing import FlaskClient


class App(Scaffold):
    """The application object. The docstring says import flask.cli, which is not an import."""

    testing = False

    def __init__(self, import_name: str) -> None:
        super().__init__(import_name)
        self.logger = logging.getLogger(import_name)

    def make_globals(self):
        from ..ctx import _AppCtxGlobals

        return _AppCtxGlobals()

    def debug_flag(self) -> bool:
        from ..helpers import get_debug_flag

        return get_debug_flag()

    def test_client(self) -> FlaskClient:
        raise NotImplementedError
