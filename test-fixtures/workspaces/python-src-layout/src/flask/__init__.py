"""A small web framework, shaped like Flask: its package lives under src/ (a src layout)."""
from . import json as json
from .app import Flask as Flask
from .ctx import AppContext as AppContext

__version__ = "3.0.0"
