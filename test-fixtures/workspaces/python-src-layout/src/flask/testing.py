class FlaskClient:
    pass
