#!/usr/bin/env python3
"""Test vectors for the runtime's `str % args` (runtime/src/object/format/printf.rs), from
CPython 3.11.

Usage:
    python3 runtime/tools/printf_vectors.py > runtime/src/object/tests/printf_vectors.txt

Each output line is `FORMAT<TAB>RESULT<TAB>ARGS`. ARGS is `one<TAB>VALUE` (the one non-tuple
argument) or `tuple` followed by `<TAB>VALUE` per item. VALUE is `int:<decimal>`,
`big:<[-]D^E[(+|-)K]>` (the int -(D**E) ± K, as the tests' operand tokens), `bool:True`,
`float:<repr>`, `str:<text>`, `none:`, `pair:` (the tuple (1, 'a')), `empty:` (the tuple ()),
`exc:` (ValueError('bad')), `class:int` (the class int) or `iter:` (an iterator over (1, 'a')).
RESULT is `=<text>` or `!<ExceptionType>: <message>`. FORMAT, `<text>`, str values and messages
escape `\\`, tab, newline and the other control characters as format_vectors.py does.
The rows are deterministic (a fixed seed), so the file only changes when this script does.
"""
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from format_vectors import esc  # noqa: E402

PAIR = (1, 'a')


class Big:
    """A big int written as the tests' operand token `[-]D^E[(+|-)K]`."""

    def __init__(self, token):
        m = re.fullmatch(r'(-?)(\d+)\^(\d+)(?:([+-])(\d+))?', token)
        v = int(m[2]) ** int(m[3])
        if m[1]:
            v = -v
        if m[4]:
            v = v + int(m[5]) if m[4] == '+' else v - int(m[5])
        self.token, self.value = token, v


def token(v):
    if v == 'ITER':
        return 'iter:'
    if isinstance(v, Big):
        return 'big:' + v.token
    if v is True or v is False:
        return 'bool:%s' % v
    if isinstance(v, int):
        return 'int:%d' % v
    if isinstance(v, float):
        return 'float:%r' % v
    if isinstance(v, str):
        return 'str:' + esc(v)
    if v is None:
        return 'none:'
    if v == PAIR:
        return 'pair:'
    if v == ():
        return 'empty:'
    if isinstance(v, ValueError):
        return 'exc:'
    if v is int:
        return 'class:int'
    raise ValueError(v)


def value(v):
    if isinstance(v, Big):
        return v.value
    if v == 'ITER':
        return iter(PAIR)
    return v


def row(fmt, args):
    """`args` is a list (a tuple of arguments) or ('one', value)."""
    if isinstance(args, list):
        py_args = tuple(value(a) for a in args)
        toks = ['tuple'] + [token(a) for a in args]
    else:
        py_args = value(args[1])
        toks = ['one', token(args[1])]
    try:
        res = '=' + esc(fmt % py_args)
    except Exception as e:  # noqa: BLE001 - every error is a vector
        res = '!%s: %s' % (type(e).__name__, esc(str(e)))
    return '\t'.join([esc(fmt), res] + toks)


INTS = [0, 1, -1, 7, 42, -42, 255, -255, 65, 1234567, 0x10ffff, 0x110000, 2**31 - 1, -2**31,
        2**63 - 1, -2**63, 2**64, -2**100, 10**30, True, False]
FLOATS = [0.0, -0.0, 1.5, -1.5, 2.5, 0.5, 1/3, -2/3, 1e16, 1e-7, 1e-5, 123456.789, 9.995, 1e22,
          100.0, float('inf'), float('-inf'), float('nan'), 5e-324, 1.7976931348623157e308,
          -1e-300, 2**53 + 1.0, 99.99999, -2.7, 1e300]
STRS = ['', 'a', 'abc', 'é', 'é€😀', 'hello world', 'tab\there', "it's", 'x' * 12, '\x00\x1f']
OTHERS = [None, PAIR, (), ValueError('bad'), int, 'ITER']
BIGS = [Big('10^4299'), Big('10^4300'), Big('-10^5000'), Big('2^20000'), Big('10^4299-1'),
        Big('-10^4300+1')]

CONVS = 'diuoxXeEfFgGcrsa'
FLAGS = ['', '-', '+', ' ', '#', '0', '-0', '+#0', '-+ #0']
WIDTHS = ['', '5', '12']
PRECS = ['', '.', '.0', '.3']
# The flags, width and precision under which a conversion sees every value of its list.
FULL = {('', '', ''), ('-', '12', '.3'), ('0', '12', ''), ('+', '', '.0')}


def values_for(conv):
    if conv in 'diuoxX':
        return INTS + [1.5, -2.7, float('inf'), float('nan'), '5', None]
    if conv in 'eEfFgG':
        return FLOATS + [1, -3, True, 2**1100, '1.5', None]
    if conv == 'c':
        return [0, 65, 0xe9, 0x20ac, 0x1f600, 0x10ffff, 0x110000, -1, 2**70, True, 'a', 'é',
                '😀', '', 'ab', 1.0, None]
    return INTS[:8] + FLOATS[:6] + STRS + [x for x in OTHERS if x != 'ITER']


def systematic():
    for conv in CONVS:
        vals = values_for(conv)
        for flags in FLAGS:
            for width in WIDTHS:
                for prec in PRECS:
                    fmt = '%' + flags + width + prec + conv
                    # Every spec on a few values; the whole value list on the plain ones.
                    if (flags, width, prec) in FULL:
                        chosen = vals
                    else:
                        chosen = [vals[i] for i in (3, 5)]
                    for v in chosen:
                        yield fmt, ('one', v)


def random_rows(rng):
    alphabet = '-+ #0'
    for _ in range(700):
        conv = rng.choice(CONVS + '%%q')
        flags = ''.join(rng.choice(alphabet) for _ in range(rng.randrange(4)))
        args = []
        width = rng.choice(['', '', '3', '9', '17', '*'])
        if width == '*':
            args.append(rng.choice([-12, -3, 0, 4, 11, 20]))
        prec = rng.choice(['', '', '.', '.0', '.2', '.5', '.14', '.*'])
        if prec == '.*':
            args.append(rng.choice([-3, 0, 1, 4, 9, 20]))
        length = rng.choice(['', '', '', '', 'h', 'l', 'L'])
        fmt = '%' + flags + width + prec + length + conv
        pool = values_for(conv if conv in CONVS else 's')
        if conv != '%':
            args.append(rng.choice(pool))
        pre = rng.choice(['', '', 'x=', 'é ', '[', '€€'])
        post = rng.choice(['', '', ']', ' ü', '%%'])
        yield pre + fmt + post, args


def edge_rows():
    one = lambda v: ('one', v)  # noqa: E731
    # Argument shapes.
    yield 'abc', []
    yield 'abc', one(5)
    yield 'abc', one('x')
    yield 'abc', [1]
    yield '', []
    yield '', one(0)
    yield '', one('')
    yield '%s', []
    yield '%s', one(PAIR)
    yield '%s', [PAIR]
    yield '%s', [()]
    yield '%s', one(())
    yield '%s %s', one(PAIR)
    yield '%s %s', [1, 'a']
    yield '%s %s', [1]
    yield '%s', [1, 2]
    yield '%d %d %d', [1, 2, 3]
    yield '%d %d %d', [1, 2]
    yield '%r %a %s', ['é', 'é', 'é']
    yield '%s', one(None)
    yield '%s', one(ValueError('bad'))
    yield '%r', one(ValueError('bad'))
    yield '%s', one(int)
    yield '%r', one(int)
    yield '%%', []
    yield '%%', one(5)
    yield '%%%s%%', ['x']
    yield '100%% %s', ['sure']
    yield '%5%', []
    yield '%-5%', [1]
    yield '%*%', [3]
    yield '%.3%', []
    yield '%%s', ['x']
    # Incomplete formats and unsupported characters.
    for fmt in ['%', 'abc%', '%-', '%5', '%.', '%.5', '%*', '%.*', '%h', '%l', '%L', '%5.',
                '%#', '%0', '% ', '%+', '%-05.3', '%lh', '%hh', '%5l', 'é%', '%*.*']:
        for args in ([], [1], [1, 2], [1, 2, 3], one('x')):
            yield fmt, args
    for fmt in ['%q', '%y', 'é€%q', '😀%5.3k', '%lld', '%\x00', '%\x1f', '%\x7f', '% q', '%€',
                '%😀', 'ab%%cd%Z', '%b', '%n', '%p', '%w', '%D', '%(']:
        for args in ([], [1], one('s'), [1, 2]):
            yield fmt, args
    # Mappings: no Molt object is one.
    for fmt in ['%(a)s', '%(a', '%(a)', '%(a)(b)s', 'x%(name)5d', '%(a)s %s', '%s %(a)s']:
        for args in ([], one(5), one('x'), [1], one(None), one(int), one('ITER'),
                     one(ValueError('bad')), one(1.5)):
            yield fmt, args
    # `*` and overflow of widths and precisions.
    for w in [True, False, 0, -1, -2**63, 2**63 - 1, 2**63, -2**63 - 1, 1.5, '3', None]:
        yield '%*d', [w, 7]
        yield '%*s', [w, 'ab']
        yield '%-*x', [w, 255]
    for p in [True, 0, -1, -5, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**40, 1.5, '3', None]:
        yield '%.*s', [p, 'abcdef']
        yield '%.*d', [p, 7]
        yield '%.*e', [p, 1.5]
    yield '%*.*f', [10, 3, 3.14159]
    yield '%-*.*f', [10, 3, 3.14159]
    yield '%*.*f', [-10, -3, 3.14159]
    for fmt in ['%9223372036854775807d', '%9223372036854775808d', '%99999999999999999999s',
                '%4611686018427387904s', '%-4611686018427387904d', '%.2147483647d',
                '%.2147483648d', '%.2147483645x', '%.2147483646o', '%.99999999999f',
                '%.2147483647e', '%.2147483647E', '%#.2147483647e', '%.2147483647s',
                '%9223372036854775807c', '%.2147483648s', '%9223372036854775807.5f',
                '%9223372036854775807%']:
        for args in ([1], [1.5], ['x'], [-5]):
            yield fmt, args
    yield '%*d', [2**62, 1]
    yield '%*s', [-2**62, 'x']
    yield '%*c', [2**62, 'x']
    yield '%.*d', [2**31 - 1, 1]
    yield '%.*d', [2**31 - 3, 1]
    # Ints, bools, floats as ints.
    for fmt in ['%d', '%i', '%u', '%x', '%X', '%o', '%#x', '%#X', '%#o', '%+d', '% d', '%05d',
                '%-5d|', '%.5d', '%#.5x', '%#10.5x', '%-#10x|', '%0#10x', '%+#x', '% #o',
                '%#5.3x', '%0#10o', '%s', '%r', '%a', '%+s', '%10s', '%.2s', '%c', '%e', '%f']:
        for v in [0, 5, -5, 255, -255, True, False, 2**64, -2**64, 1.9, -1.9, 1e300,
                  float('inf'), float('-inf'), float('nan'), -0.0, '5', None, PAIR, (),
                  ValueError('bad'), int, 'ITER']:
            if fmt in ('%s', '%r', '%a', '%+s', '%10s', '%.2s') and v == 'ITER':
                continue  # the repr has an address
            yield fmt, [v]
    # Big ints and the 4300-digit limit.
    # (The successful conversions of 4300-digit ints are long rows: a few of them.)
    for fmt in ['%d', '%i', '%s', '%r', '%a', '%+d', '%5000d', '%.4400d', '%e', '%f', '%g',
                '%c', '%.10s', '%.0f', '%*d', '%x', '%#X', '%o']:
        for b in BIGS:
            if fmt in ('%x', '%#X', '%o', '%5000d', '%.4400d') and b.token != '-10^4300+1':
                continue
            if fmt in ('%d', '%s', '%.10s') or b.token in ('10^4300', '-10^5000', '2^20000'):
                yield fmt, ([3, b] if fmt == '%*d' else [b])
    # Floats.
    for fmt in ['%e', '%E', '%f', '%F', '%g', '%G', '%#e', '%#f', '%#g', '%#G', '%.0e', '%#.0e',
                '%.0f', '%#.0f', '%.0g', '%#.0g', '%.17g', '%.20f', '%.30e', '%+e', '% f',
                '%010f', '%-010f|', '%+010.2f', '% 010.2e', '%010.2g', '%.100f', '%#.3G']:
        for v in FLOATS + [1, -1, True, 2**1100, 10**20]:
            yield fmt, [v]
    # %c.
    for fmt in ['%c', '%5c', '%-5c|', '%05c', '%.0c', '%+c', '%#c', '%5.2c', 'é%c€']:
        for v in [0, 65, 0xe9, 0x20ac, 0x1f600, 0x10ffff, 0x110000, -1, 2**63, 2**70, -2**70,
                  True, False, 'a', 'é', '😀', '', 'ab', 1.0, None, PAIR]:
            yield fmt, [v]
    # Strs: non-ASCII text, truncation, padding, repr and ascii.
    for fmt in ['%s', '%5s', '%-5s|', '%.1s', '%.2s', '%8.2s', '%-8.2s|', '%05s', '%+s', '% s',
                '%r', '%8r', '%.3r', '%a', '%12a', '%.4a', '«%s»', 'é%s€%s😀']:
        for v in STRS + ["a'b\"c", '\u0100\u2028\U0010ffff', 'x\\y']:
            yield fmt, ([v, v] if fmt.count('%s') == 2 else [v])
    yield 'é€😀%s%d%c', ['ü', 3, 0x1f600]
    yield '%s\x00%s', ['a', 'b']
    yield '\n%r\t', ['\n']


def rows():
    rng = random.Random(20240612)
    seen = set()
    for gen in (edge_rows(), systematic(), random_rows(rng)):
        for fmt, args in gen:
            line = row(fmt, args)
            if line not in seen:
                seen.add(line)
                yield line


def main():
    assert sys.version_info[:2] == (3, 11), 'the vectors are CPython 3.11\'s'
    sys.set_int_max_str_digits(4300)  # CPython's default
    for line in rows():
        print(line)


if __name__ == '__main__':
    main()
