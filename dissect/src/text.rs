//! Strings carried in packets (NAIs, names, messages): how a string field's octets become its
//! value, and how that value is written in a tree label and in a `-T fields` cell.
//!
//! Wireshark does not show a string field's octets: it reads them into a string first
//! (`tvb_get_string_enc`), and every output and filter sees that string. The value ends at the
//! first NUL (`mip.nai contains "cd"` does not match `ab\0cd`); under ASCII each octet above
//! 0x7f is a U+FFFD, under UTF-8 each ill-formed subsequence is one (the maximal subparts of
//! Unicode §3.9, as Rust's lossy conversion replaces them). The encoding is the field's
//! ([`crate::field::FieldDef::enc`]): Wireshark reads `mip.nai` as ASCII and
//! `mip6.mnid.identifier` as UTF-8, so the same octets give different values.
//!
//! The label escapes what a terminal would act on (Wireshark's `format_text`), a `-T fields`
//! cell only what would break its line or column (tshark 4.0's field output): both checked
//! against tshark 4.0.17 in `tests/tshark_compare.rs`.

use std::borrow::Cow;
use std::fmt::Write;

/// How a string field's octets are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Enc {
    /// Seven-bit ASCII: any octet above 0x7f is not a character.
    #[default]
    Ascii,
    /// UTF-8 (RFC 3629).
    Utf8,
}

/// The string a field's octets hold (see the module's notes). Borrowed when the octets are
/// already that string, as nearly all identifiers are. (For filters; the outputs write
/// [`chars`] without building a string, so that a frame allocates nothing.)
pub fn value(b: &[u8], enc: Enc) -> Cow<'_, str> {
    let b = to_nul(b);
    match enc {
        Enc::Utf8 => String::from_utf8_lossy(b),
        Enc::Ascii => match std::str::from_utf8(b) {
            Ok(s) if s.is_ascii() => Cow::Borrowed(s),
            _ => Cow::Owned(decode(b, Enc::Ascii).collect()),
        },
    }
}

/// The characters of a string field's value: its octets up to the first NUL, decoded.
pub fn chars(b: &[u8], enc: Enc) -> impl Iterator<Item = char> + '_ {
    decode(to_nul(b), enc)
}

fn to_nul(b: &[u8]) -> &[u8] {
    b.iter().position(|&c| c == 0).map_or(b, |n| &b[..n])
}

/// The characters octets hold under `enc`, NUL included (a DNS label's octets are all its own):
/// under ASCII an octet above 0x7f is U+FFFD, under UTF-8 each maximal ill-formed subsequence.
pub fn decode(b: &[u8], enc: Enc) -> impl Iterator<Item = char> + '_ {
    let (ascii, utf8) = match enc {
        Enc::Ascii => (Some(b), None),
        Enc::Utf8 => (None, Some(b)),
    };
    let ascii = ascii.into_iter().flatten().map(|&c| if c.is_ascii() { char::from(c) } else { char::REPLACEMENT_CHARACTER });
    let utf8 = utf8.into_iter().flat_map(|b| b.utf8_chunks()).flat_map(|c| {
        let bad = (!c.invalid().is_empty()).then_some(char::REPLACEMENT_CHARACTER);
        c.valid().chars().chain(bad)
    });
    ascii.chain(utf8)
}

/// Writes characters as a tree label shows them: printable ones as they are; `\a \b \f \n \r
/// \t \v` as those escapes, another ASCII control as three octal digits (`\033`), and a
/// character that prints nothing (control, format, noncharacter) as `\uXXXX` (`\UXXXXXXXX`
/// above the Basic Multilingual Plane).
pub fn write_label<W: Write + ?Sized>(out: &mut W, s: impl IntoIterator<Item = char>) {
    for c in s {
        let _ = match c {
            c if is_printable(c) => out.write_char(c),
            '\x07' => out.write_str("\\a"),
            '\x08' => out.write_str("\\b"),
            '\x0c' => out.write_str("\\f"),
            '\n' => out.write_str("\\n"),
            '\r' => out.write_str("\\r"),
            '\t' => out.write_str("\\t"),
            '\x0b' => out.write_str("\\v"),
            c if c.is_ascii() => write!(out, "\\{:03o}", u32::from(c)),
            c if u32::from(c) < 0x1_0000 => write!(out, "\\u{:04X}", u32::from(c)),
            c => write!(out, "\\U{:08X}", u32::from(c)),
        };
    }
}

/// Writes characters as tshark 4.0 writes a string in a `-T fields` cell: backspace, form
/// feed, new line, carriage return and tab as `\b \f \n \r \t`, everything else as it is.
pub fn write_field<W: Write + ?Sized>(out: &mut W, s: impl IntoIterator<Item = char>) {
    for c in s {
        let _ = match c {
            '\x08' => out.write_str("\\b"),
            '\x0c' => out.write_str("\\f"),
            '\n' => out.write_str("\\n"),
            '\r' => out.write_str("\\r"),
            '\t' => out.write_str("\\t"),
            c => out.write_char(c),
        };
    }
}

/// Writes characters as they are (a summary line tshark appends a value to unescaped).
pub fn write_raw<W: Write + ?Sized>(out: &mut W, s: impl IntoIterator<Item = char>) {
    for c in s {
        let _ = out.write_char(c);
    }
}

/// A string field's value written as it is, for a summary line (`{}` of it allocates nothing).
#[derive(Clone, Copy)]
pub struct Shown<'b>(pub &'b [u8], pub Enc);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_raw(f, chars(self.0, self.1));
        Ok(())
    }
}

/// Whether a character prints something (GLib's `g_unichar_isprint`, which Wireshark asks):
/// not a control, format character, surrogate or noncharacter. Characters of planes not yet
/// assigned count as printable here (GLib's tables know them; a string in a mobility option
/// that holds one is malformed anyway).
fn is_printable(c: char) -> bool {
    let u = u32::from(c);
    if u < 0x7f {
        return u >= 0x20;
    }
    if u <= 0x9f {
        return false;
    }
    !(is_format(u) || (0xfdd0..=0xfdef).contains(&u) || u & 0xfffe == 0xfffe)
}

/// Unicode's format characters (general category Cf, Unicode 14).
fn is_format(u: u32) -> bool {
    const CF: &[(u32, u32)] = &[
        (0x00ad, 0x00ad),
        (0x0600, 0x0605),
        (0x061c, 0x061c),
        (0x06dd, 0x06dd),
        (0x070f, 0x070f),
        (0x0890, 0x0891),
        (0x08e2, 0x08e2),
        (0x180e, 0x180e),
        (0x200b, 0x200f),
        (0x202a, 0x202e),
        (0x2060, 0x2064),
        (0x2066, 0x206f),
        (0xfeff, 0xfeff),
        (0xfff9, 0xfffb),
        (0x110bd, 0x110bd),
        (0x110cd, 0x110cd),
        (0x13430, 0x13438),
        (0x1bca0, 0x1bca3),
        (0x1d173, 0x1d17a),
        (0xe0001, 0xe0001),
        (0xe0020, 0xe007f),
    ];
    CF.iter().any(|&(a, b)| (a..=b).contains(&u))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> String {
        let mut o = String::new();
        write_label(&mut o, s.chars());
        o
    }

    fn field(s: &str) -> String {
        let mut o = String::new();
        write_field(&mut o, s.chars());
        o
    }

    #[test]
    fn the_value_ends_at_nul_and_replaces_what_is_not_a_character() {
        assert_eq!(value(b"mn@example.com", Enc::Ascii), "mn@example.com");
        assert!(matches!(value(b"mn@example.com", Enc::Ascii), Cow::Borrowed(_)));
        assert_eq!(value(b"ab\0cd", Enc::Ascii), "ab");
        assert_eq!(value(b"\0abc", Enc::Utf8), "");
        // é is two octets: two characters under ASCII, one under UTF-8.
        assert_eq!(value(b"A\xc3\xa9Z", Enc::Ascii), "A\u{fffd}\u{fffd}Z");
        assert_eq!(value(b"A\xc3\xa9Z", Enc::Utf8), "A\u{e9}Z");
        // tshark 4.0.17: c3 28 e9 a9 2e gives U+FFFD ( U+FFFD . (e9 a9 is one maximal subpart);
        // f4 90 80 80 ed a0 80 gives seven.
        assert_eq!(value(b"\xc3(\xe9\xa9.", Enc::Utf8), "\u{fffd}(\u{fffd}.");
        assert_eq!(value(b"\xf4\x90\x80\x80\xed\xa0\x80", Enc::Utf8).chars().filter(|&c| c == '\u{fffd}').count(), 7);
        // The streamed characters are the value's.
        for (b, enc) in
            [(&b"A\xc3\xa9Z\0x"[..], Enc::Ascii), (b"\xc3(\xe9\xa9.", Enc::Utf8), (b"\xf0\x9f\x98\x80\xc0\x80", Enc::Utf8)]
        {
            assert_eq!(chars(b, enc).collect::<String>(), value(b, enc));
        }
        // A DNS label keeps its NUL.
        assert_eq!(decode(b"ab\0cd", Enc::Utf8).collect::<String>(), "ab\0cd");
    }

    #[test]
    fn labels_escape_as_format_text() {
        // tshark 4.0.17's -V lines for these octets.
        assert_eq!(label("a\tb\nc\rd\x07e"), "a\\tb\\nc\\rd\\ae");
        assert_eq!(label("\x08\x0c\x0b"), "\\b\\f\\v");
        assert_eq!(label("a b,c;d\x1f~\x7f"), "a b,c;d\\037~\\177");
        assert_eq!(label("\\\x07\x1b\x7fQ"), "\\\\a\\033\\177Q");
        assert_eq!(label("\u{80}\u{9f}\u{a0}e"), "\\u0080\\u009F\u{a0}e");
        assert_eq!(label("\u{2028}\u{fffe}"), "\u{2028}\\uFFFE");
        assert_eq!(label("\u{301}\u{200b}Z"), "\u{301}\\u200BZ");
        assert_eq!(label("\u{e0001}x"), "\\U000E0001x");
        assert_eq!(label("a\"b'c\\d"), "a\"b'c\\d");
    }

    #[test]
    fn fields_escape_only_what_breaks_a_cell() {
        // tshark 4.0.17's -T fields cells for these octets.
        assert_eq!(field("a\tb\nc\rd\x07e"), "a\\tb\\nc\\rd\x07e");
        assert_eq!(field("\x08\x0c\x0b"), "\\b\\f\x0b");
        assert_eq!(field("a\\b\"c'd"), "a\\b\"c'd");
        assert_eq!(field("x\x07\x0b\x1f\x7fy\u{80}"), "x\x07\x0b\x1f\x7fy\u{80}");
    }
}
