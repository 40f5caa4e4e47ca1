from __future__ import annotations

from .. import ctx
from ..ctx import AppContext as Context


class Scaffold:
    def __init__(self, import_name: str) -> None:
        self.import_name = import_name

    def app_context(self) -> Context:
        return ctx.AppContext(self)
