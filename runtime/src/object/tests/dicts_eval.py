# The evaluator of dicts_vectors.txt (input: the rows' first column; see dicts.rs).
import sys, operator as o
G = {'nan': float('nan'), 'inf': float('inf')}
IOPS = {'-': o.isub, '&': o.iand, 'or': o.ior, '^': o.ixor, '+': o.iadd}
BOPS = {'-': o.sub, '&': o.and_, 'or': o.or_, '^': o.xor, '+': o.add, '<': o.lt, '<=': o.le,
        '==': o.eq, '!=': o.ne, '>': o.gt, '>=': o.ge, 'in': lambda x, y: x in y}
def show(r):
    return type(r).__name__ + ':' + repr(r)
def mutate(kind, a, k):
    if isinstance(a, dict):
        if kind in ('del', 'swap'): del a[k]
        if kind in ('add', 'swap'): a[k + 100] = 0
        if kind == 'set': a[k] = 'x'
    else:
        if kind in ('del', 'swap'): a.discard(k)
        if kind in ('add', 'swap'): a.add(k + 100)
for line in sys.stdin:
    op, *args = line.rstrip('\n').split('|')
    a = eval(args[0], G)
    v = lambda t: eval(t, dict(G, a=a))
    try:
        if op == 'call':
            pos = v(args[2])
            names = args[3].split(',') if args[3] else []
            npos = len(pos) - len(names)
            out = show(getattr(a, args[1])(*pos[:npos], **dict(zip(names, pos[npos:]))))
        elif op == 'setitem':
            a[v(args[1])] = v(args[2]); out = 'ok'
        elif op == 'delitem':
            del a[v(args[1])]; out = 'ok'
        elif op == 'getitem':
            out = show(a[v(args[1])])
        elif op == 'iop':
            r = IOPS[args[1]](a, v(args[2]))
            out = show(r) + (' (is a)' if r is a else '')
        elif op == 'binop':
            out = show(BOPS[args[1]](a, v(args[2])))
        elif op == 'rbinop':
            out = show(BOPS[args[1]](v(args[2]), a))
        elif op == 'ebin':
            out = show(BOPS[args[2]](v(args[1]), v(args[3])))
        elif op == 'repr': out = repr(v(args[1]))
        elif op == 'str': out = str(v(args[1]))
        elif op == 'len': out = show(len(v(args[1])))
        elif op == 'truth': out = str(bool(v(args[1])))
        elif op == 'hash': out = str(hash(v(args[1])))
        elif op == 'dict': out = show(dict(v(args[1])))
        elif op == 'set': out = show(set(v(args[1])))
        elif op == 'frozenset': out = show(frozenset(v(args[1])))
        elif op == 'iter':
            it = iter(v(args[1]))
            out = type(it).__name__ + ':' + ';'.join(show(x) for x in it)
        elif op == 'itermut':
            seen = []
            try:
                for k in a:
                    seen.append(repr(k)); mutate(args[1], a, k)
                out = 'done'
            except Exception as e:
                out = '!%s: %s' % (type(e).__name__, e)
            out = ','.join(seen) + ' ' + out
        elif op == 'unpack':
            out = show(tuple(v(args[1])))
        else: raise SystemExit('unknown op ' + op)
    except Exception as e:
        out = '!%s: %s' % (type(e).__name__, e)
    print(out + ' ; ' + repr(a))
