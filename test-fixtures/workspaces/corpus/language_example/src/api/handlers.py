def handle():
    return 'ok'
