from src.api.handlers import handle
