//! Durations as people write them in pipeline files and on the command line:
//! `100ms`, `10s`, `1m30s`, `1.5h`, `0`.
//!
//! The syntax is Go's `time.ParseDuration` without signs, since the old
//! flowctl and the Go SDK read durations that way and users carry them over.

use std::time::Duration;

/// The units and their length in nanoseconds. A unit is the whole run of
/// letters after a number, so `ms` is never read as `m` then `s`.
const UNITS: &[(&str, u128)] = &[
    ("ns", 1),
    ("us", 1_000),
    ("µs", 1_000),
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("m", 60_000_000_000),
    ("h", 3_600_000_000_000),
];

/// Parses a duration such as `100ms`, `10s`, `1m30s`, `1.5h` or `0`.
///
/// Each number needs a unit (`ns`, `us`, `ms`, `s`, `m`, `h`), except a bare
/// `0`. The error is a sentence that can follow "invalid duration: ".
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the duration is empty; write it like '10s' or '500ms'".into());
    }
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    if text.starts_with('-') {
        return Err(format!("'{text}' is negative; a duration can't be"));
    }
    let mut rest = text.strip_prefix('+').unwrap_or(text);
    let mut nanos: u128 = 0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_len);
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return Err(format!(
                "'{text}' is not a duration; write it like '10s', '1m30s' or '500ms'"
            ));
        }
        let unit_len = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        let Some(&(_, scale)) = UNITS.iter().find(|(name, _)| *name == unit) else {
            if let Some(ours) = spelled_out(unit) {
                return Err(format!(
                    "'{text}' is not a duration flowctl reads; write {number}{ours} \
                     (units are ns, us, ms, s, m, h)"
                ));
            }
            return Err(if unit.is_empty() {
                format!("'{text}' has no unit; add one of ns, us, ms, s, m, h (like '{number}s')")
            } else {
                format!("'{text}' has an unknown unit '{unit}'; use ns, us, ms, s, m or h")
            });
        };
        nanos = scaled(number, scale)
            .and_then(|n| nanos.checked_add(n))
            .filter(|n| *n <= u128::from(u64::MAX) * 1_000_000_000)
            .ok_or_else(|| format!("'{text}' is too long a duration"))?;
        rest = after;
    }
    let secs = u64::try_from(nanos / 1_000_000_000)
        .map_err(|_| format!("'{text}' is too long a duration"))?;
    // The remainder is below one billion, so it fits in a u32.
    Ok(Duration::new(secs, (nanos % 1_000_000_000) as u32))
}

/// Our unit for one written another way: ` s`, `S`, `sec`, `minutes`...
fn spelled_out(unit: &str) -> Option<&'static str> {
    let unit = unit.trim().to_ascii_lowercase();
    let unit = if unit.len() > 2 {
        unit.strip_suffix('s').unwrap_or(&unit)
    } else {
        &unit
    };
    Some(match unit {
        "ns" | "nsec" | "nanosecond" => "ns",
        "us" | "usec" | "microsecond" => "us",
        "ms" | "msec" | "milli" | "millisecond" => "ms",
        "s" | "sec" | "second" => "s",
        "m" | "min" | "minute" => "m",
        "h" | "hr" | "hour" => "h",
        _ => return None,
    })
}

/// `number` (digits with at most one '.') times `scale` nanoseconds; digits
/// beyond nanosecond precision are dropped.
fn scaled(number: &str, scale: u128) -> Option<u128> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let mut total: u128 = 0;
    for d in whole.bytes() {
        total = total.checked_mul(10)?.checked_add(u128::from(d - b'0'))?;
    }
    total = total.checked_mul(scale)?;
    let mut unit = scale;
    for d in fraction.bytes() {
        unit /= 10;
        if unit == 0 {
            break;
        }
        total = total.checked_add(u128::from(d - b'0') * unit)?;
    }
    Some(total)
}

/// Writes a duration the way [`parse_duration`] reads it: `0s`, `250ms`,
/// `10s`, `1.5s`, `1m30s`, `2h`. Zero parts are left out.
pub fn format_duration(duration: Duration) -> String {
    if duration.is_zero() {
        return "0s".into();
    }
    let secs = duration.as_secs();
    let nanos = duration.subsec_nanos();
    if secs == 0 {
        return match nanos {
            n if n % 1_000_000 == 0 => format!("{}ms", n / 1_000_000),
            n if n % 1_000 == 0 => format!("{}us", n / 1_000),
            n => format!("{n}ns"),
        };
    }
    let mut out = String::new();
    let (hours, minutes, seconds) = (secs / 3600, secs / 60 % 60, secs % 60);
    if hours > 0 {
        out.push_str(&format!("{hours}h"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}m"));
    }
    if seconds > 0 || nanos > 0 {
        out.push_str(&seconds.to_string());
        if nanos > 0 {
            let fraction = format!("{nanos:09}");
            out.push('.');
            out.push_str(fraction.trim_end_matches('0'));
        }
        out.push('s');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn parses_common_forms() {
        assert_eq!(parse_duration("100ms"), Ok(ms(100)));
        assert_eq!(parse_duration("10s"), Ok(ms(10_000)));
        assert_eq!(parse_duration("1m"), Ok(ms(60_000)));
        assert_eq!(parse_duration("1h"), Ok(ms(3_600_000)));
        assert_eq!(parse_duration("1m30s"), Ok(ms(90_000)));
        assert_eq!(parse_duration("1.5s"), Ok(ms(1_500)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("0s"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("250us"), Ok(Duration::from_micros(250)));
        assert_eq!(parse_duration("250µs"), Ok(Duration::from_micros(250)));
        assert_eq!(parse_duration(" 2h45m "), Ok(ms(9_900_000)));
    }

    #[test]
    fn explains_mistakes() {
        assert!(parse_duration("10").unwrap_err().contains("has no unit"));
        assert!(parse_duration("10 s").unwrap_err().contains("write 10s"));
        assert!(parse_duration("10sec").unwrap_err().contains("write 10s"));
        assert!(
            parse_duration("2 minutes")
                .unwrap_err()
                .contains("write 2m")
        );
        assert!(parse_duration("1H").unwrap_err().contains("write 1h"));
        assert!(
            parse_duration("10 x")
                .unwrap_err()
                .contains("unknown unit ' x'")
        );
        assert!(
            parse_duration("5d")
                .unwrap_err()
                .contains("unknown unit 'd'")
        );
        assert!(parse_duration("-1s").unwrap_err().contains("negative"));
        assert!(parse_duration("").unwrap_err().contains("empty"));
        assert!(parse_duration("s").unwrap_err().contains("not a duration"));
        assert!(
            parse_duration("1.2.3s")
                .unwrap_err()
                .contains("not a duration")
        );
        assert!(
            parse_duration("99999999999999999999999h")
                .unwrap_err()
                .contains("too long")
        );
    }

    #[test]
    fn formats_compactly() {
        assert_eq!(format_duration(Duration::ZERO), "0s");
        assert_eq!(format_duration(ms(100)), "100ms");
        assert_eq!(format_duration(ms(10_000)), "10s");
        assert_eq!(format_duration(ms(90_000)), "1m30s");
        assert_eq!(format_duration(ms(1_500)), "1.5s");
        assert_eq!(format_duration(ms(3_600_000)), "1h");
        assert_eq!(format_duration(Duration::from_nanos(1_500)), "1500ns");
    }

    #[test]
    fn formatting_round_trips() {
        for n in [
            0u64,
            1,
            999,
            1_000,
            1_000_000,
            1_500_000_000,
            3_599_999_999_999,
            86_400_000_000_000,
        ] {
            let d = Duration::from_nanos(n);
            assert_eq!(parse_duration(&format_duration(d)), Ok(d), "{n}ns");
        }
    }
}
