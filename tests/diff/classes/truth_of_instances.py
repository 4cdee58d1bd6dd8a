# Truth tests of instances (`if node:`, `while node:`, `not x`, `and`/`or`): an instance whose
# class defines neither __bool__ nor __len__ is true; the others ask their class, including a
# (truth_bool_stored.py: a __bool__ stored on a class later.)


class Node:
    def __init__(self, value, next_node):
        self.value = value
        self.next = next_node


class Bag:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)


class Flag:
    def __init__(self, on):
        self.on = on


def walk(head):
    total = 0
    node = head
    while node:
        total += node.value
        node = node.next
    return total


def describe(x):
    return "truthy" if x else "falsy"


chain = None
for i in range(5):
    chain = Node(i, chain)
print(walk(chain), describe(chain), describe(None), not chain, chain and "yes", None or "default")
print(describe(Bag([])), describe(Bag([1])), describe(Flag(False)))


class Broken:
    def __bool__(self):
        return 1


try:
    print(describe(Broken()))
except TypeError as e:
    print("TypeError:", e)
