# Typed list items (decisions/0053): an n-body-style simulation over a list of
# (position, velocity, mass) tuples whose positions and velocities are lists of floats; the
# item reads of `for (p, v, m) in bodies` and `p[0]` are proven floats, so the loops run on
# unboxed floats.
def make(n):
    bodies = []
    seed = 12345
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        x = (seed % 1000) / 10.0
        seed = (seed * 1103515245 + 12345) % 2147483648
        y = (seed % 1000) / 10.0
        bodies.append(([x, y], [0.0, 0.0], 1.0 + i % 3))
    return bodies


def step(bodies, dt):
    for (p1, v1, m1) in bodies:
        ax = 0.0
        ay = 0.0
        for (p2, v2, m2) in bodies:
            dx = p2[0] - p1[0]
            dy = p2[1] - p1[1]
            d2 = dx * dx + dy * dy + 0.01
            f = m2 / (d2 * d2 ** 0.5)
            ax += dx * f
            ay += dy * f
        v1[0] += ax * dt
        v1[1] += ay * dt
    for (p, v, m) in bodies:
        p[0] += v[0] * dt
        p[1] += v[1] * dt


def energy(bodies):
    e = 0.0
    for (p, v, m) in bodies:
        e += 0.5 * m * (v[0] * v[0] + v[1] * v[1])
    return e


bodies = make(120)
for _ in range(40):
    step(bodies, 0.01)
print(round(energy(bodies), 6), round(bodies[0][0][0], 6), round(bodies[7][0][1], 6))
