# molt: expect-reject E0110
# A relative import in the main file: CPython's "ImportError: attempted relative import with
# no known parent package" at run time, Molt's E0110 at compile time.
from . import helper
