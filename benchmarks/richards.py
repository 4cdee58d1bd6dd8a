# A richards-style scheduler: task objects of several classes in a linked queue, dispatched
# through overridden methods (inheritance, super(), attribute access on every step).
class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0


class Task:
    def __init__(self, scheduler, ident, priority):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = []
        self.runs = 0

    def ready(self):
        return len(self.queue) > 0

    def run(self):
        self.runs += 1
        packet = self.queue.pop()
        return self.handle(packet)

    def handle(self, packet):
        return packet


class IdleTask(Task):
    def __init__(self, scheduler, ident, priority, seed):
        super().__init__(scheduler, ident, priority)
        self.seed = seed

    def handle(self, packet):
        self.seed = (self.seed * 1103515245 + 12345) % 2147483648
        packet.datum = self.seed % 4
        target = 1 + packet.datum % 3
        self.scheduler.send(target, packet)
        return packet


class WorkTask(Task):
    def handle(self, packet):
        packet.datum += self.ident
        packet.kind = (packet.kind + 1) % 3
        self.scheduler.send(0, packet)
        return packet


class DeviceTask(WorkTask):
    def handle(self, packet):
        self.scheduler.device_hits += 1
        return super().handle(packet)


class Scheduler:
    def __init__(self):
        self.tasks = []
        self.device_hits = 0
        self.sent = 0

    def add(self, task):
        self.tasks.append(task)

    def send(self, ident, packet):
        self.sent += 1
        self.tasks[ident].queue.append(packet)

    def schedule(self, steps):
        for step in range(steps):
            for task in self.tasks:
                if task.ready():
                    task.run()


s = Scheduler()
s.add(IdleTask(s, 0, 0, 42))
s.add(WorkTask(s, 1, 1))
s.add(DeviceTask(s, 2, 2))
s.add(WorkTask(s, 3, 3))
for i in range(20):
    s.send(i % 4, Packet(None, i, i % 3))
s.schedule(20000)
print(s.sent, s.device_hits, [t.runs for t in s.tasks])
