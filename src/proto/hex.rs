//! Hex text as the modem writes it (upper or lower case, no separators).

use std::fmt::Write as _;

/// A string that is not valid hex.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", t!("not hex: { $reason } in { $text }", reason = self.reason, text = format!("{:?}", self.text)))]
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

/// Reads hex text as big-endian 16-bit words; `None` unless it is one or more whole words of
/// hex digits (surrounding white space allowed). [`decode`] says what is wrong otherwise.
pub fn decode_words(text: &str) -> Option<Vec<u16>> {
    let b = text.trim().as_bytes();
    if b.is_empty() || !b.len().is_multiple_of(4) {
        return None;
    }
    b.chunks_exact(4)
        .map(|w| {
            w.iter()
                .try_fold(0u16, |acc, &c| Some(acc << 4 | u16::from(nibble(c)?)))
        })
        .collect()
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
    fn words_agree_with_the_bytes_and_refuse_what_is_not_whole_words() {
        for text in ["00EF", " 00e70032 ", "7FFE", "FFFF0000ABCD"] {
            let bytes = decode(text).unwrap();
            let words: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            assert_eq!(decode_words(text), Some(words), "{text}");
        }
        for text in ["", "  ", "00", "00E", "00EF0", "00G0", "+0EF", "00 EF"] {
            assert_eq!(decode_words(text), None, "{text:?}");
        }
    }

    #[test]
    fn rejects_bad_hex() {
        assert_eq!(decode("012").unwrap_err().reason, "odd number of digits");
        assert!(decode("0G").is_err());
    }
}
