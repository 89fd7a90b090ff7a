//! The fonts of a report: each character is drawn with the first font that has it, and only the
//! glyphs used are embedded. Latin, Greek and Cyrillic come from the font the window draws with
//! (shipped inside the program); other scripts (CJK, Arabic, Hebrew, Thai...) from a font found
//! on this computer, searched only when a character needs it. Characters no font has are kept
//! in a list to tell the engineer; they print as the font's empty box, never as `?`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use subsetter::GlyphRemapper;

/// Fonts tried first for what the shipped font lacks (Windows, then Linux and macOS names).
const PREFERRED: [&str; 14] = [
    "Microsoft YaHei",
    "SimSun",
    "Segoe UI",
    "Tahoma",
    "Noto Sans CJK SC",
    "Noto Sans",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "DejaVu Sans",
    "Noto Sans Arabic",
    "Noto Sans Thai",
    "PingFang SC",
    "Arial Unicode MS",
];

/// A font in use: its file, and the glyphs taken from it (renumbered from 1 in the subset).
pub struct Face {
    /// Its family name.
    pub name: String,
    data: Vec<u8>,
    index: u32,
    units_per_em: f32,
    remap: GlyphRemapper,
    /// New glyph id -> (the text it stands for, advance in 1/1000 em).
    glyphs: BTreeMap<u16, (String, f32)>,
}

/// A glyph as laid out: which face, its id in the subset, its advance in 1/1000 em.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    /// Index of the face.
    pub face: usize,
    /// Glyph id in the subset (used as the CID).
    pub cid: u16,
    /// Advance, 1/1000 em.
    pub advance: f32,
}

/// The fonts of one report.
pub struct Fonts {
    faces: Vec<Face>,
    chars: HashMap<char, Glyph>,
    system: Option<fontdb::Database>,
    /// Characters no font has.
    pub missing: BTreeSet<char>,
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts::new()
    }
}

impl Fonts {
    /// The shipped font alone; the computer's fonts are looked at when first needed.
    pub fn new() -> Fonts {
        let mut faces = Vec::new();
        if let Some(f) = Face::load(
            "Ubuntu Light",
            epaint_default_fonts::UBUNTU_LIGHT.to_vec(),
            0,
        ) {
            faces.push(f);
        }
        Fonts {
            faces,
            chars: HashMap::new(),
            system: None,
            missing: BTreeSet::new(),
        }
    }

    /// The faces used, in order (their index is a [`Glyph`]'s `face`).
    pub fn faces(&self) -> &[Face] {
        &self.faces
    }

    /// The glyph drawing `c` (a missing character gets the first font's empty box).
    pub fn glyph(&mut self, c: char) -> Glyph {
        let c = if c == '\t' || c.is_control() { ' ' } else { c };
        if let Some(g) = self.chars.get(&c) {
            return *g;
        }
        let g = match self.find(c) {
            Some(g) => g,
            None => {
                self.missing.insert(c);
                let advance = self.faces.first_mut().map_or(500.0, |f| {
                    let a = f.advance(0);
                    f.glyphs.entry(0).or_insert(('\u{FFFD}'.to_string(), a));
                    a
                });
                Glyph {
                    face: 0,
                    cid: 0,
                    advance,
                }
            }
        };
        self.chars.insert(c, g);
        g
    }

    /// Width of `s` in points at `size`.
    pub fn width(&mut self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.glyph(c).advance).sum::<f32>() * size / 1000.0
    }

    fn find(&mut self, c: char) -> Option<Glyph> {
        for (i, f) in self.faces.iter_mut().enumerate() {
            if let Some(g) = f.take(c, i) {
                return Some(g);
            }
        }
        let face = self.system_face(c)?;
        let i = self.faces.len();
        self.faces.push(face);
        self.faces.last_mut()?.take(c, i)
    }

    /// A font of this computer that has `c`: the preferred ones first, then any regular one.
    fn system_face(&mut self, c: char) -> Option<Face> {
        let db = self.system.get_or_insert_with(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            db
        });
        let rank = |f: &fontdb::FaceInfo| {
            let family = f.families.first().map(|x| x.0.as_str()).unwrap_or("");
            (
                PREFERRED
                    .iter()
                    .position(|p| p.eq_ignore_ascii_case(family))
                    .unwrap_or(PREFERRED.len()),
                f.style != fontdb::Style::Normal,
                f.weight.0.abs_diff(400),
                family.to_string(),
                f.index,
            )
        };
        let mut list: Vec<&fontdb::FaceInfo> = db.faces().filter(|f| !f.monospaced).collect();
        list.sort_by_key(|f| rank(f));
        let in_use: BTreeSet<&str> = self.faces.iter().map(|f| f.name.as_str()).collect();
        for info in list {
            let family = info
                .families
                .first()
                .map(|x| x.0.clone())
                .unwrap_or_default();
            if in_use.contains(family.as_str()) {
                continue;
            }
            let has = db
                .with_face_data(info.id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .ok()
                        .and_then(|f| f.glyph_index(c))
                        .is_some_and(|g| g.0 != 0)
                        .then(|| data.to_vec())
                })
                .flatten();
            if let Some(data) = has {
                return Face::load(&family, data, info.index);
            }
        }
        None
    }
}

impl Face {
    fn load(name: &str, data: Vec<u8>, index: u32) -> Option<Face> {
        let units_per_em = f32::from(ttf_parser::Face::parse(&data, index).ok()?.units_per_em());
        let mut remap = GlyphRemapper::new();
        remap.remap(0);
        Some(Face {
            name: name.to_string(),
            data,
            index,
            units_per_em,
            remap,
            glyphs: BTreeMap::new(),
        })
    }

    fn parsed(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(&self.data, self.index).ok()
    }

    /// Advance of an original glyph, 1/1000 em.
    fn advance(&self, gid: u16) -> f32 {
        self.parsed()
            .and_then(|f| f.glyph_hor_advance(ttf_parser::GlyphId(gid)))
            .map_or(500.0, |a| f32::from(a) * 1000.0 / self.units_per_em)
    }

    /// `c` from this face, added to the subset (`None`: the face lacks it).
    fn take(&mut self, c: char, i: usize) -> Option<Glyph> {
        let gid = self.parsed()?.glyph_index(c)?.0;
        if gid == 0 {
            return None;
        }
        let advance = self.advance(gid);
        let cid = self.remap.remap(gid);
        self.glyphs
            .entry(cid)
            .or_insert_with(|| (c.to_string(), advance));
        Some(Glyph {
            face: i,
            cid,
            advance,
        })
    }

    /// The subset font file and whether its outlines are CFF (else TrueType).
    pub fn subset(&self) -> Option<(Vec<u8>, bool)> {
        let data = subsetter::subset(&self.data, self.index, &self.remap).ok()?;
        let cff = ttf_parser::Face::parse(&data, 0)
            .ok()
            .is_some_and(|f| f.tables().cff.is_some());
        Some((data, cff))
    }

    /// The glyphs used: (CID, text, advance in 1/1000 em).
    pub fn used(&self) -> impl Iterator<Item = (u16, &str, f32)> + '_ {
        self.glyphs.iter().map(|(g, (s, a))| (*g, s.as_str(), *a))
    }

    /// Ascender, descender (1/1000 em) and bounding box.
    pub fn metrics(&self) -> (f32, f32, [f32; 4]) {
        let k = 1000.0 / self.units_per_em;
        match self.parsed() {
            Some(f) => {
                let b = f.global_bounding_box();
                (
                    f32::from(f.ascender()) * k,
                    f32::from(f.descender()) * k,
                    [
                        f32::from(b.x_min) * k,
                        f32::from(b.y_min) * k,
                        f32::from(b.x_max) * k,
                        f32::from(b.y_max) * k,
                    ],
                )
            }
            None => (800.0, -200.0, [0.0, -200.0, 1000.0, 800.0]),
        }
    }
}
