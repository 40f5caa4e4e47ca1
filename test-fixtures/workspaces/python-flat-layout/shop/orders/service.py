import os, json
import logging; import pickle
import shop.payments.gateway as gw

try:
    import ujson as fast_json
except ImportError:  # pragma: no cover
    fast_json = json

from .models import Order


def place(ident: str, amount_cents: int) -> Order:
    from ..payments import gateway

    order = Order(ident, amount_cents)
    gateway.charge(order.ident, order.amount_cents)
    logging.getLogger(__name__).info("placed %s", os.getpid())
    return order


def snapshot(order: Order) -> bytes:
    return pickle.dumps(order)


def refund(order: Order) -> bool:
    return gw.refund(order.ident)
