class Order:
    def __init__(self, lines):
        self.lines = lines
