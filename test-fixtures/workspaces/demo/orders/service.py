import logging
import pickle

from orders.models import Order
from payments.gateway import charge

log = logging.getLogger(__name__)


def place_order(order_id: str, amount_cents: int) -> Order:
    order = Order(order_id, amount_cents)
    log.info("placing %s", order_id)
    charge(order.id, order.amount_cents)
    return order


def snapshot(order: Order) -> bytes:
    # the deliberate failure: orders must not serialise with pickle
    return pickle.dumps(order)
