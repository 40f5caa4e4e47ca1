def format_name(name) -> str:
    return name.strip()


class Helpers:
    """Not code:

        def not_a_function(x):
        class NotAClass:
    """

# def commented_out():
