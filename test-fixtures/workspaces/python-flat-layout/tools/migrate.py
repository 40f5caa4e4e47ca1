# tools/ has no __init__.py: this is the lone module `migrate` (source root tools/).
from shop.orders import models as m


def migrate(rows):
    return [m.Order(r["id"], r["amount"]) for r in rows]
