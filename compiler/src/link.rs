//! Linking: object code (one or more objects) + the runtime's static library → executable, with the system C
//! compiler as linker driver.
//!
//! Relies on: the runtime library built by cargo in the `runtime` profile
//! (`cargo build --profile runtime -p molt-runtime [--target aarch64-unknown-linux-gnu]`, which
//! `cargo xtask` runs; decisions/0010) in the target directory `moltc` itself was built in:
//! `<target>/runtime/libmolt_runtime.a`, or `<target>/<triple>/runtime/` for cross targets. Or
//! `MOLT_RUNTIME` naming it. Provides: a linked executable, or an error saying what was missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::codegen::TargetArch;

pub fn runtime_lib(arch: TargetArch) -> Result<PathBuf, String> {
    if let Ok(p) = std::env::var("MOLT_RUNTIME") {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe.parent().ok_or("moltc has no directory")?;
    // `moltc` runs from `<target>/<profile>/`, or from `<target>/<profile>/deps/` (tests).
    let profile_dir = if dir.ends_with("deps") { dir.parent().unwrap_or(dir) } else { dir };
    let target = profile_dir.parent().unwrap_or(profile_dir);
    let (lib, triple_flag) = match arch {
        TargetArch::X86_64 => (target.join("runtime/libmolt_runtime.a"), ""),
        TargetArch::Aarch64 => (target.join("aarch64-unknown-linux-gnu/runtime/libmolt_runtime.a"), " --target aarch64-unknown-linux-gnu"),
    };
    if lib.exists() {
        Ok(lib)
    } else {
        Err(format!("the Molt runtime library was not found (looked for {}); build it with `cargo build --profile runtime -p molt-runtime{triple_flag}`", lib.display()))
    }
}

pub fn link(objects: &[Vec<u8>], out: &Path, arch: TargetArch) -> Result<(), String> {
    let runtime = runtime_lib(arch)?;
    let mut tmps = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        let tmp = tempfile_path(out, &format!("{i}.o"));
        if let Err(e) = std::fs::write(&tmp, obj) {
            for t in &tmps {
                let _ = std::fs::remove_file(t);
            }
            return Err(format!("{}: {e}", tmp.display()));
        }
        tmps.push(tmp);
    }
    let cc = match arch {
        TargetArch::X86_64 => "cc",
        TargetArch::Aarch64 => "aarch64-linux-gnu-gcc",
    };
    let output = Command::new(cc)
        .arg("-o").arg(out).args(&tmps).arg(&runtime)
        .args(["-lm", "-lpthread", "-ldl", "-Wl,--gc-sections", "-s"])
        .output()
        .map_err(|e| format!("cannot run the linker `{cc}`: {e}"));
    for t in &tmps {
        let _ = std::fs::remove_file(t);
    }
    let output = output?;
    if !output.status.success() {
        return Err(format!("linking failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(())
}

fn tempfile_path(out: &Path, ext: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "a".into());
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    dir.join(format!(".{name}.{}.{ext}", std::process::id()))
}
