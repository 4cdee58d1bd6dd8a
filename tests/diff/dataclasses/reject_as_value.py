# molt: expect-reject E0111
# `dataclass` used as a value (not as a class decorator) is not supported yet.
from dataclasses import dataclass


def wrap(cls):
    return dataclass(cls)


class P:
    x: int = 1


print(wrap(P)())
