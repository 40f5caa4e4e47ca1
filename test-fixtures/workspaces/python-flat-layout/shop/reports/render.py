"""Reports never import the orders package. This docstring says:

    import shop.orders
    from shop.orders import service
"""

# import shop.orders
# from shop.orders.service import place

TEMPLATE = "from shop.orders import service"
RAW = r'import shop.orders'
BYTES = rb"""
from shop.orders.models import Order
"""
FORMATTED = f"{len(TEMPLATE)} import shop.orders {'from shop.orders import x'}"
HELP = '''
import shop.orders.service
'''


def render(rows: list) -> str:
    """import shop.orders"""
    return "\n".join(str(r) for r in rows)
