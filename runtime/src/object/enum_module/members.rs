//! The making of an enum class: `EnumType.__prepare__`'s checks, `_EnumDict.__setitem__`'s
//! choice of members (in namespace order, `auto()` values resolved as they come),
//! `EnumType.__new__` and `_proto_member.__set_name__` (each member made, aliases found, the
//! house-keeping structures filled), and the functional API (`EnumType._create_`).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::super::range::Owned;
use super::super::types::{TYPE_OBJECT, TypeObject, as_type, is_subtype};
use super::super::{Obj, attrs, callable, class, descr, dict, dispatch, list, new_ref, singletons, str as pystr, tuple};
use super::methods::set;
use super::{ENUM_TYPE, is_dunder, is_private, is_sunder, ns_get, state};
use crate::CompareOp;
use crate::ExceptionKind::{NotImplementedError, TypeError, ValueError};
use crate::exceptions::{MoltResult, fail};

/// The sunder names `_EnumDict` accepts.
const SUNDERS: [&str; 8] =
    ["_order_", "_generate_next_value_", "_numeric_repr_", "_missing_", "_ignore_", "_iter_member_", "_iter_member_by_value_", "_iter_member_by_def_"];

/// Stores `v` (borrowed) under `key` in namespace `ns`.
fn put(ns: Obj, key: &str, v: Obj) -> MoltResult<()> {
    super::super::module::store(ns, key, v)
}

/// Removes `key` from namespace `ns`, if there.
fn remove(ns: Obj, key: &str) -> MoltResult<()> {
    if dict::get_str(ns, key).is_none() {
        return Ok(());
    }
    let k = Owned(pystr::str_from_text(key)?);
    dict::del_item(ns, k.get())
}

/// Finishes the enum class `cls` (`MetaSlots::init` of `EnumType`), made by `class_new` from
/// the namespace its body filled.
pub(super) fn init(cls: Obj) -> MoltResult<()> {
    let Some(t) = as_type(cls) else { return fail(TypeError, "EnumType's init received no class") };
    let Some(ns) = class::namespace(t) else { return fail(TypeError, "EnumType's init received no heap class") };
    let Some((_, auto_class, auto_null, enum_new)) = state() else {
        // `Enum` itself, as the module makes it.
        return housekeeping(ns, false, singletons::none());
    };
    let bases = Owned(class::bases_of(t)?);
    let base_objs = tuple::tuple_items(bases.get()).unwrap_or(&[]);
    // `_check_for_existing_members_`.
    for &b in base_objs {
        let Some(bt) = as_type(b) else { continue };
        for c in class::mro(bt) {
            if c.header.ty.is(&ENUM_TYPE) && ns_get(c, "_member_names_").and_then(list::list_len).unwrap_or(0) > 0 {
                let shown = Owned(attrs::class_value(c));
                return fail(TypeError, format!("<enum {}> cannot extend {}", pystr::str_repr(t.name), dispatch::repr_of(shown.get())?));
            }
        }
    }
    // `_get_mixins_`: the last base is an enum class; no data type is mixed in.
    let Some(first_enum) = base_objs.last().copied() else { return fail(TypeError, "an enum class needs a base") };
    if !first_enum.type_of().is(&ENUM_TYPE) {
        return fail(TypeError, "new enumerations should be created as `EnumName([mixin_type, ...] [data_type,] enum_type)`");
    }
    for &b in base_objs {
        let Some(bt) = as_type(b) else { continue };
        for c in class::mro(bt) {
            if c.is(&TYPE_OBJECT) || c.header.ty.is(&ENUM_TYPE) {
                continue;
            }
            if ns_get(c, "__new__").is_some() || ns_get(c, "__dataclass_fields__").is_some() || !class::is_heap(c) {
                return fail(NotImplementedError, format!("enum classes with the data type '{}' mixed in are not supported by Molt yet", c.name));
            }
        }
    }
    let mut generate = Owned(attrs::getattr(first_enum, "_generate_next_value_")?);
    let auto_t = as_type(auto_class);
    let is_auto = |v: Obj| auto_t.is_some_and(|a| is_subtype(v.type_of(), a));
    // `_EnumDict.__setitem__`, entry by entry.
    let mut member_names: Vec<String> = Vec::new();
    let mut last_values: Vec<Owned> = Vec::new();
    let mut ignore: Vec<String> = Vec::new();
    let mut auto_called = false;
    let entries = dict::items_vec(ns)?;
    let entries: Vec<(Owned, Owned)> = entries.into_iter().map(|(k, v, _)| (Owned(k), Owned(v))).collect();
    for (k, v) in &entries {
        let Some(key) = pystr::str_text(k.get()) else { continue };
        let v = v.get();
        if is_private(t.name, key) {
            continue;
        }
        if is_sunder(key) {
            if !SUNDERS.contains(&key) {
                return fail(ValueError, format!("_sunder_ names, such as {}, are reserved for future Enum use", pystr::str_repr(key)));
            }
            if key == "_generate_next_value_" {
                if auto_called {
                    return fail(TypeError, "_generate_next_value_ must be defined before members");
                }
                generate = Owned(new_ref(v));
            } else if key == "_ignore_" {
                ignore = ignore_names(v)?;
                if let Some(n) = ignore.iter().find(|n| member_names.contains(n)) {
                    return fail(ValueError, format!("_ignore_ cannot specify already set names: {{{}}}", pystr::str_repr(n)));
                }
            }
            continue;
        }
        if is_dunder(key) || ignore.iter().any(|n| n == key) || descr::is_descriptor(v) {
            continue;
        }
        // A member: its `auto()` values resolved now, in order.
        let single = is_auto(v);
        let parts: Option<Vec<Obj>> = if single {
            Some(alloc::vec![v])
        } else {
            tuple::tuple_items(v).filter(|items| tuple::is_exact_tuple(v) && items.iter().any(|&x| is_auto(x))).map(<[Obj]>::to_vec)
        };
        let mut non_auto_store = true;
        if let Some(parts) = parts {
            let mut resolved: Vec<Obj> = Vec::with_capacity(parts.len());
            for p in parts {
                let r = if is_auto(p) {
                    non_auto_store = false;
                    let mut current = Owned(attrs::getattr(p, "value")?);
                    if current.get().is(auto_null) {
                        let name = Owned(pystr::str_from_text(key)?);
                        let one = Owned(crate::object::int::from_i64(1)?);
                        #[allow(clippy::cast_possible_wrap)]
                        let count = Owned(crate::object::int::from_i64(member_names.len() as i64)?);
                        let copy = Owned(list::list_from_vec(last_values.iter().map(|o| new_ref(o.get())).collect())?);
                        current = Owned(callable::call_object(generate.get(), &[name.get(), one.get(), count.get(), copy.get()], &[])?);
                        set(p, "value", current.get())?;
                        auto_called = true;
                    }
                    last_values.push(Owned(new_ref(current.get())));
                    current.release()
                } else {
                    new_ref(p)
                };
                resolved.push(r);
            }
            let value = if single {
                Owned(resolved.pop().unwrap_or_else(singletons::none))
            } else {
                Owned(tuple::tuple_from_vec(resolved)?)
            };
            put(ns, key, value.get())?;
        }
        member_names.push(String::from(key));
        if non_auto_store {
            last_values.push(Owned(new_ref(v)));
        }
    }
    drop(entries);
    // `EnumType.__new__`.
    for n in ignore.iter().map(String::as_str).chain(["_ignore_"]) {
        remove(ns, n)?;
    }
    let invalid: Vec<String> = member_names.iter().filter(|n| n.is_empty() || *n == "mro").map(|n| pystr::str_repr(n)).collect();
    if !invalid.is_empty() {
        return fail(ValueError, format!("invalid enum member name(s) {}", invalid.join(",")));
    }
    let order = ns_get(t, "_order_").map(|o| Owned(new_ref(o)));
    remove(ns, "_order_")?;
    // `_find_new_`: the class's own `__new__`, else an inherited `__new_member__`.
    let own_new = ns_get(t, "__new__").map(|f| Owned(new_ref(f)));
    let inherited = match &own_new {
        Some(_) => None,
        None => attrs::getattr(first_enum, "__new_member__").ok().map(Owned),
    };
    let new_member = own_new.as_ref().or(inherited.as_ref()).map(|f| Owned(new_ref(f.get())));
    let members = Owned(list::new_list(0)?);
    housekeeping(ns, new_member.is_some(), members.get())?;
    for name in &member_names {
        make_member(t, cls, ns, name, new_member.as_ref().map(Owned::get))?;
    }
    if let Some(f) = own_new {
        put(ns, "__new_member__", f.get())?;
    }
    put(ns, "__new__", enum_new)?;
    if let Some(o) = order {
        check_order(t, o.get())?;
    }
    super::super::mro_cache::invalidate();
    Ok(())
}

/// The names `_ignore_` lists (a str of names separated by spaces or commas, or an iterable).
fn ignore_names(v: Obj) -> MoltResult<Vec<String>> {
    if let Some(s) = pystr::str_text(v) {
        return Ok(s.replace(',', " ").split_whitespace().map(String::from).collect());
    }
    let items = list::sequence_fast(v, "_ignore_ must be a str or an iterable")?;
    let mut out = Vec::new();
    for &i in &items {
        out.push(dispatch::str_of(i).unwrap_or_default());
    }
    list::release(items);
    Ok(out)
}

/// The house-keeping entries of a new enum class's namespace (`members` is the list that
/// becomes `_member_names_`).
fn housekeeping(ns: Obj, use_args: bool, members: Obj) -> MoltResult<()> {
    let names = if list::is_list(members) { Owned(new_ref(members)) } else { Owned(list::new_list(0)?) };
    put(ns, "_member_names_", names.get())?;
    super::super::module::store_owned(ns, "_member_map_", dict::new_dict())?;
    super::super::module::store_owned(ns, "_value2member_map_", dict::new_dict())?;
    super::super::module::store_owned(ns, "_unhashable_values_", list::new_list(0))?;
    put(ns, "_member_type_", Obj::from_static(&TYPE_OBJECT))?;
    put(ns, "_value_repr_", singletons::none())?;
    put(ns, "_use_args_", singletons::bool_obj(use_args))
}

/// `_proto_member.__set_name__`: makes member `name` of enum class `t` (`cls`) from the value
/// its namespace holds.
fn make_member(t: &'static TypeObject, cls: Obj, ns: Obj, name: &str, new_member: Option<Obj>) -> MoltResult<()> {
    let Some(value) = dict::get_str(ns, name).map(|v| Owned(new_ref(v))) else { return Ok(()) };
    remove(ns, name)?;
    let args: Vec<Obj> = match tuple::tuple_items(value.get()) {
        Some(items) => items.to_vec(),
        None => alloc::vec![value.get()],
    };
    let member = match new_member {
        Some(f) => {
            let mut all = alloc::vec![cls];
            all.extend_from_slice(&args);
            Owned(callable::call_object(f, &all, &[])?)
        }
        None => Owned(super::super::instance::new_instance(t)?),
    };
    if super::super::instance::own_attr(member.get(), "_value_").is_none() {
        set(member.get(), "_value_", value.get())?;
    }
    let value = Owned(attrs::getattr(member.get(), "_value_")?);
    let n = Owned(pystr::str_from_text(name)?);
    set(member.get(), "_name_", n.get())?;
    set(member.get(), "__objclass__", cls)?;
    let init = Owned(attrs::getattr(member.get(), "__init__")?);
    drop(Owned(callable::call_object(init.get(), &args, &[])?));
    let names = ns_get(t, "_member_names_").unwrap_or_else(singletons::none);
    #[allow(clippy::cast_possible_wrap)]
    let order = Owned(crate::object::int::from_i64(list::list_len(names).unwrap_or(0) as i64)?);
    set(member.get(), "_sort_order_", order.get())?;
    // An alias when a member already has the value.
    let by_value = ns_get(t, "_value2member_map_").unwrap_or_else(singletons::none);
    let map = ns_get(t, "_member_map_").unwrap_or_else(singletons::none);
    let canonical = match dict::get_item(by_value, value.get()) {
        Ok(found) => found.map(Owned),
        Err(e) if e.kind == TypeError => {
            let mut found = None;
            for (_, m, _) in dict::items_vec(map)?.into_iter().map(|(k, v, h)| (Owned(k), Owned(v), h)) {
                let mv = Owned(attrs::getattr(m.get(), "_value_")?);
                if found.is_none() && dispatch::rich_compare_bool(CompareOp::Eq, mv.get(), value.get())? {
                    found = Some(m);
                }
            }
            found
        }
        Err(e) => return Err(e),
    };
    let member = match canonical {
        Some(c) => c,
        None => {
            list::append(names, n.get())?;
            member
        }
    };
    put(ns, name, member.get())?;
    dict::set_item(map, n.get(), member.get())?;
    match dict::get_item(by_value, value.get()).map(|f| f.map(Owned)) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => dict::set_item(by_value, value.get(), member.get()),
        Err(e) if e.kind == TypeError => {
            let unhashable = ns_get(t, "_unhashable_values_").unwrap_or_else(singletons::none);
            list::append(unhashable, value.get())
        }
        Err(e) => Err(e),
    }
}

/// `_order_`'s check: the names it lists (aliases left out) are the members, in order.
fn check_order(t: &'static TypeObject, order: Obj) -> MoltResult<()> {
    let listed: Vec<String> = match pystr::str_text(order) {
        Some(s) => s.replace(',', " ").split_whitespace().map(String::from).collect(),
        None => ignore_names(order)?,
    };
    let map = ns_get(t, "_member_map_").unwrap_or_else(singletons::none);
    let names_list = ns_get(t, "_member_names_").unwrap_or_else(singletons::none);
    let names: Vec<String> = list::items_vec(names_list)?.into_iter().map(|o| {
        let s = pystr::str_text(o).map(String::from).unwrap_or_default();
        drop(Owned(o));
        s
    }).collect();
    let kept: Vec<&String> = listed.iter().filter(|o| dict::get_str(map, o).is_none() || names.contains(o)).collect();
    if kept.iter().map(|s| s.as_str()).eq(names.iter().map(String::as_str)) {
        return Ok(());
    }
    let show = |v: &mut dyn Iterator<Item = &String>| format!("[{}]", v.map(|s| pystr::str_repr(s)).collect::<Vec<_>>().join(", "));
    fail(TypeError, format!("member order does not match _order_:\n  {}\n  {}", show(&mut names.iter()), show(&mut kept.into_iter())))
}

/// `EnumType._create_` (the functional API: `Enum('Color', 'RED GREEN')`): a new enum class
/// deriving from `cls` whose members `names` gives.
pub(super) fn create(
    cls: Obj,
    class_name: Obj,
    names: Obj,
    module: Option<Obj>,
    qualname: Option<Obj>,
    ty: Option<Obj>,
    start: Option<Obj>,
) -> MoltResult<Obj> {
    if ty.is_some_and(|t| !singletons::is_none(t)) {
        return fail(NotImplementedError, "enum classes with a data type mixed in (type=) are not supported by Molt yet");
    }
    let one = Owned(crate::object::int::from_i64(1)?);
    let start = start.unwrap_or(one.get());
    let ns = Owned(dict::new_dict()?);
    // A str of names, or a list or tuple of names: values from `_generate_next_value_`.
    let split: Option<Vec<Obj>> = match pystr::str_text(names) {
        Some(s) => Some(s.replace(',', " ").split_whitespace().map(pystr::str_from_text).collect::<MoltResult<Vec<Obj>>>()?),
        None => match list::is_list(names) || tuple::is_tuple(names) {
            true => {
                let items = list::sequence_fast(names, "names must be a sequence")?;
                if items.first().is_some_and(|&f| pystr::str_text(f).is_some()) {
                    Some(items)
                } else {
                    list::release(items);
                    None
                }
            }
            false => None,
        },
    };
    if let Some(split) = split {
        let split: Vec<Owned> = split.into_iter().map(Owned).collect();
        let generate = Owned(attrs::getattr(cls, "_generate_next_value_")?);
        let mut last_values: Vec<Owned> = Vec::new();
        for (count, n) in split.iter().enumerate() {
            #[allow(clippy::cast_possible_wrap)]
            let c = Owned(crate::object::int::from_i64(count as i64)?);
            let copy = Owned(list::list_from_vec(last_values.iter().map(|o| new_ref(o.get())).collect())?);
            let v = Owned(callable::call_object(generate.get(), &[n.get(), start, c.get(), copy.get()], &[])?);
            dict::set_item(ns.get(), n.get(), v.get())?;
            last_values.push(v);
        }
    } else if dict::is_dict(names) {
        for (k, v, _) in dict::items_vec(names)?.into_iter().map(|(k, v, h)| (Owned(k), Owned(v), h)) {
            dict::set_item(ns.get(), k.get(), v.get())?;
        }
    } else {
        let items = list::sequence_fast(names, "names must be an iterable")?;
        let items: Vec<Owned> = items.into_iter().map(Owned).collect();
        for item in &items {
            let pair = Owned(super::super::iter::unpack(item.get(), 2)?);
            let parts = tuple::tuple_items(pair.get()).unwrap_or(&[]);
            if let [k, v] = parts {
                dict::set_item(ns.get(), *k, *v)?;
            }
        }
    }
    match module.filter(|m| !singletons::is_none(*m)) {
        Some(m) => put(ns.get(), "__module__", m)?,
        None => super::super::module::store_owned(ns.get(), "__module__", pystr::str_from_text("__main__"))?,
    }
    if let Some(q) = qualname.filter(|q| !singletons::is_none(*q)) {
        put(ns.get(), "__qualname__", q)?;
    }
    let bases = Owned(tuple::tuple_from_slice(&[cls])?);
    class::class_new_of(Some(&ENUM_TYPE), class_name, bases.get(), ns.get(), singletons::none(), 0)
}
