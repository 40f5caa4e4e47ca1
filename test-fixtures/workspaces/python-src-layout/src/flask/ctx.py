class _AppCtxGlobals:
    """A plain object: the namespace of the application context."""


class AppContext:
    def __init__(self, app):
        self.app = app
        self.g = _AppCtxGlobals()
