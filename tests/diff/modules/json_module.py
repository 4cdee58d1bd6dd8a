# json: dumps/loads as CPython's json module and its C accelerator: every value type, indent,
# separators, sort_keys, ensure_ascii, skipkeys, default, allow_nan, a JSONEncoder subclass,
# the decoding hooks, bytes documents, JSONDecoder.raw_decode, and every JSONDecodeError message
# with its position, line and column.
import json
from collections import OrderedDict

data = {"name": "Molt", "version": 1, "pi": 3.14159, "tags": ["a", "b"], "nested": {"x": None, "y": True, "z": False}, "t": (1, 2)}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent="\t", sort_keys=True))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps([1.0, 1e100, -0.0, 1.5e-10, float("inf"), float("-inf"), float("nan")]))
print(json.dumps("héllo \u2603 \U0001f600 \"q\" \\ \n\t\x01\x7f"))
print(json.dumps("héllo \u2603 \U0001f600 \x7f", ensure_ascii=False))
print(json.dumps({1: "a", 2.5: "b", True: "c", None: "d", "s": "e"}))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True, indent=0))
print(json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps([[]], indent=2))
print(json.dumps(OrderedDict([("z", 1), ("a", 2)])))
print(json.dumps(12345678901234567890123))
print(json.dumps({(1, 2): 3}, skipkeys=True))
print(json.dumps({"a": object()}, default=lambda o: "OBJ"))
print(json.dumps(data, indent=-1))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        return super().default(o)


print(json.dumps([Point(1, 2), Point(3, 4)], cls=PointEncoder))
print(PointEncoder(indent=1).encode({"p": Point(5, 6)}))
enc = json.JSONEncoder(separators=(";", "="), sort_keys=True)
print(enc.encode({"b": [1, 2], "a": "x"}), enc.item_separator, enc.key_separator, json.JSONEncoder().item_separator)

for text in ['{"a": [1, 2.5, -3e2, true, false, null], "b": "\\u00e9\\n\\ud83d\\ude00"}', "  [1, 2]  ", '"\\"\\\\\\/\\b\\f\\n\\r\\t"', "NaN", "-Infinity", "[Infinity]", "0", "-0", "-0.0", "1E5", "1e-5", "123456789012345678901234567890", '{"a": 1, "a": 2}', "{}", "[]", '"x"', "3.141592653589793"]:
    v = json.loads(text)
    print(repr(v), type(v).__name__)

print(json.loads('{"a": 1, "b": [1, 2]}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2}', object_pairs_hook=lambda p: p))
print(json.loads('[1, 2.5, 3]', parse_float=lambda s: "F" + s, parse_int=lambda s: "I" + s))
print(json.loads('[NaN, Infinity]', parse_constant=lambda s: s.lower()))
print(json.loads(b'{"bytes": [1]}'))
print(json.loads(json.dumps(data)) == {**data, "t": [1, 2]})
d = json.JSONDecoder()
print(d.raw_decode('{"a": 1} trailing'), d.raw_decode('xx[1]', 2))
print(d.decode(' 5 '))

bad = ['', ' ', '[', '{', '{"a"', '{"a":', '{"a": 1', '{"a": 1,', '[1,', '[1 2]', '{"a" 1}', '{1: 2}', '"abc', '"\\x"', '"\\u12"', '"\\u12zz"', '"a\x01b"', 'nul', 'tru', '1 2', '[1,]', '{"a":1,}', '-', '-a', '01', '\ufeff[1]', '[1]\n\n  x', '.5', '1.', '"\\', '{"a": [1, {"b": }]}']
for text in bad:
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        print(repr(text), "->", e, "|", e.msg, e.pos, e.lineno, e.colno)
    except ValueError as e:
        print(repr(text), "ValueError", e)

errors = [lambda: json.dumps(object()), lambda: json.dumps({(1,): 2}), lambda: json.dumps(float("nan"), allow_nan=False),
          lambda: json.dumps({"k": float("inf")}, allow_nan=False), lambda: json.loads(5), lambda: json.dumps({1: 2, "a": 3}, sort_keys=True),
          lambda: json.dumps(1, 2), lambda: json.dumps(1, foo=2), lambda: json.loads("[]", foo=1), lambda: json.JSONDecoder().raw_decode("[1]", -1),
          lambda: json.dumps({1.5: float("nan")}, allow_nan=False)]
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
circ = []
circ.append(circ)
try:
    json.dumps(circ)
except ValueError as e:
    print("ValueError", e)
cd = {}
cd["self"] = cd
try:
    json.dumps(cd, indent=2)
except ValueError as e:
    print("ValueError", e)
print(isinstance(json.JSONDecodeError("m", "doc", 1), ValueError), json.JSONDecodeError.__module__, json.JSONDecodeError.__mro__[1].__name__)
e = json.JSONDecodeError("Oops", "ab\ncd\nef", 7)
print(e, e.args, e.lineno, e.colno)
# Documents that are not ASCII: positions count code points.
print(json.loads('{"ключ": "значение", "e": "é\\n", "n": [1.5, "☃"]}'))
for text in ['{"ключ": 1,}', '["é", "☃" "x"]', '"\U0001f600\x02"', '["ü", 1e]']:
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        print(e, e.pos, e.colno)
print(json.loads(json.dumps({"☃": "é"}, ensure_ascii=False)), json.JSONDecoder().raw_decode('  ["é"] x', 2))
