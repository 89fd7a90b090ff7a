//! Windows builds: the application icon and version information go into the .exe resources.

fn main() {
    println!("cargo:rerun-if-changed=icons/cmm-commissioner.ico");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("icons/cmm-commissioner.ico")
        .set("ProductName", "CMM Commissioner")
        .set("FileDescription", "CMM Commissioner")
        .set("CompanyName", "CMM Commissioner");
    if let Err(e) = res.compile() {
        // A Windows build without its icon must not pass unnoticed.
        println!("cargo:warning=cannot compile the Windows resources: {e}");
        std::process::exit(1);
    }
}
