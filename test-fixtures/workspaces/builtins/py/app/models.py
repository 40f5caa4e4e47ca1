class Base:
    pass


class User(Base):
    def __init__(self, user_id):
        self.user_id = user_id


class UserList:
    @staticmethod
    def fetch(limit):
        return []
