//! The system's file dialogs, asked beside the window, never in a frame: a panel says what a
//! file is for ([`Ask`]); the dialog runs on the app's runtime; its answer comes back at the
//! next frame as the command that needs the file. The core never opens a dialog: its commands
//! carry paths. A dialog closed without a file is said in the window that asked, where it
//! matters (no dialog at all means the system has no desktop portal: the path can be typed
//! instead).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::app::{Command, CopyCut, command::ExportSpec};
use crate::sync::lock;

/// What the file is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// A register map to load.
    LoadMap,
    /// A recording to open in a window of its own.
    OpenRecording,
    /// Where to export the recording as CSV.
    Export(ExportSpec),
    /// Where to save a copy of the recording, cut so.
    SaveCopy(CopyCut),
    /// Where to save a target's commissioning report.
    Report(String, crate::i18n::Lang),
    /// A register list (CSV) to make the map of `model` from, for `target`.
    ImportMapCsv {
        /// The module type.
        model: String,
        /// The target it is for.
        target: String,
    },
}

impl Purpose {
    /// What to say when the dialog gave no file (cancelled, or none could be shown): a text
    /// of the catalogue, shown with [`crate::i18n::tr`].
    pub fn none_chosen(&self) -> Option<&'static str> {
        match self {
            Purpose::LoadMap => Some(n!(
                "no map file chosen; if no file dialog appeared, this system has none (no \
                 desktop portal): type the file's path in Maps > Load map file instead"
            )),
            Purpose::Export(_) => Some(n!("no file chosen for the export")),
            Purpose::Report(..) => Some(n!("no file chosen for the report")),
            Purpose::ImportMapCsv { .. } => Some(n!(
                "no register list chosen; if no file dialog appeared, this system has none"
            )),
            Purpose::OpenRecording | Purpose::SaveCopy(_) => None,
        }
    }

    /// The command for the file chosen. The save dialog has asked before replacing a file.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            Purpose::LoadMap => Command::LoadMap(path),
            Purpose::OpenRecording => Command::OpenRecording(path),
            Purpose::Export(spec) => Command::Export { path, spec },
            Purpose::SaveCopy(cut) => Command::SaveCopy {
                path,
                cut,
                replace: true,
            },
            Purpose::Report(target, lang) => Command::Report { target, path, lang },
            Purpose::ImportMapCsv { model, target } => Command::ImportMapCsv {
                path,
                model,
                target: Some(target),
            },
        }
    }
}

/// A file to ask for.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    /// What it is for.
    pub purpose: Purpose,
    /// The dialog's title: a text of the catalogue (`n!("…")`), shown in the window's language.
    pub title: &'static str,
    /// The kind of file (a text of the catalogue, as the title), and its extensions.
    pub filter: (&'static str, &'static [&'static str]),
    /// A file to save (with the name suggested), rather than one to open.
    pub save_as: Option<String>,
}

/// A dialog closed: what the file was for, and the file (`None`: closed without one).
type Answer = (Purpose, Option<PathBuf>);

/// The dialogs asked and their answers.
#[derive(Debug, Default)]
pub struct FileDialogs {
    asked: Vec<Ask>,
    answers: Arc<Mutex<Vec<Answer>>>,
}

impl FileDialogs {
    /// Asks for a file (the dialog opens after the frame).
    pub fn ask(&mut self, ask: Ask) {
        self.asked.push(ask);
    }

    /// The dialogs asked in the frame, to open.
    pub fn take_asked(&mut self) -> Vec<Ask> {
        std::mem::take(&mut self.asked)
    }

    /// Opens the dialogs asked, each on a task of `runtime`; `repaint` is called once one
    /// closed, so the next frame sends its command.
    pub fn open(
        &mut self,
        runtime: &tokio::runtime::Handle,
        repaint: impl Fn() + Clone + Send + 'static,
    ) {
        for ask in self.take_asked() {
            let answers = self.answers.clone();
            let repaint = repaint.clone();
            // In the window's language: the dialog's task runs on another thread.
            let title = crate::i18n::tr(ask.title);
            let name = crate::i18n::tr(ask.filter.0);
            runtime.spawn(async move {
                let extensions = ask.filter.1;
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title(title)
                    .add_filter(name, extensions);
                let chosen = match ask.save_as {
                    Some(file) => dialog.set_file_name(file).save_file().await,
                    None => dialog.pick_file().await,
                };
                let path = chosen.map(|f| f.path().to_path_buf());
                lock(&answers).push((ask.purpose, path));
                repaint();
            });
        }
    }

    /// The dialogs closed since the last frame: the command of each file chosen, or, for one
    /// closed without a file, what it was for and what to say of it (a text of the catalogue).
    pub fn answers(&mut self) -> Vec<Result<Command, (Purpose, &'static str)>> {
        lock(&self.answers)
            .drain(..)
            .filter_map(|(purpose, path)| match path {
                Some(p) => Some(Ok(purpose.command(p))),
                None => purpose.none_chosen().map(|said| Err((purpose, said))),
            })
            .collect()
    }

    /// Puts an answer in as the dialog's task does (`None`: closed without a file).
    pub fn answer(&self, purpose: Purpose, path: Option<PathBuf>) {
        lock(&self.answers).push((purpose, path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_chosen_becomes_its_command_at_the_next_frame() {
        let mut d = FileDialogs::default();
        d.ask(Ask {
            purpose: Purpose::Report("H1".into(), crate::i18n::Lang::Ru),
            title: "Save the commissioning report",
            filter: ("PDF", &["pdf"]),
            save_as: Some("commissioning-H1.pdf".into()),
        });
        let asked = d.take_asked();
        assert_eq!(asked.len(), 1);
        assert!(d.take_asked().is_empty(), "each dialog opens once");
        assert!(d.answers().is_empty(), "nothing before an answer");
        d.answer(asked[0].purpose.clone(), Some("/tmp/r.pdf".into()));
        assert_eq!(
            d.answers(),
            vec![Ok(Command::Report {
                target: "H1".into(),
                path: "/tmp/r.pdf".into(),
                lang: crate::i18n::Lang::Ru,
            })]
        );
        assert!(d.answers().is_empty(), "sent once");
    }

    #[test]
    fn a_dialog_closed_without_a_file_is_said_where_it_matters() {
        let mut d = FileDialogs::default();
        d.answer(Purpose::LoadMap, None);
        d.answer(Purpose::OpenRecording, None);
        d.answer(Purpose::Export(Default::default()), None);
        let said = d.answers();
        assert_eq!(said.len(), 2, "{said:?}");
        let Err((Purpose::LoadMap, map)) = &said[0] else {
            panic!("{said:?}")
        };
        assert!(map.contains("type the file's path"), "{map}");
        assert!(matches!(
            &said[1],
            Err((Purpose::Export(_), "no file chosen for the export"))
        ));
    }
}
