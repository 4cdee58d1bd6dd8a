# `setattr` with a computed name on a value that may be any object: every class of the
# program is dynamic (no fixed layouts, decisions/0031); output is CPython's.


class Options:
    pass


class Particle:
    def __init__(self, x, v):
        self.x = x
        self.v = v

    def step(self, dt):
        self.x = self.x + self.v * dt
        return self.x


def shadowed(defaults):
    # `opts` is bound twice: not a fresh instance; still CPython's behaviour.
    opts = Options()
    opts = Particle(0.0, 1.0)
    for k, v in defaults.items():
        setattr(opts, k, v)
    return opts


p = Particle(1.0, 2.0)
q = shadowed({"x": "str now", "extra": 7})
print(q.x, q.v, q.extra)
try:
    q.step(1.0)
except TypeError as e:
    print("TypeError:", e)


def lam():
    opts = Options()
    f = lambda opts, k, v: setattr(opts, k, v)
    f(p, "v", 10.0)
    f(opts, "z", 1)
    return opts.z


print(lam(), p.step(0.5))
