from orders.api.handlers import handle


def handle_order(order):
    return format_name(order)
