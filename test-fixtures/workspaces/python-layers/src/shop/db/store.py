"""The storage layer: imports nothing of the package."""
SAVED = []


def save(item):
    SAVED.append(item)
