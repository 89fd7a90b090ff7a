//! `cmmctl`: the console tool (see `cmmctl --help`).

use std::process::ExitCode;

fn main() -> ExitCode {
    match cmm_commissioner::cli::main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cmmctl: {e:#}");
            ExitCode::FAILURE
        }
    }
}
