from __future__ import annotations

from .sansio.app import App
from .helpers import get_debug_flag


class Flask(App):
    def run(self) -> None:
        self.debug = get_debug_flag()
