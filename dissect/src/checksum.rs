//! The Internet checksum (RFC 1071) and the IPv4/IPv6 pseudo-headers upper layers use.

/// One's-complement sum of `data` (as big-endian 16-bit words, odd byte padded with zero)
/// added to `init`, folded to 16 bits but not complemented.
pub fn sum(data: &[u8], init: u32) -> u32 {
    // Eight octets at a time as one 64-bit word added into 128 bits (an add and an add with
    // carry): 2^16 = 1 modulo 0xffff, so the big sum is the 16-bit words' sum modulo 0xffff, it
    // is zero only when they all are, and the folds below keep exactly those two facts, so the
    // result is the 16-bit loop's. The last 1-7 octets are one more word, zero-padded on the
    // right (an odd octet is the high half of its 16-bit word, as RFC 1071 pads it).
    // Each step reads a fixed-size array split off the front, so no index can be out of range.
    let mut acc = u128::from(init);
    let mut rest = data;
    while let Some((c, r)) = rest.split_first_chunk::<8>() {
        acc += u128::from(u64::from_be_bytes(*c));
        rest = r;
    }
    // (None for a Mobility Header, whose length is a multiple of 8: no zero word added.)
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        let mut at = 0;
        if let Some((c, r)) = rest.split_first_chunk::<4>() {
            last[..4].copy_from_slice(c);
            (at, rest) = (4, r);
        }
        if let Some((c, r)) = rest.split_first_chunk::<2>() {
            if let Some(d) = last.get_mut(at..at + 2) {
                d.copy_from_slice(c);
            }
            (at, rest) = (at + 2, r);
        }
        if let (Some(&b), Some(d)) = (rest.first(), last.get_mut(at)) {
            *d = b;
        }
        acc += u128::from(u64::from_be_bytes(last));
    }
    // 2^64 = 1 modulo 0xffff: the high half added to the low (twice: the first may carry).
    let acc = (acc >> 64) + (acc & u128::from(u64::MAX));
    let acc = (acc >> 64) + (acc & u128::from(u64::MAX));
    let acc = acc as u64;
    fold((acc >> 32) + (acc & 0xffff_ffff))
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
    // What `sum` over the 40 octets gives: each address as two 64-bit words added into 128
    // bits with the length and next header (2^16 = 1 modulo 0xffff, so this is the 16-bit
    // words' sum modulo 0xffff, zero only when they all are), then folded as `sum` folds
    // (eight 32-bit words split out of the addresses cost ~14 instructions more a header).
    let halves = |a: &[u8; 16]| {
        let v = u128::from_be_bytes(*a);
        (v >> 64) + (v & u128::from(u64::MAX))
    };
    let acc = halves(src) + halves(dst) + u128::from(len) + u128::from(nh);
    let acc = (acc >> 64) + (acc & u128::from(u64::MAX));
    let acc = ((acc >> 64) + (acc & u128::from(u64::MAX))) as u64;
    fold((acc >> 32) + (acc & 0xffff_ffff))
}

/// Folds a sum of 16- and 32-bit words to 16 bits (not complemented): the same value modulo
/// 0xffff, zero only when the sum is.
fn fold(mut acc: u64) -> u32 {
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc as u32
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

/// What follows a checksum's value when it does not verify, in tshark's words: " incorrect,
/// should be 0x1234", and for IPv4, UDP and TCP the hint [`IP_OFFLOAD`], [`UDP_OFFLOAD`] or
/// [`TCP_OFFLOAD`].
pub fn write_incorrect(out: &mut dyn crate::format::Sink, want: u16, hint: &str) {
    out.push_str(" incorrect, should be ");
    crate::format::write_hex_num(out, u64::from(want), 4);
    out.push_str(hint);
}

/// Why an ICMP or ICMPv6 checksum was not verified, after " [unverified]": tshark's words for a
/// message quoted in an error; for one cut short (by the snap length or a lying length),
/// tshark writes "fragmented datagram", which mipscope does not claim.
pub fn unverified_why(in_error: bool) -> &'static str {
    if in_error {
        "in ICMP error packet"
    } else {
        "message cut short"
    }
}

/// tshark's hint after a wrong IPv4 header checksum (its words: "may be", no space).
pub const IP_OFFLOAD: &str = "(may be caused by \"IP checksum offload\"?)";
/// tshark's hint after a wrong UDP checksum.
pub const UDP_OFFLOAD: &str = " (maybe caused by \"UDP checksum offload\"?)";
/// tshark's hint after a wrong TCP checksum (without the space UDP's has).
pub const TCP_OFFLOAD: &str = "(maybe caused by \"TCP checksum offload\"?)";

/// A checksum's verdict, as tshark's `*.checksum.status` fields give it (its
/// `proto_checksum_vals`): one field per protocol, all made by [`status_field`].
pub mod status {
    pub const BAD: u64 = 0;
    pub const GOOD: u64 = 1;
    /// Not checked: the message is quoted in an ICMP error, cut short, or not covered.
    pub const UNVERIFIED: u64 = 2;
    /// A UDP checksum of zero over IPv4 (RFC 768: none was computed).
    pub const NOT_PRESENT: u64 = 3;
    /// A value the protocol forbids: a UDP checksum of zero over IPv6 (RFC 8200 §8.1).
    pub const ILLEGAL: u64 = 4;
}

static STATUS_VALS: &[(u64, &str)] = &[(0, "Bad"), (1, "Good"), (2, "Unverified"), (3, "Not present"), (4, "Illegal")];

/// A protocol's checksum status field (`ip.checksum.status`, `udp.checksum.status`, …):
/// generated, 0 bad, 1 good, 2 unverified, 3 not present, 4 illegal, shown by name alone in
/// `-V` as tshark shows it ("Good"), and named so in filters (`ip.checksum.status == "Bad"`).
pub const fn status_field(abbrev: &'static str, name: &'static str) -> crate::field::FieldDef {
    crate::field::FieldDef::new(abbrev, name, crate::field::Kind::Uint(1))
        .names(STATUS_VALS)
        .blurb("0 bad, 1 good, 2 unverified, 3 not present, 4 illegal (tshark's checksum status)")
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
    fn pseudo6_is_the_sum_of_its_40_octets() {
        // RFC 8200 §8.1's layout written out octet by octet and summed by `sum`, against the
        // one-accumulator `pseudo6`; all-zero and all-ones headers included (0 and 0xffff are
        // the fold's two edges).
        fn laid_out(src: &[u8; 16], dst: &[u8; 16], len: u32, nh: u8) -> u32 {
            let mut h = Vec::with_capacity(40);
            h.extend_from_slice(src);
            h.extend_from_slice(dst);
            h.extend_from_slice(&len.to_be_bytes());
            h.extend_from_slice(&[0, 0, 0, nh]);
            sum(&h, 0)
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut cases = vec![([0u8; 16], [0u8; 16], 0u32, 0u8), ([0xff; 16], [0xff; 16], u32::MAX, 0xff)];
        for _ in 0..2000 {
            let (a, b, c) =
                (u128::from(next()) << 64 | u128::from(next()), u128::from(next()) << 64 | u128::from(next()), next());
            cases.push((a.to_be_bytes(), b.to_be_bytes(), c as u32, (c >> 32) as u8));
        }
        for (s, d, len, nh) in cases {
            assert_eq!(pseudo6(&s, &d, len, nh), laid_out(&s, &d, len, nh), "{s:02x?} {d:02x?} {len} {nh}");
        }
    }

    #[test]
    fn odd_length_pads_with_zero() {
        assert_eq!(sum(&[0x12, 0x34, 0x56], 0), 0x1234 + 0x5600);
    }
}
