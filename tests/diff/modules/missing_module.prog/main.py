# molt: expect-reject E0110
# A module that is neither in the standard library nor a file of the program: CPython's
# ModuleNotFoundError at run time, Molt's E0110 at compile time (naming the module).
import helper
import not_a_module_anywhere
