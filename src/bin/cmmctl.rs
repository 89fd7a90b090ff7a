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

/// Transparent huge pages off for this process. mimalloc asks for them on its arenas where the
/// system lets programs choose (`madvise`, Debian's default): memory then comes into use 2 MiB
/// at a time, and a server with thousands of modems held about a third more than it uses. This
/// is what mimalloc's `allow_thp=0` does, which must otherwise be set in the environment
/// before the program starts. Pages that came before this call keep what they are.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and changes only this
    // process's flag; a kernel that does not know it returns an error, which is ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
