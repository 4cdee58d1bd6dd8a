# `from m import *` of the program's own modules: `__all__` when the module has one, else its
# public names (no leading underscore; imported names included), bound in the importer.
from constants import *
from pkg import *
from pkg.tools import *

print(WIDTH, HEIGHT, area(), math_pi, Colour, Colour.RED)
print(exported_one(), twice(4))
import constants
import pkg
print(constants._hidden, pkg.not_exported(), wide, last)


def use():
    return WIDTH * twice(HEIGHT)


print(use())
