# molt: expect-reject E0111
# `collections.namedtuple` (and ChainMap, UserDict, ...) are not provided yet.
from collections import namedtuple

Point = namedtuple("Point", "x y")
print(Point(1, 2))
