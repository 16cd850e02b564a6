//! The Internet checksum (RFC 1071) and the IPv4/IPv6 pseudo-headers upper layers use.

/// One's-complement sum of `data` (as big-endian 16-bit words, odd byte padded with zero)
/// added to `init`, folded to 16 bits but not complemented.
pub fn sum(data: &[u8], init: u32) -> u32 {
    // Eight octets at a time as two 32-bit words: the sum modulo 0xffff is the same as that of
    // the 16-bit words (2^16 = 1 modulo 0xffff), it is zero only when they all are, and the
    // fold below keeps exactly those two facts, so the result is the 16-bit loop's.
    // Each step reads a fixed-size array split off the front, so no index can be out of range.
    let mut acc = u64::from(init);
    let mut rest = data;
    while let Some((c, r)) = rest.split_first_chunk::<8>() {
        let w = u64::from_be_bytes(*c);
        acc += (w >> 32) + (w & 0xffff_ffff);
        rest = r;
    }
    while let Some((c, r)) = rest.split_first_chunk::<2>() {
        acc += u64::from(u16::from_be_bytes(*c));
        rest = r;
    }
    if let [last] = rest {
        acc += u64::from(*last) << 8;
    }
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc as u32
}

/// Folds and complements a running sum into the value carried on the wire.
pub fn finish(s: u32) -> u16 {
    let mut s = s;
    while s > 0xffff {
        s = (s & 0xffff) + (s >> 16);
    }
    !(s as u16)
}

/// Sum of the IPv6 pseudo-header (RFC 8200 §8.1).
pub fn pseudo6(src: &[u8; 16], dst: &[u8; 16], len: u32, nh: u8) -> u32 {
    let s = sum(src, 0);
    let s = sum(dst, s);
    let s = sum(&len.to_be_bytes(), s);
    sum(&[0, 0, 0, nh], s)
}

/// Sum of the IPv4 pseudo-header (RFC 768).
pub fn pseudo4(src: &[u8; 4], dst: &[u8; 4], len: u16, proto: u8) -> u32 {
    let s = sum(src, 0);
    let s = sum(dst, s);
    let s = sum(&[0, proto], s);
    sum(&len.to_be_bytes(), s)
}

/// Checksum to put on the wire for `data` (whose checksum field is zero) after `pseudo`.
pub fn compute(pseudo: u32, data: &[u8]) -> u16 {
    finish(sum(data, pseudo))
}

/// A checksum's verdict, as tshark's `*.checksum.status` fields give it (its
/// `proto_checksum_vals`): one field per protocol, all made by [`status_field`].
pub mod status {
    pub const BAD: u64 = 0;
    pub const GOOD: u64 = 1;
    /// Not checked: the message is quoted in an ICMP error, cut short, or not covered.
    pub const UNVERIFIED: u64 = 2;
    /// A UDP checksum of zero over IPv4 (RFC 768: none was computed).
    pub const NOT_PRESENT: u64 = 3;
}

static STATUS_VALS: &[(u64, &str)] = &[(0, "Bad"), (1, "Good"), (2, "Unverified"), (3, "Not present"), (4, "Illegal")];

/// "Good": the status name alone, as tshark shows it.
fn status_name(v: &crate::field::Value, out: &mut dyn crate::format::Sink) {
    if let crate::field::Value::Uint(n) = *v {
        out.push_str(crate::field::val_name(STATUS_VALS, n).unwrap_or("Unknown"));
    }
}

/// A protocol's checksum status field (`ip.checksum.status`, `udp.checksum.status`, …):
/// generated, 0 bad, 1 good, 2 unverified, 3 not present, shown by name in `-V`.
pub const fn status_field(abbrev: &'static str, name: &'static str) -> crate::field::FieldDef {
    crate::field::FieldDef::new(abbrev, name, crate::field::Kind::Uint(1))
        .custom(status_name)
        .blurb("0 bad, 1 good, 2 unverified, 3 not present (tshark's checksum status)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1071_example() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2.
        assert_eq!(sum(&[0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7], 0), 0xddf2);
        assert_eq!(finish(0xddf2), 0x220d);
    }

    #[test]
    fn wide_sum_equals_word_sum() {
        // The 16-bit loop the wide one replaced, against it on every length and alignment
        // of a pseudo-random buffer, with and without a running sum.
        fn by_words(data: &[u8], init: u32) -> u32 {
            let mut acc = u64::from(init);
            for c in data.chunks(2) {
                acc += u64::from(c[0]) << 8 | c.get(1).map_or(0, |&b| u64::from(b));
            }
            while acc > 0xffff {
                acc = (acc & 0xffff) + (acc >> 16);
            }
            acc as u32
        }
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let buf: Vec<u8> = (0..300)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        for start in 0..9 {
            for len in 0..buf.len() - start {
                for init in [0, 1, 0xffff, 0x1_fffe] {
                    let d = &buf[start..start + len];
                    assert_eq!(sum(d, init), by_words(d, init), "start {start} len {len} init {init:#x}");
                }
            }
        }
        assert_eq!(sum(&[0xff; 64], 0), 0xffff);
        assert_eq!(sum(&[0; 64], 0), 0);
    }

    #[test]
    fn odd_length_pads_with_zero() {
        assert_eq!(sum(&[0x12, 0x34, 0x56], 0), 0x1234 + 0x5600);
    }
}
