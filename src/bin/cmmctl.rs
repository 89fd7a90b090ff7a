//! `cmmctl`: the console tool (see `cmmctl --help`).

fn main() -> anyhow::Result<()> {
    cmm_commissioner::cli::main()
}
