from . import service
from .models import Order
