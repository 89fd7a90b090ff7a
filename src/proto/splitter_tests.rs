use super::*;

#[derive(Debug, PartialEq)]
enum Got {
    O(String),
    G(String),
    Big(usize),
}

fn drain(s: &mut Splitter, out: &mut Vec<Got>) {
    while let Some(p) = s.next_piece() {
        out.push(match p {
            Piece::Object(b) => Got::O(String::from_utf8_lossy(b).into_owned()),
            Piece::Garbage(b) => Got::G(String::from_utf8_lossy(b).into_owned()),
            Piece::Oversized { len } => Got::Big(len),
        });
    }
}

fn split_in_chunks(input: &[u8], chunk: usize, max: usize) -> Vec<Got> {
    let mut s = Splitter::new(max);
    let mut out = Vec::new();
    for c in input.chunks(chunk) {
        s.push(c);
        drain(&mut s, &mut out);
    }
    out
}

fn o(s: &str) -> Got {
    Got::O(s.to_string())
}

#[test]
fn many_objects_in_one_read_and_byte_by_byte() {
    let a = r#"{"method":"HB","hostid":"A","params":""}"#;
    let b = r#"{"method":"reqdatachange","params":{"03":[{"0000":"00EF"}]},"hostid":"A"}"#;
    let input = format!("{a}{b}\r\n{a}\n");
    for chunk in [1, 2, 3, 7, 64, 10_000] {
        assert_eq!(
            split_in_chunks(input.as_bytes(), chunk, 1024),
            vec![o(a), o(b), o(a)],
            "chunk size {chunk}"
        );
    }
}

#[test]
fn braces_and_quotes_inside_strings_do_not_count() {
    let a = r#"{"hostname":"gen {1} \"main\" \\","x":"}{"}"#;
    assert_eq!(split_in_chunks(a.as_bytes(), 1, 1024), vec![o(a)]);
}

#[test]
fn garbage_between_objects_is_reported_and_skipped() {
    let a = r#"{"method":"HB"}"#;
    let input = format!("GET / HTTP/1.1\r\n{a}\x00\x01junk{a}");
    assert_eq!(
        split_in_chunks(input.as_bytes(), 10_000, 1024),
        vec![
            Got::G("GET / HTTP/1.1\r\n".into()),
            o(a),
            Got::G("\u{0}\u{1}junk".into()),
            o(a)
        ]
    );
}

#[test]
fn oversized_object_is_dropped_and_the_stream_goes_on() {
    let big = format!(r#"{{"method":"reqdata","params":"{}"}}"#, "A".repeat(5000));
    let a = r#"{"method":"HB"}"#;
    let input = format!("{a}{big}{a}");
    for chunk in [1, 100, 100_000] {
        let got = split_in_chunks(input.as_bytes(), chunk, 1000);
        assert_eq!(got, vec![o(a), Got::Big(big.len()), o(a)], "chunk {chunk}");
    }
    // Memory stays bounded while the oversized object streams in.
    let mut s = Splitter::new(1000);
    s.push(b"{\"x\":\"");
    for _ in 0..1000 {
        s.push(&[b'A'; 100]);
        assert!(s.next_piece().is_none());
        assert!(s.buffered() <= 1200);
    }
}

#[test]
fn a_truncated_object_resynchronises_at_the_next_object() {
    // The first message lost its closing braces; `}{` cannot occur in valid JSON.
    let broken = r#"{"method":"reqdatachange","params":{"03":[{"0000":"00EF"}]"#;
    let a = r#"{"method":"HB","hostid":"A"}"#;
    let input = format!("{broken}{a}");
    let got = split_in_chunks(input.as_bytes(), 3, 1024);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(matches!(&got[0], Got::G(g) if g.starts_with("{\"method\":\"reqdatachange\"")));
    assert_eq!(got[1], o(a));
}

#[test]
fn partial_object_waits_for_more() {
    let mut s = Splitter::default();
    s.push(br#"  {"method":"#);
    assert!(s.next_piece().is_none());
    s.push(br#""HB"}"#);
    assert_eq!(s.next_piece(), Some(Piece::Object(br#"{"method":"HB"}"#)));
    assert!(s.next_piece().is_none());
    assert_eq!(s.buffered(), 0);
}

/// An idle splitter gives back the room a big message took, and compacting never loses the
/// part of a message still to come.
#[test]
fn an_idle_splitter_holds_little_and_compacting_keeps_a_partial_message() {
    let mut s = Splitter::new(1 << 20);
    let big = format!(
        "{{\"method\":\"reqdata\",\"pad\":\"{}\"}}",
        "x".repeat(20_000)
    );
    s.push(big.as_bytes());
    let mut out = Vec::new();
    drain(&mut s, &mut out);
    assert_eq!(out, vec![Got::O(big)]);
    s.compact();
    assert!(s.buf.capacity() <= KEPT, "kept {} bytes", s.buf.capacity());
    // Half a message, compacted, then the rest.
    let msg = r#"{"method":"HB","hostid":"A"}"#;
    s.push(&msg.as_bytes()[..10]);
    drain(&mut s, &mut out);
    s.compact();
    s.push(&msg.as_bytes()[10..]);
    out.clear();
    drain(&mut s, &mut out);
    assert_eq!(out, vec![Got::O(msg.into())]);
}
