//! JSON strings written straight into a byte buffer, escaped exactly as `serde_json` writes
//! them (`"`, `\` and control characters; everything else as is): for the lines and replies
//! written once per message, with no `serde_json::Value` built in between.

use std::io::{self, Write};

/// A JSON string, quoted and escaped.
pub fn write_str<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    write_str_contents(out, s)?;
    out.write_all(b"\"")
}

/// A JSON string, quoted and escaped, as a `String` (for text written once and kept).
pub fn quoted(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    // Writing into a Vec cannot fail, and the escapes keep the text UTF-8.
    let _ = write_str(&mut out, s);
    String::from_utf8(out).unwrap_or_default()
}

/// The inside of a JSON string, escaped.
pub fn write_str_contents<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    // Names, units and ids seldom hold anything to escape: one pass without branches (it
    // vectorises) says so, and the text goes out in one piece.
    let plain = !bytes.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if plain {
        return out.write_all(bytes);
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => b"",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        if escape.is_empty() {
            write!(out, "\\u{b:04x}")?;
        } else {
            out.write_all(escape)?;
        }
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// An unsigned number in decimal, without the formatting machinery (a change line has four).
pub fn write_u32<W: Write>(out: &mut W, n: u32) -> io::Result<()> {
    write_u64(out, u64::from(n))
}

/// `n` in upper-case hexadecimal, zero-padded to `digits` (at most 8), as `{:0digits$X}`
/// writes it when it fits.
pub fn write_hex<W: Write>(out: &mut W, n: u32, digits: usize) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut buf = [0u8; 8];
    let mut len = digits.clamp(1, 8);
    while len < 8 && n >> (4 * len) != 0 {
        len += 1;
    }
    for (i, b) in buf[..len].iter_mut().enumerate() {
        *b = HEX[(n >> (4 * (len - 1 - i)) & 0xF) as usize];
    }
    out.write_all(&buf[..len])
}

/// `x` with `decimals` decimals (at most 9), exactly as `{x:.decimals$}` writes it. A value
/// that lies on its grid of decimals (a raw integer times a scale of that many decimals, as
/// every decoded reading is) is written from its integer; any other, through the formatter.
pub fn write_fixed<W: Write>(out: &mut W, x: f64, decimals: usize) -> io::Result<()> {
    if decimals <= 9 {
        let scaled = x * 10f64.powi(decimals as i32);
        let k = scaled.round();
        // Far from a tie (the exact value rounds to k whichever way the formatter rounds),
        // within what an i64 holds exactly, and not a negative zero.
        if (scaled - k).abs() < 1e-6 && k.abs() < 1e15 && !(k == 0.0 && x.is_sign_negative()) {
            let k = k as i64;
            if k < 0 {
                out.write_all(b"-")?;
            }
            let k = k.unsigned_abs();
            let p = 10u64.pow(decimals as u32);
            let (int, frac) = (k / p, k % p);
            write_u64(out, int)?;
            if decimals > 0 {
                let mut buf = [b'0'; 9];
                let mut f = frac;
                for b in buf[..decimals].iter_mut().rev() {
                    *b = b'0' + (f % 10) as u8;
                    f /= 10;
                }
                out.write_all(b".")?;
                out.write_all(&buf[..decimals])?;
            }
            return Ok(());
        }
    }
    write!(out, "{x:.decimals$}")
}

fn write_u64<W: Write>(out: &mut W, n: u64) -> io::Result<()> {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.write_all(&buf[i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_are_written_as_the_formatter_writes_them() {
        let check = |x: f64, d: usize| {
            let mut out = Vec::new();
            write_fixed(&mut out, x, d).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                format!("{x:.d$}"),
                "{x} {d}"
            );
        };
        // Every raw word, plain and signed, at the scales of the maps.
        for raw in 0..=u16::MAX {
            for (scale, d) in [
                (1.0, 0),
                (0.1, 1),
                (0.01, 2),
                (0.001, 3),
                (10.0, 0),
                (0.5, 1),
            ] {
                check(f64::from(raw) * scale, d);
                check(f64::from(raw as i16) * scale, d);
            }
        }
        // Ties, near-ties, off-grid values, negative zero, huge and odd values.
        for x in [
            0.125,
            0.375,
            2.5,
            -2.5,
            0.05,
            1.005,
            1e-7,
            -1e-7,
            -0.0,
            0.0,
            1e15,
            1e20,
            -3.3e16,
            123.456_789,
            f64::MAX,
            f64::MIN_POSITIVE,
            4_294_967_295.0 * 0.001,
        ] {
            for d in 0..=10 {
                check(x, d);
            }
        }
        check(f64::NAN, 1);
        check(f64::INFINITY, 2);
        check(f64::NEG_INFINITY, 0);
    }

    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        for n in [
            0u32,
            1,
            9,
            10,
            99,
            100,
            255,
            4095,
            32766,
            65535,
            65536,
            1 << 31,
            u32::MAX,
        ] {
            let mut out = Vec::new();
            write_u32(&mut out, n).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
            for digits in [1, 2, 4, 8] {
                let mut out = Vec::new();
                write_hex(&mut out, n, digits).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), format!("{n:0digits$X}"));
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0u8..0x80).map(char::from).collect();
        for s in [
            "",
            "plain",
            "a \"quoted\" \\ path",
            "é ü 中 🙂",
            all.as_str(),
            "\u{7f}\u{2028}",
        ] {
            let mut out = Vec::new();
            write_str(&mut out, s).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }
}
