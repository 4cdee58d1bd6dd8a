//! `cargo xtask setup`: installs the Debian packages Molt builds and tests with.
//!
//! Relies on apt (Debian 12). As root it runs `apt-get update && apt-get install -y …` for what
//! is missing; otherwise it prints that exact command and fails. `check` is the cheap test that
//! other subcommands run first.

use std::path::Path;
use std::process::Command;

/// Packages and a file each one provides (how we tell it is installed).
const PACKAGES: &[(&str, &str)] = &[
    ("llvm-22-dev", "/usr/lib/llvm-22/bin/llvm-config"),
    ("libpolly-22-dev", "/usr/lib/llvm-22/lib/libPolly.a"),
    ("libzstd-dev", "/usr/include/zstd.h"),
    ("zlib1g-dev", "/usr/include/zlib.h"),
    ("gcc-aarch64-linux-gnu", "/usr/bin/aarch64-linux-gnu-gcc"),
    ("libc6-dev-arm64-cross", "/usr/aarch64-linux-gnu/lib/libc.so"),
    ("qemu-user", "/usr/bin/qemu-aarch64"),
    // The runtime for AArch64 is built with Debian's rustc (same LLVM major as rustup's 1.95)
    // and its arm64 standard library (decisions/0001).
    ("rustc-web", "/usr/bin/rustc"),
    ("libstd-rust-web-dev:arm64", "/usr/lib/rustlib/aarch64-unknown-linux-gnu/lib"),
    ("valgrind", "/usr/bin/valgrind"),
    ("hyperfine", "/usr/bin/hyperfine"),
];

fn missing() -> Vec<&'static str> {
    PACKAGES.iter().filter(|(_, f)| !Path::new(f).exists()).map(|(p, _)| *p).collect()
}

pub fn check() -> Result<(), String> {
    let m = missing();
    if m.is_empty() { Ok(()) } else { Err(format!("missing packages {m:?}: run `cargo xtask setup`")) }
}

pub fn run() -> Result<(), String> {
    let m = missing();
    if m.is_empty() {
        return Ok(());
    }
    let arm64 = if m.iter().any(|p| p.ends_with(":arm64")) { "dpkg --add-architecture arm64 && " } else { "" };
    let cmd = format!("{arm64}apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {}", m.join(" "));
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if !is_root {
        return Err(format!("not root; run as root:\n  {cmd}"));
    }
    println!("setup: {cmd}");
    crate::status(Command::new("sh").args(["-c", &cmd]))?;
    check()
}
