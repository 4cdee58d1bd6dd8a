# `setattr` with a computed name on a fresh instance of a class (an options object filled from
# a dict) makes only that class's instances dynamic; the other classes keep fixed layouts.
# (setattr_any_target.py: where the target may be any object, every class is dynamic.)


class Options:
    pass


class Particle:
    def __init__(self, x, v):
        self.x = x
        self.v = v

    def step(self, dt):
        self.x = self.x + self.v * dt
        return self.x


def parse(defaults):
    opts = Options()
    for k, v in defaults.items():
        setattr(opts, k, v)
    return opts


o = parse({"steps": 3, "dt": 0.5, "label": "run"})
print(o.steps, o.dt, o.label)
p = Particle(1.0, 2.0)
for _ in range(o.steps):
    p.step(o.dt)
print(p.x, p.v)

