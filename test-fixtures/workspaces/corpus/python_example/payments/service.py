import logging
import typing

log = logging.getLogger(__name__)


def pay(amount: int) -> typing.Optional[str]:
    log.info('paying %s', amount)
    return None
