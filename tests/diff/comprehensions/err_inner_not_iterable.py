# An inner iterable is not iterable: raised inside <listcomp>.
def f():
    return [y for x in [1]
            for y in 5]

f()
