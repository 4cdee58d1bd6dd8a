__all__ = ["exported_one"]


def exported_one():
    return 1


def not_exported():
    return 2
