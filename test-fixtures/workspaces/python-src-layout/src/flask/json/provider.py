from __future__ import annotations

import json
import typing as t

if t.TYPE_CHECKING:  # pragma: no cover
    from ..sansio.app import App


class JSONProvider:
    def __init__(self, app: App) -> None:
        self._app = app

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        return json.dumps(obj, **kwargs)


class DefaultJSONProvider(JSONProvider):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.app = app
