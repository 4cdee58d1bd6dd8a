//! Builds the runtime libraries that `moltc` carries inside itself (decisions/0028).
//!
//! For each target Molt compiles to, a nested `cargo build --profile runtime -p molt-runtime
//! --target <triple>` (decisions/0010) runs with the first rustc whose sysroot has that
//! target's standard library: the one building `moltc`, else Debian's `/usr/bin/rustc`
//! (rustc-web, which ships the arm64 standard library; decisions/0001). The archive, with its
//! debug information and embedded LLVM bitcode removed (the linker never reads them: executables
//! are linked with `-s` and no LTO), is written to `OUT_DIR`, and `src/link.rs` includes it with
//! `include_bytes!` through the `MOLT_EMBEDDED_RUNTIME_<ARCH>` variables set here.
//!
//! Relies on: the workspace around this package (`../runtime`); `llvm-objcopy` from LLVM 22
//! (`LLVM_SYS_221_PREFIX`, which `moltc` needs anyway; without it the archive is embedded
//! unstripped). Provides: the host's runtime always — the build fails when it cannot be made —
//! and the other target's when a standard library for it is installed; otherwise an empty file
//! and, in `MOLT_EMBEDDED_RUNTIME_<ARCH>_MISSING`, the reason `moltc` reports when asked to build
//! for it.
//!
//! The nested builds use a directory of this build's target directory,
//! `<target>/molt-runtime/<triple>/`, so that they are no-ops when nothing in the runtime
//! changed and are shared by every profile of `moltc` (check, clippy, test, release). One
//! directory per target, so that the two run at once (in one directory both would lock its host
//! part) under cargo's jobserver, and never wait for a lock the outer build holds. Where the
//! target directory cannot be told from `OUT_DIR`, they go inside `OUT_DIR`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The targets `moltc` builds executables for, with the suffix of their variables.
const TARGETS: &[(&str, &str)] = &[("x86_64-unknown-linux-gnu", "X86_64"), ("aarch64-unknown-linux-gnu", "AARCH64")];

/// Debian's rustc with its per-architecture standard libraries (`libstd-rust-web-dev:<arch>`).
const DEBIAN_RUSTC: &str = "/usr/bin/rustc";

fn main() {
    let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().expect("compiler/ lies inside the workspace").to_path_buf();
    let out_dir = PathBuf::from(env("OUT_DIR"));
    let host = env("TARGET");
    println!("cargo:rerun-if-changed=build.rs");
    for p in ["runtime/src", "runtime/Cargo.toml", "Cargo.toml", "Cargo.lock", "rust-toolchain.toml"] {
        println!("cargo:rerun-if-changed={}", root.join(p).display());
    }
    println!("cargo:rerun-if-env-changed=RUSTFLAGS");
    let build_dir = shared_target_dir(&out_dir).map_or_else(|| out_dir.join("molt-runtime"), |t| t.join("molt-runtime"));
    let outer_rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let built: Vec<Result<PathBuf, String>> = std::thread::scope(|s| {
        let builds: Vec<_> = TARGETS
            .iter()
            .map(|&(triple, _)| {
                let (root, dir, outer_rustc) = (&root, build_dir.join(triple), &outer_rustc);
                s.spawn(move || {
                    [outer_rustc.as_str(), DEBIAN_RUSTC]
                        .into_iter()
                        .find(|rustc| has_std(rustc, triple))
                        .ok_or_else(|| format!("no Rust standard library for {triple} was installed when this moltc was built (looked in the sysroots of `{outer_rustc}` and `{DEBIAN_RUSTC}`)"))
                        .and_then(|rustc| build_runtime(root, &dir, rustc, triple))
                })
            })
            .collect();
        builds.into_iter().map(|b| b.join().unwrap_or_else(|_| Err("the build thread panicked".into()))).collect()
    });
    for (&(triple, var), lib) in TARGETS.iter().zip(built) {
        let embedded = out_dir.join(format!("libmolt_runtime-{triple}.a"));
        let missing = match lib.and_then(|lib| embed(&lib, &embedded)) {
            Ok(()) => String::new(),
            Err(e) if triple == host => panic!("cannot build the Molt runtime for {triple}, the target moltc runs on: {e}"),
            Err(e) => {
                println!("cargo:warning=moltc will not build for {triple}: {e}");
                std::fs::write(&embedded, b"").expect("write to OUT_DIR");
                e
            }
        };
        println!("cargo:rustc-env=MOLT_EMBEDDED_RUNTIME_{var}={}", embedded.display());
        println!("cargo:rustc-env=MOLT_EMBEDDED_RUNTIME_{var}_MISSING={}", missing.replace('\n', " "));
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name} for build scripts"))
}

/// The target directory this build runs in: `OUT_DIR` is
/// `<target>/[<triple>/]<profile>/build/moltc-<hash>/out`. `None` when the layout is not that
/// one.
fn shared_target_dir(out_dir: &Path) -> Option<PathBuf> {
    let build = out_dir.ancestors().nth(2).filter(|p| p.file_name().is_some_and(|n| n == "build"))?;
    let above = build.parent()?.parent()?;
    let triple = std::env::var("TARGET").ok();
    Some(if above.file_name().and_then(|n| n.to_str()) == triple.as_deref() { above.parent()?.to_path_buf() } else { above.to_path_buf() })
}

/// Whether `rustc`'s sysroot holds the standard library (at least `core`) for `triple`.
fn has_std(rustc: &str, triple: &str) -> bool {
    let Ok(out) = Command::new(rustc).args(["--print", "target-libdir", "--target", triple]).env_remove("RUSTC_WORKSPACE_WRAPPER").output() else {
        return false;
    };
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    out.status.success()
        && std::fs::read_dir(dir).is_ok_and(|rd| rd.flatten().any(|e| e.file_name().to_string_lossy().starts_with("libcore-")))
}

/// Runs the nested cargo in `target_dir`; returns the path of the archive it made.
fn build_runtime(root: &Path, target_dir: &Path, rustc: &str, triple: &str) -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args(["build", "--profile", "runtime", "-p", "molt-runtime", "--target", triple, "--target-dir"])
        .arg(target_dir)
        .env("RUSTC", rustc)
        // What cargo sets for this script and would read as configuration: the flags of this
        // build (a nested cargo reads RUSTFLAGS itself), clippy's wrapper, the outer target.
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env_remove("CARGO_BUILD_TARGET")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        // Stdout is where this script speaks to cargo.
        .stdout(Stdio::null());
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    // Cargo shows this script's stderr when the build fails (and with `-vv`).
    eprintln!("{triple}:\n{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        let log = std::env::var("OUT_DIR").map(|o| Path::new(&o).with_file_name("stderr").display().to_string()).unwrap_or_default();
        return Err(format!("{cmd:?} failed ({}); its output is in {log}", out.status));
    }
    Ok(target_dir.join(triple).join("runtime/libmolt_runtime.a"))
}

/// Writes `lib` to `dest` without the sections a link never reads, or as it is when
/// `llvm-objcopy` is missing.
fn embed(lib: &Path, dest: &Path) -> Result<(), String> {
    let objcopy = std::env::var("LLVM_SYS_221_PREFIX").map_or_else(|_| PathBuf::from("llvm-objcopy-22"), |p| Path::new(&p).join("bin/llvm-objcopy"));
    let stripped = Command::new(&objcopy)
        .args(["--strip-debug", "--remove-section=.llvmbc", "--remove-section=.llvmcmd"])
        .arg(lib)
        .arg(dest)
        .status()
        .is_ok_and(|s| s.success());
    if stripped {
        return Ok(());
    }
    println!("cargo:warning=`{}` is not available; the runtime is embedded with its debug information", objcopy.display());
    std::fs::copy(lib, dest).map(|_| ()).map_err(|e| format!("cannot copy {} to {}: {e}", lib.display(), dest.display()))
}
