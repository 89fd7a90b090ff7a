//! The register and command entries of a map file, checked: the larger half of the
//! validation (each entry's fields, and how the entries fit together).

use std::collections::BTreeMap;

use toml::Spanned;

use super::*;

/// The holding registers and the input registers.
type Registers = (BTreeMap<u16, RegisterSpec>, BTreeMap<u16, RegisterSpec>);

pub(super) fn registers(
    c: &Checker<'_>,
    raw: &[Spanned<RawRegister>],
    enums: &BTreeMap<String, BTreeMap<u16, String>>,
) -> Result<Registers, MapError> {
    let (mut holding, mut input) = (BTreeMap::new(), BTreeMap::new());
    let mut lines: BTreeMap<(Table, u16), usize> = BTreeMap::new();
    for (i, e) in raw.iter().enumerate() {
        let (span, e) = (e.span(), e.get_ref());
        let here = format!("register[{i}] (addr {})", e.addr);
        let kinds = (TableName::Holding, TableName::Input);
        let table = c.table(span.clone(), &format!("{here}.table"), e.table, kinds)?;
        if table == Table::Input && e.setting {
            return c.err(
                span,
                t!(
                    "{ $field }: an input register is read only, never a setting",
                    field = format!("{here}.setting")
                ),
            );
        }
        let words = e.words.unwrap_or(1);
        if !(1..=2).contains(&words) {
            return c.err(
                span,
                t!(
                    "{ $field }: must be 1 or 2, got { $value }",
                    field = format!("{here}.words"),
                    value = words
                ),
            );
        }
        if e.combine.is_some() && words != 2 {
            return c.err(
                span,
                t!(
                    "{ $field }: only for { $condition }",
                    field = format!("{here}.combine"),
                    condition = "words = 2"
                ),
            );
        }
        let scale = e.scale.unwrap_or(1.0);
        if !scale.is_finite() || scale == 0.0 {
            return c.err(
                span,
                t!(
                    "{ $field }: must be a non-zero number, got { $value }",
                    field = format!("{here}.scale"),
                    value = scale.to_string()
                ),
            );
        }
        if e.frequency && e.scale.is_some() {
            return c.err(
                span,
                t!(
                    "{ $field }: `{ $flag }` registers take their ratio from { $setting }; remove `{ $key }`",
                    field = here,
                    flag = "frequency",
                    setting = "settings.frequency_ratio",
                    key = "scale"
                ),
            );
        }
        if let Some(n) = &e.enum_name
            && !enums.contains_key(n)
        {
            return c.err(
                span,
                t!(
                    "{ $field }: no { $table } table in the file",
                    field = format!("{here}.enum"),
                    table = format!("[enum.{n}]")
                ),
            );
        }
        c.role(span.clone(), &here, e.role.as_deref(), REGISTER_ROLES)?;
        let hex = match e.format.as_deref() {
            None | Some("dec") => false,
            Some("hex") => true,
            Some(f) => {
                return c.err(
                    span,
                    t!(
                        "{ $field }: { $value } is not { $first } or { $second }",
                        field = format!("{here}.format"),
                        value = format!("{f:?}"),
                        first = "\"dec\"",
                        second = "\"hex\""
                    ),
                );
            }
        };
        if u32::from(e.addr) + u32::from(words) > 0x1_0000 {
            return c.err(
                span,
                t!(
                    "{ $field }: runs past address { $last }",
                    field = here,
                    last = 65535
                ),
            );
        }
        let lsw_first = match e.order.as_deref() {
            None | Some("msw_first") => false,
            Some("lsw_first") => true,
            Some(o) => {
                return c.err(
                    span,
                    t!(
                        "{ $field }: { $value } is not { $first } or { $second }",
                        field = format!("{here}.order"),
                        value = format!("{o:?}"),
                        first = "\"msw_first\"",
                        second = "\"lsw_first\""
                    ),
                );
            }
        };
        if e.order.is_some() {
            c.v2(span.clone(), &format!("{here}.order"))?;
            if words != 2 {
                return c.err(
                    span,
                    t!(
                        "{ $field }: only for { $condition }",
                        field = format!("{here}.order"),
                        condition = "words = 2"
                    ),
                );
            }
            if lsw_first && e.combine == Some(Combine::Counter) {
                return c.err(
                    span,
                    t!(
                        "{ $field }: a counter pair is read high part first",
                        field = format!("{here}.order")
                    ),
                );
            }
        }
        for (field, v) in [("min", e.min), ("max", e.max)] {
            if let Some(v) = v {
                c.v2(span.clone(), &format!("{here}.{field}"))?;
                if !v.is_finite() {
                    return c.err(
                        span,
                        t!(
                            "{ $field }: must be a number, got { $value }",
                            field = format!("{here}.{field}"),
                            value = v.to_string()
                        ),
                    );
                }
                if !e.setting {
                    return c.err(
                        span,
                        t!(
                            "{ $field }: a range is for settings ({ $condition })",
                            field = format!("{here}.{field}"),
                            condition = "setting = true"
                        ),
                    );
                }
            }
        }
        if let (Some(lo), Some(hi)) = (e.min, e.max)
            && lo > hi
        {
            return c.err(
                span,
                t!(
                    "{ $field }: min { $min } is above max { $max }",
                    field = here,
                    min = lo.to_string(),
                    max = hi.to_string()
                ),
            );
        }
        if e.unverified {
            c.v2(span.clone(), &format!("{here}.unverified"))?;
        }
        for a in e.addr..e.addr + u16::from(words) {
            if let Some(first) = lines.get(&(table, a)) {
                return c.err(
                    span,
                    t!(
                        "{ $field }: address { $addr } is already defined at line { $line }",
                        field = format!("{here}.addr"),
                        addr = a,
                        line = *first
                    ),
                );
            }
            lines.insert((table, a), line_of(c.text, span.start));
        }
        let out = if table == Table::Holding {
            &mut holding
        } else {
            &mut input
        };
        out.insert(
            e.addr,
            RegisterSpec {
                table,
                addr: e.addr,
                name: e.name.as_str().into(),
                group: e.group.as_str().into(),
                unit: e.unit.as_str().into(),
                scale,
                signed: e.signed,
                words,
                combine: if words == 2 {
                    e.combine.unwrap_or(Combine::U32)
                } else {
                    Combine::U32
                },
                frequency: e.frequency,
                enum_name: e.enum_name.clone(),
                running_status: e.role.as_deref() == Some("running_status"),
                speed: e.role.as_deref() == Some("speed"),
                hex,
                setting: e.setting,
                role: e.role.clone(),
                lsw_first,
                min: e.min,
                max: e.max,
                unverified: e.unverified,
            },
        );
    }
    Ok((holding, input))
}

pub(super) fn commands(
    c: &Checker<'_>,
    raw: &[Spanned<RawCommand>],
) -> Result<Vec<CommandSpec>, MapError> {
    let mut out = Vec::new();
    for (i, e) in raw.iter().enumerate() {
        let (span, e) = (e.span(), e.get_ref());
        if e.name.trim().is_empty() || e.action.trim().is_empty() {
            return c.err(
                span,
                t!(
                    "{ $field }: { $first } and { $second } are required",
                    field = format!("command[{i}]"),
                    first = "name",
                    second = "action"
                ),
            );
        }
        let confirm = match &e.confirm {
            None => None,
            Some(cf) => {
                if cf.value.is_some() == cf.not.is_some() {
                    return c.err(
                        span,
                        t!(
                            "{ $field }: give exactly one of `{ $first }` or `{ $second }`",
                            field = format!("command[{i}].confirm"),
                            first = "value",
                            second = "not"
                        ),
                    );
                }
                if let Some(b) = cf.bit {
                    c.v2(span.clone(), &format!("command[{i}].confirm.bit"))?;
                    if b > 15 || cf.table != TableName::Holding {
                        return c.err(
                            span,
                            t!(
                                "{ $field }: a bit { $range } of a holding register",
                                field = format!("command[{i}].confirm.bit"),
                                range = "0-15"
                            ),
                        );
                    }
                }
                Some(Confirm {
                    table: cf.table.into(),
                    addr: cf.addr,
                    value: cf.value,
                    not: cf.not,
                    bit: cf.bit,
                })
            }
        };
        let pulse = match e.write.as_deref() {
            None | Some("single") => {
                if e.gap_ms.is_some() || e.hold_ms.is_some() {
                    return c.err(
                        span,
                        t!(
                            "{ $field }: { $first } and { $second } are for { $condition }",
                            field = format!("command[{i}]"),
                            first = "gap_ms",
                            second = "hold_ms",
                            condition = "write = \"pulse\""
                        ),
                    );
                }
                None
            }
            Some("pulse") => {
                let (gap_ms, hold_ms) = (e.gap_ms.unwrap_or(100), e.hold_ms.unwrap_or(600));
                if gap_ms > 10_000 || !(50..=10_000).contains(&hold_ms) {
                    return c.err(
                        span,
                        t!(
                            "{ $field }: { $gap } must be at most { $gap_max } and { $hold } { $hold_min } to { $hold_max } (ms)",
                            field = format!("command[{i}]"),
                            gap = "gap_ms",
                            gap_max = 10_000,
                            hold = "hold_ms",
                            hold_min = 50,
                            hold_max = 10_000
                        ),
                    );
                }
                Some(crate::proto::map::Pulse { gap_ms, hold_ms })
            }
            Some(w) => {
                return c.err(
                    span,
                    t!(
                        "{ $field }: { $value } is not { $first } or { $second }",
                        field = format!("command[{i}].write"),
                        value = format!("{w:?}"),
                        first = "\"single\"",
                        second = "\"pulse\""
                    ),
                );
            }
        };
        if e.write.is_some() {
            c.v2(span.clone(), &format!("command[{i}].write"))?;
        }
        if e.unverified {
            c.v2(span.clone(), &format!("command[{i}].unverified"))?;
        }
        if let Some(t) = &e.toggles
            && t.bit.is_some()
        {
            c.v2(span.clone(), &format!("command[{i}].toggles.bit"))?;
        }
        out.push(CommandSpec {
            addr: e.addr,
            name: e.name.clone(),
            action: e.action.clone(),
            module_types: e.module_types.clone(),
            confirm,
            modes: e.modes.clone(),
            toggles: e.toggles.as_ref().map(|b| (b.table.into(), b.addr)),
            toggles_bit: e.toggles.as_ref().and_then(|b| b.bit),
            pulse,
            unverified: e.unverified,
        });
    }
    Ok(out)
}
