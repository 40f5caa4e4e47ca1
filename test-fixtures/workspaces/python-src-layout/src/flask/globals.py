from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:  # pragma: no cover
    from . import ctx

# Only a string annotation names ctx below: a string is not a use.
current_app_ctx: "ctx.AppContext | None" = None
