# molt: expect-reject E0100
# A class deriving from a class `namedtuple` makes is not supported yet.
from collections import namedtuple


class Point(namedtuple("Point", "x y")):
    def norm(self):
        return abs(self.x) + abs(self.y)


print(Point(1, -2).norm())
