# The methods of int and float: bit_length, bit_count, to_bytes, from_bytes, as_integer_ratio,
# conjugate, is_integer, hex.
for n in [0, 1, 5, -7, 255, 256, 2**64, -(2**100) + 3]:
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.conjugate())
print(True.bit_length(), True.as_integer_ratio(), True.conjugate(), False.bit_count())
print((5).to_bytes(2, "little"), (5).to_bytes(2, "big"), (5).to_bytes(), (0).to_bytes(0, "big"))
print((-1).to_bytes(2, "big", signed=True), (-128).to_bytes(1, "big", signed=True), (127).to_bytes(1, "little", signed=True))
print((2**70).to_bytes(10, "big"), (-(2**70)).to_bytes(10, "little", signed=True))
print(int.from_bytes(b"\x01\x00", "little"), int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "big", signed=True))
print(int.from_bytes([1, 2, 3], "big"), int.from_bytes(b""), int.from_bytes(b"\x80", byteorder="little", signed=True))
x = 1234567
print(x.from_bytes(x.to_bytes(4, "big"), "big") == x, int.from_bytes((2**100).to_bytes(13, "little"), "little") == 2**100)
for f in [0.0, -0.0, 1.5, -0.1, 3.0, 1e300, 5e-324, 2.5e-310, 123456.789, float("inf"), float("-inf"), float("nan")]:
    print(repr(f), f.hex(), f.is_integer(), f.conjugate())
for f in [0.0, 1.5, -0.1, 3.0, 1e300, 5e-324, 0.75]:
    print(f.as_integer_ratio())
def bits(n: int) -> int:
    return n.bit_length()
print(bits(1000), [k.bit_length() for k in range(10)])
