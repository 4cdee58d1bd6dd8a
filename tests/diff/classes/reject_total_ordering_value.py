# molt: expect-reject E0111
# `total_ordering` is only supported as a class decorator.
from functools import total_ordering

deco = total_ordering
print(deco)
