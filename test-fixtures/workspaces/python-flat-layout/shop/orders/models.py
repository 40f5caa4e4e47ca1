class Order:
    def __init__(self, ident: str, amount_cents: int) -> None:
        self.ident = ident
        self.amount_cents = amount_cents
