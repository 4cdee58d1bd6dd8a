# molt: expect-reject E0111
# `enum.IntEnum` (and StrEnum, Flag, IntFlag) derive from builtin types, whose subclasses Molt
# does not support yet.
from enum import IntEnum


class Priority(IntEnum):
    LOW = 1
    HIGH = 2


print(Priority.HIGH + 1)
