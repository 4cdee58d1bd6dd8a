# Digits of pi by the benchmarks-game spigot (arbitrary-precision int arithmetic).
def pidigits(n):
    i = 0
    k = 0
    ns = 0
    k1 = 1
    a = 0
    d = 1
    t = 0
    u = 0
    num = 1
    while True:
        k += 1
        t = num << 1
        num *= k
        a += t
        k1 += 2
        a *= k1
        d *= k1
        if a >= num:
            x = num * 3 + a
            t = x // d
            u = x % d + num
            if d > u:
                ns = ns * 10 + t
                i += 1
                if i % 10 == 0:
                    print(ns, i)
                    ns = 0
                if i >= n:
                    break
                a -= d * t
                a *= 10
                num *= 10


pidigits(2000)
