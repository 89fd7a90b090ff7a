//! `cmmctl`: the console tool (see `cmmctl --help`).

use std::process::ExitCode;

/// mimalloc rather than the system allocator: a server allocates and frees small buffers for
/// every message, and glibc's allocator spent about a sixth of its CPU time doing that.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    match cmm_commissioner::cli::main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cmmctl: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Transparent huge pages off for this process: memory in them comes into use 2 MiB at a
/// time, and a server with thousands of modems held about a third more than it uses. mimalloc
/// is built not to ask for them (`no_thp`, for systems where programs choose: `madvise`,
/// Debian's default); this covers systems where they are always on.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and changes only this
    // process's flag; a kernel that does not know it returns an error, which is ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
