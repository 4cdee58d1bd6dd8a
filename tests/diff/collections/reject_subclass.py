# molt: expect-reject E0100
# A class deriving from one of the runtime's `collections` types is not supported yet.
from collections import deque


class Stack(deque):
    def peek(self):
        return self[-1]


print(Stack([1, 2]).peek())
