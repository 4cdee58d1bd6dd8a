//! `cargo xtask bench`: placeholder replaced below.
use std::path::Path;
pub fn run(_root: &Path, _args: &[String]) -> Result<(), String> {
    Err("bench: not built yet".into())
}
