# molt: expect-reject E0100
# An enum mixing in a builtin data type needs a subclass of that type.
from enum import Enum


class Color(str, Enum):
    RED = "red"


print(Color.RED.upper())
