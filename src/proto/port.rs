//! The modem's own serial port settings (`modulePort`, `moduleBaud`) in words: one place for
//! the names the window, the write log, the console and the report show.

/// Names of the `modulePort` values, by value.
pub const PORTS: [&str; 5] = [n!("disabled"), "LINK", "RS485", "RS232", "USB"];
/// Names of the `moduleBaud` values, by value.
pub const BAUDS: [&str; 3] = ["9600", "19200", "115200"];

/// `modulePort` in words ("unknown" for a value outside the protocol's).
pub fn port_name(p: u8) -> &'static str {
    PORTS.get(usize::from(p)).copied().unwrap_or("unknown")
}

/// `modulePort` in words in the language of this thread ("disabled" translated; the port
/// names are names).
pub fn port_shown(p: u8) -> String {
    match PORTS.get(usize::from(p)) {
        Some(name) => crate::i18n::tr(name),
        None => t!("unknown"),
    }
}

/// `moduleBaud` in words ("unknown" for a value outside the protocol's).
pub fn baud_name(b: u8) -> &'static str {
    BAUDS.get(usize::from(b)).copied().unwrap_or("unknown")
}

/// A setting as the engineer reads it: "RS485, 9600 baud".
pub fn setting(port: u8, baud: u8) -> String {
    t!(
        "{ $port }, { $baud } baud",
        port = port_shown(port),
        baud = baud_name(baud)
    )
}

/// A setting that may be partly unknown (a login without the fields): "RS485, baud unknown".
pub fn setting_known(port: Option<u8>, baud: Option<u8>) -> String {
    match (port, baud) {
        (Some(p), Some(b)) => setting(p, b),
        (Some(p), None) => t!("{ $port }, baud unknown", port = port_shown(p)),
        (None, Some(b)) => t!("port unknown, { $baud } baud", baud = baud_name(b)),
        (None, None) => t!("unknown"),
    }
}

/// What a change of the setting does to the modem's link with its controller, when it cuts
/// it or may: `None` when only the baud changes on the same, enabled port.
pub fn change_warning(current: Option<u8>, new_port: u8) -> Option<String> {
    if new_port == 0 {
        return Some(t!(
            "The modem will stop talking to its controller: its serial port is disabled, and \
             you may have no other way back in than a visit to the set."
        ));
    }
    match current {
        Some(c) if c == new_port => None,
        Some(c) => Some(t!(
            "The modem will stop talking to its controller unless the controller is wired to \
             its { $new } port (now { $now }).",
            new = port_shown(new_port),
            now = port_shown(c)
        )),
        None => Some(t!(
            "The modem's current port is not known: if the controller is not wired to the port \
             chosen, the modem will stop talking to it."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_settings() {
        assert_eq!(setting(2, 0), "RS485, 9600 baud");
        assert_eq!(setting(0, 1), "disabled, 19200 baud");
        assert_eq!(port_name(9), "unknown");
        assert_eq!(setting_known(Some(2), None), "RS485, baud unknown");
        assert_eq!(setting_known(None, None), "unknown");
    }

    #[test]
    fn warnings() {
        assert!(change_warning(Some(2), 0).is_some_and(|w| w.contains("stop talking")));
        assert!(change_warning(Some(2), 2).is_none());
        assert!(change_warning(Some(2), 3).is_some_and(|w| w.contains("RS232 port (now RS485)")));
        assert!(change_warning(None, 2).is_some());
    }
}
