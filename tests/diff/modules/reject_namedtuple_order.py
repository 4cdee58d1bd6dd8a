# molt: expect-reject E0111
# CPython's TypeError when the class is made: a field without a default after one with one.
from typing import NamedTuple


class Point(NamedTuple):
    x: int = 0
    y: int


print(Point())
