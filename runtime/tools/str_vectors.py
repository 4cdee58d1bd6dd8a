#!/usr/bin/env python3
"""Writes runtime/src/object/tests/str_methods_vectors.txt: rows `text|method|args|kwnames`, a
tab, then CPython's result (`type:repr`, or `!Kind: message`). The evaluator is the one of
`tests/str_methods.rs` (`PY_STR_EVAL`), which re-checks every row against the installed python3.

Literals: Python syntax the test parser reads (strs in single quotes with the escapes \\t \\n \\r
\\v \\f \\0 \\xNN \\uNNNN \\UNNNNNNNN, ints, floats, None, True, False, tuples, lists); no `|`
(written `\\x7c`) and no tab.
"""

import os
import sys

ROWS = []


def row(text, name, args='()', kw=''):
    ROWS.append(f'{text}|{name}|{args}|{kw}')


BIG = '9223372036854775808'
HUGE = '1000000000000000000000000000000'
TEXTS = ["''", "'a'", "'hello world'", "'  spaced  out  '", "'ÉcOlE été'", "'straße'",
         "'ǅungla ǈ'", "'ΣΑΣ ΟΔΟΣ'", "'naïve café'", "'\\t tab\\n'", "'中文 字符'",
         "'ﬁne ŉ İ'", "'\\U0001f600 emoji \\U0001d400'", "'123abc'", "'ABC'", "'Hello World'"]

# --- case mappings and predicates on every text ---------------------------------------------
for t in TEXTS:
    for m in ['lower', 'upper', 'capitalize', 'casefold', 'swapcase', 'title', 'istitle',
              'islower', 'isupper', 'isspace', 'isalpha', 'isalnum', 'isdecimal', 'isdigit',
              'isnumeric', 'isidentifier', 'isprintable', 'isascii']:
        row(t, m)

for t in ["'ΌΣΟΣ Σ'", "'aΣ'", "'Σa'", "'aΣb'", "'a.Σ'", "'aΣ.'", "'aΣ.b'", "'Σ'", "'ΑΣ'", "'ΑΣ!'",
          "'a\\u0345Σ'", "'A\\u00adΣ\\u00ad'", "'ﬃ ﬀ'", "'ǆ ǅ Ǆ'", "'ß'", "'ŉ'", "'İstanbul'",
          "'ᾳ ᾼ'", "'\\u0390'", "'\\u1e9e'", "'ᲀ'", "'\\U00010428\\U00010400'", "'ꭰ'"]:
    for m in ['lower', 'upper', 'title', 'capitalize', 'swapcase', 'casefold']:
        row(t, m)

for t in ["'½'", "'一二三'", "'٣'", "'²'", "'Ⅻ'", "'①'", "'𝟙'", "'x²'", "'\\u3000'", "'\\x85'",
          "'\\u200b'", "'\\x1c\\x1d\\x1e\\x1f'", "'\\xa0'", "'\\u2028'", "'_x'", "'1x'", "'x1'",
          "'℘'", "'·'", "'a·'", "'\\u00ad'", "'\\x7f'", "'\\ue000'", "'\\U000e0001'", "'ǅ'",
          "'ǅa'", "'Aǅ'", "'A B'", "'A b'", "'a B'", "'1A'", "'A1b'", "'ß'", "'ßA'", "'ª'", "'ʰ'",
          "'Ⓐ'", "'ⓐ'", "'Ⓐⓐ'", "'\\U0001f600'", "' '", "'\\t\\n'", "'abc\\n'"]:
    for m in ['isalpha', 'isalnum', 'isdecimal', 'isdigit', 'isnumeric', 'isspace',
              'isprintable', 'isidentifier', 'islower', 'isupper', 'istitle']:
        row(t, m)

# --- argument errors of the methods without arguments ----------------------------------------
for m in ['lower', 'upper', 'isalpha', 'title', 'casefold', 'isascii', 'istitle']:
    row("'a'", m, '(1,)')
    row("'a'", m, '(1,)', 'x')

# --- find family ------------------------------------------------------------------------------
S = "'abcabcé€abc'"
for m in ['find', 'rfind', 'index', 'rindex', 'count']:
    for args in ["('abc',)", "('c',)", "('é',)", "('€a',)", "('',)", "('zz',)", "('abc', 1)",
                 "('abc', -3)", "('abc', 1, 5)", "('abc', -100, 100)", "('', 11)", "('', 12)",
                 "('', 3, 3)", "('', 5, 2)", "('abc', None, None)", "('abc', None, -3)",
                 f"('abc', {BIG})", f"('abc', -{BIG})", f"('', 0, {HUGE})", "('a', True)",
                 "('€', 7, 8)", "('€', 8)"]:
        row(S, m, args)
    row(S, m, '()')
    row(S, m, "('a', 1, 2, 3)")
    row(S, m, '(1,)')
    row(S, m, "('a', 'x')")
    row(S, m, "('a', 1, 1.5)")
    row(S, m, "('a',)", 'start')
    row(S, m, "(None,)")
for t in ["''", "'aaaa'", "'aaa'"]:
    for args in ["('',)", "('a',)", "('aa',)", "('', 1)", "('', 5)", "('', -1)", "('a', 0, 0)"]:
        row(t, 'count', args)
        row(t, 'find', args)
        row(t, 'rfind', args)

# --- startswith / endswith --------------------------------------------------------------------
for m in ['startswith', 'endswith']:
    for args in ["('ab',)", "('bc',)", "('',)", "('é',)", "(('x', 'ab'),)", "(('x', 'y'),)",
                 "((),)", "('ab', 1)", "('bc', 1, 3)", "('', 4)", "('', 3)", "('a', -3)",
                 "('c', -3, -1)", f"('ab', -{BIG}, {BIG})", "(('a', 1),)", "((1, 'a'),)",
                 "(1,)", "(['a'],)", "()", "('a', 'b')", "('a', None, None)", "('abcé',)",
                 "('bcé', 0, 4)", "('abc', 0, 2)"]:
        row("'abcé'", m, args)
    row("'abcé'", m, "('a',)", 'start')

# --- replace ----------------------------------------------------------------------------------
for args in ["('a', 'x')", "('a', 'xyz')", "('ab', '')", "('', '-')", "('', '-', 2)",
             "('', '-', 0)", "('a', 'b', 1)", "('a', 'b', -1)", "('a', 'b', 0)", "('zz', 'y')",
             "('é', 'e')", "('a', 'é€')", "('', '')", "('a', 'a')", "('aba', 'X')",
             "(1, 'a')", "('a', 2)", "('a',)", "()", "('a', 'b', 1.5)", "('a', 'b', 'c')",
             f"('a', 'b', {BIG})", "('a', 'b', 1, 2)", "('b', 'B', True)"]:
    row("'abacabaé'", 'replace', args)
row("''", 'replace', "('', 'x')")
row("''", 'replace', "('', 'x', 1)")
row("''", 'replace', "('a', 'x')")
row("'aaaa'", 'replace', "('aa', 'b')")
row("'abc'", 'replace', "('', '')")
row("'abc'", 'replace', "('b', 'x')", 'count')

# --- split / rsplit ---------------------------------------------------------------------------
SP = ["'  a  b c   '", "'a,b,,c,'", "',a,'", "''", "'   '", "'a\\u3000b\\x85c\\u2028d\\xa0e'",
      "'one'", "'a\\tb\\nc\\x0bd\\x0ce\\x1cf\\x1fg'", "'ééxééxé'", "'aaa'", "'\\u200bx\\u200b'"]
for t in SP:
    for m in ['split', 'rsplit']:
        for args, kw in [('()', ''), ("(',',)", ''), ('(None, 1)', ''), ('(None, 0)', ''),
                         ("(',', 1)", ''), ("(',', -1)", ''), ("('aa',)", ''), ("('é',)", ''),
                         ('(1,)', 'maxsplit'), ("(',', 2)", 'sep,maxsplit'),
                         ("(2, ',')", 'maxsplit,sep'), ("('x',)", 'sep')]:
            row(t, m, args, kw)
for m in ['split', 'rsplit']:
    for args, kw in [("('',)", ''), ("(1,)", ''), ("(',', 'x')", ''), ("('', 'x')", ''),
                     ("(',', 1, 2)", ''), ("(1,)", 'x'), ("(',', 1)", 'sep'),
                     ("(',', 1, 2)", 'sep,maxsplit'), ("(1, 2, 3)", 'sep,maxsplit,x'),
                     ("(',',)", 'maxsplit'), (f"(None, {BIG})", ''), ("(None, 1.0)", ''),
                     ("(None, True)", ''), ("(',',)", 'x'), ("(None, -5)", '')]:
        row("'a,b, c'", m, args, kw)

# --- splitlines -------------------------------------------------------------------------------
for t in ["'a\\nb\\r\\nc\\rd'", "'a\\n\\nb\\n'", "''", "'\\n'", "'x\\x0by\\x0cz\\x1cw\\x1dv\\x1eu'",
          "'a\\x85b\\u2028c\\u2029d'", "'a\\r\\r\\nb'", "'no breaks'", "'\\x1f\\t'"]:
    for args, kw in [('()', ''), ('(True,)', ''), ('(True,)', 'keepends'), ('(0,)', 'keepends'),
                     ('(5,)', '')]:
        row(t, 'splitlines', args, kw)
for args, kw in [("('x',)", ''), ('(1, 2)', ''), ('(1,)', 'x'), ('(1.5,)', ''),
                 (f'({BIG},)', ''), ('(None,)', '')]:
    row("'a\\nb'", 'splitlines', args, kw)

# --- partition --------------------------------------------------------------------------------
for t in ["'a=b=c'", "'abc'", "''", "'é=€=ü'", "'=='"]:
    for m in ['partition', 'rpartition']:
        for args in ["('=',)", "('b',)", "('zz',)", "('€=',)", "('',)", "(1,)", "()",
                     "('=', 1)", "(None,)"]:
            row(t, m, args)
row("'a=b'", 'partition', "('=',)", 'sep')

# --- strip ------------------------------------------------------------------------------------
for t in ["'  ab c  '", "'\\t\\n x \\x0b\\x0c\\r'", "'\\u3000\\xa0x\\x85\\u2028'", "''", "'   '",
          "'xxabcxx'", "'éaé'", "'\\u200bx\\u200b'"]:
    for m in ['strip', 'lstrip', 'rstrip']:
        for args in ['()', '(None,)', "('x',)", "('xa',)", "('é',)", "('',)", "(' x',)"]:
            row(t, m, args)
for m in ['strip', 'lstrip', 'rstrip']:
    row("'a'", m, '(1,)')
    row("'a'", m, "('a', 'b')")
    row("'a'", m, "('a',)", 'chars')

# --- removeprefix / removesuffix --------------------------------------------------------------
for m in ['removeprefix', 'removesuffix']:
    for args in ["('ab',)", "('cd',)", "('',)", "('abcd',)", "('abcdx',)", "('é',)", "(1,)",
                 "()", "('a', 'b')", "(None,)"]:
        row("'abécd'", m, args)
        row("'abcd'", m, args)
    row("'ab'", m, "('a',)", 'prefix')

# --- padding ----------------------------------------------------------------------------------
for t in ["'abc'", "'ab'", "''", "'é'", "'éèê'"]:
    for m in ['center', 'ljust', 'rjust']:
        for args in ['(0,)', '(3,)', '(4,)', '(5,)', '(6,)', '(7,)', '(-1,)', "(6, '*')",
                     "(5, 'é')", "(5, '€')", "(6, '\\U0001f600')"]:
            row(t, m, args)
for m in ['center', 'ljust', 'rjust']:
    for args, kw in [('()', ''), ("(5, '**')", ''), ("(5, '')", ''), ('(5, 1)', ''),
                     ("('5',)", ''), ('(1.5,)', ''), ("(5, ' ', 1)", ''), (f'({BIG},)', ''),
                     ('(5,)', 'width'), ("(5, None)", ''), ('(True,)', '')]:
        row("'ab'", m, args, kw)
for t in ["'42'", "'-42'", "'+42'", "'-'", "''", "'abc'", "'--1'", "'é'", "'+'"]:
    for args in ['(5,)', '(1,)', '(0,)', '(-3,)', '(3,)', '(2,)']:
        row(t, 'zfill', args)
for args, kw in [('()', ''), ("('5',)", ''), ('(1, 2)', ''), ('(5,)', 'width'),
                 (f'({BIG},)', ''), ('(2.0,)', '')]:
    row("'42'", 'zfill', args, kw)

# --- expandtabs -------------------------------------------------------------------------------
for t in ["'a\\tb\\tc'", "'\\t'", "'ab\\tcd\\n\\te\\rf\\tg'", "'é\\tx'", "'no tabs'", "''",
          "'12345678\\tx'", "'\\t\\t'"]:
    for args, kw in [('()', ''), ('(4,)', ''), ('(0,)', ''), ('(-1,)', ''), ('(1,)', ''),
                     ('(3,)', 'tabsize')]:
        row(t, 'expandtabs', args, kw)
for args, kw in [("('x',)", ''), ('(1, 2)', ''), ('(1,)', 'x'), (f'({BIG},)', ''),
                 ('(2147483648,)', ''), ('(1.0,)', ''), ('(2,)', 'tabsize')]:
    row("'a\\tb'", 'expandtabs', args, kw)

# --- join -------------------------------------------------------------------------------------
for sep in ["''", "', '", "'é'", "'-€-'"]:
    for args in ["(['a', 'b', 'c'],)", "([],)", "(['x'],)", "(('é', 'ß'),)", "('abc',)",
                 "(['a', 1],)", "([1],)", "(['a', 'b', None],)", "(5,)", "(None,)",
                 "(['', ''],)", "([''],)", "(('a', ('b',)),)"]:
        row(sep, 'join', args)
row("','", 'join', '()')
row("','", 'join', "(['a'], ['b'])")
row("','", 'join', "(['a'],)", 'iterable')

# --- format -----------------------------------------------------------------------------------
for t, args, kw in [
    ("'{} {}'", "(1, 'a')", ''), ("'{0}{1}{0}'", "('x', 'y')", ''),
    ("'{name}!'", "('bob',)", 'name'), ("'{a}-{b}'", "(1, 2)", 'a,b'),
    ("'{0[1]}'", "([10, 20],)", ''), ("'{0[0][1]}'", "(((1, 2),),)", ''),
    ("'{0[1]}'", "('abc',)", ''), ("'{0.real}'", "(5,)", ''), ("'{0.imag}'", "(2.5,)", ''),
    ("'{0.real.real}'", "(True,)", ''), ("'{x[0]}'", "([7],)", 'x'),
    ("'{!r}'", "('a',)", ''), ("'{!s}'", "('a',)", ''), ("'{!a}'", "('é',)", ''),
    ("'{0!r:>6}'", "('a',)", ''), ("'{:>{}}'", "('a', 4)", ''), ("'{:{}{}}'", "(3, '>', 5)", ''),
    ("'{0:{1}}'", "('abc', 's')", ''), ("'{0:{1:{2}}}'", "('abc', 's', '')", ''),
    ("'{:{w}.{p}f}'", "(3.14159, 8, 2)", 'w,p'), ("'{{}} {{{}}}'", "(1,)", ''),
    ("'{{'", "()", ''), ("'}}'", "()", ''), ("'}'", "()", ''), ("'{'", "()", ''),
    ("'a}b'", "()", ''), ("'a{b'", "()", ''), ("'{0'", "(1,)", ''), ("'{0:'", "(1,)", ''),
    ("'{0!'", "(1,)", ''), ("'{0!r'", "(1,)", ''), ("'{0!rx}'", "(1,)", ''),
    ("'{0!x}'", "(1,)", ''), ("'{0!é}'", "(1,)", ''), ("'{!}'", "(1,)", ''),
    ("'{}{0}'", "(1, 2)", ''), ("'{0}{}'", "(1, 2)", ''), ("'{1}'", "(1,)", ''),
    ("'{}{}'", "(1,)", ''), ("'{}'", "()", ''), ("'{x}'", "()", ''), ("'{x}'", "(1,)", 'y'),
    ("'{0[}'", "([1],)", ''), ("'{0[0]x}'", "([1],)", ''), ("'{0.}'", "(1,)", ''),
    ("'{0[]}'", "([1],)", ''), ("'{0[5]}'", "([1],)", ''), ("'{0[a]}'", "([1],)", ''),
    ("'{0.nope}'", "(1,)", ''), ("'{0[0]}'", "(1,)", ''), ("'{a{b}'", "()", ''),
    ("'{:d}'", "('a',)", ''), ("'{:x}'", "(255,)", ''), ("'{:,}'", "(1234567,)", ''),
    ("'{:^9.3f}'", "(2.5,)", ''), ("'{:*^7}'", "('é',)", ''), ("'{:>5}'", "(None,)", ''),
    ("'{:5}'", "([1],)", ''), ("'{}'", "([1, 'a'],)", ''), ("'{}'", "((1,),)", ''),
    ("'{٠}'", "('x',)", ''), (f"'{{{BIG}}}'", "(1,)", ''),
    ("'{99999999999999999999}'", "(1,)", ''), ("'é{}€{}'", "('ß', 'ü')", ''),
    ("'{0}'", "(1,)", 'x'), ("'{:{:{}}}'", "(1, 2, 3)", ''), ("'{0:}'", "(1,)", ''),
    ("'{0!s:}'", "(1,)", ''), ("'{0[0].real}'", "([3],)", ''), ("'{0[-1]}'", "([1],)", ''),
    ("'plain'", "()", ''), ("''", "(1,)", ''),
    ("'{:%}'", "(0.5,)", ''), ("'{:=+8d}'", "(42,)", ''), ("'{:#x}'", "(True,)", ''),
    ("'{0:{0}}'", "(5,)", ''), ("'{:s}'", "(1,)", ''), ("'{:}'", "('a',)", ''),
    ("'{0}}'", "(1,)", ''), ("'{{0}}'", "(1,)", ''), ("'{{{0}}}'", "(1,)", ''),
    ("'{é'", "(1,)", ''), ("'{0é'", "(1,)", ''), ("'{0[é'", "([1],)", ''), ("'{€}'", "(1,)", '€'),
    ("'{self}'", "(1,)", 'self'), ("'{0:é^5}'", "('x',)", ''), ("'{0!r:é'", "('x',)", ''),
]:
    row(t, 'format', args, kw)

# --- methods Molt leaves out, and a misspelling ----------------------------------------------
row("'a'", 'uper')
row("'a'", 'splt', "(',',)")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    test = os.path.join(here, '..', 'src', 'object', 'tests', 'str_methods.rs')
    src = open(test, encoding='utf-8').read()
    evaluator = src.split('pub const PY_STR_EVAL: &str = r#"', 1)[1].split('"#;', 1)[0]
    import subprocess
    for r in ROWS:
        assert '\t' not in r and r.count('|') == 3, r
    out = subprocess.run([sys.executable, '-c', evaluator], input='\n'.join(ROWS) + '\n',
                         capture_output=True, text=True, encoding='utf-8', check=True).stdout
    lines = out.splitlines()
    assert len(lines) == len(ROWS)
    path = os.path.join(here, '..', 'src', 'object', 'tests', 'str_methods_vectors.txt')
    with open(path, 'w', encoding='utf-8') as f:
        for r, o in zip(ROWS, lines):
            f.write(f'{r}\t{o}\n')
    print(f'{len(ROWS)} rows')


main()
