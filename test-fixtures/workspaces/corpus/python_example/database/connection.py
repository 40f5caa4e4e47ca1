class Connection:
    pass


class Result:
    pass


def connect(url: str) -> Connection:
    return Connection()


def query(sql: str) -> Result:
    return Result()


def execute(sql: str) -> int:
    return 0
