# molt: expect-reject E0111
# CPython raises "TypeError: non-default argument 'b' follows default argument" when the class
# is made; Molt says so at compile time.
from dataclasses import dataclass


@dataclass
class Bad:
    a: int = 1
    b: int
