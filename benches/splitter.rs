//! The splitter plus the lenient parser on a realistic `reqdatachange` stream, against plain
//! `serde_json::from_slice` on the same objects in the same run. The ratio of the two is the
//! figure (target: the full path at no less than half the speed of plain parsing).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly or not at all

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;

use cmm_commissioner::proto::{Piece, Splitter, Uplink};

const HOSTID: &str = "3130373031334717003D002E";

/// A stream of `reqdatachange` messages as a running HGM6120N produces them: a few changed
/// registers each (voltages, frequency, speed, temperatures), now and then a coil byte, a
/// packet counter, and every tenth message a heartbeat.
fn stream() -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut rng = fastrand::Rng::with_seed(42);
    let mut objects = Vec::new();
    for i in 0..2000u32 {
        let text = if i % 10 == 9 {
            format!(r#"{{"method":"HB","hostid":"{HOSTID}","params":""}}"#)
        } else {
            let n = rng.usize(2..24);
            let regs: Vec<String> = (0..n)
                .map(|_| format!(r#"{{"{:04X}":"{:04X}"}}"#, rng.u16(0..56), rng.u16(0..500)))
                .collect();
            let coils = if rng.u8(0..4) == 0 {
                format!(
                    r#","01":[{{"{:04X}":"{:02X}"}}]"#,
                    8 * rng.u16(0..10),
                    rng.u8(..)
                )
            } else {
                String::new()
            };
            format!(
                r#"{{"method":"reqdatachange","params":{{"packetnum":{i},"03":[{}]{coils}}},"hostid":"{HOSTID}"}}"#,
                regs.join(",")
            )
        };
        objects.push(text.into_bytes());
    }
    (objects.concat(), objects)
}

fn bench(c: &mut Criterion) {
    let (bytes, objects) = stream();
    let mut g = c.benchmark_group("reqdatachange stream");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("serde_json::from_slice (objects pre-split)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for o in &objects {
                let v: Value = serde_json::from_slice(o).expect("valid");
                n += v.as_object().map_or(0, |m| m.len());
            }
            n
        })
    });
    g.bench_function("splitter + Uplink::parse (1460-byte reads)", |b| {
        b.iter(|| {
            let mut s = Splitter::default();
            let mut n = 0usize;
            for chunk in bytes.chunks(1460) {
                s.push(chunk);
                while let Some(p) = s.next_piece() {
                    if let Piece::Object(o) = p {
                        let m = Uplink::parse(o).expect("valid");
                        n += m.hostid().len();
                    }
                }
            }
            n
        })
    });
    g.bench_function("splitter alone (1460-byte reads)", |b| {
        b.iter(|| {
            let mut s = Splitter::default();
            let mut n = 0usize;
            for chunk in bytes.chunks(1460) {
                s.push(chunk);
                while let Some(p) = s.next_piece() {
                    if let Piece::Object(o) = p {
                        n += o.len();
                    }
                }
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
