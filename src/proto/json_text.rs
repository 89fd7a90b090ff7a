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

#[cfg(test)]
mod tests {
    use super::*;

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
