//! HIR → TIR: whole-program type inference and monomorphization, Tier 0 and Tier 1.
//!
//! Relies on: HIR from `hir.rs` (SSA over `!py.obj`, `<module>` first). Provides: a TIR module
//! (`t` + `cf` dialects) with one function per reachable *instance* — a `def` specialised to the
//! types of its arguments (`f$int$float`) — and typed module globals. Every TIR value has one
//! static type: a Python scalar type (Tier 0: unboxed, static dispatch) or `!t.obj` (Tier 1: a
//! boxed value whose type is decided at run time), where the program needs a value of several
//! types at one point (a union). Operations on boxed values are the runtime's generic ones,
//! with CPython's dispatch; where the union makes one type likely (int, else float), the
//! operation is *guarded*: `t.is_type` leads to the unboxed fast path, whose `t.unbox` the
//! verifier checks, and the guard's false edge to the generic fallback. Under `--tier 0`
//! (`tier0`), every union is an E0103 diagnostic instead.
//!
//! Algorithm: a lattice per value (`lattice.rs`: Bottom < one type < boxed set of types).
//! Return types of instances and types of globals start at Bottom; every reachable instance is
//! analysed (a fixpoint over its SSA values), and rounds repeat until no return or global type
//! changes (monotone over a finite lattice, so this terminates; a round limit that is reached
//! anyway is an internal error). Then each instance is emitted once (`emit.rs`). Bottom means
//! "no value ever reaches here" (a call that never returns, an op that always raises); its uses
//! are unreachable and get a `t.undef` of whatever type the use needs. The typing rules of
//! each op live in `rules.rs`, shared by analysis and emission.

mod classes;
mod direct_calls;
mod emit;
mod lattice;
mod list_items;
mod rules;

use std::collections::{BTreeMap, HashMap, HashSet};

use molt_ir::{Attr, Builtin, Func, Module, Opcode, Span, Type, Value, ValueDef};

use crate::builtins::BuiltinId;
use crate::diagnostics::Diagnostic;
use crate::hir::{HirModule, MODULE_FUNC};
pub use lattice::{Lat, TySet};

/// (HIR function index, argument types).
type Key = (usize, Vec<Type>);

/// A type as it appears in an instance's name (`obj`, `tuple<int,obj>`).
fn mangle(t: Type) -> String {
    match t {
        Type::TObj => "obj".into(),
        Type::Tuple(l) => format!("tuple<{}>", l.types().iter().map(|t| mangle(*t)).collect::<Vec<_>>().join(",")),
        Type::Class(n) => format!("class<{n}>"),
        Type::Inst(n) => format!("inst<{n}>"),
        Type::Obj | Type::Int | Type::Float | Type::Bool | Type::None | Type::Str | Type::Index | Type::I64 | Type::F64
        | Type::I1 | Type::Ptr | Type::Ref | Type::List => t.name().into(),
    }
}

pub fn instance_name(hir: &HirModule, key: &Key) -> String {
    let name = &hir.funcs[key.0].func.name;
    if key.0 == 0 {
        return name.clone();
    }
    let mut s = name.clone();
    for t in &key.1 {
        s.push('$');
        s.push_str(&mangle(*t));
    }
    if key.1.is_empty() {
        s.push('$');
    }
    s
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TirModule {
    pub module: Module,
    /// Instance name → source function name (for tracebacks).
    pub source_names: BTreeMap<String, String>,
    /// Whether calls must check that the callee's `def` has run (see `HirModule::defs_first`).
    pub check_defs: bool,
    /// The runtime functions `<module>` calls first, each making a part of the runtime that only
    /// some programs use reachable (decisions/0019): printf-style formatting when some op may
    /// format a str with `%` (a generic `t.obj_binop` mod), each group of str methods that a
    /// method call may reach (decisions/0021).
    pub enables: Vec<crate::abi::RtFn>,
    /// The program imports `sys` (which can change the recursion limit): depth checks compare
    /// with the runtime's current limit instead of the constant.
    pub dynamic_recursion_limit: bool,
    /// The module's `__name__` (its functions' `__module__`).
    pub module_name: String,
}

/// The most rounds inference may take: the lattice has height 3 per value and every round
/// raises some return or global type, so real programs converge far below this.
const MAX_ROUNDS: usize = 256;

struct Infer<'a> {
    hir: &'a HirModule,
    tier0: bool,
    rets: HashMap<Key, Lat>,
    globals: BTreeMap<String, Lat>,
    /// Where each global is first stored with each type (for conflict diagnostics).
    global_sites: BTreeMap<String, Vec<(Type, Span)>>,
    /// The value types of each instance from the latest round. The last round changed no return
    /// or global type, so its results are final and emission reuses them.
    value_lats: HashMap<Key, HashMap<Value, Lat>>,
    /// What each attribute name is assigned: `(Some(class), name)` for the layout field of
    /// a known class's instance, `(None, name)` for every other `a.name = v` (which may reach
    /// any instance's field of that name).
    fields: BTreeMap<(Option<u32>, String), Lat>,
    /// Which function objects of the known classes' methods generic code may run.
    reach: classes::Reach,
    /// Whether the instance being analysed or emitted may run: only code that may run gets
    /// class guards (`class_candidates`); the rest is compiled generic and small.
    guards: std::cell::Cell<bool>,
    /// The instances that may run (from the last round).
    live_keys: HashSet<Key>,
    /// The alias groups of the module's lists (`list_items.rs`).
    list_groups: list_items::ListGroups,
    /// The calls of function objects that run their code directly (`direct_calls`).
    direct_calls: direct_calls::DirectCalls,
    /// What the stores into each proven group's lists give their items (grown every round).
    list_items: BTreeMap<usize, Lat>,
}

/// Whether HIR function `f` is a generator function (it starts with `py.return_generator`).
pub fn is_generator(f: &Func) -> bool {
    f.layout.first().and_then(|&b| f.blocks[b].ops.first()).is_some_and(|&o| f.ops[o].opcode == Opcode::PyReturnGenerator)
}

/// Infers the types of `hir`. `tier0` rejects every value that would need boxing (E0103).
pub fn infer(hir: &HirModule, tier0: bool) -> Result<TirModule, Vec<Diagnostic>> {
    let mut inf = Infer { hir, tier0, rets: HashMap::new(), globals: BTreeMap::new(), global_sites: BTreeMap::new(), value_lats: HashMap::new(), fields: BTreeMap::new(), reach: classes::Reach::default(), guards: std::cell::Cell::new(true), live_keys: HashSet::new(), list_groups: list_items::ListGroups::of(hir), list_items: BTreeMap::new(), direct_calls: direct_calls::direct_calls(hir) };
    // The variables other modules read are boxed (decisions/0032): an importer may store any
    // value in them (`m.x = v`), and reads them as objects.
    for (name, _) in hir.exports.iter().filter(|(_, def)| !def) {
        inf.globals.insert(name.clone(), Lat::Boxed(lattice::TySet::ALL.union(lattice::TySet::OBJECT)));
    }
    let main: Key = (0, vec![]);
    // Rounds until return and global types are stable.
    let mut rounds = 0;
    let order = loop {
        rounds += 1;
        let before = (inf.rets.clone(), inf.globals.clone(), inf.fields.clone(), inf.reach.clone(), inf.list_items.clone());
        // Each instance with whether it may run: code that only function objects nothing can
        // call reach (`Infer::may_run`) is typed and emitted, but its stores widen no field.
        let mut seen: HashMap<Key, bool> = HashMap::new();
        inf.live_keys.clear();
        let mut order = Vec::new();
        let mut work = vec![(main.clone(), true)];
        while let Some((k, live)) = work.pop() {
            match seen.get(&k) {
                Some(&was) if was || !live => continue,
                Some(_) => {}
                None => order.push(k.clone()),
            }
            seen.insert(k.clone(), live);
            let live = live && inf.may_run(&k);
            if live {
                inf.live_keys.insert(k.clone());
            }
            let a = inf.analyse(&k, live);
            if k.0 != 0 {
                let r = inf.rets.entry(k.clone()).or_insert(Lat::Bottom);
                // Calling a generator function returns the generator; its `return` values are
                // what its StopIteration carries.
                *r = if is_generator(&hir.funcs[k.0].func) { Lat::Boxed(TySet::OBJECT) } else { r.join(a.ret) };
            }
            work.extend(a.callees.into_iter().map(|c| (c, live)));
        }
        if (inf.rets.clone(), inf.globals.clone(), inf.fields.clone(), inf.reach.clone(), inf.list_items.clone()) == before {
            break order;
        }
        if rounds >= MAX_ROUNDS {
            // An internal error (exit 101), never a silently accepted guess.
            panic!("invariant `inference converges` broken: return and global types still changed after {MAX_ROUNDS} rounds");
        }
    };
    let mut diags = Vec::new();
    let mut module = Module::default();
    let mut source_names = BTreeMap::new();
    let mut sorted = order.clone();
    sorted.sort();
    for k in &sorted {
        let (f, d) = inf.emit(k);
        diags.extend(d);
        let display = hir.shown_name(&hir.funcs[k.0].func.name).to_string();
        if is_generator(&hir.funcs[k.0].func) {
            // Its body runs in the resume function the LIR split makes (decisions/0030).
            source_names.insert(format!("{}{}", f.name, molt_passes::generator::RESUME_SUFFIX), display.clone());
        }
        source_names.insert(f.name.clone(), display);
        module.funcs.push(f);
    }
    for (name, lat) in &inf.globals {
        let ty = match lat {
            Lat::T(t) => *t,
            Lat::Bottom => Type::None,
            Lat::Boxed(_) if !tier0 => Type::TObj,
            Lat::Boxed(_) => {
                let sites = inf.global_sites.get(name).cloned().unwrap_or_default();
                let sp = sites.get(1).or(sites.first()).map(|s| s.1).unwrap_or_default();
                let tys: Vec<&str> = sites.iter().map(|s| s.0.python_name()).collect();
                diags.push(Diagnostic::new("E0103", sp, format!("module variable `{name}` is assigned values of different types ({})", tys.join(", ")))
                    .label("assigned a different type here").help("keep one type per module variable (e.g. convert with float(...)), or drop `--tier 0`"));
                continue;
            }
        };
        module.globals.push(molt_ir::Global { name: name.clone(), ty });
    }
    // Function-binding flags are globals too.
    // (A `def` used as a value has its function object there instead.)
    for f in hir.funcs[1..].iter().filter(|f| !crate::hir::is_synthetic(&f.func.name) && !crate::hir::is_method(&f.func.name) && !f.object_entry) {
        if !inf.globals.contains_key(&f.func.name) {
            module.globals.push(molt_ir::Global { name: f.func.name.clone(), ty: Type::Bool });
        }
    }
    dedup(&mut diags);
    if diags.is_empty() {
        let enables = runtime_enables(&module);
        let dynamic_recursion_limit = hir.funcs.iter().any(|f| {
            f.func.ops_in_order().any(|o| {
                let op = &f.func.ops[o];
                op.opcode == Opcode::PyImportNative && op.expect_enum_attr::<molt_ir::NativeModule>("module") == molt_ir::NativeModule::Sys
            })
        });
        Ok(TirModule { module, source_names, check_defs: !hir.defs_first, enables, dynamic_recursion_limit, module_name: crate::hir::MAIN_NAME.to_string() })
    } else {
        Err(diags)
    }
}

/// The runtime parts the program's ops may reach that must be enabled at start (see
/// `TirModule::enables`), in a fixed order.
/// The runtime's entry point that links native module `m` into the program.
fn module_enable(m: molt_ir::NativeModule) -> crate::abi::RtFn {
    use crate::abi::RtFn;
    use molt_ir::NativeModule as M;
    match m {
        M::Math => RtFn::molt_enable_module_math,
        M::Sys => RtFn::molt_enable_module_sys,
        M::Time => RtFn::molt_enable_module_time,
        M::Typing => RtFn::molt_enable_module_typing,
        M::Random => RtFn::molt_enable_module_random,
        M::Itertools => RtFn::molt_enable_module_itertools,
        M::Collections => RtFn::molt_enable_module_collections,
        M::Heapq => RtFn::molt_enable_module_heapq,
        M::Bisect => RtFn::molt_enable_module_bisect,
        M::Functools => RtFn::molt_enable_module_functools,
        M::Enum => RtFn::molt_enable_module_enum,
        M::Copy => RtFn::molt_enable_module_copy,
        M::Abc => RtFn::molt_enable_module_abc,
        M::Io => RtFn::molt_enable_module_io,
        M::Re => RtFn::molt_enable_module_re,
        M::String => RtFn::molt_enable_module_string,
        M::Operator => RtFn::molt_enable_module_operator,
        M::Contextlib => RtFn::molt_enable_module_contextlib,
        M::Gc => RtFn::molt_enable_module_gc,
        M::Json => RtFn::molt_enable_module_json,
    }
}

fn runtime_enables(module: &Module) -> Vec<crate::abi::RtFn> {
    let mut out: Vec<crate::abi::RtFn> = Vec::new();
    let mut add = |e: crate::abi::RtFn| {
        if !out.contains(&e) {
            out.push(e);
        }
    };
    for f in &module.funcs {
        for o in f.ops_in_order() {
            let op = &f.ops[o];
            if op.opcode == Opcode::TObjBinop && op.enum_attr::<molt_ir::ArithOp>("op") == Some(molt_ir::ArithOp::Mod) {
                add(crate::abi::RtFn::molt_enable_str_mod);
            }
            // The class `bytes` as a value, a bytes literal (`str(b, encoding)` decodes), or a
            // Unicode error class whose objects the program may make itself (their members come
            // with the codecs).
            if op.opcode == Opcode::TBuiltinClass
                && op.attr("name").and_then(Attr::as_str).and_then(crate::builtins::builtin_class) == Some(crate::abi::BuiltinClass::Bytes)
                || op.opcode == Opcode::TConst && matches!(op.attr("value"), Some(Attr::Bytes(_)))
                || ["name", "kind"].iter().any(|a| matches!(op.attr(a).and_then(Attr::as_str), Some("UnicodeDecodeError" | "UnicodeEncodeError")))
            {
                add(crate::abi::RtFn::molt_enable_bytes);
            }
            // A subscript of an object that may be a class (`list[int]`), or a `|` of objects
            // that may be classes (`int | None`).
            if op.opcode == Opcode::TObjGetitem
                || matches!(op.opcode, Opcode::TObjBinop | Opcode::TObjInplaceBinop) && op.enum_attr::<molt_ir::ArithOp>("op") == Some(molt_ir::ArithOp::Or)
            {
                add(crate::abi::RtFn::molt_enable_generic_alias);
            }
            // `dict.fromkeys`, read from the class or called on a value that may be a dict.
            if matches!(op.opcode, Opcode::TObjCallMethod | Opcode::TObjGetattr) && op.attr("name").and_then(Attr::as_str) == Some("fromkeys") {
                add(crate::abi::RtFn::molt_enable_dict_fromkeys);
            }
            // A `class` statement deriving from `dict`, `list` or `tuple`, or from an alias
            // (a namedtuple class enables them when it is made).
            if op.opcode == Opcode::TClassNew
                && let Some(t) = op.operands.first().and_then(|&b| f.defining_op(b))
                && let Some(t) = if f.ops[t].opcode == Opcode::TBox { f.ops[t].operands.first().and_then(|&v| f.defining_op(v)) } else { Some(t) }
                && f.ops[t].opcode == Opcode::TTupleNew
                && f.ops[t].operands.iter().any(|&b| {
                    f.defining_op(b).is_some_and(|d| {
                        f.ops[d].opcode == Opcode::TBuiltinClass
                            && matches!(
                                f.ops[d].attr("name").and_then(Attr::as_str).and_then(crate::builtins::builtin_class),
                                Some(crate::abi::BuiltinClass::Dict | crate::abi::BuiltinClass::List | crate::abi::BuiltinClass::Tuple)
                            )
                            // An alias (`List[int]`, `list[int]`), whose `__mro_entries__` may
                            // be one of them.
                            || f.ops[d].opcode == Opcode::TObjGetitem
                    })
                })
            {
                add(crate::abi::RtFn::molt_enable_builtin_subclasses);
            }
            // A dunder of `dict`, `list` or `tuple` read from the class (`dict.__init__(self)`,
            // `tuple.__new__(cls, items)`).
            if op.opcode == Opcode::TObjGetattr
                && crate::methods::is_container_dunder(op.attr("name").and_then(Attr::as_str).unwrap_or(""))
                && f.defining_op(op.operands[0]).is_some_and(|d| {
                    f.ops[d].opcode == Opcode::TBuiltinClass && matches!(f.ops[d].attr("name").and_then(Attr::as_str), Some("dict" | "list" | "tuple"))
                })
            {
                add(crate::abi::RtFn::molt_enable_builtin_subclasses);
            }
            // The class `slice` as a value, or a slicing of an object that may be an instance of
            // a class (its `__getitem__` gets a slice object).
            if op.opcode == Opcode::TBuiltinClass && op.attr("name").and_then(Attr::as_str) == Some("slice")
                || matches!(op.opcode, Opcode::TObjGetslice | Opcode::TObjSetslice | Opcode::TObjDelslice)
                    && op.operands.first().is_some_and(|&v| matches!(f.values[v].ty, Type::TObj | Type::Obj | Type::Inst(_)))
            {
                add(crate::abi::RtFn::molt_enable_slices);
            }
            // The builtin `input`, or `stdin` read from a module (`sys.stdin`, `from sys import
            // stdin`; any attribute of that name, to be safe): reading the standard input, whose
            // end raises EOFError.
            if op.opcode == Opcode::TBuiltinClass && op.attr("name").and_then(Attr::as_str) == Some("input")
                || op.attr("name").and_then(Attr::as_str) == Some("stdin")
            {
                add(crate::abi::RtFn::molt_enable_stdin);
                add(crate::abi::RtFn::molt_enable_exception_classes);
            }
            // The builtin `open`: files, whose errors are the OSError family.
            if op.opcode == Opcode::TBuiltinClass && op.attr("name").and_then(Attr::as_str) == Some("open") {
                add(crate::abi::RtFn::molt_enable_files);
                add(crate::abi::RtFn::molt_enable_exception_classes);
            }
            // `import m` of a module the runtime implements links it in (decisions/0048).
            if op.opcode == Opcode::TImportNative
                && let Some(m) = op.enum_attr::<molt_ir::NativeModule>("module")
            {
                add(module_enable(m));
            }
            // An exception class beyond the first ones (raised, caught, or a value).
            if ["name", "kind"].iter().any(|a| op.attr(a).and_then(Attr::as_str).is_some_and(crate::builtins::is_later_exception)) {
                add(crate::abi::RtFn::molt_enable_exception_classes);
            }
            // A method of int or float, called or read (`int.from_bytes`).
            if matches!(op.opcode, Opcode::TObjCallMethod | Opcode::TObjGetattr) && crate::methods::is_number_method(op.attr("name").and_then(Attr::as_str).unwrap_or("")) {
                add(crate::abi::RtFn::molt_enable_number_methods);
            }
            // A str method read from the class itself (`key=str.lower`): its method descriptor
            // calls it.
            if op.opcode == Opcode::TObjGetattr
                && f.defining_op(op.operands[0]).is_some_and(|d| f.ops[d].opcode == Opcode::TBuiltinClass && f.ops[d].attr("name").and_then(Attr::as_str) == Some("str"))
                && let Some(g) = crate::methods::str_group(op.attr("name").and_then(Attr::as_str).unwrap_or(""))
            {
                add(g);
            }
            // A dunder of builtin objects named as an attribute or a str constant
            // (`it.__next__()`, `(5).__add__`, `hasattr(x, "__iter__")`).
            if matches!(op.opcode, Opcode::TObjGetattr | Opcode::TObjCallMethod | Opcode::TObjSetattr | Opcode::TObjDelattr)
                && op.attr("name").and_then(Attr::as_str).is_some_and(|n| crate::methods::is_protocol_dunder(n) && dunder_may_be_builtin(n, f.values[op.operands[0]].ty))
                // `getattr` and `hasattr`, whose name may be any.
                || op.opcode == Opcode::TBuiltinClass && matches!(op.attr("name").and_then(Attr::as_str), Some("getattr" | "hasattr"))
            {
                add(crate::abi::RtFn::molt_enable_protocol_methods);
            }
            // `operator.methodcaller`, read from the module or imported from it: it calls a
            // method named at run time, which may be any of str's.
            if op.attr("name").and_then(Attr::as_str) == Some("methodcaller") {
                crate::methods::all_str_groups().for_each(&mut add);
            }
            // A str method on a value that may be a str: called (`x.split()`), read from a str
            // (`f = s.join`), or read from a value that may be one and then called
            // (`x.format(*args)`). Not every read of such a name: `Particle.count` would link the
            // str methods into programs without them.
            let may_be_str = |v: Value, unknown_too: bool| matches!(f.values[v].ty, Type::Str) || unknown_too && matches!(f.values[v].ty, Type::TObj);
            let method = if op.opcode == Opcode::TObjCallMethod && may_be_str(op.operands[0], true)
                || op.opcode == Opcode::TObjGetattr && may_be_str(op.operands[0], false)
            {
                Some(op)
            } else if op.opcode == Opcode::TCallValue {
                op.operands.first().and_then(|&c| f.defining_op(c)).map(|d| &f.ops[d]).filter(|d| d.opcode == Opcode::TObjGetattr && may_be_str(d.operands[0], true))
            } else {
                None
            };
            if let Some(g) = method.and_then(|m| crate::methods::str_group(m.attr("name").and_then(Attr::as_str).unwrap_or(""))) {
                add(g);
            }
        }
    }
    out.sort_by_key(|e| e.name());
    out
}

/// Whether dunder `name` read from a value of type `recv` may be a builtin object's (which the
/// runtime gives once `molt_enable_protocol_methods` ran): not on an instance or class of the
/// program's, and `__init__` / `__new__` only on a value known to be a builtin object
/// (`super().__init__(…)` and `C.__new__(C)` find the classes' or `object`'s own).
fn dunder_may_be_builtin(name: &str, recv: Type) -> bool {
    match recv {
        Type::Inst(_) | Type::Class(_) => false,
        Type::Obj | Type::TObj => !matches!(name, "__init__" | "__new__"),
        Type::List | Type::Str | Type::Tuple(_) | Type::Int | Type::Float | Type::Bool | Type::None | Type::Index | Type::I64 | Type::F64 | Type::I1 | Type::Ptr | Type::Ref => true,
    }
}

fn dedup(d: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    d.retain(|x| seen.insert((x.code, x.span, x.message.clone())));
}

struct Analysis {
    ret: Lat,
    callees: Vec<Key>,
}

impl<'a> Infer<'a> {
    fn func(&self, k: &Key) -> &'a Func {
        &self.hir.funcs[k.0].func
    }

    /// Fixpoint of value types in one instance.
    fn value_types(&self, k: &Key) -> (HashMap<Value, Lat>, Vec<Key>, Lat) {
        let f = self.func(k);
        let mut lat: HashMap<Value, Lat> = HashMap::new();
        for (p, t) in f.params().iter().zip(&k.1) {
            lat.insert(*p, Lat::of_type(*t));
        }
        let get = |lat: &HashMap<Value, Lat>, v: Value| lat.get(&v).copied().unwrap_or(Lat::Bottom);
        let mut callees = Vec::new();
        let mut ret;
        loop {
            let mut changed = false;
            callees.clear();
            ret = Lat::Bottom;
            for op in f.ops_in_order() {
                let o = &f.ops[op];
                let in_lats: Vec<Lat> = o.operands.iter().map(|&v| get(&lat, v)).collect();
                // An op on a known class or its instances, typed or behind class guards
                // (classes.rs), decided once.
                let mut class_op = if in_lats.contains(&Lat::Bottom) {
                    None
                } else {
                    self.known_class_op(o, &in_lats).map(|(r, c)| (r, c.into_iter().collect())).or_else(|| self.class_guarded_op(f, op, &in_lats))
                };
                let results: Vec<Lat> = match o.opcode {
                    Opcode::PyUndef => vec![Lat::Bottom],
                    Opcode::PyLoadGlobal => {
                        let n = o.attr("name").and_then(Attr::as_str).unwrap_or("");
                        vec![self.globals.get(n).copied().unwrap_or(Lat::Bottom)]
                    }
                    Opcode::CfReturn => {
                        if let Some(l) = in_lats.first() {
                            ret = ret.join(*l);
                        }
                        vec![]
                    }
                    Opcode::CfBr | Opcode::CfCondBr | Opcode::CfIfRaised => {
                        for s in &o.successors {
                            for (a, p) in s.args.iter().zip(&f.blocks[s.block].params) {
                                let j = get(&lat, *p).join(get(&lat, *a));
                                if j != get(&lat, *p) {
                                    lat.insert(*p, j);
                                    changed = true;
                                }
                            }
                        }
                        vec![]
                    }
                    Opcode::PyExcFetch => vec![Lat::Boxed(TySet::OBJECT)],
                    // The ops below wait for every operand's type: Bottom until then.
                    Opcode::PyExcMatches | Opcode::PyExcReraise | Opcode::PyExcHandling | Opcode::PyCall | Opcode::PyConst | Opcode::PyBinop | Opcode::PyUnop | Opcode::PyCompare | Opcode::PyTruth | Opcode::PyBuiltin | Opcode::PyMathCall | Opcode::PyFormat | Opcode::PyPrint | Opcode::PyRaiseNew | Opcode::PyExcNew | Opcode::PyRaise | Opcode::PyRaiseFrom | Opcode::PyRaiseActive | Opcode::PyStoreGlobal | Opcode::PyBindFunc | Opcode::PyRangeStart | Opcode::PyRangeValue | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyGetattr | Opcode::PyBuiltinClass | Opcode::PyTuple | Opcode::PyUnpack | Opcode::PySubscript | Opcode::PyContains | Opcode::PyIter | Opcode::PyIterNext
                    | Opcode::PyGetslice | Opcode::PyListExtendStar | Opcode::PyListToTuple | Opcode::PyUnpackEx | Opcode::PyList | Opcode::PyDict | Opcode::PySet | Opcode::PyBuildString | Opcode::PySetitem | Opcode::PyDelitem | Opcode::PySetslice | Opcode::PyDelslice | Opcode::PyInplaceBinop | Opcode::PyCallMethod | Opcode::PyCallValue | Opcode::PyCellNew | Opcode::PyCellGet | Opcode::PyCellSet | Opcode::PyFunctionCell | Opcode::PyCallValueEx | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr | Opcode::PyClassNew | Opcode::PyExcMatchesClass | Opcode::PyMatchShape | Opcode::PyMatchClass | Opcode::PyMatchKeys | Opcode::PyWithEnter | Opcode::PyWithExit | Opcode::PyImportNative | Opcode::PyImportUser | Opcode::PyImportFrom | Opcode::PyDeleteGlobal | Opcode::PyReturnGenerator | Opcode::PyCheckBound | Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyYield | Opcode::PyYieldFromSend | Opcode::PyMakeFunction | Opcode::CfUnwind | Opcode::CfUnreachable | molt_ir::t_ops!() | molt_ir::l_ops!()
                        if in_lats.contains(&Lat::Bottom) =>
                    {
                        vec![Lat::Bottom; o.results.len()]
                    }
                    // The classes the compiler knows (classes.rs).
                    Opcode::PyClassNew | Opcode::PyCallValue | Opcode::PyCallMethod | Opcode::PyGetattr | Opcode::PySetattr if class_op.is_some() => {
                        let (results, callee): (Vec<Lat>, Vec<Key>) = class_op.take().unwrap_or_default();
                        callees.extend(callee);
                        results
                    }
                    Opcode::PyExcMatches => vec![Lat::T(Type::Bool)],
                    Opcode::PyExcReraise | Opcode::PyExcHandling => vec![],
                    Opcode::PyMakeFunction => {
                        callees.extend(self.object_entry_key(o));
                        vec![Lat::Boxed(TySet::OBJECT)]
                    }
                    Opcode::PyCall => {
                        let tys: Vec<Type> = in_lats.iter().filter_map(|l| l.ty()).collect();
                        match self.callee(o) {
                            Some(ci) if self.hir.funcs[ci].params.len() == tys.len() => {
                                let key = (ci, tys);
                                let r = self.rets.get(&key).copied().unwrap_or(Lat::Bottom);
                                callees.push(key);
                                vec![r]
                            }
                            _ => vec![Lat::Bottom],
                        }
                    }
                    Opcode::PyConst | Opcode::PyBinop | Opcode::PyUnop | Opcode::PyCompare | Opcode::PyTruth | Opcode::PyBuiltin | Opcode::PyMathCall | Opcode::PyFormat | Opcode::PyPrint | Opcode::PyRaiseNew | Opcode::PyExcNew | Opcode::PyRaise | Opcode::PyRaiseFrom | Opcode::PyRaiseActive | Opcode::PyStoreGlobal | Opcode::PyBindFunc | Opcode::PyRangeStart | Opcode::PyRangeValue | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyGetattr | Opcode::PyBuiltinClass | Opcode::PyTuple | Opcode::PyUnpack | Opcode::PySubscript | Opcode::PyContains | Opcode::PyIter | Opcode::PyIterNext
                    | Opcode::PyGetslice | Opcode::PyListExtendStar | Opcode::PyListToTuple | Opcode::PyUnpackEx | Opcode::PyList | Opcode::PyDict | Opcode::PySet | Opcode::PyBuildString | Opcode::PySetitem | Opcode::PyDelitem | Opcode::PySetslice | Opcode::PyDelslice | Opcode::PyInplaceBinop | Opcode::PyCallMethod | Opcode::PyCallValue | Opcode::PyCellNew | Opcode::PyCellGet | Opcode::PyCellSet | Opcode::PyFunctionCell | Opcode::PyCallValueEx | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr | Opcode::PyClassNew | Opcode::PyExcMatchesClass | Opcode::PyMatchShape | Opcode::PyMatchClass | Opcode::PyMatchKeys | Opcode::PyWithEnter | Opcode::PyWithExit | Opcode::PyImportNative | Opcode::PyImportUser | Opcode::PyImportFrom | Opcode::PyDeleteGlobal | Opcode::PyReturnGenerator | Opcode::PyCheckBound | Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyYield | Opcode::PyYieldFromSend | Opcode::CfUnwind | Opcode::CfUnreachable | molt_ir::t_ops!() | molt_ir::l_ops!() => rules::result_lats(f, op, &in_lats, self.tier0).0,
                };
                // An item read from a list whose items inference proved of one type.
                let mut results = results;
                if !in_lats.contains(&Lat::Bottom)
                    && let Some(l) = list_items::read(&self.list_groups, &self.list_items, k.0, o, &in_lats)
                {
                    results[0] = l;
                }
                for (r, l) in o.results.iter().zip(results) {
                    let j = get(&lat, *r).join(l);
                    if get(&lat, *r) != j {
                        lat.insert(*r, j);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        (lat, callees, ret)
    }

    /// What an op on a known class or its instances gives (its result lattice values, and the
    /// instance it calls), when it is not the generic operation.
    fn known_class_op(&self, o: &molt_ir::OpData, ins: &[Lat]) -> Option<(Vec<Lat>, Option<Key>)> {
        let op = o.opcode;
        if op == Opcode::PyClassNew {
            self.class_of_new(o).map(|n| (vec![Lat::T(Type::Class(n))], None))
        } else if op == Opcode::PyCallValue {
            self.construct(o, ins).map(|c| (vec![Lat::T(Type::Inst(c.class))], c.init))
        } else if op == Opcode::PyCallMethod {
            self.direct_method(o, ins).map(|k| (vec![self.rets.get(&k).copied().unwrap_or(Lat::Bottom)], Some(k)))
        } else if op == Opcode::PyGetattr {
            // A slot holds a boxed value of one of the types stored there.
            self.field(o, ins).map(|_| (vec![self.field_lat(o, ins)], None))
        } else if op == Opcode::PySetattr {
            self.field(o, ins).map(|_| (vec![], None))
        } else if op == Opcode::PyTruth {
            // An instance of a class that defines neither `__bool__` nor `__len__` is true.
            let c = classes::instance_number(*ins.first()?)?;
            self.hir.shapes.classes[c as usize].plain_truth.then(|| (vec![Lat::T(Type::Bool)], None))
        } else {
            None
        }
    }

    /// What an op on a boxed value gives when guards try the known classes first
    /// (`class_candidates`): the join of each class's typed path and the generic operation's
    /// results, and the instances the typed paths call. None when no class is tried.
    fn class_guarded_op(&self, f: &Func, op: molt_ir::OpId, ins: &[Lat]) -> Option<(Vec<Lat>, Vec<Key>)> {
        let o = &f.ops[op];
        let cands = self.class_candidates(o, ins);
        if cands.is_empty() {
            return None;
        }
        let (mut results, _) = rules::result_lats(f, op, ins, self.tier0);
        let mut callees = Vec::new();
        for c in cands {
            let mut typed = ins.to_vec();
            typed[0] = Lat::T(Type::Inst(c));
            let (rs, callee) = self.known_class_op(o, &typed)?;
            for (r, l) in results.iter_mut().zip(rs) {
                *r = r.join(l);
            }
            callees.extend(callee);
        }
        // The typed paths' results are boxed at the join, but for a truth test (a bool on
        // every path, `Emitter::class_guarded`).
        let results = results.into_iter().map(|l| if l.is_boxed() || o.opcode == Opcode::PyTruth { l } else { Lat::boxed(l.members()) }).collect();
        Some((results, callees))
    }

    /// The instance of a function object's code that a `py.make_function` makes the object of:
    /// every parameter boxed (the function object, then the bound parameters, which the runtime
    /// binds, `molt_function_new`).
    fn object_entry_key(&self, o: &molt_ir::OpData) -> Option<Key> {
        let n = o.attr("func").and_then(Attr::as_str)?;
        let k = self.hir.func_index(n)?;
        let f = &self.hir.funcs[k].func;
        let count = f.entry().map_or(0, |e| f.blocks[e].params.len());
        Some((k, vec![Type::TObj; count]))
    }

    /// The instance of a function object's code that call `op` of HIR function `func` runs
    /// directly (`direct_calls`, decisions/0057): every parameter boxed.
    fn direct_call(&self, func: usize, op: molt_ir::OpId) -> Option<Key> {
        self.direct_calls.get(&(func, op)).map(|&(code, n)| (code, vec![Type::TObj; n]))
    }

    fn callee(&self, o: &molt_ir::OpData) -> Option<usize> {
        let n = o.attr("callee").and_then(Attr::as_str)?;
        self.hir.func_index(n)
    }

    /// Analyses instance `k`; `live`: it may run (its stores and lookups count).
    fn analyse(&mut self, k: &Key, live: bool) -> Analysis {
        self.guards.set(live);
        let (lat, callees, ret) = self.value_types(k);
        self.value_lats.insert(k.clone(), lat);
        let lat = &self.value_lats[k];
        let f = self.func(k);
        let mut reach = self.reach.clone();
        let bases_tuples: HashSet<Value> =
            f.ops_in_order().filter(|&o| f.ops[o].opcode == Opcode::PyClassNew).filter_map(|o| f.ops[o].operands.first().copied()).collect();
        for op in f.ops_in_order() {
            let o = &f.ops[op];
            let ins: Vec<Lat> = o.operands.iter().map(|v| lat.get(v).copied().unwrap_or(Lat::Bottom)).collect();
            if live {
                // A class's bases tuple only makes the subclass (`Shapes` knows which subclasses
                // are unknown).
                let bases = o.opcode == Opcode::PyTuple && o.results.first().is_some_and(|r| bases_tuples.contains(r));
                reach.note(self, o, &ins, bases);
            }
            for (g, l) in list_items::stores(&self.list_groups, &self.list_items, k.0, f, o, &ins) {
                let items = self.list_items.entry(g).or_insert(Lat::Bottom);
                *items = items.join(l);
            }
            // A store in the function object of a known class's method that no generic code
            // can run stores nothing (its direct code's stores are seen where they are).
            if o.opcode == Opcode::PySetattr && live {
                let class = self.field(o, &ins).and_then(|_| match ins[0] {
                    Lat::T(Type::Inst(c)) => Some(c),
                    Lat::T(_) | Lat::Boxed(_) | Lat::Bottom => None,
                });
                let name = o.attr("name").and_then(Attr::as_str).unwrap_or("").to_string();
                let f = self.fields.entry((class, name)).or_insert(Lat::Bottom);
                *f = f.join(ins[1]);
            }
            // A `def` used as a value stores its function object in the name's module variable.
            if o.opcode == Opcode::PyStoreGlobal || (o.opcode == Opcode::PyBindFunc && !o.operands.is_empty()) {
                let n = o.attr("name").and_then(Attr::as_str).unwrap_or("").to_string();
                let l = lat.get(&o.operands[0]).copied().unwrap_or(Lat::Bottom);
                if let Some(t) = l.ty() {
                    let sites = self.global_sites.entry(n.clone()).or_default();
                    if !sites.iter().any(|s| s.0 == t) {
                        sites.push((t, o.span));
                    }
                }
                let g = self.globals.entry(n).or_insert(Lat::Bottom);
                *g = g.join(l);
            }
        }
        self.reach = reach;
        Analysis { ret, callees }
    }

    /// A function whose returns have different types: the first return that differs (`None`
    /// when the conflict is in a returned value, reported where that value's types meet).
    fn return_conflict(&self, f: &Func, lat: &HashMap<Value, Lat>) -> Option<Diagnostic> {
        let mut first: Option<Type> = None;
        for op in f.ops_in_order() {
            let o = &f.ops[op];
            if o.opcode != Opcode::CfReturn {
                continue;
            }
            let Some(Lat::T(t)) = o.operands.first().and_then(|v| lat.get(v)).copied() else { continue };
            match first {
                None => first = Some(t),
                Some(f0) if f0 != t => {
                    let implicit = o.span.start == o.span.end;
                    let name = &f.name;
                    return Some(Diagnostic::new("E0103", o.span, format!("`{name}` returns `{}` on one path and `{}` on another", f0.python_name(), t.python_name()))
                        .label(if implicit { "the end of the function returns None".to_string() } else { format!("returns a `{}` here", t.python_name()) })
                        .help("return the same type on every path (convert with float(...), or return a value at the end)"));
                }
                Some(_) => {}
            }
        }
        // Every return has one type: the conflict came from a value reported where it arose.
        None
    }

    /// Where a value of a second type flows into a conflicting block param: the definition of
    /// that value (or the branch passing it), with the types seen.
    fn conflict_site(&self, f: &Func, p: Value, lat: &HashMap<Value, Lat>) -> (Span, Vec<Type>) {
        let mut tys = Vec::new();
        let mut sp = f.span;
        for op in f.ops_in_order() {
            for s in &f.ops[op].successors {
                if let Some(i) = f.blocks[s.block].params.iter().position(|&x| x == p) {
                    let arg = s.args[i];
                    if let Some(Lat::T(t)) = lat.get(&arg).copied()
                        && !tys.contains(&t) {
                            tys.push(t);
                            sp = match f.values[arg].def {
                                ValueDef::Result(d, _) if f.ops[d].span != Span::default() => f.ops[d].span,
                                _ => f.ops[op].span,
                            };
                        }
                }
            }
        }
        (sp, tys)
    }
}


/// The recursion checks CPython 3.11 makes when it runs the builtin op `o` calls (declared with
/// the builtin in `builtins.rs`); none for other ops.
fn builtin_recursion_levels(o: &molt_ir::OpData) -> &'static [(i64, &'static str)] {
    let builtin = match o.opcode {
        Opcode::PyPrint => Some(BuiltinId::Print),
        Opcode::PyRangeStart => Some(BuiltinId::Range),
        Opcode::PyBuiltin => BuiltinId::of_op(o.expect_enum_attr::<Builtin>("name")),
        // Not calls of builtins: no checks of their own (`math`'s functions make none).
        Opcode::PyMathCall | Opcode::PyConst | Opcode::PyUndef | Opcode::PyBinop | Opcode::PyUnop | Opcode::PyCompare | Opcode::PyTruth | Opcode::PyCall
        | Opcode::PyRaiseNew | Opcode::PyExcNew | Opcode::PyRaise | Opcode::PyRaiseFrom | Opcode::PyRaiseActive | Opcode::PyExcFetch
        | Opcode::PyExcMatches | Opcode::PyExcReraise | Opcode::PyExcHandling | Opcode::PyLoadGlobal | Opcode::PyStoreGlobal
        | Opcode::PyBindFunc | Opcode::PyRangeValue | Opcode::PyRangeCond | Opcode::PyRangeNext | Opcode::PyGetattr
        | Opcode::PyBuiltinClass | Opcode::PyTuple | Opcode::PyUnpack | Opcode::PySubscript | Opcode::PyContains | Opcode::PyIter
        | Opcode::PyIterNext | Opcode::PyFormat | Opcode::PyGetslice | Opcode::PyListExtendStar | Opcode::PyListToTuple | Opcode::PyUnpackEx | Opcode::PyList | Opcode::PyDict | Opcode::PySet | Opcode::PyBuildString | Opcode::PySetitem | Opcode::PyDelitem | Opcode::PySetslice | Opcode::PyDelslice | Opcode::PyInplaceBinop | Opcode::PyCallMethod | Opcode::PyMakeFunction | Opcode::PyCallValue | Opcode::PyCellNew | Opcode::PyCellGet | Opcode::PyCellSet | Opcode::PyFunctionCell | Opcode::PyCallValueEx | Opcode::PyKwargsMerge | Opcode::PyDictUpdate | Opcode::PySetattr | Opcode::PyDelattr | Opcode::PyClassNew | Opcode::PyExcMatchesClass | Opcode::PyMatchShape | Opcode::PyMatchClass | Opcode::PyMatchKeys | Opcode::PyWithEnter | Opcode::PyWithExit | Opcode::PyImportNative | Opcode::PyImportUser | Opcode::PyImportFrom | Opcode::PyDeleteGlobal | Opcode::PyReturnGenerator | Opcode::PyCheckBound | Opcode::PyRelease | Opcode::PyDeleteVar | Opcode::PyYield | Opcode::PyYieldFromSend => None,
        molt_ir::cf_ops!() | molt_ir::t_ops!() | molt_ir::l_ops!() => None,
    };
    builtin.map_or(&[], |b| b.decl().recursion)
}

fn conflict_diag(var: Option<&str>, (sp, tys): (Span, Vec<Type>)) -> Diagnostic {
    let shown: Vec<&str> = tys.iter().map(|t| t.python_name()).collect();
    match var {
        Some(var) => Diagnostic::new("E0103", sp, format!("`{var}` has different types on different paths ({})", shown.join(" and ")))
            .label(format!("`{var}` is {} here, {} on another path", shown.last().unwrap_or(&"?"), shown.first().unwrap_or(&"?")))
            .help("give the variable one type on every path (e.g. convert with float(...)), or use two variables"),
        None => Diagnostic::new("E0103", sp, format!("this expression has a different type depending on the path taken ({})", shown.join(" or ")))
            .label(format!("can be {}", shown.join(" or ")))
            .help("make both alternatives the same type, e.g. convert with float(...)"),
    }
}


pub const MAIN: &str = MODULE_FUNC;
