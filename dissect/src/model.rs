//! The protocol model's common vocabulary: typed code points that keep every wire value, and
//! values that emission computes unless the caller gives them.
//!
//! Every owned element (a message, an option, a header) stores what the wire said, so that
//! `emit(parse(x)) == x` for any bytes, malformed included. A crafted element instead leaves
//! lengths, checksums and padding to be computed; a deliberately malformed one gives them
//! explicitly. [`Auto`] is that choice, one per derived field.

/// A field that emission derives from the rest of the element (a length, a checksum, padding)
/// unless a value is given: parsing always gives the value that was on the wire, so re-emitting
/// a parsed element reproduces its bytes, lies included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Auto<T> {
    /// Computed on emit: always consistent.
    #[default]
    Computed,
    /// Exactly this value, whatever the rest says.
    Given(T),
}

impl<T: Copy> Auto<T> {
    /// The given value, or `computed()` when none was given.
    #[inline]
    pub fn or_else(self, computed: impl FnOnce() -> T) -> T {
        match self {
            Auto::Given(v) => v,
            Auto::Computed => computed(),
        }
    }
    /// The given value, if any.
    pub fn given(self) -> Option<T> {
        match self {
            Auto::Given(v) => Some(v),
            Auto::Computed => None,
        }
    }
}

/// Where parsing an element stopped: the offset from the element's first octet and the part
/// that ran past the bytes (or broke a rule the element cannot be read without). A frame parser
/// keeps what it could not read as raw octets, so the frame still re-emits identically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    pub at: usize,
    pub what: &'static str,
}

impl Cut {
    pub const fn new(at: usize, what: &'static str) -> Self {
        Cut { at, what }
    }
}

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} cut at octet {}", self.what, self.at)
    }
}

impl std::error::Error for Cut {}

/// What emitting one element needs from the elements around it in a frame: the profile (the
/// drafts' code points), the checksum pseudo-header the layers below establish (IPv6 after the
/// Home Address option and type 2 routing header substitutions), and the next element's numbers
/// for a Next Header / Protocol / EtherType left to be computed.
#[derive(Debug, Clone, Copy)]
pub struct EmitCx<'a> {
    pub prefs: &'a crate::prefs::Prefs,
    /// Pseudo-header addresses for upper-layer checksums; `None` outside IP.
    pub ip: Option<crate::IpCtx>,
    /// IP protocol number of the element that follows (None: nothing follows, or not an IP
    /// payload: a computed Next Header is then 59, No Next Header).
    pub next_proto: Option<u8>,
    /// EtherType of the element that follows.
    pub next_ethertype: Option<u16>,
}

impl<'a> EmitCx<'a> {
    /// A context with nothing known around the element.
    pub const fn new(prefs: &'a crate::prefs::Prefs) -> Self {
        EmitCx { prefs, ip: None, next_proto: None, next_ethertype: None }
    }
}

/// Declares a code point type once: an enum with one variant per assigned value and an
/// `Unknown(n)` variant, so every wire value parses and re-emits; `From` conversions both ways;
/// `name()`; and `VALS`, the value-name table a [`crate::field::FieldDef`] shows, so the names
/// the tree prints and the variants a builder uses cannot disagree.
///
/// ```
/// dissect::code_points! {
///     /// Example.
///     pub enum Colour: u8 { Red = 1 => "Red", Green = 2 => "Green" }
/// }
/// assert_eq!(Colour::from(2), Colour::Green);
/// assert_eq!(u8::from(Colour::Unknown(9)), 9);
/// assert_eq!(Colour::Red.name(), Some("Red"));
/// assert_eq!(Colour::VALS, &[(1, "Red"), (2, "Green")]);
/// ```
#[macro_export]
macro_rules! code_points {
    ($(#[$m:meta])* pub enum $name:ident : $repr:ty { $( $(#[$vm:meta])* $variant:ident = $value:literal => $text:literal ),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vm])* $variant, )+
            /// A value with no assignment here (kept as it was on the wire).
            Unknown($repr),
        }
        impl $name {
            /// Every assigned value with its name, in declaration order.
            pub const VALS: &'static [(u64, &'static str)] = &[ $( ($value as u64, $text) ),+ ];
            /// The assigned name, `None` for an unknown value.
            pub const fn name(self) -> Option<&'static str> {
                match self {
                    $( $name::$variant => Some($text), )+
                    $name::Unknown(_) => None,
                }
            }
            /// The value on the wire.
            pub const fn value(self) -> $repr {
                match self {
                    $( $name::$variant => $value, )+
                    $name::Unknown(v) => v,
                }
            }
        }
        impl From<$repr> for $name {
            fn from(v: $repr) -> Self {
                match v {
                    $( $value => $name::$variant, )+
                    other => $name::Unknown(other),
                }
            }
        }
        impl From<$name> for $repr {
            fn from(v: $name) -> $repr {
                v.value()
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(f, "Unknown ({})", self.value()),
                }
            }
        }
    };
}

/// Declares a flags word once: the raw value (reserved bits kept), one associated constant per
/// named bit with its letter and meaning, and `LETTERS` for Info-column summaries. Field
/// definitions take their masks from these constants, so a bit is written in one place.
///
/// ```
/// dissect::flags! {
///     /// Example.
///     pub struct Demo: u8 { A = 0x80 => 'A' "Acknowledge", K = 0x10 => 'K' "Key" }
/// }
/// let f = Demo(0x91);
/// assert!(f.has(Demo::A) && f.has(Demo::K));
/// assert_eq!(f.reserved(), 0x01);
/// assert_eq!(Demo::LETTERS, &[(0x80, 'A'), (0x10, 'K')]);
/// ```
#[macro_export]
macro_rules! flags {
    ($(#[$m:meta])* pub struct $name:ident : $repr:ty { $( $flag:ident = $bit:literal => $letter:literal $text:literal ),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name(pub $repr);
        #[allow(non_upper_case_globals)]
        impl $name {
            $(
                #[doc = $text]
                pub const $flag: $repr = $bit;
            )+
            /// Every named bit with its one-letter name, most significant first.
            pub const LETTERS: &'static [($repr, char)] = &[ $( ($bit, $letter) ),+ ];
            /// Every named bit with its meaning.
            pub const NAMES: &'static [($repr, &'static str)] = &[ $( ($bit, $text) ),+ ];
            /// The bits no flag is named for (reserved on the wire; kept, never cleared).
            pub const RESERVED: $repr = !(0 $( | $bit )+);
            /// Whether `bit` is set.
            #[inline]
            pub const fn has(self, bit: $repr) -> bool {
                self.0 & bit != 0
            }
            /// The word with `bit` set or cleared.
            #[inline]
            pub const fn with(self, bit: $repr, on: bool) -> Self {
                if on { $name(self.0 | bit) } else { $name(self.0 & !bit) }
            }
            /// Reserved bits that are set.
            #[inline]
            pub const fn reserved(self) -> $repr {
                self.0 & Self::RESERVED
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    code_points! {
        /// Test table.
        pub enum T: u8 { Zero = 0 => "zero", Two = 2 => "two" }
    }
    flags! {
        /// Test flags.
        pub struct F: u16 { A = 0x8000 => 'A' "Acknowledge", R = 0x0400 => 'R' "Mobile Router" }
    }

    #[test]
    fn every_value_round_trips() {
        for v in 0..=255u8 {
            assert_eq!(u8::from(T::from(v)), v);
        }
        assert_eq!(T::from(1), T::Unknown(1));
        assert_eq!(T::Two.to_string(), "two");
        assert_eq!(T::Unknown(7).to_string(), "Unknown (7)");
        assert_eq!(T::VALS, &[(0, "zero"), (2, "two")]);
    }

    #[test]
    fn flags_keep_reserved_bits() {
        let f = F(0x8401 | 0x0002);
        assert!(f.has(F::A) && f.has(F::R));
        assert_eq!(f.reserved(), 0x0003);
        assert_eq!(f.with(F::A, false).0, 0x0403);
        assert_eq!(F::RESERVED, !0x8400);
        assert_eq!(F::LETTERS, &[(0x8000, 'A'), (0x0400, 'R')]);
        assert_eq!(F::NAMES[1], (0x0400, "Mobile Router"));
    }

    #[test]
    fn auto_prefers_the_given_value() {
        assert_eq!(Auto::Given(3u8).or_else(|| 9), 3);
        assert_eq!(Auto::<u8>::Computed.or_else(|| 9), 9);
        assert_eq!(Auto::<u8>::default().given(), None);
    }
}
