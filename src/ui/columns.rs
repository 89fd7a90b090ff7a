//! Table columns that give way by priority: on a narrow window the least needed columns are
//! left out (never squeezed or pushed off to the right), the others keep their order and their
//! widths, and one column (the name) takes the width left over, up to a limit.

use eframe::egui;

/// A column: its title, width, and rank (0 first: the columns that are always shown).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Title in the header: a text of the catalogue (`n!("…")`, shown with [`Column::label`]),
    /// or a unit as it is.
    pub title: &'static str,
    /// Width, points (the least, for the stretching column).
    pub width: f32,
    /// Which give way first: the highest rank.
    pub rank: u8,
}

impl Column {
    /// Its title in the window's language.
    pub fn label(&self) -> String {
        crate::i18n::tr(self.title)
    }
}

/// A column of `width` points that gives way at `rank` (0: never).
pub const fn col(title: &'static str, width: f32, rank: u8) -> Column {
    Column { title, width, rank }
}

/// Where each column is in a row, or `None` when left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// x offset and width of each column, in the order of the columns given.
    pub cells: Vec<Option<(f32, f32)>>,
    /// The width of a row.
    pub width: f32,
}

impl Layout {
    /// Lays out `columns` in `available` points: columns of rank 0 always, then by rank as long
    /// as they fit; column `stretch` (if any) then takes what is left, up to `max` in all.
    pub fn fit(columns: &[Column], available: f32, stretch: Option<(usize, f32)>) -> Layout {
        let mut by_rank: Vec<usize> = (0..columns.len()).collect();
        by_rank.sort_by_key(|&i| columns[i].rank);
        let mut shown = vec![false; columns.len()];
        let mut used = 0.0;
        for i in by_rank {
            let w = columns[i].width;
            if columns[i].rank == 0 || used + w <= available {
                shown[i] = true;
                used += w;
            } else {
                // A lower rank never shows where a higher one did not fit.
                break;
            }
        }
        let extra = stretch.map_or(0.0, |(i, max)| {
            (available - used).clamp(0.0, (max - columns[i].width).max(0.0))
        });
        let mut x = 0.0;
        let cells = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if !shown[i] {
                    return None;
                }
                let w = c.width
                    + if stretch.map(|s| s.0) == Some(i) {
                        extra
                    } else {
                        0.0
                    };
                let cell = (x, w);
                x += w;
                Some(cell)
            })
            .collect();
        Layout { cells, width: x }
    }

    /// The rectangle of column `i` in `row`, if shown.
    pub fn cell(&self, row: egui::Rect, i: usize) -> Option<egui::Rect> {
        let (x, w) = self.cells.get(i).copied().flatten()?;
        Some(egui::Rect::from_min_size(
            egui::pos2(row.left() + x, row.top()),
            egui::vec2(w, row.height()),
        ))
    }

    /// The titles of the columns left out.
    pub fn hidden<'a>(&self, columns: &'a [Column]) -> Vec<&'a str> {
        columns
            .iter()
            .zip(&self.cells)
            .filter(|(_, c)| c.is_none())
            .map(|(c, _)| c.title)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: [Column; 4] = [
        Column {
            title: "Plot",
            width: 30.0,
            rank: 1,
        },
        Column {
            title: "Slave",
            width: 50.0,
            rank: 3,
        },
        Column {
            title: "Name",
            width: 100.0,
            rank: 0,
        },
        Column {
            title: "Raw",
            width: 80.0,
            rank: 2,
        },
    ];

    #[test]
    fn columns_give_way_by_rank_and_the_name_takes_what_is_left() {
        let all = Layout::fit(&COLS, 1000.0, Some((2, 200.0)));
        assert_eq!(
            all.cells,
            vec![
                Some((0.0, 30.0)),
                Some((30.0, 50.0)),
                Some((80.0, 200.0)),
                Some((280.0, 80.0))
            ]
        );
        // 230 points: Slave (rank 3) gives way, the name stretches by the rest.
        let narrow = Layout::fit(&COLS, 230.0, Some((2, 200.0)));
        assert_eq!(
            narrow.cells,
            vec![
                Some((0.0, 30.0)),
                None,
                Some((30.0, 120.0)),
                Some((150.0, 80.0))
            ]
        );
        assert_eq!(narrow.hidden(&COLS), vec!["Slave"]);
        // Less than the name needs: the name alone, at its width.
        let tiny = Layout::fit(&COLS, 50.0, None);
        assert_eq!(tiny.cells, vec![None, None, Some((0.0, 100.0)), None]);
        assert_eq!(tiny.width, 100.0);
    }
}
