//! What the engineer types into the editor, read strictly: every error names the field and
//! the reason. Numbers take a decimal point or a decimal comma (`25.5`, `25,5`); addresses are
//! decimal or hex (`24`, `0x18`).

/// An address typed into `field`.
pub fn address(field: &str, text: &str) -> Result<u16, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(t!("{ $field }: give an address (0-65535)", field = field));
    }
    let quoted = || format!("{t:?}");
    let parsed = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16).map_err(|_| {
            t!(
                "{ $field }: { $text } is not a hex number",
                field = field,
                text = quoted()
            )
        }),
        None => t.parse::<u32>().map_err(|_| {
            t!(
                "{ $field }: { $text } is not a number",
                field = field,
                text = quoted()
            )
        }),
    };
    match parsed? {
        a if a <= 65535 => Ok(a as u16),
        a => Err(t!(
            "{ $field }: address { $address } is out of range (0-65535)",
            field = field,
            address = a
        )),
    }
}

/// A number typed into `field`, in the register's unit.
pub fn number(field: &str, text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(t!("{ $field }: give a value", field = field));
    }
    match t.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(t!(
            "{ $field }: { $text } is not a number",
            field = field,
            text = format!("{t:?}")
        )),
    }
}

/// Several numbers typed into `field`: separated by `;` (then each may have a decimal
/// comma), or else by commas or spaces.
pub fn numbers(field: &str, text: &str) -> Result<Vec<f64>, String> {
    let parts: Vec<&str> = if text.contains(';') {
        text.split(';').collect()
    } else {
        text.split([',', ' ']).collect()
    };
    let values: Vec<f64> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| number(field, p))
        .collect::<Result<_, _>>()?;
    if values.is_empty() {
        return Err(t!("{ $field }: give at least one value", field = field));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_commas_hex_addresses_and_errors_that_name_the_field() {
        assert_eq!(number("Value", "25,5"), Ok(25.5));
        assert_eq!(number("Value", " 25.5 "), Ok(25.5));
        assert_eq!(
            number("Value", "abc"),
            Err("Value: \"abc\" is not a number".into())
        );
        assert_eq!(address("Register", "0x18"), Ok(24));
        assert_eq!(address("Register", "24"), Ok(24));
        assert_eq!(
            address("Register", "70000"),
            Err("Register: address 70000 is out of range (0-65535)".into())
        );
        assert_eq!(
            address("Coil", "x1"),
            Err("Coil: \"x1\" is not a number".into())
        );
        assert!(address("Coil", "").unwrap_err().starts_with("Coil: give"));
        assert_eq!(numbers("Values", "230, 231"), Ok(vec![230.0, 231.0]));
        assert_eq!(numbers("Values", "25,5; 26,5"), Ok(vec![25.5, 26.5]));
        assert!(numbers("Values", "1, x").unwrap_err().contains("\"x\""));
        assert!(numbers("Values", " ").is_err());
    }
}
