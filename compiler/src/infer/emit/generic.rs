//! The generic (boxed) form of each HIR op: operands boxed, the runtime dispatching (`t.obj_*`
//! ops and runtime calls), with the few results a generic op still gives unboxed (`bool`
//! truth values, `str` formatting). Part of `emit.rs`'s `Emitter`.

use molt_ir::{ArithOp, Attr, Block, Builtin, CmpOp, Conversion, Func, NewOp, OpData, OpId, Opcode, Type, UnaryOp, Value};

use super::super::lattice::Lat;
use super::{Emitter, runtime_reference};

impl Emitter<'_, '_> {
    /// The generic (boxed) form of an op: operands are boxed, the runtime dispatches.
    pub(super) fn generic(&mut self, b: Block, f: &Func, op: OpId) {
        let o = &f.ops[op];
        let sp = o.span;
        let boxed_operand = |s: &mut Self, i: usize| {
            let v = s.vmap[&o.operands[i]];
            s.boxed(b, v, sp)
        };
        let truth = |s: &mut Self, v: Value| s.value(b, NewOp::new(Opcode::TObjTruth, sp).operands([v]).result(Type::Bool));
        let v = match o.opcode {
            // A bytes literal (the one generic constant): a boxed object made once.
            Opcode::PyConst if matches!(o.attr("value"), Some(Attr::Bytes(_))) => {
                let value = o.attr("value").cloned().unwrap_or(Attr::None);
                self.value(b, NewOp::new(Opcode::TConst, sp).attr("value", value).result(Type::TObj))
            }
            // Ops with several results.
            Opcode::PyUnpack => {
                let x = boxed_operand(self, 0);
                let op = NewOp::new(Opcode::TObjUnpack, sp).operands([x]).attr("count", Attr::Int(o.results.len() as i64));
                return self.boxed_results(b, o, op);
            }
            Opcode::PyUnpackEx => {
                let x = boxed_operand(self, 0);
                let attr = |n: &str| o.attr(n).cloned().unwrap_or(Attr::Int(0));
                let op = NewOp::new(Opcode::TObjUnpackEx, sp).operands([x]).attr("before", attr("before")).attr("after", attr("after"));
                return self.boxed_results(b, o, op);
            }
            Opcode::PyCallValue => self.boxed_op(b, o, Opcode::TCallValue, &["kwnames", "star"]),
            Opcode::PyCellNew => self.boxed_op(b, o, Opcode::TCellNew, &[]),
            Opcode::PyCellGet => self.boxed_op(b, o, Opcode::TCellGet, &["name", "free"]),
            Opcode::PyFunctionCell => self.boxed_op(b, o, Opcode::TFunctionCell, &["index"]),
            Opcode::PyCallValueEx => self.boxed_op(b, o, Opcode::TCallValueEx, &[]),
            Opcode::PyKwargsMerge => {
                let args: Vec<Value> = (0..3).map(|i| boxed_operand(self, i)).collect();
                self.out.append_op(b, NewOp::new(Opcode::TKwargsMerge, sp).operands(args));
                return;
            }
            Opcode::PyDictUpdate => {
                let args: Vec<Value> = (0..2).map(|i| boxed_operand(self, i)).collect();
                self.out.append_op(b, NewOp::new(Opcode::TDictUpdate, sp).operands(args));
                return;
            }
            Opcode::PySetattr | Opcode::PyDelattr => {
                let args: Vec<Value> = (0..o.operands.len()).map(|i| boxed_operand(self, i)).collect();
                let opc = if o.opcode == Opcode::PySetattr { Opcode::TObjSetattr } else { Opcode::TObjDelattr };
                let name = o.attr("name").cloned().unwrap_or(Attr::Str(String::new()));
                self.out.append_op(b, NewOp::new(opc, sp).operands(args).attr("name", name));
                return;
            }
            Opcode::PyClassNew => {
                let (bases, ns) = (boxed_operand(self, 0), boxed_operand(self, 1));
                let name = o.attr("name").cloned().unwrap_or(Attr::Str(String::new()));
                self.value(b, NewOp::new(Opcode::TClassNew, sp).operands([bases, ns]).attr("name", name).result(Type::TObj))
            }
            Opcode::PyImportNative => {
                self.value(b, NewOp::new(Opcode::TImportNative, sp).enum_attr("module", o.expect_enum_attr::<molt_ir::NativeModule>("module")).result(Type::TObj))
            }
            Opcode::PyImportUser => {
                let (m, f) = (o.attr("module").cloned().unwrap_or(Attr::Str(String::new())), o.attr("only_if_missing").cloned().unwrap_or(Attr::Int(0)));
                self.value(b, NewOp::new(Opcode::TImportUser, sp).attr("module", m).attr("only_if_missing", f).result(Type::TObj))
            }
            Opcode::PyDeleteGlobal => {
                self.out.append_op(b, NewOp::new(Opcode::TDeleteGlobal, sp).attr("name", o.attr("name").cloned().unwrap_or(Attr::Sym(String::new()))));
                return;
            }
            Opcode::PyImportFrom => {
                let m = boxed_operand(self, 0);
                self.value(b, NewOp::new(Opcode::TImportFrom, sp).operands([m]).attr("name", o.attr("name").cloned().unwrap_or(Attr::Str(String::new()))).result(Type::TObj))
            }
            Opcode::PyMatchShape => {
                // A subject whose type is known answers at compile time.
                let shape = o.expect_enum_attr::<molt_ir::MatchShape>("shape");
                let sequence = matches!(shape, molt_ir::MatchShape::Sequence);
                let known = match self.out.values[self.vmap[&o.operands[0]]].ty {
                    Type::Tuple(_) | Type::List => Some(sequence),
                    Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::Class(_) | Type::Inst(_) => Some(false),
                    Type::Obj | Type::TObj | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => None,
                };
                match known {
                    Some(k) => self.value(b, NewOp::new(Opcode::TConst, sp).attr("value", Attr::Bool(k)).result(Type::Bool)),
                    None => {
                        let subject = boxed_operand(self, 0);
                        self.value(b, NewOp::new(Opcode::TMatchShape, sp).operands([subject]).enum_attr("shape", shape).result(Type::Bool))
                    }
                }
            }
            Opcode::PyMatchClass => self.boxed_op(b, o, Opcode::TMatchClass, &["nargs"]),
            Opcode::PyMatchKeys => self.boxed_op(b, o, Opcode::TMatchKeys, &[]),
            Opcode::PyExcMatchesClass | Opcode::PyWithExit => {
                let (e, c) = (boxed_operand(self, 0), boxed_operand(self, 1));
                let opc = if o.opcode == Opcode::PyWithExit { Opcode::TWithExit } else { Opcode::TExcMatchesClass };
                self.value(b, NewOp::new(opc, sp).operands([e, c]).result(Type::Bool))
            }
            Opcode::PyYield => {
                let v = boxed_operand(self, 0);
                self.value(b, NewOp::new(Opcode::TYield, sp).operands([v]).result(Type::TObj))
            }
            // Always typed (`rules::rule`).
            Opcode::PyRelease | Opcode::PyDeleteVar => {
                self.release(b, o.operands[0], sp);
                return;
            }
            Opcode::PyReturnGenerator | Opcode::PyCheckBound => {
                self.undef_results(b, o);
                return;
            }
            Opcode::PyWithEnter => {
                let m = boxed_operand(self, 0);
                self.value(b, NewOp::new(Opcode::TWithEnter, sp).operands([m]).result(Type::TObj))
            }
            Opcode::PyCellSet => {
                let (c, v) = (boxed_operand(self, 0), boxed_operand(self, 1));
                self.out.append_op(b, NewOp::new(Opcode::TCellSet, sp).operands([c, v]));
                return;
            }
            Opcode::PyListExtendStar => {
                let (l, x) = (self.vmap[&o.operands[0]], boxed_operand(self, 1));
                self.out.append_op(b, NewOp::new(Opcode::TListExtendStar, sp).operands([l, x]));
                return;
            }
            // Always typed (`rules::rule`).
            Opcode::PyBuildString => {
                self.undef_results(b, o);
                return;
            }
            Opcode::PyDict | Opcode::PySet => {
                let opc = if o.opcode == Opcode::PyDict { Opcode::TDictNew } else { Opcode::TSetNew };
                let args: Vec<Value> = (0..o.operands.len()).map(|i| boxed_operand(self, i)).collect();
                self.value(b, NewOp::new(opc, sp).operands(args).result(Type::TObj))
            }
            Opcode::PyListToTuple => {
                let l = self.vmap[&o.operands[0]];
                self.value(b, NewOp::new(Opcode::TListToTuple, sp).operands([l]).result(Type::TObj))
            }
            Opcode::PyYieldFromSend => {
                let (it, v) = (boxed_operand(self, 0), boxed_operand(self, 1));
                let id = self.out.append_op(b, NewOp::new(Opcode::TYieldFromSend, sp).operands([it, v]).result(Type::TObj).result(Type::Bool));
                let rs = self.out.ops[id].results.clone();
                self.vmap.insert(o.results[0], rs[0]);
                self.vmap.insert(o.results[1], rs[1]);
                return;
            }
            Opcode::PyIterNext => {
                let x = boxed_operand(self, 0);
                let t = self.proven_item_ty(o);
                let id = self.out.append_op(b, NewOp::new(Opcode::TObjNext, sp).operands([x]).result(t).result(Type::Bool));
                let rs = self.out.ops[id].results.clone();
                self.vmap.insert(o.results[0], rs[0]);
                self.vmap.insert(o.results[1], rs[1]);
                return;
            }
            // Ops with no result.
            Opcode::PySetitem if self.ty(self.vmap[&o.operands[0]]) == Type::List && self.ty(self.vmap[&o.operands[1]]) == Type::Int => {
                // A known list and an int index: no dispatch on the container or the key.
                let (l, i, v) = (self.vmap[&o.operands[0]], self.vmap[&o.operands[1]], boxed_operand(self, 2));
                self.out.append_op(b, NewOp::new(Opcode::TListSetitem, sp).operands([l, i, v]));
                return;
            }
            Opcode::PySetitem => return self.generic_effect(b, o, Opcode::TObjSetitem),
            Opcode::PyDelitem => return self.generic_effect(b, o, Opcode::TObjDelitem),
            Opcode::PySetslice => return self.generic_effect(b, o, Opcode::TObjSetslice),
            Opcode::PyDelslice => return self.generic_effect(b, o, Opcode::TObjDelslice),
            // Ops with one result.
            Opcode::PyBinop | Opcode::PyInplaceBinop => {
                let (x, y) = (boxed_operand(self, 0), boxed_operand(self, 1));
                let bop = o.expect_enum_attr::<ArithOp>("op");
                let opc = if o.opcode == Opcode::PyBinop { Opcode::TObjBinop } else { Opcode::TObjInplaceBinop };
                let rt = self.generic_result_ty(o);
                self.value(b, NewOp::new(opc, sp).operands([x, y]).enum_attr("op", bop).result(rt))
            }
            Opcode::PyCallMethod => {
                let name = o.attr("name").cloned().unwrap_or(Attr::Str(String::new()));
                let kwnames = o.attr("kwnames").cloned().unwrap_or(Attr::Str(String::new()));
                let recv = self.vmap[&o.operands[0]];
                let plain = kwnames.as_str() == Some("") && o.operands.len() == 2;
                if self.ty(recv) == Type::List && plain && name.as_str() == Some("append") {
                    // `lst.append(x)` on a known list: no argument tuple, no method lookup.
                    let x = boxed_operand(self, 1);
                    self.out.append_op(b, NewOp::new(Opcode::TListAppend, sp).operands([recv, x]));
                    let none = self.value(b, NewOp::new(Opcode::TConst, sp).attr("value", Attr::None).result(Type::None));
                    self.boxed(b, none, sp)
                } else {
                    let args: Vec<Value> = (0..o.operands.len()).map(|i| boxed_operand(self, i)).collect();
                    let attr_end = o.attr("attr_end").cloned().unwrap_or(Attr::Int(sp.end.into()));
                    let rt = self.generic_result_ty(o);
                    self.value(b, NewOp::new(Opcode::TObjCallMethod, sp).operands(args).attr("name", name).attr("kwnames", kwnames).attr("attr_end", attr_end).result(rt))
                }
            }
            Opcode::PyUnop => {
                let x = boxed_operand(self, 0);
                match o.expect_enum_attr::<UnaryOp>("op") {
                    UnaryOp::Not => {
                        let t = truth(self, x);
                        self.value(b, NewOp::new(Opcode::TNot, sp).operands([t]).result(Type::Bool))
                    }
                    uop @ (UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert | UnaryOp::Abs) => {
                        self.value(b, NewOp::new(Opcode::TObjUnop, sp).operands([x]).enum_attr("op", uop).result(Type::TObj))
                    }
                }
            }
            Opcode::PyCompare => {
                let (x, y) = (boxed_operand(self, 0), boxed_operand(self, 1));
                match o.expect_enum_attr::<CmpOp>("op") {
                    CmpOp::Is => self.value(b, NewOp::new(Opcode::TObjIs, sp).operands([x, y]).result(Type::Bool)),
                    CmpOp::IsNot => {
                        let same = self.value(b, NewOp::new(Opcode::TObjIs, sp).operands([x, y]).result(Type::Bool));
                        self.value(b, NewOp::new(Opcode::TNot, sp).operands([same]).result(Type::Bool))
                    }
                    cop @ (CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge | CmpOp::Eq | CmpOp::Ne) => {
                        let c = self.value(b, NewOp::new(Opcode::TObjCompare, sp).operands([x, y]).enum_attr("op", cop).result(Type::TObj));
                        truth(self, c)
                    }
                }
            }
            Opcode::PyTruth => {
                let x = boxed_operand(self, 0);
                truth(self, x)
            }
            Opcode::PyGetattr => {
                let x = boxed_operand(self, 0);
                self.value(b, NewOp::new(Opcode::TObjGetattr, sp).operands([x]).attr("name", o.attr("name").cloned().unwrap_or(Attr::Str(String::new()))).result(Type::TObj))
            }
            Opcode::PyBuiltinClass => {
                self.value(b, NewOp::new(Opcode::TBuiltinClass, sp).attr("name", o.attr("name").cloned().unwrap_or(Attr::Str(String::new()))).result(Type::TObj))
            }
            Opcode::PyExcNew => {
                let args: Vec<Value> = (0..o.operands.len()).map(|i| boxed_operand(self, i)).collect();
                self.value(b, NewOp::new(Opcode::TExcNew, sp).operands(args).attr("kind", o.attr("kind").cloned().unwrap_or(Attr::Str(String::new()))).result(Type::TObj))
            }
            Opcode::PySubscript if self.ty(self.vmap[&o.operands[0]]) == Type::List && self.ty(self.vmap[&o.operands[1]]) == Type::Int => {
                let (l, i) = (self.vmap[&o.operands[0]], self.vmap[&o.operands[1]]);
                let t = self.proven_item_ty(o);
                self.value(b, NewOp::new(Opcode::TListGetitem, sp).operands([l, i]).result(t))
            }
            Opcode::PySubscript => {
                let (x, i) = (boxed_operand(self, 0), boxed_operand(self, 1));
                self.value(b, NewOp::new(Opcode::TObjGetitem, sp).operands([x, i]).result(Type::TObj))
            }
            Opcode::PyContains => {
                let (c, x) = (boxed_operand(self, 0), boxed_operand(self, 1));
                self.value(b, NewOp::new(Opcode::TObjContains, sp).operands([c, x]).result(Type::Bool))
            }
            Opcode::PyIter => {
                let x = boxed_operand(self, 0);
                self.value(b, NewOp::new(Opcode::TObjIter, sp).operands([x]).result(Type::TObj))
            }
            Opcode::PyGetslice => {
                let args: Vec<Value> = (0..4).map(|i| boxed_operand(self, i)).collect();
                let rt = self.generic_result_ty(o);
                self.value(b, NewOp::new(Opcode::TObjGetslice, sp).operands(args).result(rt))
            }
            Opcode::PyFormat => {
                let x = boxed_operand(self, 0);
                let x = self.converted(b, x, o.expect_enum_attr::<Conversion>("conv"), sp);
                let x = self.boxed(b, x, sp);
                let spec = boxed_operand(self, 1);
                self.value(b, NewOp::new(Opcode::TObjFormat, sp).operands([x, spec]).result(Type::Str))
            }
            Opcode::PyMathCall => {
                let x = boxed_operand(self, 0);
                let f = o.attr("fn").cloned().unwrap_or(Attr::Str(String::new()));
                self.value(b, NewOp::new(Opcode::TObjMathCall, sp).operands([x]).attr("fn", f).result(Type::Float))
            }
            Opcode::PyBuiltin => match o.expect_enum_attr::<Builtin>("name") {
                Builtin::Format => {
                    let (x, spec) = (boxed_operand(self, 0), boxed_operand(self, 1));
                    self.value(b, NewOp::new(Opcode::TObjFormat, sp).operands([x, spec]).result(Type::Str))
                }
                Builtin::Ascii => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjAscii, sp).operands([x]).result(Type::Str))
                }
                Builtin::Hash => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjHash, sp).operands([x]).result(Type::Int))
                }
                Builtin::Type => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjType, sp).operands([x]).result(Type::TObj))
                }
                Builtin::IsInstance => {
                    let (x, c) = (boxed_operand(self, 0), boxed_operand(self, 1));
                    self.value(b, NewOp::new(Opcode::TObjIsinstance, sp).operands([x, c]).result(Type::Bool))
                }
                Builtin::Abs => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjUnop, sp).operands([x]).enum_attr("op", UnaryOp::Abs).result(Type::TObj))
                }
                Builtin::Int => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjToInt, sp).operands([x]).result(Type::Int))
                }
                Builtin::Float => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjToFloat, sp).operands([x]).result(Type::Float))
                }
                Builtin::Str => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjStr, sp).operands([x]).result(Type::Str))
                }
                Builtin::Repr => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjRepr, sp).operands([x]).result(Type::Str))
                }
                Builtin::Len => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TObjLen, sp).operands([x]).result(Type::Int))
                }
                Builtin::List if o.operands.is_empty() => self.value(b, NewOp::new(Opcode::TListNew, sp).result(Type::List)),
                Builtin::List => {
                    let x = boxed_operand(self, 0);
                    self.value(b, NewOp::new(Opcode::TListFromIter, sp).operands([x]).result(Type::List))
                }
                which @ (Builtin::Dict | Builtin::Set | Builtin::Frozenset | Builtin::Range | Builtin::Enumerate | Builtin::Zip | Builtin::Reversed | Builtin::Sum | Builtin::Any | Builtin::All
                | Builtin::Next | Builtin::Iter | Builtin::Round | Builtin::Divmod | Builtin::Ord | Builtin::Chr | Builtin::Id) => self.call_builtin(b, o, which),
                which @ (Builtin::Min | Builtin::Max) if o.operands.len() != 2 || o.attr("kwnames").is_some() => self.call_builtin(b, o, which),
                which @ (Builtin::Min | Builtin::Max) => {
                    // min(a, b) = b if b < a else a; max(a, b) = b if b > a else a (CPython's order).
                    let (x, y) = (boxed_operand(self, 0), boxed_operand(self, 1));
                    let cmp = if which == Builtin::Min { CmpOp::Lt } else { CmpOp::Gt };
                    let c = self.value(b, NewOp::new(Opcode::TObjCompare, sp).operands([y, x]).enum_attr("op", cmp).result(Type::TObj));
                    let c = truth(self, c);
                    self.value(b, NewOp::new(Opcode::TSelect, sp).operands([c, y, x]).result(Type::TObj))
                }
            },
            // No generic form: typed by the rules or handled by `emit`.
            Opcode::PyConst | Opcode::PyUndef | Opcode::PyCall | Opcode::PyPrint | Opcode::PyRaiseNew | Opcode::PyRaise
            | Opcode::PyRaiseFrom | Opcode::PyRaiseActive | Opcode::PyExcFetch | Opcode::PyExcMatches | Opcode::PyExcReraise
            | Opcode::PyExcHandling | Opcode::PyLoadGlobal | Opcode::PyStoreGlobal | Opcode::PyBindFunc | Opcode::PyRangeStart
            | Opcode::PyRangeValue | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyTuple | Opcode::PyList | Opcode::CfBr | Opcode::CfCondBr
            | Opcode::CfIfRaised | Opcode::CfUnreachable | Opcode::CfReturn | Opcode::PyMakeFunction | not_hir!() => {
                self.undef_results(b, o);
                return;
            }
        };
        let Some(&r) = o.results.first() else { return };
        self.vmap.insert(r, v);
    }

    /// `opc` with the boxed operands of HIR op `o`, its attributes `attrs`, and one `!t.obj`
    /// result.
    pub(super) fn boxed_op(&mut self, b: Block, o: &OpData, opc: Opcode, attrs: &[&str]) -> Value {
        let args: Vec<Value> = o.operands.iter().map(|v| {
            let x = self.vmap[v];
            self.boxed(b, x, o.span)
        }).collect();
        let mut new = NewOp::new(opc, o.span).operands(args).result(Type::TObj);
        for a in attrs {
            if let Some(v) = o.attr(a) {
                new = new.attr(a, v.clone());
            }
        }
        self.value(b, new)
    }

    /// Appends `op` with one `!t.obj` result per result of HIR op `o`, mapped to them.
    pub(super) fn boxed_results(&mut self, b: Block, o: &OpData, mut op: NewOp) {
        for _ in &o.results {
            op = op.result(Type::TObj);
        }
        let id = self.out.append_op(b, op);
        let rs = self.out.ops[id].results.clone();
        for (h, t) in o.results.iter().zip(rs) {
            self.vmap.insert(*h, t);
        }
    }

    /// The TIR type of a generic op's result: `list` where inference knows the runtime makes a
    /// list, else `!t.obj`.
    pub(super) fn generic_result_ty(&self, o: &OpData) -> Type {
        match o.results.first().and_then(|r| self.lat.get(r)) {
            Some(&Lat::T(t)) if runtime_reference(t) => t,
            Some(Lat::T(_) | Lat::Boxed(_) | Lat::Bottom) | None => Type::TObj,
        }
    }

    /// The type of the item a `for` over a list or an `a[i]` reads: the one inference proved
    /// every store into the list gives its items (`list_items.rs`), else `!t.obj`.
    fn proven_item_ty(&self, o: &OpData) -> Type {
        o.results.first().and_then(|r| self.lat.get(r)).and_then(|&l| super::super::list_items::typed_item(l)).unwrap_or(Type::TObj)
    }

    /// A builtin the runtime implements on boxed arguments (`t.call_builtin`): its result is
    /// typed where inference gave it a type the runtime's result has as it is (an int, a str,
    /// a list object; the bool of any()/all()), else boxed.
    pub(super) fn call_builtin(&mut self, b: Block, o: &OpData, which: Builtin) -> Value {
        let args: Vec<Value> = o.operands.iter().map(|v| {
            let x = self.vmap[v];
            self.boxed(b, x, o.span)
        }).collect();
        let any_all = matches!(which, Builtin::Any | Builtin::All);
        let rt = match o.results.first().and_then(|r| self.lat.get(r)) {
            Some(&Lat::T(t)) if runtime_reference(t) => t,
            // any() and all() return a machine bool.
            Some(Lat::T(Type::Bool)) if any_all => Type::Bool,
            Some(Lat::T(_) | Lat::Boxed(_) | Lat::Bottom) | None => Type::TObj,
        };
        let mut op = NewOp::new(Opcode::TCallBuiltin, o.span).operands(args).enum_attr("name", which).result(rt);
        if let Some(k) = o.attr("kwnames") {
            op = op.attr("kwnames", k.clone());
        }
        self.value(b, op)
    }

    /// The generic form `opc` of an op with no result, on its boxed operands.
    pub(super) fn generic_effect(&mut self, b: Block, o: &OpData, opc: Opcode) {
        let args: Vec<Value> = o.operands.iter().map(|v| {
            let x = self.vmap[v];
            self.boxed(b, x, o.span)
        }).collect();
        self.out.append_op(b, NewOp::new(opc, o.span).operands(args));
    }
}
