//! Windows logoff and shutdown for the window process.
//!
//! The window process has no console (a GUI-subsystem .exe), so the console's
//! CTRL_LOGOFF/CTRL_SHUTDOWN events that `cli::interrupted` listens for never reach it. What
//! Windows sends a GUI process instead is WM_QUERYENDSESSION then WM_ENDSESSION, to each
//! top-level window. They are *sent* (straight to a window procedure), so winit's message hook
//! never sees them, and a message-only window gets no broadcast; hence a hidden top-level
//! window of our own (never shown), with its own message loop on its own thread. On
//! WM_ENDSESSION (the session really ends), the core is stopped within a bounded time (the
//! recording committed, checkpointed into its main file and closed) before returning:
//! Windows may end the process any time after the procedure returns.

use std::sync::OnceLock;
use std::time::Duration;

use cmm_commissioner::app::Stopper;
use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
use windows_sys::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DefWindowProcW, DispatchMessageW, GetMessageW, MSG, RegisterClassW,
    WM_ENDSESSION, WM_QUERYENDSESSION, WNDCLASSW, WS_OVERLAPPED,
};

use crate::say;

/// How long the core has to stop at a logoff: Windows shows its "closing apps" screen after
/// about 5 s, and ends what is left when the user goes on.
const SESSION_END_WAIT: Duration = Duration::from_secs(4);

/// The core to stop, once the window has made it.
static STOPPER: OnceLock<std::sync::Arc<OnceLock<Stopper>>> = OnceLock::new();

/// Watches for the end of the Windows session on a thread of its own; `stopper` is filled
/// once the app runs. The thread ends with the process.
pub fn watch(stopper: std::sync::Arc<OnceLock<Stopper>>) {
    let _ = STOPPER.set(stopper);
    if let Err(e) = std::thread::Builder::new()
        .name("session-end".into())
        .spawn(run)
    {
        say(&format!("cannot watch for logoff and shutdown: {e}"));
    }
}

/// The hidden window and its message loop.
fn run() {
    let class: Vec<u16> = "CmmCommissionerSessionEnd\0".encode_utf16().collect();
    // SAFETY: plain Win32 calls with a class name that outlives them (it lives to the end of
    // this function, whose loop runs for the process's life) and a zeroed WNDCLASSW (all its
    // fields are integers, pointers or an Option of a function: zero is valid for each).
    unsafe {
        let instance = GetModuleHandleW(std::ptr::null());
        let mut wc: WNDCLASSW = std::mem::zeroed();
        wc.lpfnWndProc = Some(procedure);
        wc.hInstance = instance;
        wc.lpszClassName = class.as_ptr();
        if RegisterClassW(&wc) == 0 {
            return say("cannot watch for logoff and shutdown: window class refused");
        }
        // A top-level window, never shown: it gets the session's broadcast.
        let hwnd = CreateWindowExW(
            0,
            class.as_ptr(),
            class.as_ptr(),
            WS_OVERLAPPED,
            0,
            0,
            0,
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            instance,
            std::ptr::null(),
        );
        if hwnd.is_null() {
            return say("cannot watch for logoff and shutdown: no window");
        }
        let mut msg: MSG = std::mem::zeroed();
        while GetMessageW(&mut msg, std::ptr::null_mut(), 0, 0) > 0 {
            DispatchMessageW(&msg);
        }
    }
}

/// The hidden window's procedure: agrees to the session's end, and when it comes stops the
/// core before returning.
unsafe extern "system" fn procedure(hwnd: HWND, msg: u32, w: WPARAM, l: LPARAM) -> LRESULT {
    match msg {
        // Nothing to ask the user: the recording is made safe at WM_ENDSESSION.
        WM_QUERYENDSESSION => 1,
        WM_ENDSESSION if w != 0 => {
            say("the Windows session ends: stopping the core");
            if let Some(stopper) = STOPPER.get().and_then(|s| s.get())
                && !stopper.stop_and_wait(SESSION_END_WAIT)
            {
                say("the core did not stop in time");
            }
            std::process::exit(0);
        }
        // SAFETY: the arguments are those Windows passed to this procedure.
        _ => unsafe { DefWindowProcW(hwnd, msg, w, l) },
    }
}
