from ...models import Order
from .... import payments
from ....payments.gateway import (
    charge,  # the one that takes money
    refund as give_back,
)


def handle(order: Order) -> bool:
    return charge(order.ident, order.amount_cents) and not give_back(order.ident) and payments is not None
