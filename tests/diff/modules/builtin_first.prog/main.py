# CPython finds its builtin modules (and what its start-up imported) before the files next to
# the program: this program's `time.py` and `itertools.py` are never imported; `helpers.py` is.
import time
import itertools
import helpers

print(type(time.time()).__name__, list(itertools.islice(itertools.count(3), 2)), helpers.NAME)
