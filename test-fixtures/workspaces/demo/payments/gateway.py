def charge(reference: str, amount_cents: int) -> bool:
    if amount_cents <= 0:
        raise ValueError("nothing to charge")
    return True
