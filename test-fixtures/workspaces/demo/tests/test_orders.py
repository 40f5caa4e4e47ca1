from orders.service import place_order


def test_place_order():
    assert place_order("o-1", 1200).amount_cents == 1200
