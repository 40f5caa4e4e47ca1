"""The web layer: calls into core."""
from shop.core import service


def index():
    return service.run("index")
