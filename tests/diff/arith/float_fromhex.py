# float.fromhex: CPython's parser (whitespace, sign, optional 0x, fraction, binary exponent,
# inf/nan), round-half-even at 53 bits and at the subnormal boundary, its errors; and the
# round trip with float.hex.
cases = ["0x1p-2", "  -0X1.8P+1 ", "inf", "-Infinity", "nan", "0x.8", "1", "0x1.fffffffffffffp1023",
         "0x1.fffffffffffff8p1023", "0x1p-1075", "0x1p-1074", "0x3p-1076", "0x1.00000000000008p0",
         "0x1.00000000000018p0", "0x1.000000000000080001p0", "0x1p1024", "", "0x", "0xp1", "1e5", "0x1p",
         "0x1.8", "  0x10  x", "0x1p+99999999999999999999", "0x1p-99999999999999999999", "-0x0p0", "0x0.0000001p-1000",
         "ABC.DEFp-12", "0x1.8\x00"]
for s in cases:
    try:
        print(repr(s), float.fromhex(s))
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)
for x in [0.1, -2.5, 1e-310, 1.7976931348623157e308, 3.141592653589793]:
    print(float.fromhex(x.hex()) == x, (1.0).fromhex(x.hex()))
float.fromhex(5)
