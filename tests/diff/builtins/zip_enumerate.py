# zip and enumerate in loops with unpacking; reversed and sorted over lists of tuples.
names = ["a", "b", "c"]
ages = [30, 20, 40]
for i, (n, a) in enumerate(zip(names, ages), 1):
    print(i, n, a)
people = list(zip(ages, names))
people.sort()
print(people, sorted(people, reverse=True)[0], list(reversed(people)))
print(dict(enumerate("ab")), list(zip("ab", range(5))))
total = 0
for a, b in zip(range(5), range(10, 15)):
    total += a * b
print(total, any([a > 35 for a in ages]), all([n.isalpha() for n in names]))
