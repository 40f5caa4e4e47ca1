import pytest


@pytest.fixture
def order():
    from shop.orders.models import Order

    return Order("o-1", 100)
