//! `const-fold`: evaluates TIR ops whose operands are constants.
//!
//! Relies on: TIR that verifies (in particular a `t.const`'s result type is its literal's type,
//! and each op's operand types are as declared). Other levels are left alone: the pass only
//! looks at `t.*` ops and at branches on a `t.const`.
//!
//! Provides: an op whose operands are all `t.const` values and whose result is known exactly is
//! rewritten in place into a `t.const` (same result, same span); a `cf.cond_br` on a constant
//! becomes a `cf.br` to the taken successor, with that successor's arguments. Folds chain within
//! one run (`(1 + 2) * 3` becomes `9`). Folded:
//! - `t.int_binop` add/sub/mul/floordiv/mod, with Python's flooring division and modulo, when
//!   the result fits in 64 bits and the divisor is non-zero; `t.int_neg`, `t.int_abs` when they
//!   do not overflow;
//! - `t.float_binop` add/sub/mul (IEEE, exactly what the generated code computes), `t.float_neg`,
//!   `t.float_abs`;
//! - `t.int_cmp`, `t.float_cmp` (IEEE: NaN compares unequal), `t.none_cmp`, `t.not`, `t.truth`,
//!   `t.int_to_float` (round to nearest, ties to even), `t.bool_to_int`.
//!
//! Never: folds an op that would raise (division by zero, 64-bit overflow: those are left for
//! the run time to raise), so it never removes an op that raises; folds anything inexact
//! (`t.int_float_cmp`, `t.int_truediv`, pow and float division/modulo are left alone); deletes
//! the now-unused constants or the blocks a folded branch no longer reaches (that is `dce`).

use std::cmp::Ordering;
use std::collections::HashMap;

use molt_ir::{ArithOp, Attr, CmpOp, F64, Func, NewOp, OpId, Opcode, Value};

use crate::Pass;

pub struct ConstFold;

impl Pass for ConstFold {
    fn name(&self) -> &'static str {
        "const-fold"
    }

    fn run(&self, func: &mut Func) -> bool {
        let mut changed = false;
        // Each round folds in layout order, so chains whose definitions come first fold at once;
        // another round catches uses laid out before their (constant) definitions.
        while fold_round(func) {
            changed = true;
        }
        // A folded op cannot raise: its raise edge goes (the handler may become unreachable).
        changed | func.drop_dead_raise_edges()
    }
}

fn fold_round(func: &mut Func) -> bool {
    let mut consts: HashMap<Value, Attr> = HashMap::new();
    for op in func.ops_in_order() {
        let data = &func.ops[op];
        if data.opcode == Opcode::TConst
            && let (Some(&r), Some(value)) = (data.results.first(), data.attr("value"))
        {
            consts.insert(r, value.clone());
        }
    }
    let mut changed = false;
    let ops: Vec<OpId> = func.ops_in_order().collect();
    for op in ops {
        if fold_branch(func, op, &consts) {
            changed = true;
            continue;
        }
        let Some(value) = fold(func, op, &consts) else { continue };
        let data = &func.ops[op];
        let [result] = data.results[..] else { continue };
        let ty = func.values[result].ty;
        if value.literal_type() != Some(ty) {
            continue; // cannot happen in verified TIR; never build an ill-typed constant
        }
        // In place: the result, and so its uses, stay (no search of the block, no substitution).
        let new = NewOp::new(Opcode::TConst, data.span).attr("value", value.clone()).result(ty);
        func.rewrite_op(op, new);
        consts.insert(result, value);
        changed = true;
    }
    changed
}

/// Turns `cf.cond_br` on a constant into `cf.br` to the taken successor.
fn fold_branch(func: &mut Func, op: OpId, consts: &HashMap<Value, Attr>) -> bool {
    let data = &func.ops[op];
    if data.opcode != Opcode::CfCondBr || data.successors.len() != 2 {
        return false;
    }
    let Some(Attr::Bool(cond)) = data.operands.first().and_then(|c| consts.get(c)) else { return false };
    let taken = data.successors[if *cond { 0 } else { 1 }].clone();
    let data = &mut func.ops[op];
    data.opcode = Opcode::CfBr;
    data.operands.clear();
    data.successors = vec![taken];
    true
}

/// The constant result of `op`, when its operands are constants and the result is exact and
/// does not raise.
fn fold(func: &Func, op: OpId, consts: &HashMap<Value, Attr>) -> Option<Attr> {
    use Attr::{Bool, Float, Int};
    let data = &func.ops[op];
    let args = data.operands.iter().map(|v| consts.get(v)).collect::<Option<Vec<&Attr>>>()?;
    let arith = || data.enum_attr::<ArithOp>("op");
    let cmp = || data.enum_attr::<CmpOp>("op");
    let a = args.as_slice();
    Some(match data.opcode {
        Opcode::TIntBinop => match a {
            [Int(a), Int(b)] => Int(int_binop(arith()?, *a, *b)?),
            _ => return None,
        },
        Opcode::TIntNeg => match a {
            [Int(a)] => Int(a.checked_neg()?),
            _ => return None,
        },
        Opcode::TIntAbs => match a {
            [Int(a)] => Int(a.checked_abs()?),
            _ => return None,
        },
        Opcode::TFloatBinop => match a {
            [Float(a), Float(b)] => Float(F64(float_binop(arith()?, a.0, b.0)?)),
            _ => return None,
        },
        Opcode::TFloatNeg => match a {
            [Float(a)] => Float(F64(-a.0)),
            _ => return None,
        },
        Opcode::TFloatAbs => match a {
            [Float(a)] => Float(F64(a.0.abs())),
            _ => return None,
        },
        Opcode::TIntCmp => match a {
            [Int(a), Int(b)] => Bool(compare(cmp()?, a.partial_cmp(b))?),
            _ => return None,
        },
        Opcode::TFloatCmp => match a {
            [Float(a), Float(b)] => Bool(compare(cmp()?, a.0.partial_cmp(&b.0))?),
            _ => return None,
        },
        Opcode::TNoneCmp => match a {
            [Attr::None, Attr::None] => Bool(compare(cmp()?, Some(Ordering::Equal))?),
            _ => return None,
        },
        Opcode::TNot => match a {
            [Bool(b)] => Bool(!b),
            _ => return None,
        },
        Opcode::TTruth => match a {
            [a] => Bool(truth(a)?),
            _ => return None,
        },
        Opcode::TIntToFloat => match a {
            [Int(a)] => Float(F64(*a as f64)),
            _ => return None,
        },
        Opcode::TBoolToInt => match a {
            [Bool(b)] => Int(i64::from(*b)),
            _ => return None,
        },
        // Not folded: they raise, allocate, have effects or are not TIR.
        Opcode::TConst | Opcode::TUndef | Opcode::TMathFloat | Opcode::TObjMathCall | Opcode::TIntTruediv | Opcode::TIntPowFloat | Opcode::TIntInvert | Opcode::TIntFloatCmp | Opcode::TFloatToInt | Opcode::TSelect | Opcode::TCall | Opcode::TPrint | Opcode::TLoadGlobal | Opcode::TStoreGlobal | Opcode::TBindFunc | Opcode::TRangeStart | Opcode::TRangeCond | Opcode::TRangeNext | Opcode::TRangeValue | Opcode::TBox | Opcode::TIsType | Opcode::TUnbox | Opcode::TObjBinop | Opcode::TObjUnop | Opcode::TObjCompare | Opcode::TObjIs | Opcode::TObjFormat | Opcode::TObjAscii | Opcode::TObjStr | Opcode::TObjRepr | Opcode::TObjLen | Opcode::TObjTruth | Opcode::TObjToFloat | Opcode::TObjToInt | Opcode::TObjHash | Opcode::TObjIndex | Opcode::TObjGetattr | Opcode::TBuiltinClass | Opcode::TObjType | Opcode::TObjIsinstance | Opcode::TTupleNew | Opcode::TTupleGet | Opcode::TObjGetitem | Opcode::TObjUnpack | Opcode::TObjContains | Opcode::TObjIter | Opcode::TObjNext | Opcode::TExcNew | Opcode::TRaiseObj | Opcode::TRaiseFrom | Opcode::TRaiseActive | Opcode::TRaiseNew | Opcode::TExcFetch | Opcode::TExcMatches | Opcode::TExcReraise | Opcode::TExcHandling | Opcode::TFrameCheck | Opcode::TRaise
        | Opcode::TObjGetslice | Opcode::TListNew | Opcode::TListFromIter | Opcode::TListAppend | Opcode::TStrBuild | Opcode::TSbNew | Opcode::TSbAdd | Opcode::TSbFormat | Opcode::TSbFormatFloat | Opcode::TSbFinish | Opcode::TDictNew | Opcode::TSetNew | Opcode::TCallBuiltin | Opcode::TListExtendStar | Opcode::TListToTuple | Opcode::TObjUnpackEx | Opcode::TListGetitem | Opcode::TListSetitem | Opcode::TObjSetitem | Opcode::TObjDelitem | Opcode::TObjSetslice | Opcode::TObjDelslice | Opcode::TObjInplaceBinop | Opcode::TObjCallMethod | Opcode::TMakeFunction | Opcode::TCallValue | Opcode::TCellNew | Opcode::TCellGet | Opcode::TCellSet | Opcode::TFunctionCell | Opcode::TCallValueEx | Opcode::TKwargsMerge | Opcode::TDictUpdate | Opcode::TObjSetattr | Opcode::TObjDelattr | Opcode::TClassNew | Opcode::TKnownClassNew | Opcode::TNewInstance | Opcode::TGetField | Opcode::TSetField | Opcode::TExcMatchesClass | Opcode::TMatchShape | Opcode::TMatchClass | Opcode::TMatchKeys | Opcode::TWithEnter | Opcode::TWithExit | Opcode::TImportNative | Opcode::TImportUser | Opcode::TImportFrom | Opcode::TDeleteGlobal | Opcode::TReturnGenerator | Opcode::TCheckBound | Opcode::TRelease | Opcode::TYield | Opcode::TYieldFromSend | molt_ir::cf_ops!() | molt_ir::py_ops!() | molt_ir::l_ops!() => return None,
    })
}

/// Python's int arithmetic on 64 bits; `None` when it would raise (overflow, zero divisor) or
/// is not folded here.
fn int_binop(kind: ArithOp, a: i64, b: i64) -> Option<i64> {
    match kind {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Sub => a.checked_sub(b),
        ArithOp::Mul => a.checked_mul(b),
        ArithOp::FloorDiv => {
            let q = a.checked_div(b)?; // None for b == 0 and for i64::MIN // -1
            let r = a.checked_rem(b)?;
            Some(if r != 0 && ((r < 0) != (b < 0)) { q - 1 } else { q })
        }
        ArithOp::Mod => {
            let r = a.checked_rem(b)?; // None for b == 0 (and i64::MIN % -1: left to run time)
            Some(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
        }
        ArithOp::TrueDiv | ArithOp::Pow | ArithOp::LShift | ArithOp::RShift | ArithOp::And | ArithOp::Or | ArithOp::Xor => None,
    }
}

/// IEEE float arithmetic that cannot raise in Python.
fn float_binop(kind: ArithOp, a: f64, b: f64) -> Option<f64> {
    match kind {
        ArithOp::Add => Some(a + b),
        ArithOp::Sub => Some(a - b),
        ArithOp::Mul => Some(a * b),
        ArithOp::TrueDiv | ArithOp::FloorDiv | ArithOp::Mod | ArithOp::Pow | ArithOp::LShift | ArithOp::RShift | ArithOp::And
        | ArithOp::Or | ArithOp::Xor => None,
    }
}

/// Evaluates a comparison given the operands' ordering (`None`: unordered, i.e. a NaN, for
/// which only `ne` holds).
fn compare(kind: CmpOp, ord: Option<Ordering>) -> Option<bool> {
    use Ordering::{Equal, Greater, Less};
    Some(match kind {
        CmpOp::Lt => ord == Some(Less),
        CmpOp::Le => matches!(ord, Some(Less | Equal)),
        CmpOp::Gt => ord == Some(Greater),
        CmpOp::Ge => matches!(ord, Some(Greater | Equal)),
        CmpOp::Eq => ord == Some(Equal),
        CmpOp::Ne => ord != Some(Equal),
        // Identity is not a typed comparison (no `t.*_cmp` allows it).
        CmpOp::Is | CmpOp::IsNot => return None,
    })
}

/// Python truthiness of a literal.
fn truth(a: &Attr) -> Option<bool> {
    Some(match a {
        Attr::Int(i) => *i != 0,
        // Big int literals are beyond the i64 range, so never zero.
        Attr::BigInt(_) => true,
        Attr::Float(f) => f.0 != 0.0, // NaN is true, -0.0 is false
        Attr::Bool(b) => *b,
        Attr::None => false,
        Attr::Str(s) => !s.is_empty(),
        Attr::Bytes(b) => !b.is_empty(),
        Attr::Sym(_) | Attr::Type(_) => return None,
    })
}
