# molt: expect-reject E0111
# `collections.ChainMap` (and UserDict, UserList, UserString, `collections.abc`) are not
# provided yet.
from collections import ChainMap

print(ChainMap({1: 2}, {3: 4})[3])
