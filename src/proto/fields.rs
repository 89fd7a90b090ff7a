//! Lenient reading of a JSON object: any key case, the vendor's misspellings, trailing commas,
//! numbers sent as strings and strings sent as numbers.

use serde_json::{Map, Value};

/// Why a message could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// Not JSON at all.
    #[error("{}", t!("malformed JSON: { $reason }", reason = .0.as_str()))]
    Json(String),
    /// JSON, but not an object.
    #[error("{}", t!("message is not a JSON object"))]
    NotObject,
    /// A required key is absent.
    #[error("{}", t!("missing field `{ $field }`", field = *.0))]
    Missing(&'static str),
    /// A key holds the wrong kind of value.
    #[error("{}", t!("field `{ $field }` should be { $expected }, got { $got }", field = .field.as_str(), expected = *.expected, got = .got.as_str()))]
    WrongType {
        /// Key.
        field: String,
        /// What was expected.
        expected: &'static str,
        /// What came (cut short).
        got: String,
    },
    /// A method this program does not know.
    #[error("{}", t!("unknown method `{ $method }`", method = .0.as_str()))]
    UnknownMethod(String),
}

/// Known misspellings in the vendor document, and what they stand for.
const ALIASES: &[(&str, &str)] = &[("hostid", "hosted"), ("gpsen", "gsen")];

/// Parses bytes into a JSON object, retrying once without trailing commas.
pub fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, MessageError> {
    let value = match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => v,
        Err(first) => {
            let cleaned = strip_trailing_commas(bytes);
            if cleaned.len() == bytes.len() {
                return Err(MessageError::Json(first.to_string()));
            }
            serde_json::from_slice::<Value>(&cleaned)
                .map_err(|_| MessageError::Json(first.to_string()))?
        }
    };
    match value {
        Value::Object(m) => Ok(m),
        _ => Err(MessageError::NotObject),
    }
}

/// Removes commas that stand (after optional whitespace) before `}` or `]`, outside strings.
pub fn strip_trailing_commas(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let (mut in_str, mut esc) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_str {
            if esc {
                esc = false;
            } else if b == b'\\' {
                esc = true;
            } else if b == b'"' {
                in_str = false;
            }
        } else if b == b'"' {
            in_str = true;
        } else if b == b',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
            if matches!(next, Some(b'}') | Some(b']')) {
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// A read-only view of an object with lenient key lookup.
#[derive(Clone, Copy)]
pub struct Fields<'a>(pub &'a Map<String, Value>);

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 40 {
        format!("{}...", &s[..s.floor_char_boundary(40)])
    } else {
        s
    }
}

impl<'a> Fields<'a> {
    /// The value of `name` (exact, then any case, then a known misspelling).
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        if let Some(v) = self.0.get(name) {
            return Some(v);
        }
        let alias = ALIASES.iter().find(|(k, _)| *k == name).map(|(_, a)| *a);
        self.0
            .iter()
            .find(|(k, _)| {
                k.eq_ignore_ascii_case(name) || alias.is_some_and(|a| k.eq_ignore_ascii_case(a))
            })
            .map(|(_, v)| v)
    }

    /// A string; numbers are accepted and written out.
    pub fn opt_str(&self, name: &'static str) -> Result<Option<String>, MessageError> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(MessageError::WrongType {
                field: name.into(),
                expected: "a string",
                got: short(other),
            }),
        }
    }

    /// A required string.
    pub fn str(&self, name: &'static str) -> Result<String, MessageError> {
        self.opt_str(name)?.ok_or(MessageError::Missing(name))
    }

    /// An unsigned number; numeric strings are accepted, an empty string counts as absent.
    pub fn opt_u64(&self, name: &'static str) -> Result<Option<u64>, MessageError> {
        let wrong = |v: &Value| MessageError::WrongType {
            field: name.into(),
            expected: "an unsigned number",
            got: short(v),
        };
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v @ Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| wrong(v)),
            Some(v @ Value::String(s)) if !s.trim().is_empty() => {
                s.trim().parse().map(Some).map_err(|_| wrong(v))
            }
            Some(Value::String(_)) => Ok(None),
            Some(v) => Err(wrong(v)),
        }
    }

    /// An unsigned number that must fit in `u8`.
    pub fn opt_u8(&self, name: &'static str) -> Result<Option<u8>, MessageError> {
        match self.opt_u64(name)? {
            None => Ok(None),
            Some(n) => u8::try_from(n)
                .map(Some)
                .map_err(|_| MessageError::WrongType {
                    field: name.into(),
                    expected: "a number from 0 to 255",
                    got: n.to_string(),
                }),
        }
    }

    /// A 0/1 flag (also accepts `true`/`false`).
    pub fn opt_flag(&self, name: &'static str) -> Result<Option<bool>, MessageError> {
        match self.get(name) {
            Some(Value::Bool(b)) => Ok(Some(*b)),
            _ => Ok(self.opt_u64(name)?.map(|n| n != 0)),
        }
    }

    /// The method name.
    pub fn method(&self) -> Result<String, MessageError> {
        self.str("method")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_commas_are_tolerated_outside_strings() {
        let m = parse_object(br#"{"a": [1, 2, ], "b": "x,}", "c": {"d": 1,},}"#).unwrap();
        assert_eq!(m["b"], "x,}");
        assert_eq!(m["a"], serde_json::json!([1, 2]));
    }

    #[test]
    fn keys_any_case_and_misspellings() {
        let m = parse_object(br#"{"HostId": "A", "gsen": "1", "Method": "login"}"#).unwrap();
        let f = Fields(&m);
        assert_eq!(f.str("hostid").unwrap(), "A");
        assert_eq!(f.opt_u8("gpsen").unwrap(), Some(1));
        assert_eq!(f.method().unwrap(), "login");
        let m = parse_object(br#"{"hosted": "B"}"#).unwrap();
        assert_eq!(Fields(&m).str("hostid").unwrap(), "B");
    }

    #[test]
    fn wrong_types_and_bad_json_are_errors() {
        let m = parse_object(br#"{"online_rate": [1], "n": "x"}"#).unwrap();
        let f = Fields(&m);
        assert!(matches!(
            f.opt_u64("online_rate"),
            Err(MessageError::WrongType { .. })
        ));
        assert!(f.opt_u64("n").is_err());
        assert_eq!(f.str("hostid"), Err(MessageError::Missing("hostid")));
        assert!(matches!(
            parse_object(b"{\"a\":"),
            Err(MessageError::Json(_))
        ));
        assert_eq!(parse_object(b"[1]"), Err(MessageError::NotObject));
    }
}
