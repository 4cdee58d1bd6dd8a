# A Barnes-Hut style gravity simulation over a quadtree, set up the way benchmark harnesses
# set programs up: an options object filled with setattr from a dict of defaults. Exercises
# instances in Optional fields (`if child:`), `math.sqrt` on floats, tuples returned by
# recursive method calls, and attribute-heavy arithmetic (decisions/0046, 0047).
import math


class Options:
    pass


def parse_options(defaults):
    opts = Options()
    for name, value in defaults.items():
        setattr(opts, name, value)
    return opts


class Body:
    def __init__(self, x, y, mass):
        self.x = x
        self.y = y
        self.vx = 0.0
        self.vy = 0.0
        self.ax = 0.0
        self.ay = 0.0
        self.mass = mass

    def move(self, dt):
        self.vx += self.ax * dt
        self.vy += self.ay * dt
        self.x += self.vx * dt
        self.y += self.vy * dt
        self.ax = 0.0
        self.ay = 0.0


class Cell:
    def __init__(self, cx, cy, half):
        self.cx = cx
        self.cy = cy
        self.half = half
        self.body = None
        self.mass = 0.0
        self.mx = 0.0
        self.my = 0.0
        self.nw = None
        self.ne = None
        self.sw = None
        self.se = None

    def holds(self, b):
        return abs(b.x - self.cx) <= self.half and abs(b.y - self.cy) <= self.half

    def add(self, b):
        total = self.mass + b.mass
        self.mx = (self.mx * self.mass + b.x * b.mass) / total
        self.my = (self.my * self.mass + b.y * b.mass) / total
        self.mass = total
        if self.nw is None and self.body is None:
            self.body = b
            return
        if self.nw is None:
            h = self.half / 2.0
            self.nw = Cell(self.cx - h, self.cy - h, h)
            self.ne = Cell(self.cx + h, self.cy - h, h)
            self.sw = Cell(self.cx - h, self.cy + h, h)
            self.se = Cell(self.cx + h, self.cy + h, h)
            old = self.body
            self.body = None
            self.child_for(old).add(old)
        self.child_for(b).add(b)

    def child_for(self, b):
        if b.x < self.cx:
            return self.nw if b.y < self.cy else self.sw
        return self.ne if b.y < self.cy else self.se

    def force(self, b, theta, soft):
        if self.mass == 0.0 or self.body is b:
            return 0.0, 0.0
        dx = self.mx - b.x
        dy = self.my - b.y
        d = math.sqrt(dx * dx + dy * dy + soft)
        if self.nw is None or 2.0 * self.half / d < theta:
            f = self.mass / (d * d * d)
            return f * dx, f * dy
        fx = 0.0
        fy = 0.0
        for child in (self.nw, self.ne, self.sw, self.se):
            if child:
                cx, cy = child.force(b, theta, soft)
                fx += cx
                fy += cy
        return fx, fy


def make_bodies(n):
    bodies = []
    seed = 2024
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        r = 10.0 + (seed % 1000) / 10.0
        angle = 2.0 * math.pi * i / n
        bodies.append(Body(r * math.cos(angle), r * math.sin(angle), 1.0 + (seed % 7)))
    return bodies


def step(bodies, opts):
    root = Cell(0.0, 0.0, 400.0)
    for b in bodies:
        if root.holds(b):
            root.add(b)
    for b in bodies:
        fx, fy = root.force(b, opts.theta, opts.softening)
        b.ax = fx / b.mass
        b.ay = fy / b.mass
    for b in bodies:
        b.move(opts.dt)


def energy(bodies):
    e = 0.0
    for b in bodies:
        e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy)
    return e


def main():
    opts = parse_options({"bodies": 300, "steps": 20, "theta": 0.6, "softening": 0.01, "dt": 0.05})
    bodies = make_bodies(opts.bodies)
    for _ in range(opts.steps):
        step(bodies, opts)
    print(f"kinetic energy {energy(bodies):.6f}")
    print(f"centre {sum(b.x for b in bodies) / len(bodies):.6f} {sum(b.y for b in bodies) / len(bodies):.6f}")


main()
