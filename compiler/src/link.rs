//! Linking: object code (one or more objects) + the runtime's static library → executable, with the system C
//! compiler as linker driver.
//!
//! Relies on: the runtime libraries `moltc` carries inside itself (`build.rs` builds them in the
//! `runtime` profile and this module includes them; decisions/0010, decisions/0028) — always the
//! one for the machine `moltc` runs on, the other one when a standard library for it was
//! installed when `moltc` was built — or `MOLT_RUNTIME` naming a `libmolt_runtime.a` for the
//! target being built (an override for runtime work; nothing needs it). The linker driver on
//! PATH: `cc` for x86-64, Debian's `aarch64-linux-gnu-gcc` for AArch64.
//!
//! Provides: a linked executable, or an error saying what is missing and what to install or run.
//! The carried library is written next to the objects (beside the output, names unique per
//! process) for the linker to read, and removed with them: no cache, so nothing is shared
//! between users or left behind (writing it costs well under the link's own time; decisions/0028).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::codegen::TargetArch;

/// The archives `build.rs` made; an empty one was not built (the reason is the `_MISSING` text).
static RUNTIME_X86_64: &[u8] = include_bytes!(env!("MOLT_EMBEDDED_RUNTIME_X86_64"));
static RUNTIME_AARCH64: &[u8] = include_bytes!(env!("MOLT_EMBEDDED_RUNTIME_AARCH64"));
const MISSING_X86_64: &str = env!("MOLT_EMBEDDED_RUNTIME_X86_64_MISSING");
const MISSING_AARCH64: &str = env!("MOLT_EMBEDDED_RUNTIME_AARCH64_MISSING");

/// Where the linker reads the runtime from.
pub enum Runtime {
    /// `MOLT_RUNTIME`.
    File(PathBuf),
    /// Carried inside `moltc`.
    Embedded(&'static [u8]),
}

/// The runtime library for `arch`, or what to do to get one.
pub fn runtime_lib(arch: TargetArch) -> Result<Runtime, String> {
    if let Some(p) = std::env::var_os("MOLT_RUNTIME") {
        let p = PathBuf::from(p);
        return if p.is_file() { Ok(Runtime::File(p)) } else { Err(format!("MOLT_RUNTIME names {}, which is not a file", p.display())) };
    }
    let (bytes, missing) = match arch {
        TargetArch::X86_64 => (RUNTIME_X86_64, MISSING_X86_64),
        TargetArch::Aarch64 => (RUNTIME_AARCH64, MISSING_AARCH64),
    };
    if !bytes.is_empty() {
        return Ok(Runtime::Embedded(bytes));
    }
    let triple = arch.triple();
    let std_hint = match arch {
        TargetArch::Aarch64 => "on Debian 12: `dpkg --add-architecture arm64 && apt-get update && apt-get install rustc-web libstd-rust-web-dev:arm64`; with rustup: `rustup target add aarch64-unknown-linux-gnu`",
        TargetArch::X86_64 => "with rustup: `rustup target add x86_64-unknown-linux-gnu`",
    };
    Err(format!(
        "this moltc carries no Molt runtime library for {triple}: {missing}.\n\
         To build for {triple}, install a Rust standard library for it ({std_hint}), then rebuild moltc: \
         `cargo install --path compiler --force` (in a source tree: `touch compiler/build.rs && cargo build --release -p moltc`; \
         `cargo xtask setup` installs everything on Debian). \
         Or set MOLT_RUNTIME to a libmolt_runtime.a built for {triple}."
    ))
}

/// The linker driver for `arch` and the packages that provide it (Debian names).
fn linker(arch: TargetArch) -> (&'static str, &'static str) {
    match arch {
        TargetArch::X86_64 => ("cc", "gcc"),
        TargetArch::Aarch64 => ("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu libc6-dev-arm64-cross"),
    }
}

pub fn link(objects: &[Vec<u8>], out: &Path, arch: TargetArch) -> Result<(), String> {
    let runtime = runtime_lib(arch)?;
    let (cc, packages) = linker(arch);
    let mut tmps = Vec::new();
    // One object is one file; several (a -O0 build: one per function) are one archive, read
    // whole: one file written instead of thousands.
    let mut inputs: Vec<std::ffi::OsString> = Vec::new();
    let written = (|| {
        let write = |tmps: &mut Vec<PathBuf>, ext: &str, bytes: &[u8]| {
            let tmp = tempfile_path(out, ext);
            tmps.push(tmp.clone());
            std::fs::write(&tmp, bytes).map(|()| tmp.clone()).map_err(|e| format!("{}: {e}", tmp.display()))
        };
        match objects {
            [one] => inputs.push(write(&mut tmps, "o", one)?.into_os_string()),
            many => {
                let archive = write(&mut tmps, "objects.a", &archive(many))?;
                inputs.push("-Wl,--whole-archive".into());
                inputs.push(archive.into_os_string());
                inputs.push("-Wl,--no-whole-archive".into());
            }
        }
        match runtime {
            Runtime::File(p) => Ok(p),
            Runtime::Embedded(bytes) => write(&mut tmps, "libmolt_runtime.a", bytes),
        }
    })();
    let output = written.and_then(|runtime| {
        Command::new(cc)
            .arg("-o").arg(out).args(&inputs).arg(&runtime)
            .args(["-lm", "-lpthread", "-ldl", "-Wl,--gc-sections", "-s"])
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!(
                    "the linker `{cc}` for {} was not found on PATH; install it (Debian: `apt-get install {packages}`)",
                    arch.triple()
                ),
                _ => format!("cannot run the linker `{cc}`: {e}"),
            })
    });
    for t in &tmps {
        let _ = std::fs::remove_file(t);
    }
    let output = output?;
    if !output.status.success() {
        return Err(format!("linking failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(())
}

/// `objects` as a System V (GNU) archive without a symbol index (`ar rcS`): the linker reads it
/// with `--whole-archive`, which takes every member and needs no index. Members are named
/// `<n>.o`, which fits the header's 16-byte name field.
fn archive(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut a = b"!<arch>\n".to_vec();
    for (i, obj) in objects.iter().enumerate() {
        let header = format!("{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n", format!("{i}.o/"), 0, 0, 0, 644, obj.len());
        debug_assert_eq!(header.len(), 60);
        a.extend_from_slice(header.as_bytes());
        a.extend_from_slice(obj);
        if obj.len() % 2 == 1 {
            a.push(b'\n');
        }
    }
    a
}

fn tempfile_path(out: &Path, ext: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "a".into());
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    dir.join(format!(".{name}.{}.{ext}", std::process::id()))
}
