//! The report as PDF (A4, Helvetica): pages of headings, wrapped text, tables that carry their
//! header over page breaks, line plots, and a footer with the page number. Text is encoded in
//! WinAnsi (Latin-1 and a few typographic signs); other characters print as `?`.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::metrics::{HELVETICA, HELVETICA_BOLD};

/// A4 in points.
const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const TOP: f32 = PAGE_H - 50.0;
const BOTTOM: f32 = 60.0;
/// Usable width.
pub const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// A character's WinAnsi code (`?` for what the encoding lacks).
fn winansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{A0}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '\t' => b' ',
        _ => b'?',
    }
}

fn encode(s: &str) -> Vec<u8> {
    s.chars().map(winansi).collect()
}

/// Width of `s` in points.
pub fn text_width(s: &str, size: f32, bold: bool) -> f32 {
    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
    let units: u32 = encode(s)
        .iter()
        .map(|&b| match table[usize::from(b)] {
            0 => 556,
            w => u32::from(w),
        })
        .sum();
    units as f32 * size / 1000.0
}

/// `s` cut to fit `width`, with an ellipsis when cut.
fn fit(s: &str, size: f32, bold: bool, width: f32) -> String {
    if text_width(s, size, bold) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        out.push(c);
        if text_width(&out, size, bold) + text_width("…", size, bold) > width {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

/// `s` broken into lines of at most `width` (at spaces; a word longer than a line is cut).
pub fn wrap(s: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size, bold) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
            if text_width(&line, size, bold) > width {
                line = fit(&line, size, bold, width);
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

/// One series of a plot, in its own band: label with unit, and its points (`None` breaks the
/// line).
pub struct PlotBand<'a> {
    /// Label with unit.
    pub label: String,
    /// (x, y) points.
    pub points: &'a [(f64, Option<f64>)],
}

/// A document being laid out.
pub struct Doc {
    pages: Vec<Content>,
    y: f32,
    title: String,
}

impl Doc {
    /// A new document; `title` goes in the footer of every page.
    pub fn new(title: &str) -> Doc {
        let mut d = Doc {
            pages: Vec::new(),
            y: TOP,
            title: title.to_string(),
        };
        d.new_page();
        d
    }

    fn page(&mut self) -> &mut Content {
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
        if self.y - h < BOTTOM {
            self.new_page();
        }
    }

    /// Vertical space.
    pub fn space(&mut self, h: f32) {
        self.y -= h;
    }

    /// Text at a position (baseline).
    fn text_at(&mut self, x: f32, y: f32, s: &str, size: f32, bold: bool, grey: bool) {
        let bytes = encode(s);
        let c = self.page();
        if grey {
            c.set_fill_gray(0.4);
        }
        c.begin_text();
        c.set_font(if bold { BOLD } else { REGULAR }, size);
        c.next_line(x, y);
        c.show(Str(&bytes));
        c.end_text();
        if grey {
            c.set_fill_gray(0.0);
        }
    }

    /// A title line.
    pub fn title(&mut self, s: &str) {
        self.need(30.0);
        self.y -= 20.0;
        self.text_at(MARGIN, self.y, s, 18.0, true, false);
        self.y -= 8.0;
    }

    /// A section heading with a rule under it.
    pub fn heading(&mut self, s: &str) {
        self.need(50.0);
        self.y -= 22.0;
        self.text_at(MARGIN, self.y, s, 13.0, true, false);
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
        self.y -= 16.0;
        self.text_at(MARGIN, self.y, s, 11.0, true, false);
        self.y -= 4.0;
    }

    /// A wrapped paragraph.
    pub fn para(&mut self, s: &str, size: f32, grey: bool) {
        for line in wrap(s, size, false, WIDTH) {
            self.need(size * 1.35);
            self.y -= size * 1.35;
            self.text_at(MARGIN, self.y, &line, size, false, grey);
        }
    }

    /// Label-value pairs in two columns of pairs.
    pub fn pairs(&mut self, pairs: &[(String, String)]) {
        let size = 9.5;
        let half = WIDTH / 2.0;
        for row in pairs.chunks(2) {
            self.need(15.0);
            self.y -= 14.0;
            for (i, (k, v)) in row.iter().enumerate() {
                let x = MARGIN + i as f32 * half;
                let y = self.y;
                self.text_at(x, y, &fit(k, size, false, 95.0), size, false, true);
                self.text_at(
                    x + 100.0,
                    y,
                    &fit(v, size, true, half - 108.0),
                    size,
                    true,
                    false,
                );
            }
        }
    }

    /// A table; the header is repeated on each new page. Rows are cut to their column.
    pub fn table(&mut self, cols: &[Col<'_>], rows: &[Vec<String>]) {
        let size = 8.5;
        let line = 12.5;
        let header = |d: &mut Doc| {
            d.need(line * 2.0);
            d.y -= line;
            let y = d.y;
            d.page().set_fill_gray(0.9);
            let c = d.page();
            c.rect(MARGIN, y - 3.5, cols.iter().map(|c| c.1).sum(), line);
            c.fill_nonzero();
            c.set_fill_gray(0.0);
            let mut x = MARGIN;
            for col in cols {
                d.cell(x, y, col, col.0, size, true);
                x += col.1;
            }
        };
        header(self);
        for (n, row) in rows.iter().enumerate() {
            if self.y - line < BOTTOM {
                self.new_page();
                header(self);
            }
            self.y -= line;
            let y = self.y;
            if n % 2 == 1 {
                let c = self.page();
                c.set_fill_gray(0.965);
                c.rect(MARGIN, y - 3.5, cols.iter().map(|c| c.1).sum(), line);
                c.fill_nonzero();
                c.set_fill_gray(0.0);
            }
            let mut x = MARGIN;
            for (col, text) in cols.iter().zip(row) {
                self.cell(x, y, col, text, size, false);
                x += col.1;
            }
        }
        self.y -= 4.0;
    }

    fn cell(&mut self, x: f32, y: f32, col: &Col<'_>, text: &str, size: f32, bold: bool) {
        let pad = 3.0;
        let t = fit(text, size, bold, col.1 - 2.0 * pad);
        let tx = match col.2 {
            Align::Left => x + pad,
            Align::Right => x + col.1 - pad - text_width(&t, size, bold),
        };
        self.text_at(tx, y, &t, size, bold, false);
    }

    /// A plot of bands sharing the x axis (`x_labels`: text under the left and right ends).
    pub fn plot(&mut self, bands: &[PlotBand<'_>], x_range: (f64, f64), x_labels: (&str, &str)) {
        if bands.is_empty() {
            return;
        }
        let band_h = 62.0;
        let gap = 8.0;
        let total = bands.len() as f32 * (band_h + gap) + 14.0;
        self.need(total);
        let left = MARGIN + 110.0;
        let w = WIDTH - 110.0;
        let (x0, x1) = x_range;
        let xspan = (x1 - x0).max(1.0);
        for b in bands {
            self.y -= gap;
            let top = self.y;
            let bottom = top - band_h;
            let valid: Vec<f64> = b.points.iter().filter_map(|p| p.1).collect();
            let (lo, hi) = valid
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, z), v| {
                    (a.min(*v), z.max(*v))
                });
            let (lo, hi) = if valid.is_empty() {
                (0.0, 1.0)
            } else if (hi - lo).abs() < 1e-9 {
                (lo - 1.0, hi + 1.0)
            } else {
                let pad = (hi - lo) * 0.1;
                (lo - pad, hi + pad)
            };
            self.text_at(
                MARGIN,
                top - 12.0,
                &fit(&b.label, 9.0, true, 105.0),
                9.0,
                true,
                false,
            );
            self.text_at(
                MARGIN,
                top - 24.0,
                &format!("max {}", short(hi)),
                7.5,
                false,
                true,
            );
            self.text_at(
                MARGIN,
                bottom + 2.0,
                &format!("min {}", short(lo)),
                7.5,
                false,
                true,
            );
            if valid.is_empty() {
                self.text_at(left + 6.0, top - band_h / 2.0, "no data", 9.0, false, true);
            }
            let c = self.page();
            c.set_line_width(0.5);
            c.set_stroke_gray(0.6);
            c.rect(left, bottom, w, band_h);
            c.stroke();
            c.set_stroke_rgb(0.1, 0.3, 0.75);
            c.set_line_width(1.0);
            let mut pen = false;
            let px = |x: f64| left + ((x - x0) / xspan * f64::from(w)) as f32;
            let py = |y: f64| bottom + ((y - lo) / (hi - lo) * f64::from(band_h)) as f32;
            for (i, (x, v)) in b.points.iter().enumerate() {
                match v {
                    Some(v) => {
                        let next_x = b.points.get(i + 1).map_or(x1, |p| p.0).min(x1);
                        // Held until the next reading: a step line.
                        if pen {
                            c.line_to(px(*x), py(*v));
                        } else {
                            c.move_to(px(*x), py(*v));
                            pen = true;
                        }
                        c.line_to(px(next_x), py(*v));
                    }
                    None => {
                        if pen {
                            c.stroke();
                        }
                        pen = false;
                    }
                }
            }
            if pen {
                c.stroke();
            }
            c.set_stroke_gray(0.0);
            self.y = bottom;
        }
        self.y -= 11.0;
        let y = self.y;
        self.text_at(left, y, x_labels.0, 7.5, false, true);
        let wr = text_width(x_labels.1, 7.5, false);
        self.text_at(MARGIN + WIDTH - wr, y, x_labels.1, 7.5, false, true);
        self.y -= 4.0;
    }

    /// Signature lines: a box per role with name, signature and date lines.
    pub fn signatures(&mut self, roles: &[(&str, &str)]) {
        let h = 70.0;
        self.need(h + 10.0);
        self.y -= 10.0;
        let w = (WIDTH - 20.0 * (roles.len() as f32 - 1.0)) / roles.len() as f32;
        let top = self.y;
        for (i, (role, name)) in roles.iter().enumerate() {
            let x = MARGIN + i as f32 * (w + 20.0);
            self.text_at(x, top - 10.0, role, 9.5, true, false);
            self.text_at(x, top - 24.0, &format!("Name: {name}"), 9.0, false, false);
            self.text_at(x, top - 48.0, "Signature:", 9.0, false, true);
            self.text_at(x, top - 66.0, "Date:", 9.0, false, true);
            let c = self.page();
            c.set_line_width(0.5);
            for dy in [48.0, 66.0] {
                c.move_to(x + 48.0, top - dy - 2.0);
                c.line_to(x + w, top - dy - 2.0);
            }
            c.stroke();
        }
        self.y = top - h;
    }

    /// The PDF file's bytes, with "page N of M" and the title in each footer.
    pub fn finish(mut self) -> Vec<u8> {
        let n = self.pages.len();
        let title = self.title.clone();
        let pages = std::mem::take(&mut self.pages);
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let (regular, bold, info) = (Ref::new(3), Ref::new(4), Ref::new(5));
        let first_page = 6;
        let page_ids: Vec<Ref> = (0..n)
            .map(|i| Ref::new(first_page + 2 * i as i32))
            .collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(n as i32);
        for (id, base) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
            pdf.type1_font(id)
                .base_font(Name(base.as_bytes()))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        pdf.document_info(info)
            .title(TextStr(&title))
            .creator(TextStr(concat!(
                "CMM Commissioner ",
                env!("CARGO_PKG_VERSION")
            )));
        for (i, mut c) in pages.into_iter().enumerate() {
            let footer = format!("{title} · page {} of {n}", i + 1);
            let bytes = encode(&footer);
            c.set_fill_gray(0.4);
            c.begin_text();
            c.set_font(REGULAR, 7.5);
            c.next_line(MARGIN, 30.0);
            c.show(Str(&bytes));
            c.end_text();
            // Left uncompressed: text and lines are small, and any tool can read the file.
            let data = c.finish();
            let page_id = page_ids[i];
            let content_id = Ref::new(page_id.get() + 1);
            let mut page = pdf.page(page_id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents(content_id);
            page.resources()
                .fonts()
                .pair(REGULAR, regular)
                .pair(BOLD, bold);
            page.finish();
            pdf.stream(content_id, &data);
        }
        pdf.finish()
    }
}

/// A number in few characters for plot scales.
fn short(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}
