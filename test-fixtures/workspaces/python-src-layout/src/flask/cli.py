class ScriptInfo:
    def __init__(self, app_import_path=None, create_app=None):
        self.app_import_path = app_import_path
        self.create_app = create_app
        self.app = None

    def load_app(self):
        return self.app


def main() -> None:
    ScriptInfo().load_app()
