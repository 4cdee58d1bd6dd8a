# re: what programs do with it — tokenizing, log parsing, validation, case conversions.
import re

TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d*)?)|(?P<name>[A-Za-z_]\w*)|(?P<op>\*\*|[-+*/()=]))")


def tokenize(src):
    pos = 0
    out = []
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise SyntaxError("bad input at %d" % pos)
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


print(tokenize("x = 3.5 * (y + 42) ** 2"))
try:
    tokenize("a $ b")
except SyntaxError as e:
    print("SyntaxError:", e)

LOG = re.compile(r"^(?P<ip>\d{1,3}(?:\.\d{1,3}){3}) - - \[(?P<when>[^\]]+)\] \"(?P<method>GET|POST) (?P<path>\S+)[^\"]*\" (?P<status>\d{3}) (?P<size>\d+|-)$", re.M)
logs = """10.0.0.1 - - [10/Oct/2023:13:55:36 +0000] "GET /index.html HTTP/1.1" 200 2326
192.168.1.20 - - [10/Oct/2023:13:56:01 +0000] "POST /api/login HTTP/1.1" 401 -
bad line here
10.0.0.1 - - [10/Oct/2023:13:57:12 +0000] "GET /img/logo.png HTTP/1.1" 304 0"""
for m in LOG.finditer(logs):
    print(m.group("ip", "method", "path", "status"), m.groupdict()["size"])
print(len(LOG.findall(logs)), [d["status"] for d in (m.groupdict() for m in LOG.finditer(logs))])

EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
for addr in ["a.b@example.com", "bad@", "x@y.z", "first.last+tag@sub.domain.org"]:
    print(addr, bool(EMAIL.match(addr)))


def snake(name):
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def camel(name):
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)


for n in ["CamelCase", "getHTTPResponseCode", "already_snake", "HTTPServer2Go"]:
    print(n, snake(n), camel(snake(n)))
print(re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", 'a,"b,c",d'))
print(re.sub(r"\s+", " ", "  several   spaces\tand\nlines  ").strip())
print(re.findall(r"\b[A-Z][a-z]+\b", "Alice met Bob and Carol in Paris."))
words = re.findall(r"\w+", "the quick brown fox jumps over the lazy dog the end".lower())
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(re.sub(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", r"\g<y>-\g<m>-\g<d>", "due 3/11/2024 or 25/12/2024"))
print(re.fullmatch(r"(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}", "192.168.0.255") is not None)
print(re.escape("1+1=2?"), re.search(re.escape("a.b"), "axb a.b").span())
