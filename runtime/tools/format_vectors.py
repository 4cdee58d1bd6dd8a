#!/usr/bin/env python3
"""Test vectors for the runtime's format() (runtime/src/object/format/), from CPython 3.11.

Usage:
    python3 runtime/tools/format_vectors.py > runtime/src/object/tests/format_vectors.txt
    python3 runtime/tools/format_vectors.py --digits   # the DECIMAL_ZEROS table of format/spec.rs

Each output line is `VALUE<TAB>SPEC<TAB>RESULT`. VALUE is `int:<decimal>`, `bool:True`,
`float:<repr>`, `str:<text>`, `none:`, `tuple:` (the tuple (1, 'a')), `exc:` (ValueError('bad')),
`class:int` (the class int) or `iter:` (an iterator over that tuple). RESULT is `=<text>` or
`!<ExceptionType>: <message>`. SPEC, `<text>` and messages escape `\\`, tab, newline and the
other control characters (`\\t`, `\\n`, `\\r`, `\\xNN`); everything else is literal UTF-8.
The rows are deterministic (a fixed seed), so the file only changes when this script does.
"""
import random
import sys
import unicodedata



def esc(s):
    out = []
    for c in s:
        o = ord(c)
        if c == '\\':
            out.append('\\\\')
        elif c == '\t':
            out.append('\\t')
        elif c == '\n':
            out.append('\\n')
        elif c == '\r':
            out.append('\\r')
        elif o < 0x20 or 0x7f <= o < 0xa0:
            out.append('\\x%02x' % o)
        else:
            out.append(c)
    return ''.join(out)


TUPLE = (1, 'a')

INTS = [0, 1, 7, -1, -42, 255, 1234567, -1234567, 65, 0x10ffff, 0x110000,
        2**63 - 1, -2**63, 2**64, 10**50, -2**100]
BIG_INTS = [10**4299, 10**4300, -10**5000, 2**20000]
FLOATS = [0.0, -0.0, 1.5, -1.5, 2.5, 0.5, 1e16, 1e-7, 123456.789, 1/3, -2/3,
          float('inf'), float('-inf'), float('nan'), 5e-324, 1.7976931348623157e308,
          0.125, 9.995, 1e22, 1e-5, 1e-4, 100.0, 1234.5, 2**53 + 1.0, 0.1, -1e-300, 99.99999]
STRS = ['', 'abc', 'é€😀', 'hello world', 'x' * 12, 'tab\there']
OTHERS = [('none:', None), ('tuple:', TUPLE), ('exc:', ValueError('bad')), ('class:int', int)]

BASE_SPECS = [
    '', 's', 'd', 'b', 'o', 'x', 'X', 'c', 'n', 'e', 'E', 'f', 'F', 'g', 'G', '%', 'q', 'r', 'a',
    '5', '10', '<10', '>10', '^10', '=10', '*<10', '*>10', '*^11', '*=12', '€^9', '0<8', '0>8',
    '0=8', '08', '010', '012', '+', '-', ' ', '+10', ' 10', '-10', '+08', ' 08', '#', '#b', '#o',
    '#x', '#X', '#010x', '#010b', '#_b', '#_x', '_b', '_o', '_x', '_X', ',b', ',x', ',o', ',',
    '_', ',d', '_d', ',n', '_n', ',c', '_c', ',s', ',e', '_f', ',.2f', '_.3e', ',g', ',%',
    '010,', '011,', '012,', '013,', '09_', '010_', '015_x', '016_b', '#020_b', '0=20,',
    '.0', '.1', '.2', '.3', '.5', '.10', '.17', '.20', '.30', '.0f', '.1f', '.2f', '.3f',
    '.10f', '.20f', '.0e', '.1e', '.3e', '.16e', '.0g', '.1g', '.3g', '.16g', '.17g', '.0%',
    '.1%', '#.0f', '#.0e', '#.3g', '#g', '#.0', '#.3', '#e', '#f', '#%', 'z', 'z.1f', 'z.2f',
    'z.0e', 'zg', 'z.3', 'zd', 'zs', 'z10', '+z', ' z.1f', '.1s', '.0s', '.2', '.5s', '10.2s',
    '^10.3s', '>6.1', '=s', '+s', ' s', '-s', '#s', '0s', '010s', 'c', '+c', '#c', '5c', '05c',
    '*^7c', '.2d', '.2x', '.0c', ',,', ',_', '_,', '__', '.', '.f', '.x', '5.', 'abc', '10.2.f',
    '<<', '<<<', '\x00', '\x01', 'é', '€', '\x7f', ' ', '0', '00', '000', '0,', '*', '**',
    '9' * 19, '9223372036854775807', '9223372036854775808', '.9223372036854775807',
    '.9223372036854775808', '.2147483648f', '.2147483648', '.2147483648e', '4611686018427387904',
    '.2147483647e', '.2147483647E', '.2147483647g', '.2147483647', '.2147483646n', '-.2147483647e',
    '٣', '٣.٢f', '١٢', '𝟙𝟘', '+#010_x', '-#o', ' #b', ' x', '+X', '=+10', '^+10', '<+10.3',
    '>-10.3e', '*=+15,.2f', '>+15_.2e', '^20,', '\t>5', '\n^7', '}>5', '{<5', '%', 'F', '.3F',
    'E', '.2E', 'G', '.20G', '.3n', 'n', '010n', '+n', '#n', '.3%', ',.3%', '010.3%',
]


def make_specs(rng):
    specs = list(BASE_SPECS)
    fills = ['', '', '', '*', '0', '€', ' ']
    aligns = ['', '', '<', '>', '^', '=']
    types = ['', '', 'd', 'b', 'o', 'x', 'X', 'n', 'c', 'e', 'E', 'f', 'F', 'g', 'G', '%', 's']
    for _ in range(160):
        align = rng.choice(aligns)
        fill = rng.choice(fills) if align else ''
        spec = (fill + align + rng.choice(['', '', '+', '-', ' ']) + rng.choice(['', '', '', 'z'])
                + rng.choice(['', '', '#']) + rng.choice(['', '', '0'])
                + rng.choice(['', '', '1', '7', '13', '22']) + rng.choice(['', '', ',', '_'])
                + rng.choice(['', '', '', '.0', '.1', '.4', '.12']) + rng.choice(types))
        specs.append(spec)
    seen = set()
    return [s for s in specs if not (s in seen or seen.add(s))]


def result(v, spec):
    try:
        return '=' + esc(format(v, spec))
    except Exception as e:  # noqa: BLE001 - every error is a vector
        return '!%s: %s' % (type(e).__name__, esc(str(e)))


def rows():
    rng = random.Random(20240611)
    specs = make_specs(rng)
    few = ['', 'd', 'n', ',', '020,', '+', 'e', '.3g', 'f', 'c', '#_X']
    values = [('int:%d' % v, v, specs) for v in INTS]
    sys.set_int_max_str_digits(0)  # to write the big values themselves
    values += [('int:%d' % v, v, few) for v in BIG_INTS]
    sys.set_int_max_str_digits(4300)  # CPython's default: format() is checked with it
    values += [('bool:%s' % v, v, specs) for v in (True, False)]
    values += [('float:%r' % v, v, specs) for v in FLOATS]
    values += [('str:' + esc(v), v, specs) for v in STRS]
    values += [(tok, v, specs[:60]) for tok, v in OTHERS]
    values += [('iter:', iter(TUPLE), ['x', 's', '5', ' '])]
    for tok, v, vspecs in values:
        for spec in vspecs:
            yield '%s\t%s\t%s' % (tok, esc(spec), result(v, spec))


def main():
    if sys.argv[1:] == ['--digits']:
        zeros = [c for c in range(0x110000)
                 if chr(c).isdecimal() and unicodedata.decimal(chr(c)) == 0]
        print('// Unicode %s' % unicodedata.unidata_version)
        print(', '.join('0x%x' % c for c in zeros))
        return
    assert sys.version_info[:2] == (3, 11), 'the vectors are CPython 3.11\'s'
    for row in rows():
        print(row)


if __name__ == '__main__':
    main()
