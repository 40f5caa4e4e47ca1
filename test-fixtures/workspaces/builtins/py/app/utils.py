def format_name(name) -> str:
    return name.strip()
