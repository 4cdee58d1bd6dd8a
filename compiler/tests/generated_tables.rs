//! Tables generated from CPython itself are fresh: regenerating them with the reference
//! `python3` gives the committed files (the runtime's `dir()` lists behind AttributeError
//! suggestions; the codec names a PEP 263 coding declaration may use; the codec names
//! `str.encode`/`bytes.decode` know).

mod common;

fn check(script: &str) {
    let out = std::process::Command::new("python3").current_dir(common::root()).args([script, "--check"]).output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn dir_table_is_fresh() {
    check("runtime/tools/dir_table.py");
}

#[test]
fn codec_names_are_fresh() {
    check("compiler/tools/codec_names.py");
}

#[test]
fn runtime_codec_names_are_fresh() {
    check("runtime/tools/codec_names.py");
}

#[test]
fn stdlib_names_are_fresh() {
    check("compiler/tools/stdlib_names.py");
}
