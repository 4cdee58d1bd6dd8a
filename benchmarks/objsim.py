# An object simulation: particles as instances with attributes updated by method calls each
# step (attribute reads and writes, method dispatch, a class-level counter).
class Particle:
    count = 0

    def __init__(self, x, y, vx, vy):
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        Particle.count += 1

    def step(self, dt):
        self.x += self.vx * dt
        self.y += self.vy * dt
        if self.x < 0.0 or self.x > 100.0:
            self.vx = -self.vx
        if self.y < 0.0 or self.y > 100.0:
            self.vy = -self.vy

    def energy(self):
        return 0.5 * (self.vx * self.vx + self.vy * self.vy)


class World:
    def __init__(self, n):
        self.particles = []
        seed = 12345
        for i in range(n):
            seed = (seed * 1103515245 + 12345) % 2147483648
            x = seed % 100
            seed = (seed * 1103515245 + 12345) % 2147483648
            y = seed % 100
            self.particles.append(Particle(float(x), float(y), (i % 7) - 3.0, (i % 5) - 2.0))

    def step(self, dt):
        for p in self.particles:
            p.step(dt)

    def total_energy(self):
        e = 0.0
        for p in self.particles:
            e += p.energy()
        return e


w = World(1000)
for t in range(150):
    w.step(0.1)
p0 = w.particles[0]
print(Particle.count, round(w.total_energy(), 3), round(p0.x, 3), round(p0.y, 3))
