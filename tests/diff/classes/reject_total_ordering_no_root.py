# molt: expect-reject E0111
# CPython raises ValueError when the class is made: no ordering method to start from.
from functools import total_ordering


@total_ordering
class Plain:
    def __eq__(self, other):
        return True


print(Plain() == Plain())
