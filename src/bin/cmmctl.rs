//! `cmmctl`: the console tool (see `cmmctl --help`).

use std::process::ExitCode;

/// mimalloc rather than the system allocator: a server allocates and frees small buffers for
/// every message, and glibc's allocator spent about a sixth of its CPU time doing that.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cmm_commissioner::cli::main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cmmctl: {e:#}");
            ExitCode::FAILURE
        }
    }
}
