//! Makes a long recording quickly, as `cmmctl serve --record` would have written it (see
//! `cmm_commissioner::sim::day`): simulated modems at the vendor's rate, a clock as fast as
//! the machine can run.
//!
//!   big_recording OUT [--modems 50] [--hours 24] [--rate-ms 3000]

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use cmm_commissioner::sim::day::{Day, write};

fn args() -> Result<(PathBuf, Day), String> {
    let mut out = None;
    let mut day = Day {
        modems: 50,
        hours: 24.0,
        rate_ms: 3000,
        end_ms: chrono::Utc::now().timestamp_millis(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--modems" => day.modems = value()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--hours" => day.hours = value()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--rate-ms" => day.rate_ms = value()?.parse().map_err(|e| format!("{a}: {e}"))?,
            _ if out.is_none() && !a.starts_with('-') => out = Some(PathBuf::from(&a)),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    let out = out.ok_or("usage: big_recording OUT [--modems N] [--hours H] [--rate-ms MS]")?;
    Ok((out, day))
}

fn main() {
    let (out, day) = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("big_recording: {e}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let made = write(&out, day, |done| {
        eprint!("\r{:5.1} %", done * 100.0);
        let _ = std::io::stderr().flush();
    });
    eprintln!();
    match made {
        Ok(m) => {
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            println!(
                "{}: {} modems, {} h at {} ms: {} messages, {} rows, {} lost, {:.1} MB, in {:.0} s",
                out.display(),
                day.modems,
                day.hours,
                day.rate_ms,
                m.messages,
                m.rows,
                m.lost,
                size as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            if m.lost > 0 {
                std::process::exit(1);
            }
        }
        Err(e) => {
            eprintln!("big_recording: {e}");
            std::process::exit(1);
        }
    }
}
