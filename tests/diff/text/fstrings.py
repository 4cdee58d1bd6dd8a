# f-strings: literal parts, replacement fields with conversions, `=`, nested format specs, and
# the format-spec mini-language of int, bool, float, str and other objects.
name = "Molt"
n = 42
x = 3.14159
big = 2**100
print(f"hello {name}! n={n}, x={x}")
print(f"{n=}", f"{x = }", f"{name=!s}", f"{n=:>6}")
print(f"{name!r} {name!s} {name!a} {'é€'!a} {'é€'!r}")
print(f"{{literal braces}} {n}{{}}")
print(f"" + f"{''}" + "|")
print(f"{n:5}|{n:<5}|{n:^5}|{n:>5}|{n:*^9}|{n:=+6}|{-n:=6}|{n:06}")
print(f"{n:b} {n:o} {n:x} {n:X} {n:#b} {n:#o} {n:#x} {n:#X} {n:c} {n:d} {n:n}")
print(f"{1234567:,} {1234567:_} {1234567:_x} {-1234567:,d} {1234567:015,}")
print(f"{n:+} {n: } {-n:+} {-n: } {0:+}")
print(f"{x:.2f} {x:10.3f} {x:<10.1f}| {x:e} {x:.2E} {x:g} {x:.3g} {x:%} {x:.1%}")
print(f"{1e16:g} {1e-5:g} {123456789.0:g} {0.0001:g} {1e16} {1e-7} {-0.0:g} {-0.0} {-0.0:z.1f}")
print(f"{1/3} {1/3:.20f} {2.5:.0f} {3.5:.0f} {0.125:.2f} {1234.5:,.2f} {1234.5:_.3f}")
print(f"{float('inf'):f} {float('-inf'):e} {float('nan'):g} {float('inf'):+010.2f}")
print(f"{5e-324:g} {1.7976931348623157e308:.3e} {x:#.0f} {x:#g} {2.0:#g}")
print(f"{n:.2f} {n:e} {n:%} {True:d} {True} {True:>6} {False:x} {None} {None!r:>6}")
print(f"{big} {big:,} {big:x} {-big:.3e} {big:_b}")
print(f"{name:10}|{name:>10}|{name:^10}|{name:.2}|{name:*<8.3}|{'':>3}|")
w, p = 12, 3
print(f"{x:{w}.{p}f}|{name:>{w}}|{n:{'<' if n > 0 else '>'}{w}}|")
print(f"{(1, 'a')} {(1, 'a')!r:>12} {ValueError('v')}")
for i in range(3):
    print(f"row {i}: {i * i:>3} {i / 7:.4f}")


def label(v):
    return f"[{v}]"


print(label(7) + f"{label('s')}")
