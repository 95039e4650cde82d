//! `resources: {limits: {memory: "256Mi", cpu: "0.5"}}` of the old format,
//! in Kubernetes quantity syntax: what a component may use at most.
//!
//! Memory takes a byte count with an optional suffix (`Ki`, `Mi`, `Gi`,
//! `Ti` for powers of 1024, `k`, `M`, `G`, `T` for powers of 1000); CPU a
//! number of cores (`0.5`, `2`) or millicores (`500m`). The daemon decides
//! how to honour them (cgroup controllers, or sampling), not the file.

use super::access::{self, Fields};
use super::diagnostic::Report;
use super::model::{Component, Limits};

/// Reads `resources` (only `limits` is known, with `memory` and `cpu`).
pub(crate) fn read_resources(
    fields: &Fields<'_>,
    label: &str,
    component: &mut Component,
    report: &mut Report,
) {
    let Some(node) = fields.get("resources") else {
        return;
    };
    let what = format!("'resources' of {label}");
    let Some(resources) = access::map(node, &what, report) else {
        return;
    };
    resources.reject_unknown(report, &["limits"], &format!("in {what}"), |key| {
        (key == "requests").then(|| "flowctl reserves nothing; give 'limits' only".to_owned())
    });
    let Some(node) = resources.get("limits") else {
        return;
    };
    let what = format!("'resources.limits' of {label}");
    let Some(limits) = access::map(node, &what, report) else {
        return;
    };
    limits.reject_unknown(report, &["memory", "cpu"], &format!("in {what}"), |_| None);
    let mut read = |key: &str, parse: fn(&str) -> Result<u64, String>| {
        let node = limits.get(key)?;
        let what = format!("'resources.limits.{key}' of {label}");
        let text = access::string(node, &what, report)?;
        parse(&text)
            .map_err(|why| report.error(node.pos, format!("{what} is '{text}': {why}")))
            .ok()
    };
    component.limits = Limits {
        memory_bytes: read("memory", parse_memory),
        cpu_millis: read("cpu", parse_cpu),
    };
}

/// A memory quantity in bytes: `256Mi`, `1G`, `1048576`.
pub fn parse_memory(text: &str) -> Result<u64, String> {
    const UNITS: &[(&str, u64)] = &[
        ("Ki", 1 << 10),
        ("Mi", 1 << 20),
        ("Gi", 1 << 30),
        ("Ti", 1 << 40),
        ("k", 1_000),
        ("K", 1_000),
        ("M", 1_000_000),
        ("G", 1_000_000_000),
        ("T", 1_000_000_000_000),
    ];
    let usage = "write a size like 256Mi, 1Gi or 500M";
    let text = text.trim();
    let (number, unit) = UNITS
        .iter()
        .find_map(|(suffix, unit)| Some((text.strip_suffix(suffix)?, *unit)))
        .unwrap_or((text, 1));
    let value: f64 = number
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v > 0.0)
        .ok_or_else(|| format!("not a positive size; {usage}"))?;
    let bytes = value * unit as f64;
    if bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("out of range; {usage}"));
    }
    Ok(bytes.round() as u64)
}

/// A CPU quantity in millicores: `0.5` and `500m` are 500.
pub fn parse_cpu(text: &str) -> Result<u64, String> {
    let usage = "write cores like 0.5 or 2, or millicores like 500m";
    let text = text.trim();
    let (number, scale) = match text.strip_suffix('m') {
        Some(millis) => (millis, 1.0),
        None => (text, 1000.0),
    };
    let millis = number
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v > 0.0)
        .map(|v| (v * scale).round())
        .ok_or_else(|| format!("not a positive amount of CPU; {usage}"))?;
    if !(1.0..=1_000_000_000.0).contains(&millis) {
        return Err(format!("out of range (at least 1m); {usage}"));
    }
    Ok(millis as u64)
}

/// Bytes as people read them: `256 MiB`, `1.5 GiB`, `512 KiB`.
pub fn format_bytes(bytes: u64) -> String {
    let units = [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (name, unit) in units {
        if bytes >= unit {
            let value = bytes as f64 / unit as f64;
            return if (value - value.round()).abs() < 0.05 {
                format!("{value:.0} {name}")
            } else {
                format!("{value:.1} {name}")
            };
        }
    }
    format!("{bytes} B")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_quantities() {
        assert_eq!(parse_memory("256Mi"), Ok(256 << 20));
        assert_eq!(parse_memory("1Gi"), Ok(1 << 30));
        assert_eq!(parse_memory("1.5Gi"), Ok(3 << 29));
        assert_eq!(parse_memory("500M"), Ok(500_000_000));
        assert_eq!(parse_memory("64k"), Ok(64_000));
        assert_eq!(parse_memory("1048576"), Ok(1 << 20));
        for bad in ["", "Mi", "-1Mi", "0", "12XB", "ten"] {
            assert!(parse_memory(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cpu_quantities() {
        assert_eq!(parse_cpu("0.5"), Ok(500));
        assert_eq!(parse_cpu("500m"), Ok(500));
        assert_eq!(parse_cpu("2"), Ok(2000));
        assert_eq!(parse_cpu("100m"), Ok(100));
        for bad in ["", "m", "0", "-1", "0.0001", "half"] {
            assert!(parse_cpu(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bytes_in_words() {
        assert_eq!(format_bytes(256 << 20), "256 MiB");
        assert_eq!(format_bytes(300 << 20), "300 MiB");
        assert_eq!(format_bytes(3 << 29), "1.5 GiB");
        assert_eq!(format_bytes(100), "100 B");
    }
}
