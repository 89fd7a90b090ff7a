//! The report as PDF (A4): pages of headings, wrapped text, tables whose rows grow with their
//! text and carry their header over page breaks, line plots, and a footer on every page. Text
//! is drawn with embedded font subsets (see `fonts`), so any script prints; nothing is cut:
//! text wraps at spaces, and anywhere in a word longer than its column.

use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Name, Str};

use super::fonts::Fonts;

/// A4 in points.
pub(super) const PAGE_W: f32 = 595.0;
pub(super) const PAGE_H: f32 = 842.0;
pub(super) const MARGIN: f32 = 50.0;
const TOP: f32 = PAGE_H - 50.0;
/// Usable width.
pub const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
/// Size and line height of the footer.
pub(super) const FOOTER_SIZE: f32 = 7.5;
pub(super) const FOOTER_LINE: f32 = 9.5;

/// The resource name of the `i`-th font.
pub(super) fn font_name(i: usize) -> String {
    format!("F{i}")
}

/// `s` broken into lines of at most `width`: at spaces, and anywhere in a word longer than a
/// line. Every character of `s` (but the spaces a line breaks at) is in one line.
pub fn wrap(fonts: &mut Fonts, s: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if fonts.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone; cut where it passes the width.
            for c in word.chars() {
                line.push(c);
                if fonts.width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Horizontal alignment in a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left.
    Left,
    /// Right (numbers).
    Right,
}

/// A table column: header, width in points, alignment.
pub struct Col<'a>(pub &'a str, pub f32, pub Align);

/// A document being laid out.
pub struct Doc {
    pub(super) pages: Vec<Content>,
    pub(super) y: f32,
    pub(super) title: String,
    /// Footer lines (page number added to the last).
    pub(super) footer: Vec<String>,
    pub(super) bottom: f32,
    pub(super) fonts: Fonts,
}

impl Doc {
    /// A new document; `title` names the file, `footer` (job, site...) goes at the foot of every
    /// page with the page number.
    pub fn new(title: &str, footer: &str) -> Doc {
        let mut fonts = Fonts::new();
        let mut lines = wrap(&mut fonts, footer, FOOTER_SIZE, WIDTH - 70.0);
        lines.retain(|l| !l.is_empty());
        let bottom = 45.0 + FOOTER_LINE * lines.len().max(1) as f32;
        let mut d = Doc {
            pages: Vec::new(),
            y: TOP,
            title: title.to_string(),
            footer: lines,
            bottom,
            fonts,
        };
        d.new_page();
        d
    }

    pub(super) fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(Content::new());
        }
        let i = self.pages.len() - 1;
        &mut self.pages[i]
    }

    /// Starts a page.
    pub fn new_page(&mut self) {
        self.pages.push(Content::new());
        self.y = TOP;
    }

    /// Makes room for `h` points, starting a page when needed.
    pub fn need(&mut self, h: f32) {
        if self.y - h < self.bottom {
            self.new_page();
        }
    }

    /// Vertical space.
    pub fn space(&mut self, h: f32) {
        self.y -= h;
    }

    /// Width of `s` in points.
    pub fn width(&mut self, s: &str, size: f32) -> f32 {
        self.fonts.width(s, size)
    }

    /// `s` wrapped to `width`.
    pub fn wrap(&mut self, s: &str, size: f32, width: f32) -> Vec<String> {
        wrap(&mut self.fonts, s, size, width)
    }

    /// The characters no font on this computer has (printed as empty boxes).
    pub fn missing(&self) -> Vec<char> {
        self.fonts.missing.iter().copied().collect()
    }

    /// Text at a position (baseline), each character in the first font that has it.
    pub(super) fn text_at(&mut self, x: f32, y: f32, s: &str, size: f32, bold: bool, grey: bool) {
        self.page();
        let i = self.pages.len() - 1;
        self.text_on(i, (x, y), s, size, bold, grey);
    }

    /// Text on page `i`.
    pub(super) fn text_on(
        &mut self,
        i: usize,
        (x, y): (f32, f32),
        s: &str,
        size: f32,
        bold: bool,
        grey: bool,
    ) {
        let mut runs: Vec<(usize, Vec<u8>)> = Vec::new();
        for ch in s.chars() {
            let g = self.fonts.glyph(ch);
            match runs.last_mut() {
                Some((f, bytes)) if *f == g.face => bytes.extend(g.cid.to_be_bytes()),
                _ => runs.push((g.face, g.cid.to_be_bytes().to_vec())),
            }
        }
        let Some(c) = self.pages.get_mut(i) else {
            return;
        };
        let gray = if grey { 0.4 } else { 0.0 };
        c.set_fill_gray(gray);
        c.begin_text();
        // The embedded face is light: bold is drawn by stroking the outline too. The mode
        // outlives the text object, so every one sets its own.
        if bold {
            c.set_stroke_gray(gray);
            c.set_line_width(size * 0.045);
            c.set_text_rendering_mode(TextRenderingMode::FillStroke);
        } else {
            c.set_text_rendering_mode(TextRenderingMode::Fill);
        }
        c.next_line(x, y);
        for (face, bytes) in &runs {
            let name = font_name(*face);
            c.set_font(Name(name.as_bytes()), size);
            c.show(Str(bytes));
        }
        c.end_text();
        c.set_fill_gray(0.0);
        c.set_stroke_gray(0.0);
    }

    /// Lines of text, starting a page where they reach the foot.
    fn lines(&mut self, s: &str, size: f32, bold: bool, grey: bool) {
        for line in self.wrap(s, size, WIDTH) {
            self.need(size * 1.35);
            self.y -= size * 1.35;
            self.text_at(MARGIN, self.y, &line, size, bold, grey);
        }
    }

    /// A title line.
    pub fn title(&mut self, s: &str) {
        self.need(30.0);
        self.y -= 6.0;
        self.lines(s, 18.0, true, false);
        self.y -= 8.0;
    }

    /// A section heading with a rule under it.
    pub fn heading(&mut self, s: &str) {
        self.need(50.0);
        self.y -= 6.0;
        self.lines(s, 13.0, true, false);
        self.y -= 5.0;
        let y = self.y;
        let c = self.page();
        c.set_line_width(0.8);
        c.move_to(MARGIN, y);
        c.line_to(MARGIN + WIDTH, y);
        c.stroke();
        self.y -= 6.0;
    }

    /// A smaller heading.
    pub fn subheading(&mut self, s: &str) {
        self.need(40.0);
        self.y -= 4.0;
        self.lines(s, 11.0, true, false);
        self.y -= 4.0;
    }

    /// A wrapped paragraph.
    pub fn para(&mut self, s: &str, size: f32, grey: bool) {
        self.lines(s, size, false, grey);
    }

    /// Label-value pairs in two columns of pairs; long values wrap.
    pub fn pairs(&mut self, pairs: &[(String, String)]) {
        let size = 9.5;
        let half = WIDTH / 2.0;
        for row in pairs.chunks(2) {
            let cells: Vec<(Vec<String>, Vec<String>)> = row
                .iter()
                .map(|(k, v)| (self.wrap(k, size, 95.0), self.wrap(v, size, half - 108.0)))
                .collect();
            let n = cells
                .iter()
                .map(|(k, v)| k.len().max(v.len()))
                .max()
                .unwrap_or(1);
            self.y -= 1.5;
            for line in 0..n {
                self.need(13.0);
                self.y -= 12.5;
                let y = self.y;
                for (i, (k, v)) in cells.iter().enumerate() {
                    let x = MARGIN + i as f32 * half;
                    if let Some(k) = k.get(line) {
                        self.text_at(x, y, k, size, false, true);
                    }
                    if let Some(v) = v.get(line) {
                        self.text_at(x + 100.0, y, v, size, true, false);
                    }
                }
            }
        }
    }

    /// A table; rows grow with their wrapped text, and the header is repeated on each page.
    pub fn table(&mut self, cols: &[Col<'_>], rows: &[Vec<String>]) {
        let size = 8.5;
        let line = 11.0;
        let pad = 3.0;
        let total: f32 = cols.iter().map(|c| c.1).sum();
        let wrap_row = |d: &mut Doc, row: &[&str]| -> Vec<Vec<String>> {
            cols.iter()
                .zip(row)
                .map(|(col, text)| d.wrap(text, size, col.1 - 2.0 * pad))
                .collect()
        };
        let header_text: Vec<&str> = cols.iter().map(|c| c.0).collect();
        let header = wrap_row(self, &header_text);
        // Clear of the line above: its descenders sit below its baseline.
        self.space(4.0);
        let draw_header = |d: &mut Doc| {
            let n = header.iter().map(Vec::len).max().unwrap_or(1);
            d.need(line * (n as f32 + 1.5));
            d.band(total, line * n as f32 + 3.0, 0.9);
            d.cells(cols, &header, n, line, size, true);
        };
        draw_header(self);
        for (i, row) in rows.iter().enumerate() {
            let texts: Vec<&str> = row.iter().map(String::as_str).collect();
            let cells = wrap_row(self, &texts);
            let n = cells.iter().map(Vec::len).max().unwrap_or(1);
            // A row of a few lines stays on one page; a longer one runs on.
            let first = if n <= 6 { n } else { 1 };
            if self.y - line * first as f32 - 3.0 < self.bottom {
                self.new_page();
                draw_header(self);
            }
            let mut from = 0;
            while from < n {
                let fit =
                    (((self.y - 3.0 - self.bottom) / line).floor().max(1.0) as usize).min(n - from);
                if i % 2 == 1 {
                    self.band(total, line * fit as f32 + 3.0, 0.965);
                }
                let part: Vec<Vec<String>> = cells
                    .iter()
                    .map(|c| c.iter().skip(from).take(fit).cloned().collect())
                    .collect();
                self.cells(cols, &part, fit, line, size, false);
                from += fit;
                if from < n {
                    self.new_page();
                    draw_header(self);
                }
            }
        }
        self.y -= 4.0;
    }

    /// A shaded band of height `h` under the current position.
    fn band(&mut self, w: f32, h: f32, gray: f32) {
        let y = self.y;
        let c = self.page();
        c.set_fill_gray(gray);
        c.rect(MARGIN, y - h, w, h);
        c.fill_nonzero();
        c.set_fill_gray(0.0);
    }

    /// `n` lines of cells, moving down.
    fn cells(
        &mut self,
        cols: &[Col<'_>],
        cells: &[Vec<String>],
        n: usize,
        line: f32,
        size: f32,
        bold: bool,
    ) {
        let pad = 3.0;
        let top = self.y;
        let mut x = MARGIN;
        for (col, lines) in cols.iter().zip(cells) {
            for (k, t) in lines.iter().enumerate() {
                let y = top - line * (k as f32 + 1.0);
                let tx = match col.2 {
                    Align::Left => x + pad,
                    Align::Right => x + col.1 - pad - self.width(t, size),
                };
                self.text_at(tx, y, t, size, bold, false);
            }
            x += col.1;
        }
        self.y = top - line * n as f32 - 3.0;
    }

    /// Signature boxes: per role its name (wrapped), and signature and date lines.
    pub fn signatures(&mut self, roles: &[(&str, &str)]) {
        let w = (WIDTH - 20.0 * (roles.len() as f32 - 1.0)) / roles.len() as f32;
        let names: Vec<Vec<String>> = roles
            .iter()
            .map(|(_, n)| self.wrap(&t!("Name: { $name }", name = *n), 9.0, w))
            .collect();
        let extra = names.iter().map(Vec::len).max().unwrap_or(1) as f32 * 11.0;
        let h = 50.0 + extra;
        self.need(h + 10.0);
        self.y -= 10.0;
        let top = self.y;
        let (signature, date) = (t!("Signature:"), t!("Date:"));
        for (i, ((role, _), name)) in roles.iter().zip(&names).enumerate() {
            let x = MARGIN + i as f32 * (w + 20.0);
            self.text_at(x, top - 10.0, role, 9.5, true, false);
            for (k, l) in name.iter().enumerate() {
                self.text_at(x, top - 24.0 - 11.0 * k as f32, l, 9.0, false, false);
            }
            let sig = top - 26.0 - extra;
            self.text_at(x, sig, &signature, 9.0, false, true);
            self.text_at(x, sig - 18.0, &date, 9.0, false, true);
            let c = self.page();
            c.set_line_width(0.5);
            for y in [sig, sig - 18.0] {
                c.move_to(x + 48.0, y - 2.0);
                c.line_to(x + w, y - 2.0);
            }
            c.stroke();
        }
        self.y = top - h;
    }
}
