//! The recorder's figures: `cargo bench --bench recorder`.
//!
//! - rows per second the writer commits (samples of 2,000 modems' registers, in batches as
//!   the core hands them over), to compare with the load `benches/record_load.sh` measures;
//! - bytes per stored sample in the file;
//! - export of 1 million rows to CSV;
//! - a 24 h plot of one value read from the file (min/max per pixel column in SQL).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use cmm_commissioner::proto::Table;
use cmm_commissioner::proto::map::builtin_maps;
use cmm_commissioner::store::export::{Format, Spec, export};
use cmm_commissioner::store::reader::Recording;
use cmm_commissioner::store::writer::Timing;
use cmm_commissioner::store::{Record, Recorder};

const MODEMS: usize = 2000;

fn temp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("cmm-bench-rec-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.join("bench.cmmrec")
}

fn hostid(i: usize) -> String {
    format!("3130373031334717003D{i:04X}")
}

fn main() {
    // 1. Throughput and size: 2,000 modems, each a login then changes of 45 registers and 78
    // coils at one second apart, handed over in chunks with a flush after each (the flush
    // waits for the commit).
    let path = temp("throughput");
    let rec = Recorder::open(&path, "bench").unwrap();
    for i in 0..MODEMS {
        rec.record(Record::Target {
            key: hostid(i),
            hostname: format!("GENSET-{i}"),
            moduletype: "HGM6120N-4G".into(),
            accepted: Some(true),
            module_port: Some(2),
            module_baud: Some(0),
            peer: "192.0.2.1:1".into(),
            t_ms: 0,
        });
    }
    rec.flush().unwrap();
    let t0 = Instant::now();
    let mut rows = 0u64;
    let start_ms = 1_763_900_000_000i64;
    for second in 0..12i64 {
        for i in 0..MODEMS {
            let target = hostid(i);
            for addr in 0..45u16 {
                rec.record(Record::Sample {
                    target: target.clone(),
                    table: Table::Holding,
                    addr,
                    raw: 230 + (second as u16 + addr) % 7,
                    t_ms: start_ms + second * 1000 + i as i64,
                });
            }
            rows += 45;
            if i % 1000 == 999 {
                rec.flush().unwrap();
            }
        }
    }
    rec.flush().unwrap();
    let secs = t0.elapsed().as_secs_f64();
    assert_eq!(rec.lost(), 0, "nothing dropped: the queue held each chunk");
    rec.close().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "recorder: {rows} samples of {MODEMS} modems in {secs:.2} s = {:.0} rows/s",
        rows as f64 / secs
    );
    println!(
        "file: {size} bytes for {rows} samples = {:.1} bytes per sample (targets included)",
        size as f64 / rows as f64
    );
    // Pages freed by the folds of the recent readings stay in the file until later readings
    // take them again: at most about one fold's worth, whatever the recording's length.
    let c = rusqlite::Connection::open(&path).unwrap();
    let pragma = |name: &str| -> i64 {
        c.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    };
    let free = pragma("freelist_count") * pragma("page_size");
    drop(c);
    println!(
        "file: {free} bytes of it free pages; {:.1} bytes per sample in use",
        (size as i64 - free) as f64 / rows as f64
    );

    // 2. Export of 1 million rows (long: one row per change).
    let path = temp("export");
    let rec = Recorder::open(&path, "bench").unwrap();
    rec.record(Record::Target {
        key: hostid(0),
        hostname: "GENSET".into(),
        moduletype: "HGM6120N-4G".into(),
        accepted: Some(true),
        module_port: None,
        module_baud: None,
        peer: String::new(),
        t_ms: 0,
    });
    for k in 0..1_000_000i64 {
        rec.record(Record::Sample {
            target: hostid(0),
            table: Table::Holding,
            addr: (k % 40) as u16,
            raw: (220 + k % 20) as u16,
            t_ms: start_ms + k * 10,
        });
        if k % 100_000 == 99_999 {
            rec.flush().unwrap();
        }
    }
    rec.close().unwrap();
    let r = Recording::open(&path).unwrap();
    let maps = builtin_maps();
    let spec = Spec {
        format: Format::Long,
        ..Default::default()
    };
    let t0 = Instant::now();
    let out = std::io::BufWriter::new(std::fs::File::create(path.with_extension("csv")).unwrap());
    let n = export(&r, &maps, &spec, out).unwrap();
    let export_s = t0.elapsed().as_secs_f64();
    println!("export: {n} rows to CSV (long) in {export_s:.2} s");

    // 3. A 24 h plot of one value from the file: 86,400 samples among others, 1,600 columns.
    // Written as a day goes: the recent readings folded into their series every 30 s of it
    // (a fold at each flush, a flush every 30 s of the day's time).
    let path = temp("plot");
    let every_flush = Timing {
        fold_every: Duration::ZERO,
        ..Timing::default()
    };
    let rec = Recorder::open_timed(&path, "bench", every_flush).unwrap();
    for s in 0..86_400i64 {
        for addr in [0u16, 1, 2, 13] {
            rec.record(Record::Sample {
                target: hostid(0),
                table: Table::Holding,
                addr,
                raw: (230 + (s % 11)) as u16,
                t_ms: start_ms + s * 1000,
            });
        }
        if s % 30 == 29 {
            rec.flush().unwrap();
        }
    }
    rec.close().unwrap();
    let r = Recording::open(&path).unwrap();
    let id = r.targets().unwrap()[0].id;
    let mut times = Vec::new();
    for _ in 0..10 {
        let t0 = Instant::now();
        let cols = r
            .series_columns(
                id,
                Table::Holding,
                13,
                (start_ms, start_ms + 86_400_000),
                1600,
                false,
            )
            .unwrap();
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(cols.len(), 1600);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "plot: 24 h of one value (86,400 samples) as 1,600 columns: median {:.1} ms, max {:.1} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
