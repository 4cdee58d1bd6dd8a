# json: dump/load through io.StringIO, deep nesting both ways, a JSONDecoder subclass passing an
# object_hook, strict=False and the control-character error it lifts.
import json
import io

buf = io.StringIO()
json.dump({"a": [1, 2, {"b": None}]}, buf, indent=4)
print(buf.getvalue())
buf.seek(0)
print(json.load(buf))
deep = json.loads("[" * 500 + "]" * 500)
depth = 0
while deep:
    deep = deep[0]
    depth += 1
print(depth)
nested = []
cur = nested
for _ in range(300):
    cur.append([])
    cur = cur[0]
print(len(json.dumps(nested)))
print(json.dumps({"k": [1, {"x": [2, 3]}]}, indent=3, separators=(", ", " = ")))


class Weird(json.JSONDecoder):
    def __init__(self, **kw):
        super().__init__(object_hook=self.hook, **kw)

    def hook(self, d):
        return {k.upper(): v for k, v in d.items()}


print(json.loads('{"a": {"b": 1}}', cls=Weird))
print(json.loads('{"a": 1}', cls=json.JSONDecoder, strict=False))
print(json.loads('"tab\there"', strict=False) if True else None)
try:
    json.loads('"tab\there"')
except json.JSONDecodeError as e:
    print(e)
