//! `cmmctl report`: the commissioning report of a recording, as PDF with the CSV of the load
//! steps beside it. Works the same on a live recording and an old one.

use std::path::PathBuf;

use clap::Args;

use crate::app::load_maps;

/// Options of `cmmctl report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The recording.
    pub file: PathBuf,
    /// Where to write the PDF; the steps' CSV goes beside it (`report.pdf`,
    /// `report-steps.csv`).
    #[arg(long, default_value = "report.pdf")]
    pub out: PathBuf,
    /// The target (hostid, serial target or name) to report on; needed when the recording holds
    /// several and only one has a commissioning.
    #[arg(long)]
    pub target: Option<String>,
    /// A register map file to decode with, before the shipped ones (repeatable).
    #[arg(long = "map", value_name = "FILE")]
    pub maps: Vec<PathBuf>,
    /// The language of the report: en, zh, ru or es.
    #[arg(long, default_value = "en", value_name = "LANG")]
    pub lang: crate::i18n::Lang,
}

/// Makes the report.
pub fn run(a: ReportArgs) -> anyhow::Result<()> {
    let maps = load_maps(&a.maps)?;
    let c = crate::i18n::with_lang(a.lang, || {
        crate::report::read(&a.file, a.target.as_deref(), &maps)
    })?;
    if c.entries == 0 {
        // Not interactive: said, and made anyway.
        eprintln!(
            "cmmctl report: warning: {} has no commissioning entries for {} ({}); made anyway",
            a.file.display(),
            c.target.key,
            crate::report::EMPTY_WARNING
        );
    }
    let w = crate::i18n::with_lang(a.lang, || crate::report::write_read(&c, &a.out))?;
    eprintln!(
        "cmmctl report: {} for {}; steps in {}",
        w.pdf.display(),
        w.target,
        w.csv.display()
    );
    if let Some(note) = w.missing_note() {
        println!("cmmctl report: {note}");
        eprintln!("cmmctl report: {note}");
    }
    Ok(())
}
