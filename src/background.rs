//! Work that must give way: a long pass over a file while the engineer moves through it runs
//! on a thread of its own at the lowest priority, so that on a laptop's two cores the window
//! and the reads it waits for go first.

/// Runs `work` on a new thread named `name` at the lowest priority, and waits for it; `None`
/// if it panicked or no thread could be started.
pub fn lowest_priority<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let thread = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            lower_this_thread();
            work()
        })
        .ok()?;
    thread.join().ok()
}

/// The calling thread's priority, lowest (Linux: nice 19, which is per thread there;
/// Windows: the lowest thread priority). Where that cannot be done the thread keeps its
/// priority: slower for the window, never wrong.
fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take and return plain integers; setpriority on this
    // thread's id changes only this thread, and an error is ignored.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19);
    }
    #[cfg(windows)]
    // SAFETY: GetCurrentThread returns a pseudo-handle to this thread, valid while it runs
    // and not to be closed; SetThreadPriority changes only this thread, an error is ignored.
    unsafe {
        use windows_sys::Win32::System::Threading::{
            GetCurrentThread, SetThreadPriority, THREAD_PRIORITY_LOWEST,
        };
        SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_LOWEST);
    }
}

/// The calling thread's nice value (tests).
#[cfg(all(test, target_os = "linux"))]
fn nice_of_this_thread() -> i32 {
    // SAFETY: as above; getpriority returns the value (errno is not needed: 19 is no error).
    unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The work runs at nice 19 and its result comes back; the caller keeps its priority.
    #[test]
    fn work_runs_at_the_lowest_priority_and_the_caller_keeps_its_own() {
        let before = nice_of_this_thread();
        let inside = lowest_priority("test-low", nice_of_this_thread);
        assert_eq!(inside, Some(19));
        assert_eq!(nice_of_this_thread(), before);
        assert_eq!(lowest_priority("test-panic", || panic!("boom")), None::<()>);
    }
}
