//! The PDF file of a laid-out document: its pages with the footer, and each font used as a
//! Type 0 font (CIDFontType2, or CIDFontType0 for CFF outlines) holding only the glyphs used,
//! with a ToUnicode map so the text can be searched and copied.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::fonts::Face;
use super::pdf::{Doc, FOOTER_LINE, FOOTER_SIZE, MARGIN, PAGE_H, PAGE_W, WIDTH, font_name};

/// Hands out object numbers.
struct Ids(i32);

impl Ids {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

const IDENTITY: SystemInfo<'static> = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

impl Doc {
    /// The PDF file's bytes, with the footer lines and "page N of M" on each page.
    pub fn finish(mut self) -> Vec<u8> {
        let n = self.pages.len();
        // The footers are drawn first: their glyphs must be in the fonts written below.
        for i in 0..n {
            self.footer_on(i, n);
        }
        let pages = std::mem::take(&mut self.pages);
        let mut pdf = Pdf::new();
        let mut ids = Ids(0);
        let (catalog, tree, info) = (ids.next(), ids.next(), ids.next());
        let fonts: Vec<Ref> = self.fonts.faces().iter().map(|_| ids.next()).collect();
        let page_ids: Vec<(Ref, Ref)> = (0..n).map(|_| (ids.next(), ids.next())).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_ids.iter().map(|p| p.0))
            .count(n as i32);
        pdf.document_info(info)
            .title(TextStr(&self.title))
            .creator(TextStr(concat!(
                "CMM Commissioner ",
                env!("CARGO_PKG_VERSION")
            )));
        for (face, id) in self.fonts.faces().iter().zip(&fonts) {
            write_font(&mut pdf, &mut ids, face, *id);
        }
        let names: Vec<String> = (0..fonts.len()).map(font_name).collect();
        for (c, (page_id, content_id)) in pages.into_iter().zip(&page_ids) {
            // Left uncompressed: text and lines are small, and any tool can read the file.
            let data = c.finish();
            let mut page = pdf.page(*page_id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents(*content_id);
            let mut res = page.resources();
            let mut dict = res.fonts();
            for (name, id) in names.iter().zip(&fonts) {
                dict.pair(Name(name.as_bytes()), *id);
            }
            dict.finish();
            res.finish();
            page.finish();
            pdf.stream(*content_id, &data);
        }
        pdf.finish()
    }

    fn footer_on(&mut self, i: usize, n: usize) {
        let page = t!("page { $page } of { $pages }", page = i + 1, pages = n);
        let lines = self.footer.clone();
        let y0 = 38.0;
        for (k, l) in lines.iter().enumerate() {
            let y = y0 + FOOTER_LINE * (lines.len() - 1 - k) as f32;
            self.text_on(i, (MARGIN, y), l, FOOTER_SIZE, false, true);
        }
        let w = self.width(&page, FOOTER_SIZE);
        let y = y0 + FOOTER_LINE * lines.len().saturating_sub(1) as f32;
        self.text_on(i, (MARGIN + WIDTH - w, y), &page, FOOTER_SIZE, false, true);
    }
}

/// A subset tag (six capitals) from the glyphs used, as PDF readers expect.
fn tag(face: &Face) -> String {
    let mut h: u32 = 2166136261;
    for (cid, text, _) in face.used() {
        for b in cid.to_be_bytes().iter().chain(text.as_bytes()) {
            h = (h ^ u32::from(*b)).wrapping_mul(16777619);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

fn write_font(pdf: &mut Pdf, ids: &mut Ids, face: &Face, type0: Ref) {
    let (cid_id, desc_id, file_id, cmap_id) = (ids.next(), ids.next(), ids.next(), ids.next());
    let base = format!(
        "{}+{}",
        tag(face),
        face.name.replace(|c: char| !c.is_ascii_alphanumeric(), "")
    );
    let Some((data, cff)) = face.subset() else {
        return;
    };
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);
    let mut cid = pdf.cid_font(cid_id);
    cid.subtype(if cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(base.as_bytes()))
    .system_info(IDENTITY)
    .font_descriptor(desc_id)
    .default_width(500.0);
    if !cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let mut w = cid.widths();
    for (g, _, advance) in face.used() {
        w.consecutive(g, [advance]);
    }
    w.finish();
    cid.finish();
    let (ascent, descent, bbox) = face.metrics();
    let mut d = pdf.font_descriptor(desc_id);
    d.name(Name(base.as_bytes()))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(bbox[0], bbox[1], bbox[2], bbox[3]))
        .italic_angle(0.0)
        .ascent(ascent)
        .descent(descent)
        .cap_height(ascent * 0.9)
        .stem_v(80.0);
    if cff {
        d.font_file3(file_id);
    } else {
        d.font_file2(file_id);
    }
    d.finish();
    let mut s = pdf.stream(file_id, &data);
    if cff {
        s.pair(Name(b"Subtype"), Name(b"OpenType"));
    } else {
        s.pair(Name(b"Length1"), data.len() as i32);
    }
    s.finish();
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (g, text, _) in face.used() {
        cmap.pair_with_multiple(g, text.chars());
    }
    pdf.cmap(cmap_id, &cmap.finish())
        .name(Name(b"Custom"))
        .system_info(IDENTITY);
}
