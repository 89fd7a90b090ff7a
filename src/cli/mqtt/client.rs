//! What the console's options make of the bridge's client: its default id and its password
//! file.

pub(super) use crate::sync::lock;

pub(super) fn default_client_id(port: u16) -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .unwrap_or_else(|| std::env::var("COMPUTERNAME").unwrap_or_default());
    let host: String = host
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(32)
        .collect();
    if port == 0 {
        // Any free port: not known yet, and another one next time; the process id tells apart.
        return format!("cmmctl-{host}-pid{}", std::process::id());
    }
    format!("cmmctl-{host}-{port}")
}

pub(super) fn read_password(path: &std::path::Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("--mqtt-password-file {}: {e}", path.display()))?;
    Ok(text.lines().next().unwrap_or("").to_string())
}
