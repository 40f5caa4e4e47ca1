"""Payments: a thin client of the payment provider."""
