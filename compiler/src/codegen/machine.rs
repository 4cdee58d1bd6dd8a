//! The LLVM target machine code generation uses: one per thread, kept between units.
//!
//! Relies on: inkwell's targets (x86-64 and AArch64 initialised on first use).
//! Provides: [`with_machine`]. Invariant: a thread's machine is for the architecture and
//! optimization level it was made for; another pair replaces it.

use std::cell::RefCell;

use inkwell::OptimizationLevel;
use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple};

use super::{R, TargetArch};

thread_local! {
    /// The target machine of the last unit generated on this thread, with its architecture and
    /// level: creating one (and its subtarget) costs more than generating a small function, and
    /// a -O0 build generates one unit per function.
    static MACHINE: RefCell<Option<(TargetArch, u8, TargetMachine)>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's target machine for `arch` at level `opt`, made on first use.
pub(super) fn with_machine<T>(arch: TargetArch, opt: u8, f: impl FnOnce(&TargetMachine) -> R<T>) -> R<T> {
    MACHINE.with_borrow_mut(|slot| {
        if !slot.as_ref().is_some_and(|(a, o, _)| *a == arch && *o == opt) {
            match arch {
                TargetArch::X86_64 => Target::initialize_x86(&InitializationConfig::default()),
                TargetArch::Aarch64 => Target::initialize_aarch64(&InitializationConfig::default()),
            }
            let triple = TargetTriple::create(arch.triple());
            let target = Target::from_triple(&triple).map_err(|e| e.to_string())?;
            let level = match opt {
                0 => OptimizationLevel::None,
                1 => OptimizationLevel::Less,
                2 => OptimizationLevel::Default,
                _ => OptimizationLevel::Aggressive,
            };
            let tm = target
                .create_target_machine(&triple, "generic", "", level, RelocMode::PIC, CodeModel::Default)
                .ok_or("cannot create the LLVM target machine")?;
            *slot = Some((arch, opt, tm));
        }
        match slot {
            Some((_, _, tm)) => f(tm),
            None => Err("no LLVM target machine".into()),
        }
    })
}

