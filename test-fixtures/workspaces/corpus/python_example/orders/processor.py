import logging

logger = logging.getLogger(__name__)


def validate_order(order):
    return bool(order)


def calculate_total(order):
    return sum(order)


def process(order):
    validate_order(order)
    logger.info('total %s', calculate_total(order))
