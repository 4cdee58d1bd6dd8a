//! The runtime's `dir()` table (the candidates of AttributeError suggestions) is CPython's own:
//! regenerating it with the reference `python3` gives the committed file.

mod common;

#[test]
fn dir_table_is_fresh() {
    let root = common::root();
    let out = std::process::Command::new("python3")
        .current_dir(&root)
        .args(["runtime/tools/dir_table.py", "--check"])
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
