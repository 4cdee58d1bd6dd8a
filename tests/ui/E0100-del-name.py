# `del` of a module variable that a function reads is not supported yet.
counter = 0


def bump():
    return counter + 1


del counter
