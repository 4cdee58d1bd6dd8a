# molt: expect-reject E0111
# A typing.NamedTuple class with methods needs a tuple subclass: not supported yet.
from typing import NamedTuple


class Point(NamedTuple):
    x: int
    y: int

    def norm(self):
        return abs(self.x) + abs(self.y)


print(Point(1, -2).norm())
