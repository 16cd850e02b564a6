//! Filter values: what a field, literal or function yields, their types, how literals are read
//! for a given type, and how values compare.

use crate::field::{FieldDef, Kind, Strings};
use std::borrow::Cow;
use std::cmp::Ordering;

/// The type a value is compared as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FType {
    Int,
    Bool,
    V4,
    V6,
    Ether,
    Bytes,
    Str,
    Abs,
    Rel,
    Double,
    /// A protocol: present, and its octets when compared or sliced.
    Proto,
    /// A label (`FT_NONE`): present or not, no value.
    None,
}

impl FType {
    pub fn of(def: &FieldDef) -> FType {
        match def.kind {
            Kind::Protocol => FType::Proto,
            Kind::None => FType::None,
            Kind::Bool(_) => FType::Bool,
            Kind::Uint(_) | Kind::Int(_) | Kind::FrameNum => FType::Int,
            Kind::Ipv4 => FType::V4,
            Kind::Ipv6 => FType::V6,
            Kind::Ether => FType::Ether,
            Kind::Bytes => FType::Bytes,
            Kind::String => FType::Str,
            Kind::AbsTime => FType::Abs,
            Kind::RelTime => FType::Rel,
            Kind::Double => FType::Double,
        }
    }
    /// The name with its indefinite article ("an Integer", "a Byte sequence").
    pub fn a(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) { "an" } else { "a" };
        format!("{article} {name}")
    }
    /// Octet-like: sliceable, `contains` works on it.
    pub fn bytes_like(self) -> bool {
        matches!(self, FType::Bytes | FType::Ether | FType::Proto | FType::Str | FType::V4 | FType::V6)
    }
    pub fn name(self) -> &'static str {
        match self {
            FType::Int => "Integer",
            FType::Bool => "Boolean",
            FType::V4 => "IPv4 address",
            FType::V6 => "IPv6 address",
            FType::Ether => "Ethernet or other MAC address",
            FType::Bytes => "Byte sequence",
            FType::Str => "Character string",
            FType::Abs => "Date and time",
            FType::Rel => "Time offset",
            FType::Double => "Floating point (double-precision)",
            FType::Proto => "Protocol",
            FType::None => "Label",
        }
    }
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    Int(i128),
    Bool(bool),
    /// An address and a prefix length (32 / 128 for one address).
    V4(u32, u8),
    V6(u128, u8),
    Bytes(Cow<'a, [u8]>),
    Str(Cow<'a, [u8]>),
    /// A protocol: the octets its item spans (what `==`, `len()` and slices see) and the rest of
    /// its packet from its start (what `contains` searches), as Wireshark's FT_PROTOCOL.
    Proto(&'a [u8], &'a [u8]),
    /// Nanoseconds since the epoch.
    Abs(i128),
    /// Nanoseconds.
    Rel(i128),
    Double(f64),
}

impl Val<'_> {
    /// The octets of a byte-like value (addresses as on the wire).
    pub fn octets(&self) -> Option<Cow<'_, [u8]>> {
        match self {
            Val::Bytes(b) | Val::Str(b) => Some(Cow::Borrowed(b)),
            Val::Proto(span, _) => Some(Cow::Borrowed(span)),
            Val::V4(a, _) => Some(Cow::Owned(a.to_be_bytes().to_vec())),
            Val::V6(a, _) => Some(Cow::Owned(a.to_be_bytes().to_vec())),
            _ => None,
        }
    }
    pub fn truthy(&self) -> bool {
        match self {
            Val::Int(v) => *v != 0,
            Val::Bool(b) => *b,
            Val::Rel(v) | Val::Abs(v) => *v != 0,
            Val::Double(v) => *v != 0.0,
            // A byte string is true when a bit is set (`frame[0] & 0x80`).
            Val::Bytes(b) | Val::Str(b) => b.iter().any(|&x| x != 0),
            // An address is true when a bit is set (`ipv6.src & ::ffff`), as tshark tests it.
            Val::V4(a, _) => *a != 0,
            Val::V6(a, _) => *a != 0,
            Val::Proto(..) => true,
        }
    }
    pub fn as_int(&self) -> Option<i128> {
        match *self {
            Val::Int(v) => Some(v),
            Val::Bool(b) => Some(i128::from(b)),
            _ => None,
        }
    }
}

fn in_prefix(a: u128, b: u128, bits: u32, plen: u8) -> bool {
    let p = u32::from(plen).min(bits);
    if p == 0 {
        return true;
    }
    (a ^ b) >> (bits - p) == 0
}

/// Equality as a filter sees it: an address equals a network containing it.
pub fn equal(a: &Val<'_>, b: &Val<'_>) -> bool {
    match (a, b) {
        (Val::V4(x, p), Val::V4(y, q)) => in_prefix(u128::from(*x), u128::from(*y), 32, (*p).min(*q)),
        (Val::V6(x, p), Val::V6(y, q)) => in_prefix(*x, *y, 128, (*p).min(*q)),
        (Val::Bool(x), Val::Int(y)) | (Val::Int(y), Val::Bool(x)) => *x == (*y != 0),
        _ => order(a, b) == Some(Ordering::Equal),
    }
}

/// Ordering of two values of comparable types.
pub fn order(a: &Val<'_>, b: &Val<'_>) -> Option<Ordering> {
    Some(match (a, b) {
        (Val::Int(x), Val::Int(y)) => x.cmp(y),
        (Val::Bool(x), Val::Bool(y)) => x.cmp(y),
        (Val::Bool(_), Val::Int(_)) | (Val::Int(_), Val::Bool(_)) => a.as_int()?.cmp(&b.as_int()?),
        // A network orders by its prefix: every address inside it compares equal to it.
        (Val::V4(x, p), Val::V4(y, q)) => {
            let m = u32::MAX.checked_shl(32 - u32::from((*p).min(*q).min(32))).unwrap_or(0);
            (x & m).cmp(&(y & m))
        }
        (Val::V6(x, p), Val::V6(y, q)) => {
            let m = u128::MAX.checked_shl(128 - u32::from((*p).min(*q).min(128))).unwrap_or(0);
            (x & m).cmp(&(y & m))
        }
        (Val::Str(x), Val::Str(y)) => x.as_ref().cmp(y.as_ref()),
        (Val::Abs(x), Val::Abs(y)) | (Val::Rel(x), Val::Rel(y)) => x.cmp(y),
        (Val::Double(x), Val::Double(y)) => x.partial_cmp(y)?,
        (Val::Double(x), Val::Int(y)) => x.partial_cmp(&(*y as f64))?,
        (Val::Int(x), Val::Double(y)) => (*x as f64).partial_cmp(y)?,
        // Byte strings order by length first, then octets (as Wireshark's).
        _ => {
            let (x, y) = (a.octets()?, b.octets()?);
            if matches!(a, Val::Int(_) | Val::Bool(_) | Val::Abs(_) | Val::Rel(_) | Val::Double(_) | Val::V4(..) | Val::V6(..))
                || matches!(
                    b,
                    Val::Int(_) | Val::Bool(_) | Val::Abs(_) | Val::Rel(_) | Val::Double(_) | Val::V4(..) | Val::V6(..)
                )
            {
                return None;
            }
            x.len().cmp(&y.len()).then_with(|| x.as_ref().cmp(y.as_ref()))
        }
    })
}

/// Reads an integer literal: decimal, `0x` hex, `0b` binary, leading-0 octal.
pub fn int_literal(s: &str) -> Option<i128> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let v = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        i128::from_str_radix(h, 16).ok()?
    } else if let Some(b) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        i128::from_str_radix(b, 2).ok()?
    } else if s.len() > 1 && s.starts_with('0') {
        i128::from_str_radix(&s[1..], 8).ok()?
    } else {
        if !s.bytes().all(|c| c.is_ascii_digit()) || s.is_empty() {
            return None;
        }
        s.parse().ok()?
    };
    Some(if neg { -v } else { v })
}

/// Reads a number literal for a double: an integer in any of [`int_literal`]'s forms, or a
/// decimal with a fraction or an exponent ("1000", "0.5", "1e3", "-2.5e-3").
pub fn double_literal(s: &str) -> Option<f64> {
    if let Some(i) = int_literal(s) {
        return Some(i as f64);
    }
    let digits = s.strip_prefix('-').unwrap_or(s);
    // Rust's parser also takes "inf", "NaN" and "+1": not numbers a filter writes.
    if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Hex octets separated by `:`, `.` or `-` (or one or more unseparated pairs).
pub fn bytes_literal(s: &str) -> Option<Vec<u8>> {
    let parts: Vec<&str> = s.split([':', '.', '-']).collect();
    let mut out = Vec::new();
    if parts.len() == 1 {
        let s = parts[0];
        if s.is_empty() || !s.len().is_multiple_of(2) && s.len() != 1 {
            return None;
        }
        if s.len() == 1 {
            return u8::from_str_radix(s, 16).ok().map(|b| vec![b]);
        }
        for k in (0..s.len()).step_by(2) {
            out.push(u8::from_str_radix(s.get(k..k + 2)?, 16).ok()?);
        }
        return Some(out);
    }
    for p in parts {
        if p.is_empty() || p.len() > 2 {
            return None;
        }
        out.push(u8::from_str_radix(p, 16).ok()?);
    }
    Some(out)
}

/// A MAC address as three dot-separated groups of four hex digits (`0200.0000.0001`).
fn mac_dotted(s: &str) -> Option<Vec<u8>> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.len() != 4) {
        return None;
    }
    bytes_literal(&parts.concat())
}

fn prefix_len(s: &str, max: u8) -> Result<(&str, u8), String> {
    match s.split_once('/') {
        None => Ok((s, max)),
        Some((a, p)) => match p.parse::<u8>() {
            Ok(n) if n <= max => Ok((a, n)),
            _ => Err(format!("\"{p}\" is not a valid prefix length (0-{max})")),
        },
    }
}

/// Seconds with an optional fraction (`1.5`, `-0.25`) as nanoseconds.
pub fn seconds_literal(s: &str) -> Option<i128> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() && frac.is_empty() || !whole.bytes().chain(frac.bytes()).all(|c| c.is_ascii_digit()) || frac.len() > 9 {
        return None;
    }
    let w: i128 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let f: i128 = if frac.is_empty() { 0 } else { format!("{frac:0<9}").parse().ok()? };
    let v = w.checked_mul(1_000_000_000)?.checked_add(f)?;
    Some(if neg { -v } else { v })
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An absolute time: ISO 8601 (`2020-07-04T12:34:56[.frac][Z|±hh:mm]`, `T` optional) or
/// Wireshark's legacy `Sep 26, 2004 23:18:04.954975 [UTC]`. Times without a zone are read as
/// UTC (mipscope has no time-zone database; tshark reads them as local time).
pub fn abs_time_literal(s: &str) -> Option<i128> {
    let s = s.trim();
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (date, time, zone) = if let Some(m) = months.iter().position(|m| s.starts_with(m)) {
        let rest = s[3..].trim_start();
        let (day, rest) = rest.split_once(',')?;
        let mut it = rest.split_whitespace();
        let year: i64 = it.next()?.parse().ok()?;
        let time = it.next().unwrap_or("00:00:00");
        let zone = it.next().unwrap_or("");
        ((year, m as u32 + 1, day.trim().parse().ok()?), time.to_string(), zone.to_string())
    } else {
        let (d, rest) = s.split_at(s.find(['T', ' ']).unwrap_or(s.len()));
        let rest = rest.trim_start_matches(['T', ' ']);
        let mut it = d.splitn(3, '-');
        let date = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
        let zpos = rest.find(['Z', '+']).or_else(|| rest.rfind('-').filter(|&p| p > 0));
        let (time, zone) = match zpos {
            Some(p) => (rest[..p].to_string(), rest[p..].to_string()),
            None => (rest.to_string(), String::new()),
        };
        (date, if time.is_empty() { "00:00:00".into() } else { time }, zone)
    };
    let (y, mo, d) = date;
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let mut tp = time.splitn(3, ':');
    let h: i128 = tp.next()?.parse().ok()?;
    let mi: i128 = tp.next()?.parse().ok()?;
    let sec = seconds_literal(tp.next().unwrap_or("0"))?;
    let offset: i128 = match zone.as_str() {
        "" | "Z" | "UTC" => 0,
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let rest = z.get(1..)?;
            if !rest.bytes().all(|c| c.is_ascii_digit() || c == b':') {
                return None;
            }
            let (hh, mm) = rest.split_once(':').unwrap_or((rest.get(..rest.len().min(2))?, rest.get(2..).unwrap_or("0")));
            sign * (hh.parse::<i128>().ok()? * 3600 + if mm.is_empty() { 0 } else { mm.parse::<i128>().ok()? } * 60)
        }
    };
    let days = i128::from(days_from_civil(y, mo, d));
    Some(((days * 86_400 + h * 3600 + mi * 60 - offset) * 1_000_000_000) + sec)
}

/// The values an integer field's type can hold: its width, as tshark checks a literal against
/// the field's type (FT_UINT24 `ipv6.flow < 0x100000` is accepted though its mask has 20 bits).
fn int_range(def: &FieldDef) -> Option<(i128, i128)> {
    let bits = 8 * u32::from(match def.kind {
        Kind::Uint(w) | Kind::Int(w) => w,
        _ => return None,
    });
    match def.kind {
        Kind::Uint(_) => Some((0, (1i128 << bits) - 1)),
        Kind::Int(_) => Some((-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)),
        _ => None,
    }
}

/// A literal read for a value of type `t` (the field `def`, when there is one, gives value names).
pub fn literal(text: &str, quoted: bool, t: FType, def: Option<&FieldDef>) -> Result<Val<'static>, String> {
    let bad = || format!("\"{text}\" is not a valid {}", t.name().to_lowercase());
    match t {
        FType::Int => {
            if !quoted {
                if let Some(v) = int_literal(text) {
                    // As tshark: a value the field cannot hold is an error, not a silent miss.
                    if let Some((lo, hi)) = def.and_then(int_range) {
                        if v > hi {
                            return Err(format!("\"{text}\" too big for this field, maximum {hi}"));
                        }
                        if v < lo {
                            return Err(format!("\"{text}\" too small for this field, minimum {lo}"));
                        }
                    }
                    return Ok(Val::Int(v));
                }
            }
            // A value name (`mip6.ba.status == "Binding Update accepted"`).
            if let Some(def) = def.filter(|d| d.value_names().is_some() || !d.tshark_names.is_empty()) {
                return match def.value_of_name(text) {
                    Some(v) => Ok(Val::Int(i128::from(v))),
                    None => Err(format!("\"{text}\" cannot be found among the possible values for {}", def.abbrev)),
                };
            }
            Err(if quoted { format!("\"{text}\" is a string, not an integer") } else { bad() })
        }
        FType::Bool => match text {
            "True" | "TRUE" | "true" => Ok(Val::Bool(true)),
            "False" | "FALSE" | "false" => Ok(Val::Bool(false)),
            _ if !quoted => match int_literal(text) {
                Some(v) if v >= 0 => Ok(Val::Bool(v != 0)),
                _ => Err(bad()),
            },
            _ => {
                if let Some(Strings::Tfs(t, f)) = def.map(|d| d.strings) {
                    if text.eq_ignore_ascii_case(t) {
                        return Ok(Val::Bool(true));
                    }
                    if text.eq_ignore_ascii_case(f) {
                        return Ok(Val::Bool(false));
                    }
                }
                Err(bad())
            }
        },
        FType::V4 => {
            let (a, p) = prefix_len(text, 32)?;
            let a: std::net::Ipv4Addr = a.parse().map_err(|_| bad())?;
            Ok(Val::V4(u32::from(a), p))
        }
        FType::V6 => {
            let (a, p) = prefix_len(text, 128)?;
            let a: std::net::Ipv6Addr = a.parse().map_err(|_| bad())?;
            Ok(Val::V6(u128::from(a), p))
        }
        FType::Ether => match bytes_literal(text).or_else(|| mac_dotted(text)) {
            Some(b) if b.len() == 6 && !quoted => Ok(Val::Bytes(Cow::Owned(b))),
            _ => Err(format!("\"{text}\" is not a valid Ethernet address")),
        },
        FType::Bytes | FType::Proto => {
            if quoted {
                return Ok(Val::Bytes(Cow::Owned(text.as_bytes().to_vec())));
            }
            if let Some(h) = text.strip_prefix("0x") {
                // A hex integer of one octet converts to a byte string (wireshark-filter(4)).
                return match u8::from_str_radix(h, 16) {
                    Ok(b) => Ok(Val::Bytes(Cow::Owned(vec![b]))),
                    Err(_) => Err(format!("\"{text}\": only a hex integer of one octet converts to bytes")),
                };
            }
            bytes_literal(text).map(|b| Val::Bytes(Cow::Owned(b))).ok_or_else(bad)
        }
        FType::Str => Ok(Val::Str(Cow::Owned(text.as_bytes().to_vec()))),
        FType::Rel => seconds_literal(text).map(Val::Rel).ok_or_else(bad),
        FType::Double => double_literal(text).map(Val::Double).ok_or_else(bad),
        FType::Abs => abs_time_literal(text).map(Val::Abs).ok_or_else(bad),
        FType::None => Err("a label has no value to compare".into()),
    }
}

/// The text `string()` gives a value.
pub fn to_text(v: &Val<'_>) -> Vec<u8> {
    match v {
        Val::Int(i) => i.to_string().into_bytes(),
        Val::Bool(b) => if *b { "1" } else { "0" }.into(),
        Val::V4(a, _) => std::net::Ipv4Addr::from(*a).to_string().into_bytes(),
        Val::V6(a, _) => std::net::Ipv6Addr::from(*a).to_string().into_bytes(),
        Val::Bytes(b) => b.iter().map(|x| format!("{x:02x}")).collect::<Vec<_>>().join(":").into_bytes(),
        Val::Str(s) => s.to_vec(),
        Val::Proto(span, _) => span.to_vec(),
        Val::Abs(ns) | Val::Rel(ns) => {
            let (s, f) = (ns.div_euclid(1_000_000_000), ns.rem_euclid(1_000_000_000));
            format!("{s}.{f:09}").into_bytes()
        }
        Val::Double(v) => {
            let mut s = String::new();
            crate::format::write_g15(&mut s, *v);
            s.into_bytes()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(int_literal("10"), Some(10));
        assert_eq!(int_literal("012"), Some(10));
        assert_eq!(int_literal("0xa"), Some(10));
        assert_eq!(int_literal("0b1010"), Some(10));
        assert_eq!(int_literal("1a"), None);
        assert_eq!(bytes_literal("aa:bb.cc-dd"), Some(vec![0xaa, 0xbb, 0xcc, 0xdd]));
        assert_eq!(bytes_literal("7a"), Some(vec![0x7a]));
        assert_eq!(bytes_literal("aabb"), Some(vec![0xaa, 0xbb]));
        assert_eq!(bytes_literal("aa::bb"), None);
        assert_eq!(seconds_literal("1.5"), Some(1_500_000_000));
        assert_eq!(double_literal("1000"), Some(1000.0));
        assert_eq!(double_literal("0x10"), Some(16.0));
        assert_eq!(double_literal("-2.5e-3"), Some(-0.0025));
        assert_eq!(double_literal(".5"), Some(0.5));
        assert_eq!(double_literal("inf"), None);
        assert_eq!(double_literal("1.2.3"), None);
        assert_eq!(seconds_literal("-0.25"), Some(-250_000_000));
        // 2020-07-04T12:34:56Z = 1593866096 (date -u -d 2020-07-04T12:34:56 +%s).
        assert_eq!(abs_time_literal("2020-07-04T12:34:56"), Some(1_593_866_096_000_000_000));
        assert_eq!(abs_time_literal("2020-07-04 12:34:56Z"), Some(1_593_866_096_000_000_000));
        assert_eq!(abs_time_literal("2020-07-04T14:34:56+02:00"), Some(1_593_866_096_000_000_000));
        assert_eq!(abs_time_literal("Jul  4, 2020 12:34:56.5 UTC"), Some(1_593_866_096_500_000_000));
    }

    #[test]
    fn networks_contain_addresses() {
        let a = literal("2001:db8::1", false, FType::V6, None).unwrap();
        let n = literal("2001:db8::/32", false, FType::V6, None).unwrap();
        assert!(equal(&a, &n) && equal(&n, &a));
        let other = literal("2001:db9::1", false, FType::V6, None).unwrap();
        assert!(!equal(&other, &n));
        let v4 = literal("192.0.2.7", false, FType::V4, None).unwrap();
        assert!(equal(&v4, &literal("192.0.2.0/24", false, FType::V4, None).unwrap()));
        assert!(literal("192.0.2.0/33", false, FType::V4, None).is_err());
    }
}
