def get_user():
    pass
