//! The generated attribute enums (`[enums]` of ops.toml): textual names round-trip, the op
//! table's enum attributes name declared enums and valid values, and the typed accessors read
//! and write the textual form the printer and parser use.

use molt_ir::parse::parse_module;
use molt_ir::print::print_module;
use molt_ir::{
    ArithOp, Attr, AttrEnum, AttrKind, BitOp, Builtin, CastOp, CmpOp, Conversion, Func, Handling, MatchShape, MathFloat, Module, NativeModule, NewOp, Opcode, Span, Type,
    UnaryOp,
};

fn round_trips<E: AttrEnum>() -> Vec<&'static str> {
    assert!(!E::ALL.is_empty(), "{} has no value", E::ENUM_NAME);
    for &v in E::ALL {
        assert_eq!(E::from_name(v.name()), Some(v), "{}::{v:?}", E::ENUM_NAME);
    }
    assert_eq!(E::from_name(""), None);
    E::ALL.iter().map(|v| v.name()).collect()
}

#[test]
fn names_round_trip_and_specs_use_declared_values() {
    let enums: Vec<(&str, Vec<&str>)> = vec![
        (ArithOp::ENUM_NAME, round_trips::<ArithOp>()),
        (UnaryOp::ENUM_NAME, round_trips::<UnaryOp>()),
        (CmpOp::ENUM_NAME, round_trips::<CmpOp>()),
        (BitOp::ENUM_NAME, round_trips::<BitOp>()),
        (CastOp::ENUM_NAME, round_trips::<CastOp>()),
        (Builtin::ENUM_NAME, round_trips::<Builtin>()),
        (Handling::ENUM_NAME, round_trips::<Handling>()),
        (Conversion::ENUM_NAME, round_trips::<Conversion>()),
        (NativeModule::ENUM_NAME, round_trips::<NativeModule>()),
        (MatchShape::ENUM_NAME, round_trips::<MatchShape>()),
        (MathFloat::ENUM_NAME, round_trips::<MathFloat>()),
    ];
    assert_eq!(ArithOp::FloorDiv.name(), "floordiv");
    assert_eq!(CmpOp::from_name("isnot"), Some(CmpOp::IsNot));
    for op in Opcode::ALL {
        for a in op.spec().attrs {
            if let AttrKind::Enum { name, values } = a.kind {
                let (_, all) = enums.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("{}: unknown enum {name}", op.name()));
                for v in values {
                    assert!(all.contains(v), "{}: `{v}` is not a value of {name}", op.name());
                }
            }
        }
    }
}

#[test]
fn typed_accessors_use_the_textual_form() {
    let sp = Span::new(0, 0);
    let mut f = Func::new("f", vec![Type::Bool]);
    let b = f.new_block();
    let x = f.add_block_param(b, Type::Int);
    let c = f.append_op(b, NewOp::new(Opcode::TIntCmp, sp).operands([x, x]).enum_attr("op", CmpOp::Le).result(Type::Bool));
    assert_eq!(f.ops[c].attr("op"), Some(&Attr::Str("le".into())));
    assert_eq!(f.ops[c].enum_attr::<CmpOp>("op"), Some(CmpOp::Le));
    assert_eq!(Attr::from(CmpOp::Le), Attr::Str("le".into()));
    let r = f.result(c);
    f.append_op(b, NewOp::new(Opcode::CfReturn, sp).operands([r]));
    let m = Module { globals: vec![], funcs: vec![f] };
    let text = print_module(&m);
    assert!(text.contains(r#"{op = "le"}"#), "{text}");
    let back = parse_module(&text).unwrap();
    let g = &back.funcs[0];
    let op = g.ops_in_order().find(|&o| g.ops[o].opcode == Opcode::TIntCmp).unwrap();
    assert_eq!(g.ops[op].expect_enum_attr::<CmpOp>("op"), CmpOp::Le);
    assert!(Opcode::TIntCmp.spec().has_enum_attr::<CmpOp>("op"));
    assert!(!Opcode::TIntCmp.spec().has_enum_attr::<ArithOp>("op"));
}
