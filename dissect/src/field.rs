//! Field definitions: the one registry that names, types and formats every decoded value.
//!
//! A [`FieldDef`] is mipscope's `hf_register_info`: the same static row drives the `-V` label,
//! the display-filter / `-T fields` name, the JSON key, bit masking and value-string lookup.
//! Abbreviations are Wireshark's wherever Wireshark has the field, so captures can be compared
//! cell by cell with tshark.

use crate::format::Sink;

/// What kind of value a field carries, with the width of integers in octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A protocol layer (`ipv6`, `mipv6`): a subtree title, no value.
    Protocol,
    /// A text-only label or subtree (`FT_NONE`).
    None,
    /// A flag bit (or a boolean octet) inside an integer of the given octet width.
    Bool(u8),
    /// An unsigned integer of the given octet width (1, 2, 3, 4 or 8).
    Uint(u8),
    /// A signed integer of the given octet width.
    Int(u8),
    Ipv4,
    Ipv6,
    Ether,
    /// Raw octets.
    Bytes,
    /// Text (ASCII/UTF-8 octets on the wire, or generated text).
    String,
    /// Seconds and nanoseconds since the Unix epoch.
    AbsTime,
    /// A signed duration in nanoseconds.
    RelTime,
    /// A number of a frame in this capture (`frame.number`, `mip6.response_in`).
    FrameNum,
    /// A double-precision number (`FT_DOUBLE`: tshark's `icmp.resptime`, in milliseconds).
    Double,
}

/// How integers are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    Dec,
    Hex,
    /// Decimal, then hex in parentheses (`-V` only; `-T fields` prints decimal).
    DecHex,
    /// Hex, then decimal in parentheses (`-T fields` prints hex).
    HexDec,
    /// For octet strings: hex pairs separated by colons (Wireshark's `SEP_COLON`).
    Colon,
}

/// Names attached to values.
#[derive(Clone, Copy)]
pub enum Strings {
    None,
    /// Value-to-name table, as Wireshark's `VALS()`.
    Vals(&'static [(u64, &'static str)]),
    /// True/false strings, as Wireshark's `TFS()`.
    Tfs(&'static str, &'static str),
    /// Value-to-name table whose names are shown alone, without the number (tshark's checksum
    /// status: "Good"); filters and `craft` take the names as [`Strings::Vals`]' .
    Names(&'static [(u64, &'static str)]),
    /// A unit appended to the number (`" bytes"`).
    Unit(&'static str),
    /// A custom formatter for the `-V` text after "Name: ".
    Custom(fn(&Value, &mut dyn Sink)),
    /// The value's name is the node's appended text, set by the dissector: for code points a
    /// preference numbers (the drafts' "TBD" types), whose names no static table can hold.
    /// Shown as `name (value)`, like a table name. Only a field's second row uses it, registered
    /// after the field's own row (see [`crate::tree::Tree::name_value`]).
    NodeName,
    /// Octets counted, not shown: the label is the name, this separator and "(N bytes)"
    /// (tshark's "UDP payload (8 bytes)", "Options: (12 bytes)"), N the node's octets (those
    /// captured: tshark counts a cut payload's octets as sent).
    Count(&'static str),
    /// The node's appended text follows the name, not the value: tshark's "Address[1]: …".
    NameSuffix,
    /// "Name = value" (tshark's "left edge = 2684354817").
    Equals,
    /// The value alone, without the name (tshark's packet comments).
    Bare,
    /// A flags word (shown as a number) whose label names its set flags: ", Name" for each
    /// flag of its layout that is set (tshark's bitmask summary, "Flags: 0x02, Reverse
    /// Tunneling"), its flags' rows under it. [`crate::wire::annotate`] does both.
    FlagNames,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Strings::None => f.write_str("None"),
            Strings::Vals(v) => write!(f, "Vals({} entries)", v.len()),
            Strings::Names(v) => write!(f, "Names({} entries)", v.len()),
            Strings::Tfs(a, b) => write!(f, "Tfs({a:?}, {b:?})"),
            Strings::Unit(u) => write!(f, "Unit({u:?})"),
            Strings::Custom(_) => f.write_str("Custom"),
            Strings::NodeName => f.write_str("NodeName"),
            Strings::Count(s) => write!(f, "Count({s:?})"),
            Strings::NameSuffix => f.write_str("NameSuffix"),
            Strings::Equals => f.write_str("Equals"),
            Strings::Bare => f.write_str("Bare"),
            Strings::FlagNames => f.write_str("FlagNames"),
        }
    }
}

/// The bit picture a label draws before " = Name: value".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// A masked field's bits, as wide as the field (no picture without a mask).
    Mask,
    /// A masked field's bits in a word this many bits wide (tshark's TCP flags: 12).
    Width(u8),
    /// These bits of the packet's octets, when the value is not those bits (IPv4's Header
    /// Length: the value is bytes, the picture the 4-bit word count); the value is not masked
    /// by them.
    Wire(u64),
    /// None, though the field is masked (tshark's TCP flags word).
    None,
}

/// One row of the field registry.
#[derive(Debug)]
pub struct FieldDef {
    /// Display-filter name, e.g. `mip6.bu.seqnr`.
    pub abbrev: &'static str,
    /// Human name shown in the tree, e.g. `Sequence number`.
    pub name: &'static str,
    pub kind: Kind,
    pub base: Base,
    /// Bit mask within the integer (0 = the whole integer).
    pub mask: u64,
    /// How the label draws the field's bits (tshark's picture before " = Name: value").
    pub picture: Picture,
    pub strings: Strings,
    /// One line saying what the field is (shown by `mipscope fields`).
    pub blurb: &'static str,
    /// Other names this field's values are also reachable under: where tshark files the value
    /// under another field (it shows the PMIPv6 Home Network Prefix as `mip6.nemo.mnp.pfl`), a
    /// tshark user's `-e` list and filters keep working. The registry turns these into entries.
    pub aliases: &'static [&'static str],
    /// Names under which tshark shows the value as text (FT_STRING: `ip.host` holds an address
    /// or the name it resolves to): reachable there too, and a filter compares the value's text
    /// (`ip.host contains "192.0.2"`, `ipv6.src_host matches "^2001"`).
    pub text_aliases: &'static [&'static str],
    /// tshark 4.0's names for values it names otherwise than [`FieldDef::strings`] (it calls
    /// Mobile IPv4's code 0 "Reg Accepted", the RFC "registration accepted"): a filter takes
    /// them too, so a tshark user's `mip.code == "Reg Accepted"` keeps working; what mipscope
    /// shows stays its own name.
    pub tshark_names: &'static [(u64, &'static str)],
    /// How a string field's octets are read ([`crate::text`]): ASCII unless [`FieldDef::utf8`].
    pub enc: crate::text::Enc,
    /// One bit of 64 (its number), from the name: a filter's or `-T fields`' few rows set a few
    /// bits of a mask, and a row a layer adds whose bit is not set is turned away by one test
    /// ([`crate::tree::Tree`]). Computed when compiling, so the test is a load, not the hash
    /// of an address (which LLVM hoisted to each layer's entry for every row it may add).
    pub bit: u8,
    /// A protocol's short name (tshark's: `IPv6`, `MIPv6`, `Mobile IP`), which tshark's
    /// `-z expert` shows as the Protocol of an item; empty for other fields.
    pub short: &'static str,
}

/// The bit of a field named `abbrev` (FNV-1a of the name, top six bits).
const fn name_bit(abbrev: &str) -> u8 {
    let b = abbrev.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    (h >> 58) as u8
}

impl FieldDef {
    /// A field with no mask, no value names and decimal base.
    pub const fn new(abbrev: &'static str, name: &'static str, kind: Kind) -> Self {
        FieldDef {
            abbrev,
            name,
            kind,
            base: Base::Dec,
            mask: 0,
            picture: Picture::Mask,
            strings: Strings::None,
            blurb: "",
            aliases: &[],
            text_aliases: &[],
            tshark_names: &[],
            enc: crate::text::Enc::Ascii,
            bit: name_bit(abbrev),
            short: "",
        }
    }
    /// The row's bit in a mask of wanted rows (see [`FieldDef::bit`]).
    #[inline(always)]
    pub const fn bit_mask(&self) -> u64 {
        1 << (self.bit & 63)
    }
    pub const fn base(mut self, base: Base) -> Self {
        self.base = base;
        self
    }
    /// A string read as UTF-8 (Wireshark's `ENC_UTF_8`), not ASCII.
    pub const fn utf8(mut self) -> Self {
        self.enc = crate::text::Enc::Utf8;
        self
    }
    pub const fn hex(self) -> Self {
        self.base(Base::Hex)
    }
    pub const fn mask(mut self, mask: u64) -> Self {
        self.mask = mask;
        self
    }
    /// How the label draws the field's bits (see [`Picture`]).
    pub const fn picture(mut self, p: Picture) -> Self {
        self.picture = p;
        self
    }
    pub const fn vals(mut self, v: &'static [(u64, &'static str)]) -> Self {
        self.strings = Strings::Vals(v);
        self
    }
    /// Value names shown alone (see [`Strings::Names`]).
    pub const fn names(mut self, v: &'static [(u64, &'static str)]) -> Self {
        self.strings = Strings::Names(v);
        self
    }
    pub const fn tfs(mut self, t: &'static str, f: &'static str) -> Self {
        self.strings = Strings::Tfs(t, f);
        self
    }
    pub const fn unit(mut self, u: &'static str) -> Self {
        self.strings = Strings::Unit(u);
        self
    }
    pub const fn custom(mut self, f: fn(&Value, &mut dyn Sink)) -> Self {
        self.strings = Strings::Custom(f);
        self
    }
    /// The label counts the octets after `sep` (see [`Strings::Count`]).
    pub const fn counted(mut self, sep: &'static str) -> Self {
        self.strings = Strings::Count(sep);
        self
    }
    /// The node's appended text follows the name (see [`Strings::NameSuffix`]).
    pub const fn name_suffix(mut self) -> Self {
        self.strings = Strings::NameSuffix;
        self
    }
    /// A flags word whose label names its set flags (see [`Strings::FlagNames`]).
    pub const fn flag_names(mut self) -> Self {
        self.strings = Strings::FlagNames;
        self
    }
    /// "Name = value" (see [`Strings::Equals`]).
    pub const fn bare(mut self) -> Self {
        self.strings = Strings::Bare;
        self
    }

    pub const fn equals(mut self) -> Self {
        self.strings = Strings::Equals;
        self
    }
    /// The value's name comes from the node (see [`Strings::NodeName`]).
    pub const fn node_named(mut self) -> Self {
        self.strings = Strings::NodeName;
        self
    }
    /// A protocol's short name (see [`FieldDef::short`]).
    pub const fn short(mut self, name: &'static str) -> Self {
        self.short = name;
        self
    }
    pub const fn blurb(mut self, b: &'static str) -> Self {
        self.blurb = b;
        self
    }
    /// Makes the values reachable under other names too (see [`FieldDef::aliases`]).
    pub const fn also(mut self, names: &'static [&'static str]) -> Self {
        self.aliases = names;
        self
    }

    /// Makes the values reachable as text under other names (see [`FieldDef::text_aliases`]).
    pub const fn also_as_text(mut self, names: &'static [&'static str]) -> Self {
        self.text_aliases = names;
        self
    }

    /// Takes tshark's names for values too (see [`FieldDef::tshark_names`]).
    pub const fn tshark_names(mut self, v: &'static [(u64, &'static str)]) -> Self {
        self.tshark_names = v;
        self
    }

    /// The value a filter literal names: the field's own name for it, else tshark's, matched
    /// exactly before either is matched ignoring ASCII case (as tshark's filters match names).
    pub fn value_of_name(&self, text: &str) -> Option<u64> {
        let ours = self.value_names().unwrap_or(&[]);
        let tables = [ours, self.tshark_names];
        let find = |same: &dyn Fn(&str) -> bool| tables.iter().flat_map(|t| t.iter()).find(|(_, n)| same(n)).map(|(v, _)| *v);
        find(&|n| n == text).or_else(|| find(&|n| n.eq_ignore_ascii_case(text)))
    }

    /// Width in bits of the integer the field lives in (0 for non-integers).
    pub fn bit_width(&self) -> u32 {
        match self.kind {
            Kind::Bool(w) | Kind::Uint(w) | Kind::Int(w) => u32::from(w) * 8,
            _ => 0,
        }
    }

    /// Number of hex digits Wireshark prints for this field: the mask's span, else the width.
    pub fn hex_digits(&self) -> usize {
        let bits = if self.mask != 0 { 64 - self.mask.leading_zeros() - self.mask.trailing_zeros() } else { self.bit_width() };
        bits.div_ceil(4).max(1) as usize
    }

    /// Name for an integer value from the field's table, if any.
    pub fn value_name(&self, v: u64) -> Option<&'static str> {
        self.value_names().and_then(|t| val_name(t, v))
    }

    /// The field's value-to-name table, shown with the number or alone.
    pub fn value_names(&self) -> Option<&'static [(u64, &'static str)]> {
        match self.strings {
            Strings::Vals(t) | Strings::Names(t) => Some(t),
            _ => None,
        }
    }

    /// Human-readable type name for `mipscope fields`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Protocol => "FT_PROTOCOL",
            Kind::None => "FT_NONE",
            Kind::Bool(_) => "FT_BOOLEAN",
            Kind::Uint(1) => "FT_UINT8",
            Kind::Uint(2) => "FT_UINT16",
            Kind::Uint(3) => "FT_UINT24",
            Kind::Uint(4) => "FT_UINT32",
            Kind::Uint(_) => "FT_UINT64",
            Kind::Int(_) => "FT_INT32",
            Kind::Ipv4 => "FT_IPv4",
            Kind::Ipv6 => "FT_IPv6",
            Kind::Ether => "FT_ETHER",
            Kind::Bytes => "FT_BYTES",
            Kind::String => "FT_STRING",
            Kind::AbsTime => "FT_ABSOLUTE_TIME",
            Kind::RelTime => "FT_RELATIVE_TIME",
            Kind::FrameNum => "FT_FRAMENUM",
            Kind::Double => "FT_DOUBLE",
        }
    }
}

/// The name of `v` in a value-to-name table (keys are unique: the registry test checks).
///
/// Tables are looked up for nearly every field of every frame, and some are long (IP
/// protocol numbers), so a scan is the last resort: most tables are dense from 0 (entry `v`
/// is value `v`) or sorted, and the scan only runs for a value that is not in a sorted table
/// or a table out of order.
#[inline]
pub fn val_name(t: &'static [(u64, &'static str)], v: u64) -> Option<&'static str> {
    if let Some(&(k, n)) = usize::try_from(v).ok().and_then(|i| t.get(i)) {
        if k == v {
            return Some(n);
        }
    }
    if let Ok(i) = t.binary_search_by_key(&v, |e| e.0) {
        return t.get(i).map(|e| e.1);
    }
    t.iter().find(|(k, _)| *k == v).map(|(_, n)| *n)
}

/// A decoded value. Octet strings refer to the frame (node offset/length), so the tree stays
/// zero-copy; generated text lives in the dissection's text arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    None,
    Bool(bool),
    Uint(u64),
    Int(i64),
    Ipv4([u8; 4]),
    Ipv6([u8; 16]),
    Ether([u8; 6]),
    /// The node's own span of the frame.
    Bytes,
    /// The node's own span of the frame, read as text.
    Str,
    /// Generated text: a range of the dissection's text arena.
    Text(u32, u32),
    /// Seconds and nanoseconds since the epoch.
    AbsTime(i64, u32),
    /// Nanoseconds.
    RelTime(i64),
    /// A double ([`Kind::Double`]).
    Double(Double),
}

/// An `f64` that a [`Value`] can hold and still be compared and hashed (by its bits: the text
/// cache keys lines by value); made from and read back as the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Double(u64);

impl Double {
    pub const fn new(v: f64) -> Self {
        Double(v.to_bits())
    }
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl Value {
    pub fn as_uint(&self) -> Option<u64> {
        match *self {
            Value::Uint(v) => Some(v),
            Value::Bool(b) => Some(u64::from(b)),
            Value::Int(v) => u64::try_from(v).ok(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_names_from_dense_sorted_and_unordered_tables() {
        static DENSE: &[(u64, &str)] = &[(0, "a"), (1, "b"), (2, "c")];
        static SORTED: &[(u64, &str)] = &[(1, "one"), (5, "five"), (135, "mh"), (300, "big")];
        static UNORDERED: &[(u64, &str)] = &[(0xc9, "hao"), (0, "pad1"), (0x1e, "exp"), (4, "tel"), (1, "padn")];
        assert_eq!(val_name(DENSE, 2), Some("c"));
        assert_eq!(val_name(DENSE, 3), None);
        assert_eq!(val_name(SORTED, 135), Some("mh"));
        assert_eq!(val_name(SORTED, 1), Some("one"));
        assert_eq!(val_name(SORTED, 6), None);
        for (k, n) in UNORDERED {
            assert_eq!(val_name(UNORDERED, *k), Some(*n), "{k}");
        }
        assert_eq!(val_name(UNORDERED, 2), None);
        assert_eq!(val_name(UNORDERED, u64::MAX), None);
    }
}
