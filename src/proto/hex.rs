//! Hex text as the modem writes it (upper or lower case, no separators).

use std::fmt::Write as _;

/// A string that is not valid hex.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not hex: {reason} in {text:?}")]
pub struct HexError {
    /// What was wrong.
    pub reason: &'static str,
    /// The offending text (cut to 64 characters).
    pub text: String,
}

/// A 16-bit value written in hex (`FF00`, `0xff00`), e.g. a coil's "on" value.
pub fn parse_u16(text: &str) -> Result<u16, String> {
    let t = text.trim();
    let digits = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    u16::from_str_radix(digits, 16).map_err(|e| format!("{text}: {e}"))
}

/// Decodes hex text into bytes, ignoring surrounding whitespace.
pub fn decode(text: &str) -> Result<Vec<u8>, HexError> {
    let t = text.trim();
    let err = |reason| HexError {
        reason,
        text: t.chars().take(64).collect(),
    };
    if !t.len().is_multiple_of(2) {
        return Err(err("odd number of digits"));
    }
    let b = t.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 2);
    for pair in b.chunks_exact(2) {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(h), Some(l)) => out.push(h << 4 | l),
            _ => return Err(err("a character that is not a hex digit")),
        }
    }
    Ok(out)
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Encodes bytes as upper-case hex, the way the modem and the vendor cloud write frames.
pub fn encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(s, "{b:02X}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_case() {
        assert_eq!(decode("00eF").unwrap(), vec![0x00, 0xEF]);
        assert_eq!(encode(&[0x01, 0xab]), "01AB");
        assert_eq!(decode(" 0102 ").unwrap(), vec![1, 2]);
    }

    #[test]
    fn rejects_bad_hex() {
        assert_eq!(decode("012").unwrap_err().reason, "odd number of digits");
        assert!(decode("0G").is_err());
    }
}
