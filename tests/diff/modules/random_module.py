# The random module: seeded sequences of every function (the Mersenne Twister and random.py's
# algorithms, as CPython 3.11 computes them), Random instances with their own state, shuffles
# and samples of lists, getstate/setstate, and the errors CPython raises.
import random
from random import Random, randint, choice

random.seed(42)
print([random.random() for _ in range(5)])
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(10) for _ in range(10)], random.randrange(-5, 5), random.randrange(0, 100, 7), random.randrange(100, 0, -3))
print(random.getrandbits(1), random.getrandbits(32), random.getrandbits(64), random.getrandbits(150), random.getrandbits(0))
print(random.randrange(10**30), random.randint(-10**20, 10**20))
print(random.uniform(1, 10), random.uniform(-2.5, 2.5), random.triangular(), random.triangular(0, 10, 2), random.triangular(3, 3))
print([random.gauss() for _ in range(3)], random.gauss(100, 15), random.normalvariate(5, 2))
print(random.lognormvariate(0.0, 0.5), random.expovariate(1.5), random.vonmisesvariate(1.0, 4.0), random.vonmisesvariate(0.0, 0.0))
print(random.gammavariate(0.5, 1.0), random.gammavariate(1.0, 2.0), random.gammavariate(2.5, 3), random.betavariate(2.0, 5.0))
print(random.paretovariate(2.5), random.weibullvariate(1.0, 1.5))
print(random.BPF, random.LOG4, random.NV_MAGICCONST, random.RECIP_BPF, random.SG_MAGICCONST, random.TWOPI)

random.seed("abc")
deck = list(range(20))
random.shuffle(deck)
print(deck)
print(random.sample(deck, 5), random.sample(range(1000), 6), random.sample("abcdefgh", 3))
print(random.sample(["red", "blue"], 5, counts=[4, 2]))
print(choice(["a", "b", "c"]), choice("xyz"), choice((1, 2, 3)), choice(range(100, 200)))
print(random.choices(["a", "b", "c"], k=6), random.choices(["a", "b", "c"], [10, 1, 1], k=6))
print(random.choices(range(5), cum_weights=[1, 2, 3, 4, 100], k=5), random.choices([1, 2]))

# Random instances: their own state, equal seeds give equal sequences.
r1, r2 = Random(7), Random(7)
print([r1.random() for _ in range(3)] == [r2.random() for _ in range(3)], r1.randint(1, 100), r2.randint(1, 100))
r3 = random.Random("spam")
print(r3.random(), r3.choice([10, 20, 30]), r3.sample([1, 2, 3, 4, 5], 2), type(r3).__name__, isinstance(r3, Random))
r4 = Random(2**100)
print(r4.getrandbits(100), Random(-5).random() == Random(5).random(), Random(3.5).random(), Random(True).random() == Random(1).random())
r5 = Random()
print(0.0 <= r5.random() < 1.0, 1 <= r5.randint(1, 3) <= 3)
r6 = Random()
r6.seed("abc", version=1)
print(r6.random())
r6.seed(12345, version=2)
print(r6.random())

# getstate / setstate replay the sequence.
g = Random(99)
g.gauss()
s = g.getstate()
first = [g.random() for _ in range(3)] + [g.gauss()]
g.setstate(s)
print(first == [g.random() for _ in range(3)] + [g.gauss()], s[0], len(s[1]), s[1][-1])

random.seed()
state = random.getstate()
a = [random.random() for _ in range(4)]
random.setstate(state)
print(a == [random.random() for _ in range(4)], Random(x=5).random() == Random(5).random())
random.setstate((2, list(Random(8).getstate()[1]), None))
print(random.random() == Random(8).random(), random.Random.__name__, repr(random.Random))

# Shuffling a longer list, and a sample that takes the set-based path.
big = list(range(100))
Random(1).shuffle(big)
print(big[:20], Random(2).sample(range(10**6), 8))

errors = [
    lambda: random.randrange(5, 5), lambda: random.randrange(0), lambda: random.randrange(1, 5, 0),
    lambda: random.randrange(10, 1), lambda: random.randrange(5, step=2), lambda: random.randrange("a"),
    lambda: random.randint(1), lambda: random.randint(1, 2, 3), lambda: random.randint(1, a=2),
    lambda: random.choice([]), lambda: random.choice(""), lambda: random.sample([1, 2], 3),
    lambda: random.sample({1, 2}, 1), lambda: random.sample([1, 2], -1), lambda: random.sample([1, 2], 1, counts=[1]),
    lambda: random.sample([1, 2], 1, counts=[0, 0]), lambda: random.choices([], []), lambda: random.choices([1, 2], [1]),
    lambda: random.choices([1], [1], cum_weights=[1]), lambda: random.choices([1], [0]), lambda: random.choices([1], 3),
    lambda: random.shuffle((1, 2, 3)), lambda: random.getrandbits(-1), lambda: random.getrandbits(2.0),
    lambda: random.random(1), lambda: random.seed([1]), lambda: random.gammavariate(0, 1),
    lambda: random.expovariate(0), lambda: random.setstate((9,)), lambda: Random(1, 2),
]
for bad in errors:
    try:
        print(bad())
    except (ValueError, TypeError, IndexError, ZeroDivisionError) as e:
        print(type(e).__name__, e)

# An error raised by a method CPython writes in C (a Python-level one would add a frame of
# random.py to the traceback).
print(random.getrandbits(-1))
