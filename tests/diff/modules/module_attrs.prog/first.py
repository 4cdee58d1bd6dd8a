value = 10
name = "first"


def read():
    return value
