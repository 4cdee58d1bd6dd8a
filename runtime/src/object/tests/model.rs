//! The object model itself: layout, ABI symbols, reference counts, allocation accounting (with
//! the float free list), and the C functions' raising convention. Expected values were taken from
//! python3 runs.

use std::string::String;

use super::{eval_line, operand, show_obj};
use crate::exceptions::{clear_exception, take_exception, test_lock};
use crate::object::alloc::{HeapKind, object_report_json, stats};
use crate::object::singletons::{molt_false, molt_none, molt_true};
use crate::object::{Obj, SMALL_MAX, SMALL_MIN, decref, float, incref, int, str};
use crate::print::take_buffered;
use crate::*;

/// The pending exception as `Kind: message`, cleared.
fn taken() -> String {
    let e = take_exception().expect("an exception is pending");
    format!("{}: {}", e.kind_name(), e.message)
}

#[test]
fn object_symbols_are_the_runtime_statics() {
    let addrs = crate::abi_object_symbols::addresses();
    let names: Vec<&str> = addrs.iter().map(|a| a.0).collect();
    assert_eq!(names, ABI_OBJECT_NAMES);
    assert_eq!(
        names,
        [
            "molt_none",
            "molt_true",
            "molt_false",
            "molt_not_implemented",
            "molt_ellipsis",
            "molt_type_int",
            "molt_type_float",
            "molt_type_str",
            "molt_type_tuple",
            "molt_type_list",
            "molt_type_dict",
            "molt_type_set",
            "molt_type_frozenset",
            "molt_iter_done"
        ]
    );
    for (name, linked, rust) in addrs {
        assert_eq!(
            linked, rust,
            "{name} is not the runtime's #[no_mangle] static"
        );
        assert_eq!(linked % 8, 0, "{name} is not 8-aligned");
    }
}

#[test]
fn enums_round_trip() {
    for &op in BinaryOp::ALL {
        assert_eq!(BinaryOp::from_code(op.code()), Some(op));
    }
    assert_eq!(BinaryOp::ALL.len(), 12);
    assert_eq!(BinaryOp::from_code(12), None);
    assert_eq!(BinaryOp::from_code(-1), None);
    assert_eq!(UnaryOp::from_code(3), Some(UnaryOp::Abs));
    assert_eq!(CompareOp::from_code(5), Some(CompareOp::Ge));
    assert_eq!(CompareOp::Eq.code(), 2);
    assert_eq!(
        ExceptionKind::from_code(9),
        Some(ExceptionKind::MemoryError)
    );
}

#[test]
fn small_int_words() {
    assert_eq!(SMALL_MIN, -(1 << 62));
    assert_eq!(SMALL_MAX, (1 << 62) - 1);
    for v in [0, 1, -1, SMALL_MIN, SMALL_MAX, 12345] {
        let o = Obj::small(v).unwrap();
        assert_eq!(o.raw(), (v << 1) as u64);
        assert_eq!(o.small_value(), Some(v));
        assert!(o.type_of().is(&molt_type_int));
        assert_eq!(o.refcount(), None);
    }
    assert_eq!(Obj::small(SMALL_MAX + 1), None);
    assert_eq!(Obj::small(SMALL_MIN - 1), None);
    // Results are normalised: 2^62 is big, 2^62 - 1 small again.
    let big = int::from_i64(SMALL_MAX + 1).unwrap();
    assert!(!big.is_small());
    let one = Obj::small(1).unwrap();
    let back = crate::object::dispatch::binary_op(BinaryOp::Sub, big, one).unwrap();
    assert_eq!(back.small_value(), Some(SMALL_MAX));
    let neg = crate::object::dispatch::unary_op(UnaryOp::Neg, big).unwrap();
    assert_eq!(neg.small_value(), Some(SMALL_MIN));
    unsafe { decref(big) };
    // -(2^62) is small; its negation is not.
    let m = Obj::small(SMALL_MIN).unwrap();
    let r = crate::object::dispatch::unary_op(UnaryOp::Neg, m).unwrap();
    assert!(!r.is_small());
    assert_eq!(show_obj(Ok(r)), "int:4611686018427387904");
}

#[test]
fn header_layout_as_generated_code_reads_it() {
    let f = float::box_float(2.5).unwrap();
    let addr = (f.raw() - OBJ_TAG as u64) as usize;
    assert_eq!(f.raw() & 1, 1);
    assert_eq!(addr % 8, 0);
    unsafe {
        let rc = *((addr + OBJ_RC_OFFSET as usize) as *const i64);
        let ty = *((addr + OBJ_TYPE_OFFSET as usize) as *const usize);
        let value = *((addr + FLOAT_VALUE_OFFSET as usize) as *const f64);
        assert_eq!(rc, 1);
        assert_eq!(ty, core::ptr::addr_of!(molt_type_float) as usize);
        assert_eq!(value, 2.5);
        decref(f);
    }
    for (o, name) in [
        (Obj::from_static(&molt_none), "NoneType"),
        (Obj::from_static(&molt_true), "bool"),
        (Obj::from_static(&molt_false), "bool"),
        (Obj::from_static(&molt_type_int), "type"),
        (Obj::from_static(&molt_type_str), "type"),
    ] {
        assert_eq!(o.type_of().name, name);
        assert!(o.refcount().unwrap() > IMMORTAL_RC / 2);
    }
    assert_eq!(molt_type_int.name, "int");
    assert_eq!(
        crate::object::singletons::TYPE_BOOL.base.unwrap().name,
        "int"
    );
}

#[test]
fn reference_counts_and_dealloc() {
    let before = stats(HeapKind::Float);
    let f = molt_box_float(1.5);
    assert_eq!(stats(HeapKind::Float).allocations, before.allocations + 1);
    assert_eq!(stats(HeapKind::Float).live, before.live + 1);
    incref(f);
    assert_eq!(f.refcount(), Some(2));
    unsafe { decref(f) };
    assert_eq!(f.refcount(), Some(1));
    // What generated code does: decrement inline, call molt_obj_dealloc at zero.
    let h = f.header_ptr().unwrap();
    unsafe { (*h).rc.store(0, core::sync::atomic::Ordering::Relaxed) };
    molt_obj_dealloc(f);
    assert_eq!(stats(HeapKind::Float).live, before.live);
    // Small ints and static objects are ignored.
    molt_obj_dealloc(Obj::small(5).unwrap());
    molt_obj_dealloc(Obj::from_static(&molt_none));
    assert!(Obj::from_static(&molt_none).refcount().unwrap() > 0);
}

#[test]
fn allocation_report_counts_per_type() {
    // A fresh thread: the counts (per thread in tests) start at zero.
    std::thread::spawn(|| {
        assert_eq!(object_report_json(), "{\"allocations\": {\"int\": 0, \"float\": 0, \"str\": 0, \"BaseException\": 0, \"tuple\": 0, \"tuple_iterator\": 0, \"str_ascii_iterator\": 0, \"str_iterator\": 0, \"list\": 0, \"list_iterator\": 0, \"range\": 0, \"range_iterator\": 0, \"longrange_iterator\": 0, \"enumerate\": 0, \"zip\": 0, \"reversed\": 0, \"list_reverseiterator\": 0, \"dict\": 0, \"dict_keys\": 0, \"dict_values\": 0, \"dict_items\": 0, \"dict_keyiterator\": 0, \"dict_valueiterator\": 0, \"dict_itemiterator\": 0, \"set\": 0, \"frozenset\": 0, \"set_iterator\": 0, \"function\": 0, \"cell\": 0, \"map\": 0, \"filter\": 0, \"object\": 0, \"type\": 0, \"instance\": 0, \"method\": 0, \"builtin_method\": 0, \"staticmethod\": 0, \"classmethod\": 0, \"property\": 0, \"super\": 0, \"iterator\": 0, \"module\": 0, \"_GenericAlias\": 0, \"TypeVar\": 0, \"random.Random\": 0, \"itertools\": 0, \"generator\": 0, \"collections_dict\": 0, \"collections.deque\": 0, \"_collections._deque_iterator\": 0, \"functools\": 0, \"operator\": 0, \"bytes\": 0, \"bytes_iterator\": 0, \"slice\": 0, \"file\": 0, \"stringio\": 0, \"re\": 0, \"str_builder\": 0}, \"live\": {\"int\": 0, \"float\": 0, \"str\": 0, \"BaseException\": 0, \"tuple\": 0, \"tuple_iterator\": 0, \"str_ascii_iterator\": 0, \"str_iterator\": 0, \"list\": 0, \"list_iterator\": 0, \"range\": 0, \"range_iterator\": 0, \"longrange_iterator\": 0, \"enumerate\": 0, \"zip\": 0, \"reversed\": 0, \"list_reverseiterator\": 0, \"dict\": 0, \"dict_keys\": 0, \"dict_values\": 0, \"dict_items\": 0, \"dict_keyiterator\": 0, \"dict_valueiterator\": 0, \"dict_itemiterator\": 0, \"set\": 0, \"frozenset\": 0, \"set_iterator\": 0, \"function\": 0, \"cell\": 0, \"map\": 0, \"filter\": 0, \"object\": 0, \"type\": 0, \"instance\": 0, \"method\": 0, \"builtin_method\": 0, \"staticmethod\": 0, \"classmethod\": 0, \"property\": 0, \"super\": 0, \"iterator\": 0, \"module\": 0, \"_GenericAlias\": 0, \"TypeVar\": 0, \"random.Random\": 0, \"itertools\": 0, \"generator\": 0, \"collections_dict\": 0, \"collections.deque\": 0, \"_collections._deque_iterator\": 0, \"functools\": 0, \"operator\": 0, \"bytes\": 0, \"bytes_iterator\": 0, \"slice\": 0, \"file\": 0, \"stringio\": 0, \"re\": 0, \"str_builder\": 0}}\n");
        let a = float::box_float(1.0).unwrap();
        let b = float::box_float(2.0).unwrap();
        let s = str::str_from_text("abc").unwrap();
        let e = str::str_from_text("").unwrap(); // the static empty str
        let i = int::from_i64(i64::MAX).unwrap();
        let j = int::from_i64(7).unwrap(); // small: no allocation
        unsafe {
            decref(a);
            decref(s);
            decref(e);
            decref(j);
        }
        assert_eq!(object_report_json(), "{\"allocations\": {\"int\": 1, \"float\": 2, \"str\": 1, \"BaseException\": 0, \"tuple\": 0, \"tuple_iterator\": 0, \"str_ascii_iterator\": 0, \"str_iterator\": 0, \"list\": 0, \"list_iterator\": 0, \"range\": 0, \"range_iterator\": 0, \"longrange_iterator\": 0, \"enumerate\": 0, \"zip\": 0, \"reversed\": 0, \"list_reverseiterator\": 0, \"dict\": 0, \"dict_keys\": 0, \"dict_values\": 0, \"dict_items\": 0, \"dict_keyiterator\": 0, \"dict_valueiterator\": 0, \"dict_itemiterator\": 0, \"set\": 0, \"frozenset\": 0, \"set_iterator\": 0, \"function\": 0, \"cell\": 0, \"map\": 0, \"filter\": 0, \"object\": 0, \"type\": 0, \"instance\": 0, \"method\": 0, \"builtin_method\": 0, \"staticmethod\": 0, \"classmethod\": 0, \"property\": 0, \"super\": 0, \"iterator\": 0, \"module\": 0, \"_GenericAlias\": 0, \"TypeVar\": 0, \"random.Random\": 0, \"itertools\": 0, \"generator\": 0, \"collections_dict\": 0, \"collections.deque\": 0, \"_collections._deque_iterator\": 0, \"functools\": 0, \"operator\": 0, \"bytes\": 0, \"bytes_iterator\": 0, \"slice\": 0, \"file\": 0, \"stringio\": 0, \"re\": 0, \"str_builder\": 0}, \"live\": {\"int\": 1, \"float\": 1, \"str\": 0, \"BaseException\": 0, \"tuple\": 0, \"tuple_iterator\": 0, \"str_ascii_iterator\": 0, \"str_iterator\": 0, \"list\": 0, \"list_iterator\": 0, \"range\": 0, \"range_iterator\": 0, \"longrange_iterator\": 0, \"enumerate\": 0, \"zip\": 0, \"reversed\": 0, \"list_reverseiterator\": 0, \"dict\": 0, \"dict_keys\": 0, \"dict_values\": 0, \"dict_items\": 0, \"dict_keyiterator\": 0, \"dict_valueiterator\": 0, \"dict_itemiterator\": 0, \"set\": 0, \"frozenset\": 0, \"set_iterator\": 0, \"function\": 0, \"cell\": 0, \"map\": 0, \"filter\": 0, \"object\": 0, \"type\": 0, \"instance\": 0, \"method\": 0, \"builtin_method\": 0, \"staticmethod\": 0, \"classmethod\": 0, \"property\": 0, \"super\": 0, \"iterator\": 0, \"module\": 0, \"_GenericAlias\": 0, \"TypeVar\": 0, \"random.Random\": 0, \"itertools\": 0, \"generator\": 0, \"collections_dict\": 0, \"collections.deque\": 0, \"_collections._deque_iterator\": 0, \"functools\": 0, \"operator\": 0, \"bytes\": 0, \"bytes_iterator\": 0, \"slice\": 0, \"file\": 0, \"stringio\": 0, \"re\": 0, \"str_builder\": 0}}\n");
        unsafe {
            decref(b);
            decref(i);
        }
        assert_eq!(stats(HeapKind::Int).live, 0);
        assert_eq!(stats(HeapKind::Float).live, 0);
    })
    .join()
    .unwrap();
}

#[test]
fn float_free_list_reuses_blocks_and_keeps_the_counts() {
    use crate::object::alloc::{FLOAT_FREE_LIST_MAX, KindStats, float_free_list_len};
    // A fresh thread: its counts and its free list (per thread in tests) start empty.
    std::thread::spawn(|| {
        let floats = |allocations, live| {
            assert_eq!(stats(HeapKind::Float), KindStats { allocations, live });
        };
        assert_eq!(float_free_list_len(), 0);
        let a = float::box_float(1.0).unwrap();
        let addr = a.raw();
        unsafe { decref(a) };
        assert_eq!(float_free_list_len(), 1);
        floats(1, 0); // a kept block is not live
        // The next float takes the kept block: counted as a new allocation, fully initialised.
        let b = float::box_float(2.5).unwrap();
        assert_eq!(b.raw(), addr);
        assert_eq!(float_free_list_len(), 0);
        assert_eq!(float::float_value(b), Some(2.5));
        assert_eq!(b.refcount(), Some(1));
        assert!(b.type_of().is(&molt_type_float));
        floats(2, 1);
        // What generated code does at zero also keeps the block.
        unsafe { (*b.header_ptr().unwrap()).rc.store(0, core::sync::atomic::Ordering::Relaxed) };
        molt_obj_dealloc(b);
        assert_eq!(float_free_list_len(), 1);
        floats(2, 0);
        // Ints and strs never enter or leave the list.
        let i = int::from_i64(i64::MAX).unwrap();
        let s = str::str_from_text("abc").unwrap();
        assert_eq!(float_free_list_len(), 1);
        unsafe {
            decref(i);
            decref(s);
        }
        assert_eq!(float_free_list_len(), 1);
        assert_eq!(stats(HeapKind::Int).live, 0);
        assert_eq!(stats(HeapKind::Str).live, 0);
        // Bounded: of 150 freed floats the list keeps the first 100 and returns them last in,
        // first out; the other 50 go back to malloc.
        let n = FLOAT_FREE_LIST_MAX + 50;
        let first: Vec<Obj> = (0..n).map(|k| float::box_float(k as f64).unwrap()).collect();
        assert_eq!(float_free_list_len(), 0);
        floats(2 + n as u64, n as i64);
        for f in &first {
            unsafe { decref(*f) };
        }
        assert_eq!(float_free_list_len(), FLOAT_FREE_LIST_MAX);
        floats(2 + n as u64, 0);
        let second: Vec<Obj> = (0..n).map(|k| float::box_float(-(k as f64)).unwrap()).collect();
        let reused: Vec<u64> = second[..FLOAT_FREE_LIST_MAX].iter().map(|f| f.raw()).collect();
        let kept: Vec<u64> = first[..FLOAT_FREE_LIST_MAX].iter().rev().map(|f| f.raw()).collect();
        assert_eq!(reused, kept);
        assert_eq!(float_free_list_len(), 0);
        floats(2 + 2 * n as u64, n as i64);
        for (k, f) in second.iter().enumerate() {
            assert_eq!(float::float_value(*f), Some(-(k as f64)));
            unsafe { decref(*f) };
        }
        floats(2 + 2 * n as u64, 0);
        assert_eq!(float_free_list_len(), FLOAT_FREE_LIST_MAX);
        assert_eq!(object_report_json(), format!("{{\"allocations\": {{\"int\": 1, \"float\": {}, \"str\": 1, \"BaseException\": 0, \"tuple\": 0, \"tuple_iterator\": 0, \"str_ascii_iterator\": 0, \"str_iterator\": 0, \"list\": 0, \"list_iterator\": 0, \"range\": 0, \"range_iterator\": 0, \"longrange_iterator\": 0, \"enumerate\": 0, \"zip\": 0, \"reversed\": 0, \"list_reverseiterator\": 0, \"dict\": 0, \"dict_keys\": 0, \"dict_values\": 0, \"dict_items\": 0, \"dict_keyiterator\": 0, \"dict_valueiterator\": 0, \"dict_itemiterator\": 0, \"set\": 0, \"frozenset\": 0, \"set_iterator\": 0, \"function\": 0, \"cell\": 0, \"map\": 0, \"filter\": 0, \"object\": 0, \"type\": 0, \"instance\": 0, \"method\": 0, \"builtin_method\": 0, \"staticmethod\": 0, \"classmethod\": 0, \"property\": 0, \"super\": 0, \"iterator\": 0, \"module\": 0, \"_GenericAlias\": 0, \"TypeVar\": 0, \"random.Random\": 0, \"itertools\": 0, \"generator\": 0, \"collections_dict\": 0, \"collections.deque\": 0, \"_collections._deque_iterator\": 0, \"functools\": 0, \"operator\": 0, \"bytes\": 0, \"bytes_iterator\": 0, \"slice\": 0, \"file\": 0, \"stringio\": 0, \"re\": 0, \"str_builder\": 0}}, \"live\": {{\"int\": 0, \"float\": 0, \"str\": 0, \"BaseException\": 0, \"tuple\": 0, \"tuple_iterator\": 0, \"str_ascii_iterator\": 0, \"str_iterator\": 0, \"list\": 0, \"list_iterator\": 0, \"range\": 0, \"range_iterator\": 0, \"longrange_iterator\": 0, \"enumerate\": 0, \"zip\": 0, \"reversed\": 0, \"list_reverseiterator\": 0, \"dict\": 0, \"dict_keys\": 0, \"dict_values\": 0, \"dict_items\": 0, \"dict_keyiterator\": 0, \"dict_valueiterator\": 0, \"dict_itemiterator\": 0, \"set\": 0, \"frozenset\": 0, \"set_iterator\": 0, \"function\": 0, \"cell\": 0, \"map\": 0, \"filter\": 0, \"object\": 0, \"type\": 0, \"instance\": 0, \"method\": 0, \"builtin_method\": 0, \"staticmethod\": 0, \"classmethod\": 0, \"property\": 0, \"super\": 0, \"iterator\": 0, \"module\": 0, \"_GenericAlias\": 0, \"TypeVar\": 0, \"random.Random\": 0, \"itertools\": 0, \"generator\": 0, \"collections_dict\": 0, \"collections.deque\": 0, \"_collections._deque_iterator\": 0, \"functools\": 0, \"operator\": 0, \"bytes\": 0, \"bytes_iterator\": 0, \"slice\": 0, \"file\": 0, \"stringio\": 0, \"re\": 0, \"str_builder\": 0}}}}\n", 2 + 2 * n));
    })
    .join()
    .unwrap();
}

#[test]
fn report_file_and_environment() {
    assert_eq!(
        crate::sys::getenv(c"PATH").map(|p| p.to_str().unwrap().to_owned()),
        std::env::var("PATH").ok()
    );
    assert_eq!(crate::sys::getenv(c"MOLT_SURELY_NOT_SET_ANYWHERE"), None);
    let dir = std::env::temp_dir().join(format!("molt-rt-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.json");
    let cpath = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert!(crate::sys::write_file(
        &cpath,
        object_report_json().as_bytes()
    ));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("{\"allocations\": {\"int\": "), "{text}");
    assert!(!crate::sys::write_file(
        c"/nonexistent-dir/x/report.json",
        b"{}"
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn str_shortcuts_do_not_allocate() {
    let a = operand("'ab'");
    let before = stats(HeapKind::Str).allocations;
    let empty = operand("''");
    for (op, x, y) in [
        (BinaryOp::Add, a, empty),
        (BinaryOp::Add, empty, a),
        (BinaryOp::Mul, a, Obj::small(1).unwrap()),
    ] {
        let r = crate::object::dispatch::binary_op(op, x, y).unwrap();
        assert!(r.is(a), "{op:?} should return the same object");
        unsafe { decref(r) };
    }
    let r = crate::object::dispatch::binary_op(BinaryOp::Mul, a, Obj::small(-3).unwrap()).unwrap();
    assert!(r.is(empty));
    unsafe { decref(r) };
    assert_eq!(stats(HeapKind::Str).allocations, before);
    unsafe {
        decref(empty);
        decref(a);
    }
    // Code points, not bytes: len('é' * 3) == 3 and the repeat limit counts code points.
    assert_eq!(eval_line("*|'é'|3"), "str:'ééé'");
    assert_eq!(eval_line("truth|'é'"), "True");
}

#[test]
fn huge_results_are_memory_errors() {
    // python3 would exhaust memory (MemoryError) on these; Molt refuses up front.
    assert_eq!(eval_line("**|2|2^100"), "!MemoryError: ");
    assert_eq!(eval_line("**|-3|2^40"), "!MemoryError: ");
    assert_eq!(eval_line("**|-1|2^100+1"), "int:-1");
    assert_eq!(eval_line("*|2^20000000000|2^20000000000"), "!MemoryError: ");
}

#[test]
fn c_functions_raise_and_return_placeholders() {
    let _g = test_lock();
    clear_exception();
    let big = molt_int_from_i64(i64::MAX);
    assert!(!big.is_small());
    assert_eq!(molt_int_to_i64(big), i64::MAX);
    let one = molt_int_from_i64(1);
    let r = molt_int_binop(BinaryOp::Add.code(), big, one);
    assert_eq!(molt_int_to_i64(r), 0);
    assert_eq!(
        taken(),
        "OverflowError: Python int too large to convert to C ssize_t"
    );
    assert_eq!(molt_int_cmp(r, big), 1);
    assert_eq!(molt_int_cmp(one, r), -1);
    assert_eq!(molt_int_cmp(r, r), 0);
    assert_eq!(molt_int_to_float(r), 9223372036854775808.0);
    assert_eq!(molt_cmp_int_float(r, 9223372036854775808.0), 0);
    assert_eq!(molt_cmp_int_float(r, f64::NAN), 2);
    assert_eq!(
        molt_int_truediv(r, molt_int_from_i64(4)),
        2305843009213693952.0
    );
    let zero = Obj::small(0).unwrap();
    assert_eq!(
        molt_int_binop(BinaryOp::FloorDiv.code(), r, zero),
        Obj::default()
    );
    assert_eq!(
        taken(),
        "ZeroDivisionError: integer division or modulo by zero"
    );
    assert_eq!(
        molt_int_binop(BinaryOp::Mod.code(), one, zero),
        Obj::default()
    );
    assert_eq!(taken(), "ZeroDivisionError: integer modulo by zero");
    assert_eq!(molt_int_truediv(one, zero), 0.0);
    assert_eq!(taken(), "ZeroDivisionError: division by zero");
    assert_eq!(molt_int_binop(99, one, one), Obj::default());
    assert_eq!(
        taken(),
        "NotImplementedError: invalid binary operator code 99"
    );
    let neg = molt_int_unop(UnaryOp::Neg.code(), r);
    assert_eq!(show_obj(Ok(neg)), "int:-9223372036854775808");
    let p = molt_int_binop(
        BinaryOp::Pow.code(),
        molt_int_from_i64(2),
        molt_int_from_i64(-2),
    );
    assert_eq!(show_obj(Ok(p)), "float:0.25");
    let big_f = molt_float_to_int(1e19);
    assert_eq!(show_obj(Ok(big_f)), "int:10000000000000000000");
    assert_eq!(molt_float_to_int(f64::INFINITY), Obj::default());
    assert_eq!(
        taken(),
        "OverflowError: cannot convert float infinity to integer"
    );
    let digits = "123456789012345678901234567890";
    let d = unsafe { molt_int_from_decimal(digits.as_ptr(), digits.len() as i64) };
    assert_eq!(show_obj(Ok(d)), "int:123456789012345678901234567890");
    let bad = b"\xff\xfeab";
    let s = unsafe { molt_str_from_utf8(bad.as_ptr(), bad.len() as i64) };
    assert_eq!(show_obj(Ok(s)), "str:'\u{fffd}\u{fffd}ab'");
    // Generic operations.
    let f = molt_box_float(0.5);
    let t = molt_obj_compare(CompareOp::Lt.code(), f, one);
    assert!(t.is(Obj::from_static(&molt_true)));
    assert!(molt_obj_truth(f));
    assert!(!molt_obj_truth(zero));
    assert_eq!(molt_obj_to_float(one), 1.0);
    let none = Obj::from_static(&molt_none);
    assert_eq!(molt_obj_to_float(none), 0.0);
    assert_eq!(
        taken(),
        "TypeError: float() argument must be a string or a real number, not 'NoneType'"
    );
    let i = molt_obj_to_int(f);
    assert_eq!(i, zero);
    let sum = molt_obj_binop(BinaryOp::Add.code(), f, one);
    assert_eq!(show_obj(Ok(sum)), "float:1.5");
    assert_eq!(
        molt_obj_binop(BinaryOp::Add.code(), one, none),
        Obj::default()
    );
    assert_eq!(
        taken(),
        "TypeError: unsupported operand type(s) for +: 'int' and 'NoneType'"
    );
    assert_eq!(molt_obj_unop(UnaryOp::Neg.code(), none), Obj::default());
    assert_eq!(
        taken(),
        "TypeError: bad operand type for unary -: 'NoneType'"
    );
    assert_eq!(
        molt_obj_compare(CompareOp::Le.code(), none, f),
        Obj::default()
    );
    assert_eq!(
        taken(),
        "TypeError: '<=' not supported between instances of 'NoneType' and 'float'"
    );
    assert!(crate::pending_exception().is_none());
    unsafe {
        decref(f);
        decref(t);
        decref(r);
        decref(big);
    }
}

#[test]
fn printing_objects() {
    let _g = test_lock();
    clear_exception();
    let _ = take_buffered();
    let big = operand("-2^100");
    molt_print_int(big);
    molt_print_obj(big);
    let f = operand("1e+16");
    molt_print_obj(f);
    let s = operand("'héllo'");
    molt_print_obj(s);
    for o in [
        Obj::from_static(&molt_none),
        Obj::from_static(&molt_true),
        Obj::from_static(&molt_false),
        Obj::small(-7).unwrap(),
    ] {
        molt_print_obj(o);
    }
    molt_print_obj(Obj::from_static(&molt_type_float));
    let out = String::from_utf8(take_buffered()).unwrap();
    assert_eq!(
        out,
        "-1267650600228229401496703205376-12676506002282294014967032053761e+16héllo\
                     NoneTrueFalse-7<class 'float'>"
    );
    // CPython's int max str digits: 10**4299 (4300 digits) prints, 10**4300 does not.
    let ok = operand("10^4299");
    molt_print_int(ok);
    let text = take_buffered();
    assert_eq!(text.len(), 4300);
    assert!(text.starts_with(b"10000") && crate::pending_exception().is_none());
    let neg_ok = operand("-10^4299");
    molt_print_obj(neg_ok);
    assert_eq!(take_buffered().len(), 4301);
    let too_big = operand("10^4300");
    molt_print_int(too_big);
    assert_eq!(
        taken(),
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    );
    molt_print_obj(too_big);
    assert!(take_exception().is_some());
    assert!(take_buffered().is_empty());
    unsafe {
        for o in [big, f, s, ok, neg_ok, too_big] {
            decref(o);
        }
    }
}
