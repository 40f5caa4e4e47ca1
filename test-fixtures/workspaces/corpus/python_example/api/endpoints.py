from typing import List


class PaymentResponse:
    pass


def create_payment(amount: int) -> PaymentResponse:
    return PaymentResponse()


def list_payments() -> List[PaymentResponse]:
    return []
