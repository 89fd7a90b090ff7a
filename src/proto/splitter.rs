//! Finds whole top-level JSON objects in a TCP byte stream.
//!
//! The modem sends bare JSON objects with no terminator. The splitter counts braces outside
//! strings, so an object may arrive split over many reads or many objects in one read;
//! whitespace, CR and LF between objects are skipped. Anything else between objects is garbage,
//! handed out as such (bounded) and skipped. An object longer than the limit is discarded as it
//! streams and reported once it ends, so memory stays bounded whatever the peer sends.
//!
//! Inside valid JSON a `{` only ever follows `:`, `,` or `[` (whitespace aside). When one follows
//! anything else (`}`, `]`, a string, a number) the open object was broken, e.g. truncated: it is
//! handed out as garbage and a new object starts there. This resynchronises after a truncated
//! message without waiting for the size limit.

/// Default maximum size of one object.
pub const DEFAULT_MAX_OBJECT: usize = 64 * 1024;

/// What the splitter found.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// One complete top-level object, braces included.
    Object(&'a [u8]),
    /// Bytes that are not part of any object (at most the size limit per piece).
    Garbage(&'a [u8]),
    /// An object longer than the limit was discarded; `len` bytes were dropped.
    Oversized {
        /// Bytes discarded.
        len: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Between objects.
    Between,
    /// Inside an object starting at `start` (index into the buffer).
    Object { start: usize },
    /// Inside an object past the size limit; `dropped` bytes so far.
    Discarding { dropped: usize },
}

/// Streaming splitter: `push` bytes, then call `next_piece` until it returns `None`.
#[derive(Debug)]
pub struct Splitter {
    buf: Vec<u8>,
    /// First byte not yet handed out or skipped.
    head: usize,
    /// Next byte to scan.
    pos: usize,
    mode: Mode,
    depth: u32,
    in_str: bool,
    esc: bool,
    /// Last byte outside strings that was not whitespace.
    last_sig: u8,
    max: usize,
}

impl Default for Splitter {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_OBJECT)
    }
}

/// Room a splitter keeps between messages (a change upload fits in it).
pub const KEPT: usize = 1024;

impl Splitter {
    /// A splitter that accepts objects of up to `max` bytes.
    pub fn new(max: usize) -> Self {
        Self {
            buf: Vec::new(),
            head: 0,
            pos: 0,
            mode: Mode::Between,
            depth: 0,
            in_str: false,
            esc: false,
            last_sig: b'{',
            max: max.max(2),
        }
    }

    /// Bytes held that are not yet handed out (partial object).
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.head
    }

    /// Adds bytes read from the stream.
    pub fn push(&mut self, data: &[u8]) {
        self.compact();
        self.buf.extend_from_slice(data);
    }

    /// Drops what was handed out; with nothing left over, gives back a buffer bigger than
    /// [`KEPT`] (an idle connection then holds at most that).
    pub fn compact(&mut self) {
        if self.head > 0 {
            self.buf.drain(..self.head);
            self.pos -= self.head;
            if let Mode::Object { start } = &mut self.mode {
                *start -= self.head;
            }
            self.head = 0;
        }
        if self.buf.is_empty() && self.buf.capacity() > KEPT {
            self.buf = Vec::new();
        }
    }

    fn reset_object(&mut self) {
        self.depth = 0;
        self.in_str = false;
        self.esc = false;
        self.last_sig = b'{';
    }

    fn begin_object(&mut self, at: usize) {
        self.reset_object();
        self.depth = 1;
        self.mode = Mode::Object { start: at };
        self.pos = at + 1;
    }

    /// The next piece, or `None` when more bytes are needed.
    pub fn next_piece(&mut self) -> Option<Piece<'_>> {
        loop {
            match self.mode {
                Mode::Between => {
                    let len = self.buf.len();
                    while self.pos < len
                        && matches!(self.buf[self.pos], b' ' | b'\t' | b'\r' | b'\n')
                    {
                        self.pos += 1;
                    }
                    self.head = self.pos;
                    if self.pos >= len {
                        return None;
                    }
                    if self.buf[self.pos] == b'{' {
                        self.begin_object(self.pos);
                        continue;
                    }
                    let start = self.pos;
                    let limit = len.min(start + self.max);
                    let end = self.buf[start..limit]
                        .iter()
                        .position(|&b| b == b'{')
                        .map_or(limit, |i| start + i);
                    self.pos = end;
                    self.head = end;
                    return Some(Piece::Garbage(&self.buf[start..end]));
                }
                Mode::Object { start } => match self.scan() {
                    Scan::NeedMore => {
                        if self.pos - start > self.max {
                            let dropped = self.pos - start;
                            self.head = self.pos;
                            self.mode = Mode::Discarding { dropped };
                        }
                        return None;
                    }
                    Scan::End(end) => {
                        self.mode = Mode::Between;
                        self.pos = end;
                        self.head = end;
                        if end - start > self.max {
                            return Some(Piece::Oversized { len: end - start });
                        }
                        return Some(Piece::Object(&self.buf[start..end]));
                    }
                    Scan::Broken(at) => {
                        self.begin_object(at);
                        self.head = at;
                        return Some(Piece::Garbage(&self.buf[start..at]));
                    }
                },
                Mode::Discarding { dropped } => {
                    let from = self.pos;
                    match self.scan() {
                        Scan::NeedMore => {
                            self.mode = Mode::Discarding {
                                dropped: dropped + (self.pos - from),
                            };
                            self.head = self.pos;
                            return None;
                        }
                        Scan::End(end) => {
                            self.mode = Mode::Between;
                            self.pos = end;
                            self.head = end;
                            return Some(Piece::Oversized {
                                len: dropped + (end - from),
                            });
                        }
                        Scan::Broken(at) => {
                            self.begin_object(at);
                            self.head = at;
                            return Some(Piece::Oversized {
                                len: dropped + (at - from),
                            });
                        }
                    }
                }
            }
        }
    }

    /// Scans the open object from `pos`.
    fn scan(&mut self) -> Scan {
        let buf = &self.buf;
        let mut i = self.pos;
        while i < buf.len() {
            let b = buf[i];
            if self.in_str {
                if self.esc {
                    self.esc = false;
                } else if b == b'\\' {
                    self.esc = true;
                } else if b == b'"' {
                    self.in_str = false;
                }
                i += 1;
                continue;
            }
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => {
                    i += 1;
                    continue;
                }
                b'"' => self.in_str = true,
                b'{' => {
                    if !matches!(self.last_sig, b':' | b',' | b'[') {
                        self.pos = i;
                        return Scan::Broken(i);
                    }
                    self.depth += 1;
                }
                b'}' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        self.pos = i + 1;
                        return Scan::End(i + 1);
                    }
                }
                _ => {}
            }
            self.last_sig = b;
            i += 1;
        }
        self.pos = i;
        Scan::NeedMore
    }
}

enum Scan {
    NeedMore,
    /// The object ends before this index.
    End(usize),
    /// The object was broken; a new one starts at this index.
    Broken(usize),
}

#[cfg(test)]
#[path = "splitter_tests.rs"]
mod tests;
