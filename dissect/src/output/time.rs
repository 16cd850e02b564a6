//! The packet list's time column in tshark's formats: `-t` picks what the time is measured
//! from (the first frame, the previous frame, the previous frame shown, the epoch, the
//! calendar) and `-u hms` writes a measured time in hours, minutes and seconds. Every format
//! keeps the capture clock's decimals (six for microseconds, nine for nanoseconds), as
//! tshark's column does, and cuts the fraction there (no rounding).
//!
//! mipscope prints every calendar time in UTC (`frame.time` too), so tshark's local-time
//! formats (`a`, `ad`, `adoy`) are its UTC ones (`u`, `ud`, `udoy`): the same text as tshark
//! run with `TZ=UTC`.

use super::civil_from_days;
use crate::tree::Dissection;
use std::fmt::Write;

/// What the time column shows (tshark's `-t`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TimeRef {
    /// Seconds since the first frame (`r`, the default).
    #[default]
    Relative,
    /// Time of day (`a`, `u`): `HH:MM:SS.ffffff`.
    Clock,
    /// Date and time of day (`ad`, `ud`): `YYYY-MM-DD HH:MM:SS.ffffff`.
    Date,
    /// Year, day of the year and time of day (`adoy`, `udoy`): `YYYY/DDD HH:MM:SS.ffffff`.
    DayOfYear,
    /// Seconds since the previous frame captured (`d`).
    Delta,
    /// Seconds since the previous frame shown (`dd`: with a display filter, the previous
    /// frame it matched).
    DeltaShown,
    /// Seconds since 1970-01-01 00:00:00 UTC (`e`).
    Epoch,
}

/// The time column's format: tshark's `-t` and `-u`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeFormat {
    pub what: TimeRef,
    /// `-u hms`: a measured time (relative or delta) as `1h  2m  3.000000s`.
    pub hms: bool,
}

impl TimeRef {
    /// tshark's `-t` names, each with what it means here.
    pub const NAMES: [(&'static str, TimeRef); 10] = [
        ("a", TimeRef::Clock),
        ("ad", TimeRef::Date),
        ("adoy", TimeRef::DayOfYear),
        ("d", TimeRef::Delta),
        ("dd", TimeRef::DeltaShown),
        ("e", TimeRef::Epoch),
        ("r", TimeRef::Relative),
        ("u", TimeRef::Clock),
        ("ud", TimeRef::Date),
        ("udoy", TimeRef::DayOfYear),
    ];

    /// The format `-t NAME` asks for.
    pub fn named(name: &str) -> Option<TimeRef> {
        Self::NAMES.iter().find(|(n, _)| *n == name).map(|&(_, t)| t)
    }
}

/// Room for any time's text: a relative time in `-u hms` is at most `- ` + 16 digits of hours
/// + `h 59m 59.` + 9 decimals + `s` (38); a date's year has at most 12 digits (40).
pub const ROOM: usize = 48;

/// A fixed block the text is written into; what does not fit is dropped (nothing does).
struct Block {
    b: [u8; ROOM],
    n: usize,
}

impl Write for Block {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let take = s.len().min(ROOM - self.n);
        self.b[self.n..self.n + take].copy_from_slice(&s.as_bytes()[..take]);
        self.n += take;
        Ok(())
    }
}

/// The time column's text for `d` in `f`, in a block, and its length.
pub fn text(d: &Dissection, f: TimeFormat) -> ([u8; ROOM], usize) {
    if d.untimed {
        return ([b' '; ROOM], 0);
    }
    let places = d.ts_digits.map_or(6, |p| u32::from(p.min(9)));
    let mut out = Block { b: [b' '; ROOM], n: 0 };
    match f.what {
        TimeRef::Relative => seconds(&mut out, d.rel_ns, places, f.hms),
        TimeRef::Delta => seconds(&mut out, d.delta_ns, places, f.hms),
        TimeRef::DeltaShown => seconds(&mut out, d.delta_shown_ns, places, f.hms),
        TimeRef::Epoch => epoch(&mut out, d.ts, places),
        TimeRef::Clock | TimeRef::Date | TimeRef::DayOfYear => calendar(&mut out, d.ts, places, f.what),
    }
    (out.b, out.n)
}

/// The first `places` of nine decimals, after a point (nothing for none).
fn fraction(out: &mut Block, nanos: u64, places: u32) {
    if places > 0 {
        let _ = write!(out, ".{:0w$}", nanos / 10u64.pow(9 - places), w = places as usize);
    }
}

/// A measured time (nanoseconds, signed) in seconds, or in hours, minutes and seconds as
/// Wireshark's `set_time_hour_min_sec` writes it (`%dh %2dm %2d.%0*ds`, `- ` before every
/// negative one). In seconds, a negative time whose shown digits are all zero has no sign.
fn seconds(out: &mut Block, ns: i64, places: u32, hms: bool) {
    let a = ns.unsigned_abs();
    let (s, nanos) = (a / 1_000_000_000, a % 1_000_000_000);
    let shown = s != 0 || nanos / 10u64.pow(9 - places) != 0;
    if ns < 0 && hms {
        out.write_str("- ").ok();
    } else if ns < 0 && shown {
        out.write_str("-").ok();
    }
    if !hms {
        let _ = write!(out, "{s}");
        fraction(out, nanos, places);
        return;
    }
    let _ = match s {
        3600.. => write!(out, "{}h {:2}m {:2}", s / 3600, (s / 60) % 60, s % 60),
        60.. => write!(out, "{}m {:2}", s / 60, s % 60),
        _ => write!(out, "{s}"),
    };
    fraction(out, nanos, places);
    out.write_str("s").ok();
}

/// Seconds since the epoch, with the clock's decimals: the timestamp's whole seconds and then
/// its fraction as stored, as tshark writes them (half a second before 1970-01-01 is
/// `-1.500000`, its seconds rounded down and the fraction after them).
fn epoch(out: &mut Block, (secs, nanos): (i64, u32), places: u32) {
    let _ = write!(out, "{secs}");
    fraction(out, u64::from(nanos.min(999_999_999)), places);
}

/// Days from 1970-01-01 to the first of January of `y` (proleptic Gregorian).
fn days_to_new_year(y: i64) -> i64 {
    let y = y - 1;
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    // 1 March of `y - 1` + the days of March..December, as `civil_from_days` counts.
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + 306;
    era * 146_097 + doe - 719_468
}

/// A calendar time in UTC: the time of day, after the date or the day of the year.
fn calendar(out: &mut Block, (secs, nanos): (i64, u32), places: u32, what: TimeRef) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, day) = civil_from_days(days);
    match what {
        TimeRef::Date => {
            let _ = write!(out, "{y:04}-{m:02}-{day:02} ");
        }
        TimeRef::DayOfYear => {
            let _ = write!(out, "{y:04}/{:03} ", days - days_to_new_year(y) + 1);
        }
        _ => {}
    }
    let _ = write!(out, "{:02}:{:02}:{:02}", rem / 3600, (rem / 60) % 60, rem % 60);
    fraction(out, u64::from(nanos), places);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(f: TimeFormat, d: &Dissection) -> String {
        let (b, n) = text(d, f);
        String::from_utf8(b[..n].to_vec()).unwrap()
    }

    #[test]
    fn hms_is_wiresharks_layout() {
        let mut d = Dissection::default();
        let f = TimeFormat { what: TimeRef::Relative, hms: true };
        for (ns, want) in [
            (0, "0.000000s"),
            (5_500_000_000, "5.500000s"),
            (65_250_000_000, "1m  5.250000s"),
            (3_605_500_000_000, "1h  0m  5.500000s"),
            (90_000_100_000_000, "25h  0m  0.100000s"),
            (-5_100_000_000, "- 5.100000s"),
            (-3_674_850_000_000, "- 1h  1m 14.850000s"),
            (-1, "- 0.000000s"),
        ] {
            d.rel_ns = ns;
            assert_eq!(shown(f, &d), want, "{ns}");
        }
    }

    #[test]
    fn new_years_and_days_of_the_year() {
        for y in [1900, 1970, 1999, 2000, 2024, 2026, 2100, 2400, -44] {
            let days = days_to_new_year(y);
            assert_eq!(civil_from_days(days), (y, 1, 1), "{y}");
            assert_eq!(civil_from_days(days - 1).0, y - 1, "{y}");
        }
        let mut d = Dissection::default();
        d.ts_digits = Some(3);
        d.ts = (951_782_400 + 86_400, 5_000_000); // 2000-03-01 (a leap year's day 61)
        assert_eq!(shown(TimeFormat { what: TimeRef::DayOfYear, hms: false }, &d), "2000/061 00:00:00.005");
        assert_eq!(shown(TimeFormat { what: TimeRef::Date, hms: true }, &d), "2000-03-01 00:00:00.005");
        d.ts = (-1, 999_999_999);
        assert_eq!(shown(TimeFormat { what: TimeRef::Clock, hms: false }, &d), "23:59:59.999");
        // tshark: the stored seconds, then the fraction (not the signed value, -0.000).
        assert_eq!(shown(TimeFormat { what: TimeRef::Epoch, hms: false }, &d), "-1.999");
        d.rel_ns = -1;
        assert_eq!(shown(TimeFormat { what: TimeRef::Relative, hms: false }, &d), "0.000");
        assert_eq!(shown(TimeFormat { what: TimeRef::Relative, hms: true }, &d), "- 0.000s");
        d.ts = (-2, 0);
        assert_eq!(shown(TimeFormat { what: TimeRef::Epoch, hms: false }, &d), "-2.000");
    }

    #[test]
    fn every_name_is_tsharks() {
        let names: Vec<&str> = TimeRef::NAMES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["a", "ad", "adoy", "d", "dd", "e", "r", "u", "ud", "udoy"]);
        assert_eq!(TimeRef::named("dd"), Some(TimeRef::DeltaShown));
        assert_eq!(TimeRef::named("x"), None);
    }
}
