# Circular imports as CPython runs them: the second import of a module whose code is still
# running gets the partial module; names bound so far are there, later ones are not (the
# AttributeError and ImportError of a partially initialized module).
import a
print(a.done, a.b_saw, a.b.seen_from_b)
print(a.b.call_a(), a.b.late())
import b
print(b.a is a, b.a.value)
