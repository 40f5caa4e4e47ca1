import os


def get_debug_flag() -> bool:
    return os.environ.get("FLASK_DEBUG", "") == "1"
