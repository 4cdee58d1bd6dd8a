#!/usr/bin/env python3
"""Writes runtime/src/object/tests/bytes_methods_vectors.txt: rows `receiver|method|args|kwnames`,
a tab, then CPython's result (`type:repr`, or `!Kind: message`). The evaluator is the one of
`tests/bytes_methods.rs` (`PY_BYTES_EVAL`), which re-checks every row against the installed
python3.

Literals: Python syntax the test parser reads (bytes `b'...'` and strs `'...'` with the escapes
\\t \\n \\r \\v \\f \\0 \\xNN \\\\ \\', ints, None, True, False, tuples, lists); no `|` (written
`\\x7c`) and no tab.
"""

import os
import sys

ROWS = []


def row(recv, name, args='()', kw=''):
    ROWS.append(f'{recv}|{name}|{args}|{kw}')


BIG = '9223372036854775808'
HUGE = '1000000000000000000000000000000'
TEXTS = ["b''", "b'a'", "b'hello world'", "b'  spaced  out  '", "b'Hello World'", "b'ABC'",
         "b'123abc'", "b'\\t tab\\n'", "b'\\xe9t\\xe9 \\xff'", "b'a\\x0bb\\x0cc\\rd\\x1ce'",
         "b'hELLO wORLD 1a'", "b'Ab Cd'", "b'A'", "b'1'", "b'aB'", "b'_a_B'", "b' \\t\\n\\r\\x0b\\x0c'"]

for t in TEXTS:
    for m in ['lower', 'upper', 'capitalize', 'swapcase', 'title', 'istitle', 'islower',
              'isupper', 'isspace', 'isalpha', 'isalnum', 'isdigit', 'isascii']:
        row(t, m)

for m in ['lower', 'isalpha', 'title', 'isascii', 'istitle']:
    row("b'a'", m, '(1,)')
    row("b'a'", m, '(1,)', 'x')

S = "b'abcabc\\xe9\\xffabc'"
for m in ['find', 'rfind', 'index', 'rindex', 'count']:
    for args in ["(b'abc',)", "(b'c',)", "(b'\\xff',)", "(b'\\xffa',)", "(b'',)", "(b'zz',)",
                 "(b'abc', 1)", "(b'abc', -3)", "(b'abc', 1, 5)", "(b'abc', -100, 100)",
                 "(b'', 11)", "(b'', 12)", "(b'', 3, 3)", "(b'', 5, 2)", "(b'abc', None, None)",
                 "(b'abc', None, -3)", f"(b'abc', {BIG})", f"(b'abc', -{BIG})",
                 f"(b'', 0, {HUGE})", "(b'a', True)", "(97,)", "(99, 3)", "(0,)", "(255,)",
                 "(256,)", "(-1,)", f"({HUGE},)", f"(-{HUGE},)", "(True,)", "('a',)",
                 "(1.5,)", "(None,)", "([97],)", "()", "(b'a', 1, 2, 3)", "(b'a', 'x')",
                 "(b'a', 1.5)", "(b'a', 0, 'x')"]:
        row(S, m, args)
    row(S, m, "(b'a',)", 'sub')
    row(S, m, "(b'a', 1)", 'start')

for m in ['startswith', 'endswith']:
    for args in ["(b'abc',)", "(b'bc',)", "(b'',)", "(b'', 3)", "(b'', 4)", "(b'c', -1)",
                 "(b'a', 0, 1)", "(b'a', 1, 0)", "((b'z', b'a'),)", "((b'z', b'c'),)", "((),)",
                 "('a',)", "(('a',),)", "((b'x', 'a'),)", "((b'a', 'x'),)", "(97,)", "([b'a'],)",
                 "(None,)", "()", "(b'a', 'x')", "(b'a', None, None)", "(b'bc', 1, 3)",
                 "(b'ab', -3, -1)", f"(b'abc', -{BIG}, {BIG})", "(b'abc', 0, 2)"]:
        row("b'abc'", m, args)
    row("b'abc'", m, "(b'a', 0)", 'start')

for t in ["b'a b  c '", "b'  a  b  '", "b'a,b,,c'", "b''", "b' '", "b'a\\x0bb\\x0cc\\x1cd'",
          "b'abcabcab'", "b'aaaa'"]:
    for m in ['split', 'rsplit']:
        for args, kw in [('()', ''), ('(None,)', ''), ('(None, 1)', ''), ("(b',',)", ''),
                         ("(b',', 1)", ''), ("(b'ab',)", ''), ("(b'aa',)", ''), ("(b'aa', 1)", ''),
                         ('(None, 0)', ''), ('(None, -1)', ''), ("(b' ',)", ''),
                         ("(b',', 1)", 'sep,maxsplit'), ('(1,)', 'maxsplit'),
                         ("(b',',)", 'sep'), ("(b'',)", ''), ("(',',)", ''), ('(1,)', ''),
                         ("(None, 'x')", ''), ('(None, 1, 2)', ''), ('(1,)', 'x'),
                         ("(b',', 1, 2)", 'sep,maxsplit'), (f'(None, {HUGE})', ''),
                         ("(1, 'x')", '')]:
            row(t, m, args, kw)

for t in ["b'a\\nb\\r\\nc\\rd'", "b'a\\n\\nb\\n'", "b'\\r\\n'", "b''", "b'x\\x0by\\x0cz\\x1c\\x1d\\x1e\\x85'",
          "b'\\r\\r\\n\\n'"]:
    for args, kw in [('()', ''), ('(True,)', ''), ('(False,)', ''), ('(1,)', 'keepends'),
                     ('(2,)', ''), ("('x',)", ''), ('(1.5,)', ''), ('(1, 2)', ''), ('(1,)', 'x'),
                     (f'({HUGE},)', '')]:
        row(t, 'splitlines', args, kw)

for t in ["b'  x  '", "b'xyxzyx'", "b''", "b'\\t\\n\\x0b\\x0c\\r x \\x1c'", "b'aaa'"]:
    for m in ['strip', 'lstrip', 'rstrip']:
        for args, kw in [('()', ''), ('(None,)', ''), ("(b'x',)", ''), ("(b'xy',)", ''),
                         ("(b'',)", ''), ("(b'a',)", ''), ("(' ',)", ''), ('(1,)', ''),
                         ("(b'x', b'y')", ''), ("(b'x',)", 'bytes')]:
            row(t, m, args, kw)

for t in ["b'abcabc'", "b''", "b'a'"]:
    for m in ['partition', 'rpartition']:
        for args, kw in [("(b'b',)", ''), ("(b'bc',)", ''), ("(b'z',)", ''), ("(b'abcabc',)", ''),
                         ("(b'',)", ''), ("('b',)", ''), ('(98,)', ''), ('()', ''),
                         ("(b'b', b'c')", ''), ("(b'b',)", 'sep')]:
            row(t, m, args, kw)

for t in ["b'abcabc'", "b''", "b'aaaa'", "b'a'"]:
    for args, kw in [("(b'b', b'X')", ''), ("(b'bc', b'')", ''), ("(b'a', b'')", ''),
                     ("(b'', b'-')", ''), ("(b'', b'-', 2)", ''), ("(b'', b'')", ''),
                     ("(b'aa', b'b')", ''), ("(b'aa', b'bb')", ''), ("(b'a', b'bcd', 1)", ''),
                     ("(b'abc', b'x', -1)", ''), ("(b'abc', b'x', 0)", ''), ("(b'z', b'y')", ''),
                     ("('a', b'b')", ''), ("(b'a', 'b')", ''), ("(b'a',)", ''),
                     ("(b'a', b'b', 'x')", ''), ("(b'a', b'b', 1)", 'count'),
                     ("(b'a', b'b', 1, 2)", ''), (f"(b'a', b'b', {HUGE})", '')]:
        row(t, 'replace', args, kw)

for sep in ["b','", "b''", "b'--'"]:
    for args in ["([b'a', b'b', b'c'],)", "([],)", "([b'a'],)", "((b'x', b'y'),)",
                 "([b'a', 'b'],)", "([b'a', 1],)", "(1,)", "('ab',)", "([b'', b''],)", "()",
                 "([b'a'], 1)"]:
        row(sep, 'join', args)

for t in ["b'ab'", "b''", "b'abc'"]:
    for m in ['center', 'ljust', 'rjust']:
        for args in ['(5,)', '(6,)', "(5, b'*')", "(4, b'-')", '(1,)', '(-5,)', "(5, '*')",
                     "(5, b'**')", "(5, b'')", '(5, 42)', '(5, None)', "('5',)", '()',
                     "(5, b'x', 1)", f'({BIG},)', '(2.5,)']:
            row(t, m, args)
        row(t, m, '(5,)', 'width')

for t in ["b'42'", "b'-42'", "b'+42'", "b''", "b'-'", "b'abc'", "b'+'"]:
    for args in ['(5,)', '(2,)', '(-1,)', '(0,)', "('5',)", '()', '(5, 1)', f'({BIG},)']:
        row(t, 'zfill', args)

for t in ["b'a\\tb\\tc'", "b'\\t'", "b'ab\\ncd\\tef\\r\\tg'", "b'no tabs'", "b'12345678\\tx'"]:
    for args, kw in [('()', ''), ('(4,)', ''), ('(0,)', ''), ('(-1,)', ''), ('(1,)', ''),
                     ('(3,)', 'tabsize'), ("('x',)", ''), (f'({BIG},)', ''), ('(2**40,)', ''),
                     ('(1, 2)', ''), ('(1,)', 'x')]:
        row(t, 'expandtabs', args.replace('2**40', '1099511627776'), kw)

for t in ["b'abcdef'", "b''", "b'ab'"]:
    for m in ['removeprefix', 'removesuffix']:
        for args, kw in [("(b'ab',)", ''), ("(b'ef',)", ''), ("(b'',)", ''), ("(b'abcdef',)", ''),
                         ("(b'abcdefg',)", ''), ("('ab',)", ''), ('(None,)', ''), ('()', ''),
                         ("(b'a', b'b')", ''), ("(b'a',)", 'prefix')]:
            row(t, m, args, kw)

for args, kw in [("('abc', 'ascii')", 'x'), ('()', ''), ("('utf-8',)", ''),
                 ("('ascii', 'strict')", 'encoding,errors')]:
    row("b'abc'", 'decode', args, kw)
row("b'abc'", 'nosuchmethod', '()')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    test = os.path.join(here, '..', 'src', 'object', 'tests', 'bytes_methods.rs')
    src = open(test, encoding='utf-8').read()
    script = src.split('pub const PY_BYTES_EVAL: &str = r#"', 1)[1].split('"#;', 1)[0]
    import subprocess
    out = subprocess.run([sys.executable, '-c', script], input='\n'.join(ROWS) + '\n',
                         capture_output=True, text=True, encoding='utf-8', check=True).stdout
    results = out.splitlines()
    assert len(results) == len(ROWS)
    for r in ROWS:
        assert '\t' not in r, r
    path = os.path.join(here, '..', 'src', 'object', 'tests', 'bytes_methods_vectors.txt')
    with open(path, 'w', encoding='utf-8') as f:
        for r, res in zip(ROWS, results):
            f.write(f'{r}\t{res}\n')
    print(f'wrote {len(ROWS)} rows to {path}')


main()
