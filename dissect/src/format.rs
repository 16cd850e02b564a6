//! Text writers: where rendered text goes ([`Sink`], [`Out`]) and the number and address
//! formatting every output shares (decimal, hex, bit pictures, IPv4/IPv6/Ethernet addresses,
//! octet strings), written without the `fmt` machinery because they run for every value shown.
//! The IPv6 writer keeps the texts of recent addresses (a per-thread cache).

/// Where rendered text goes. A `String` holds text a dissection keeps (info column, labels
/// it builds); an [`Out`] is the byte buffer a renderer hands to stdout. Every writer takes
/// either, so the output path appends the ASCII it made itself without checking it is UTF-8
/// a second time (that check was a tenth of `-V`).
pub trait Sink: std::fmt::Write {
    fn push_str(&mut self, s: &str);
    fn push(&mut self, c: char);
    /// Appends bytes the caller knows are UTF-8: ASCII a writer made, or a slice of text cut
    /// at ASCII positions. A `String` checks them anyway; an [`Out`] trusts them.
    fn push_bytes(&mut self, b: &[u8]);
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// What was written so far.
    fn bytes(&self) -> &[u8];
    /// Forgets everything after the first `n` bytes (`n` on a character boundary).
    fn truncate(&mut self, n: usize);
    fn reserve(&mut self, n: usize);
    /// Appends the first `n` octets of `block` (as [`Sink::push_bytes`]); an [`Out`] copies the
    /// whole block, whose size is known when compiling (a few moves, where a copy of a length
    /// known only at run time is a call to `memcpy`), and forgets what is past `n`.
    #[inline]
    fn push_block<const W: usize>(&mut self, block: &[u8; W], n: usize)
    where
        Self: Sized,
    {
        self.push_bytes(block.get(..n).unwrap_or(block));
    }
}

impl Sink for String {
    #[inline]
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }
    #[inline]
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
    #[inline]
    fn push_bytes(&mut self, b: &[u8]) {
        String::push_str(self, std::str::from_utf8(b).unwrap_or(""));
    }
    #[inline]
    fn len(&self) -> usize {
        String::len(self)
    }
    #[inline]
    fn bytes(&self) -> &[u8] {
        self.as_bytes()
    }
    #[inline]
    fn truncate(&mut self, n: usize) {
        String::truncate(self, n);
    }
    #[inline]
    fn reserve(&mut self, n: usize) {
        String::reserve(self, n);
    }
}

/// The output buffer: UTF-8 text held as bytes, because everything appended is either a
/// `&str` or ASCII a writer made (see [`Sink::push_bytes`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Out(Vec<u8>);

impl Out {
    pub fn new() -> Self {
        Out(Vec::new())
    }
    // The common appends as inherent methods, so code writing into an `Out` needs no import.
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }
    #[inline]
    pub fn push(&mut self, c: char) {
        Sink::push(self, c);
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.0.len()
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Appends a copy of bytes already written (`range` on character boundaries).
    pub fn extend_from_within(&mut self, range: std::ops::Range<usize>) {
        if range.start <= range.end && range.end <= self.0.len() {
            self.0.extend_from_within(range);
        }
    }
    /// Bytes `start..start + len` as text (empty if out of range or not UTF-8).
    pub fn str_at(&self, start: usize, len: usize) -> &str {
        self.0.get(start..start.saturating_add(len)).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
    /// Bytes `start..start + len` (empty if out of range).
    #[inline]
    pub fn bytes_at(&self, start: usize, len: usize) -> &[u8] {
        self.0.get(start..start.saturating_add(len)).unwrap_or(&[])
    }
    pub fn with_capacity(n: usize) -> Self {
        Out(Vec::with_capacity(n))
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
    pub fn clear(&mut self) {
        self.0.clear();
    }
    pub fn capacity(&self) -> usize {
        self.0.capacity()
    }
    /// The text, for tests and callers that want a `String`.
    pub fn into_string(self) -> String {
        String::from_utf8(self.0).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl std::fmt::Write for Out {
    #[inline]
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

impl Sink for Out {
    #[inline]
    fn push_str(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }
    #[inline]
    fn push(&mut self, c: char) {
        if c.is_ascii() {
            self.0.push(c as u8);
        } else {
            self.0.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    #[inline]
    fn push_bytes(&mut self, b: &[u8]) {
        self.0.extend_from_slice(b);
    }
    #[inline]
    fn push_block<const W: usize>(&mut self, block: &[u8; W], n: usize) {
        let end = self.0.len() + n.min(W);
        self.0.extend_from_slice(block);
        self.0.truncate(end);
    }
    #[inline]
    fn len(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn bytes(&self) -> &[u8] {
        &self.0
    }
    #[inline]
    fn truncate(&mut self, n: usize) {
        self.0.truncate(n);
    }
    #[inline]
    fn reserve(&mut self, n: usize) {
        self.0.reserve(n);
    }
}

/// The four characters of one nibble of a bit picture, for every (mask, value) pair.
const NIBBLES: [[u8; 4]; 256] = {
    let mut t = [[0u8; 4]; 256];
    let mut i = 0;
    while i < 256 {
        let (m, v) = (i >> 4, i & 15);
        let mut b = 0;
        while b < 4 {
            let bit = 1 << (3 - b);
            t[i][b] = if m & bit == 0 {
                b'.'
            } else if v & bit != 0 {
                b'1'
            } else {
                b'0'
            };
            b += 1;
        }
        i += 1;
    }
    t
};

/// Writes `v` as Wireshark writes a masked integer's bit picture: `.... ..1. ....`
pub fn write_bit_picture<S: Sink + ?Sized>(out: &mut S, width_bits: u32, mask: u64, v: u64) {
    let raw = v << mask.trailing_zeros();
    let mut buf = [0u8; 80];
    let mut n = 0;
    let nibbles = width_bits.min(64).div_ceil(4);
    for k in (0..nibbles).rev() {
        let m = ((mask >> (4 * k)) & 15) as usize;
        let x = ((raw >> (4 * k)) & 15) as usize;
        buf[n..n + 4].copy_from_slice(&NIBBLES[(m << 4) | x]);
        n += 4;
        if k != 0 {
            buf[n] = b' ';
            n += 1;
        }
    }
    out.push_bytes(&buf[..n]);
}

/// Writes `v` as `0x` and exactly `digits` lower-case hex digits (more if `v` needs them).
pub fn write_hex_num<S: Sink + ?Sized>(out: &mut S, v: u64, digits: usize) {
    let need = ((64 - v.leading_zeros()).div_ceil(4) as usize).max(digits).clamp(1, 16);
    let mut buf = [b'0'; 18];
    buf[1] = b'x';
    buf[2..].copy_from_slice(&hex16(v));
    // The last `need` of the sixteen digits (those before are zeros), after "0x".
    buf[16 - need] = b'0';
    buf[17 - need] = b'x';
    out.push_bytes(&buf[16 - need..]);
}

/// The sixteen lower-case hex digits of `v`, most significant first, computed in one
/// 128-bit word (each nibble spread to an octet, then made a digit) instead of a loop per
/// digit: the HoTI/CoTI/HoT/CoT cookies in the Info column are sixteen digits each.
fn hex16(v: u64) -> [u8; 16] {
    let mut x = u128::from(v);
    x = (x | (x << 32)) & 0x0000_0000_ffff_ffff_0000_0000_ffff_ffff;
    x = (x | (x << 16)) & 0x0000_ffff_0000_ffff_0000_ffff_0000_ffff;
    x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff_00ff_00ff_00ff_00ff;
    x = (x | (x << 4)) & 0x0f0f_0f0f_0f0f_0f0f_0f0f_0f0f_0f0f_0f0f;
    // Octets of 10-15 get 0x27 more ('a' - '0' - 10): adding 6 carries into bit 4 exactly then.
    const ONES: u128 = 0x0101_0101_0101_0101_0101_0101_0101_0101;
    let letters = ((x + 6 * ONES) >> 4) & ONES;
    (x + 0x30 * ONES + 0x27 * letters).to_be_bytes()
}

pub(crate) const HEX: &[u8; 16] = b"0123456789abcdef";

/// `v` as "0x" and four lower-case hex digits, for a column that holds only names (`&'static
/// str`): tshark's Protocol column for an EtherType or PPP protocol nothing decodes. Every such
/// text lives in one table made the first time one is asked for (384 KiB), so a capture of
/// many unknown numbers costs nothing per frame.
pub fn hex16_name(v: u16) -> &'static str {
    static TABLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut s = String::with_capacity(6 << 16);
        for n in 0..=u16::MAX {
            write_hex_num(&mut s, u64::from(n), 4);
        }
        s
    });
    let at = 6 * usize::from(v);
    table.get(at..at + 6).unwrap_or("0x????")
}

/// Appends `v` in decimal without the formatting machinery (hot in every output).
#[inline]
pub fn write_dec<S: Sink + ?Sized>(out: &mut S, v: u64) {
    // Most numbers in a tree are offsets, lengths and small field values: one digit goes
    // straight in as a char; up to four are one slice of the table (a `&str`, so a `String`
    // sink checks nothing and there is no loop).
    if v < 10 {
        out.push(char::from(b'0' + v as u8));
    } else if v < 10_000 {
        out.push_str(DEC4[v as usize]);
    } else {
        write_dec_long(out, v);
    }
}

/// Writes `v` as C's `printf("%.15g")` does: what tshark prints for an `FT_DOUBLE` field
/// (`-T fields`, filters' `string()`): fifteen significant digits, trailing zeros dropped,
/// exponent form below 1e-4 or from 1e15 ("1e+20", "2.5e-07").
pub fn write_g15<S: Sink + ?Sized>(out: &mut S, v: f64) {
    use std::fmt::Write as _;
    if !v.is_finite() {
        out.push_str(if v.is_nan() {
            "nan"
        } else if v < 0.0 {
            "-inf"
        } else {
            "inf"
        });
        return;
    }
    // The exponent after rounding to fifteen digits decides the form, as C's %g.
    let mut sci = Stack::<40>::new();
    let _ = write!(sci, "{v:.14e}");
    let text = sci.as_str();
    let (mant, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..15).contains(&exp) {
        let mut fixed = Stack::<48>::new();
        let _ = write!(fixed, "{v:.*}", (14 - exp) as usize);
        out.push_str(trim_zeros(fixed.as_str()));
    } else {
        out.push_str(trim_zeros(mant));
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.unsigned_abs());
    }
}

/// `s` without the zeros ending its fraction, nor the point when nothing is left after it.
fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// A few octets of text on the stack (`fmt` output for a short number, no allocation).
struct Stack<const N: usize> {
    b: [u8; N],
    len: usize,
}

impl<const N: usize> Stack<N> {
    fn new() -> Self {
        Stack { b: [0; N], len: 0 }
    }
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.b[..self.len]).unwrap_or_default()
    }
}

impl<const N: usize> std::fmt::Write for Stack<N> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let dst = self.b.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// "0000" to "9999": the four digits of every number below 10,000.
static DIGITS4: [[u8; 4]; 10_000] = {
    let mut t = [[0u8; 4]; 10_000];
    let mut i = 0;
    while i < 10_000 {
        t[i] = [b'0' + (i / 1000) as u8, b'0' + (i / 100 % 10) as u8, b'0' + (i / 10 % 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    t
};

/// How many leading zeros [`DIGITS4`] has for `v` (below 10,000; none for 0's last digit).
#[inline]
fn zeros4(v: usize) -> usize {
    usize::from(v < 10) + usize::from(v < 100) + usize::from(v < 1000)
}

/// "0" to "9999" as text: a number below 10,000 is one `&str` (into a `String` sink: no
/// buffer, no UTF-8 check, no loop).
static DEC4: [&str; 10_000] = {
    static ALL: [u8; 40_000] = {
        let mut t = [0u8; 40_000];
        let mut i = 0;
        while i < 40_000 {
            t[i] = DIGITS4[i / 4][i % 4];
            i += 1;
        }
        t
    };
    let mut t = [""; 10_000];
    let mut i = 0;
    while i < 10_000 {
        let skip = (i < 10) as usize + (i < 100) as usize + (i < 1000) as usize;
        let (_, tail) = ALL.split_at(4 * i + skip);
        let (digits, _) = tail.split_at(4 - skip);
        t[i] = match std::str::from_utf8(digits) {
            Ok(s) => s,
            Err(_) => panic!("ASCII digits"),
        };
        i += 1;
    }
    t
};

/// Writes the decimal digits of `v` right-aligned into `buf`; returns where they start.
pub(crate) fn dec_digits(buf: &mut [u8; 20], mut v: u64) -> usize {
    // Four digits per division, each group one fixed-size copy (times, offsets and sequence
    // numbers are long numbers); a u64 has at most 20 digits: four groups and a head.
    let mut i = buf.len();
    while v >= 10_000 && i >= 8 {
        let r = (v % 10_000) as usize;
        v /= 10_000;
        buf[i - 4..i].copy_from_slice(&DIGITS4[r]);
        i -= 4;
    }
    // Four groups leave at most 1,844 (a u64 has 20 digits): the head needs no division.
    let head = (v as usize).min(9_999);
    buf[i - 4..i].copy_from_slice(&DIGITS4[head]);
    i - 4 + zeros4(head)
}

#[inline(never)]
fn write_dec_long<S: Sink + ?Sized>(out: &mut S, mut v: u64) {
    // Groups of four digits, each a `&str` of the table (no buffer to check as UTF-8).
    let mut groups = [0usize; 4];
    let mut n = 0;
    while v >= 10_000 && n < groups.len() {
        groups[n] = (v % 10_000) as usize;
        v /= 10_000;
        n += 1;
    }
    out.push_str(DEC4[(v % 10_000) as usize]);
    for &g in groups[..n].iter().rev() {
        let d = &DIGITS4[g];
        for &c in d {
            out.push(char::from(c));
        }
    }
}

/// Writes `v` in decimal, right-aligned in `width` columns (space padded), as `{:>width$}`.
pub fn write_dec_padded<S: Sink + ?Sized>(out: &mut S, v: u64, width: usize) {
    let mut buf = [b' '; 20];
    let i = dec_digits(&mut buf, v);
    for _ in buf.len() - i..width {
        out.push(' ');
    }
    out.push_bytes(&buf[i..]);
}

/// Writes `v` in decimal with leading zeros to exactly `width` digits (more if needed), as
/// `{:0width$}`.
pub fn write_dec_zeros<S: Sink + ?Sized>(out: &mut S, v: u64, width: usize) {
    // Nine digits, the nanoseconds of every time a tree shows (four a `-V` frame): one digit
    // and two of [`DIGITS4`]'s entries in a fixed-size block, where the general path below
    // divides digit pair by digit pair and copies a run-time length (~175 instructions a
    // relative time, ~75 this way).
    if width == 9 && v < 1_000_000_000 {
        let (hi, lo) = (v / 10_000, (v % 10_000) as usize);
        let mut b = [b'0'; 9];
        b[0] = b'0' + (hi / 10_000) as u8;
        b[1..5].copy_from_slice(&DIGITS4[(hi % 10_000) as usize]);
        b[5..].copy_from_slice(&DIGITS4[lo]);
        out.push_bytes(&b);
        return;
    }
    let mut buf = [b'0'; 20];
    let i = dec_digits(&mut buf, v);
    let start = buf.len() - (buf.len() - i).max(width.min(buf.len()));
    out.push_bytes(&buf[start..]);
}

/// Writes an IPv6 address as Wireshark (and glibc's inet_ntop) do: RFC 5952 zero
/// compression, and dotted-quad tails for IPv4-compatible (`::1.2.3.4`) and IPv4-mapped
/// (`::ffff:1.2.3.4`) addresses.
pub fn write_ipv6<S: Sink + ?Sized>(out: &mut S, a: &[u8; 16]) {
    let cached = IPV6_TEXTS.with(|c| match c.try_borrow_mut() {
        Ok(mut c) => {
            out.push_bytes(c.text(a));
            true
        }
        Err(_) => false,
    });
    if !cached {
        let mut buf = [0u8; IPV6_TEXT_MAX];
        let n = ipv6_text(a, &mut buf);
        out.push_bytes(&buf[..n]);
    }
}

/// Writes an IPv6 address's text as a whole [`IPV6_TEXT_MAX`]-octet block into `dst` (what
/// follows the text is left over from the cache) and returns the text's length, so that a
/// caller staging a line moves it in one fixed-size copy (the packet list's columns).
pub(crate) fn ipv6_block(a: &[u8; 16], dst: &mut [u8; IPV6_TEXT_MAX]) -> usize {
    IPV6_TEXTS.with(|c| c.try_borrow_mut().ok().map(|mut c| c.block(a, dst))).unwrap_or_else(|| ipv6_text(a, dst))
}

/// The packet list's two column addresses staged as [`ipv6_block`] stages one: `a`'s whole
/// text block at `line[n..]`, `sep` after its text, `b`'s block after that (each overwriting
/// what the one before left past its text); returns the end of `b`'s text. One borrow of the
/// cache and one call serve both (as two calls, each saved and restored registers around a
/// hit). `b`'s look-up cannot evict `a`'s text: it is copied out first (and a set's next
/// victim is never the slot just used).
pub(crate) fn ipv6_pair(a: &[u8; 16], b: &[u8; 16], sep: &[u8; 5], line: &mut [u8; 256], n: usize) -> usize {
    // Each start is kept where a block and `sep` fit.
    fn stage(line: &mut [u8; 256], n: usize, text: &[u8; IPV6_TEXT_MAX], len: usize) -> usize {
        let n = n.min(256 - 64);
        line[n..n + IPV6_TEXT_MAX].copy_from_slice(text);
        n + len.min(IPV6_TEXT_MAX)
    }
    let put_sep = |line: &mut [u8; 256], n: usize| {
        let n = n.min(256 - 64);
        line[n..n + 5].copy_from_slice(sep);
        n + 5
    };
    IPV6_TEXTS.with(|c| match c.try_borrow_mut() {
        Ok(mut c) => {
            let s = c.slot(a);
            let n = stage(line, n, &c.texts[s], usize::from(c.lens[s]));
            let n = put_sep(line, n);
            let s = c.slot(b);
            stage(line, n, &c.texts[s], usize::from(c.lens[s]))
        }
        Err(_) => {
            let mut t = [0; IPV6_TEXT_MAX];
            let len = ipv6_text(a, &mut t);
            let n = stage(line, n, &t, len);
            let n = put_sep(line, n);
            let len = ipv6_text(b, &mut t);
            stage(line, n, &t, len)
        }
    })
}

/// An IPv4 address in dotted decimal into `buf` (up to 15 octets); returns its length.
pub(crate) fn ipv4_text(a: &[u8; 4], buf: &mut [u8; 16]) -> usize {
    let mut n = 0;
    for (i, &b) in a.iter().enumerate() {
        // An octet's (at most three) table digits moved in whole; what follows overwrites
        // what it does not show. Before each octet n <= 12, so three more fit.
        let (d, z) = (DIGITS4[usize::from(b)], zeros4(usize::from(b)));
        let at = n.min(12);
        buf[at..at + 3].copy_from_slice(&[d[z.min(3)], d[(z + 1).min(3)], d[(z + 2).min(3)]]);
        n = at + 4 - z;
        if i < 3 {
            buf[n.min(15)] = b'.';
            n += 1;
        }
    }
    n.min(15)
}

/// Text of recently seen IPv6 addresses. A capture's packets come from few hosts, and every
/// frame shows its addresses more than once (header label, columns, fields), so most texts
/// are copied, not formatted again (Wireshark keeps a similar table for address names).
struct Ipv6Texts {
    keys: [[u8; 16]; IPV6_SLOTS],
    /// 0 = empty slot.
    lens: [u8; IPV6_SLOTS],
    texts: [[u8; IPV6_TEXT_MAX]; IPV6_SLOTS],
    /// Per pair of slots, the one to replace next (the other was used last).
    victim: [u8; IPV6_SLOTS / 2],
}

/// Two-way sets: with one slot per hash, two busy addresses that collide evicted each other on
/// every packet (an eighth of all lookups missed on the benchmark capture).
const IPV6_SLOTS: usize = 256;

impl Ipv6Texts {
    /// The text as one whole block (see [`ipv6_block`]) and its length. The look-up is inlined
    /// here: the packet list asks twice a line, and as a call it cost ~40 instructions, half of
    /// them saving and restoring registers around a hit.
    #[inline]
    fn block(&mut self, a: &[u8; 16], dst: &mut [u8; IPV6_TEXT_MAX]) -> usize {
        let slot = self.slot(a);
        *dst = self.texts[slot];
        usize::from(self.lens[slot])
    }

    fn text(&mut self, a: &[u8; 16]) -> &[u8] {
        let slot = self.slot(a);
        &self.texts[slot][..usize::from(self.lens[slot])]
    }

    /// The slot holding `a`'s text, formatting it into its set's victim on a miss.
    #[inline(always)]
    fn slot(&mut self, a: &[u8; 16]) -> usize {
        let lo = u64::from_le_bytes([a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]]);
        let hi = u64::from_le_bytes([a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]]);
        let set = ((lo ^ hi.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 57) as usize % (IPV6_SLOTS / 2);
        let (s0, s1) = (2 * set, 2 * set + 1);
        let slot = if self.lens[s0] != 0 && self.keys[s0] == *a {
            s0
        } else if self.lens[s1] != 0 && self.keys[s1] == *a {
            s1
        } else {
            self.fill(set, a)
        };
        self.victim[set] = u8::from(slot == s0);
        slot
    }

    /// A miss: `a`'s text formatted into its set's victim slot.
    #[inline(never)]
    fn fill(&mut self, set: usize, a: &[u8; 16]) -> usize {
        let v = 2 * set + usize::from(self.victim[set]);
        self.lens[v] = ipv6_text(a, &mut self.texts[v]) as u8;
        self.keys[v] = *a;
        v
    }
}

thread_local! {
    static IPV6_TEXTS: std::cell::RefCell<Ipv6Texts> = const {
        std::cell::RefCell::new(Ipv6Texts {
            keys: [[0; 16]; IPV6_SLOTS],
            lens: [0; IPV6_SLOTS],
            texts: [[0; IPV6_TEXT_MAX]; IPV6_SLOTS],
            victim: [0; IPV6_SLOTS / 2],
        })
    };
}

/// Longest IPv6 text: eight groups of four hex digits and seven colons (39), or a
/// compressed head and a dotted quad (at most `::ffff:255.255.255.255`, 22).
pub const IPV6_TEXT_MAX: usize = 48;

/// For every set of zero 16-bit groups (bit i = group i is zero): where the longest run of
/// at least two zero groups starts and how long it is (the first on a tie; length 0 = none).
const ZERO_RUNS: [(u8, u8); 256] = {
    let mut t = [(0u8, 0u8); 256];
    let mut m = 0;
    while m < 256 {
        let (mut best, mut best_len, mut cur, mut cur_len) = (0, 0, 0, 0);
        let mut i = 0;
        while i < 8 {
            if m & (1 << i) != 0 {
                if cur_len == 0 {
                    cur = i;
                }
                cur_len += 1;
                if cur_len > best_len {
                    best = cur;
                    best_len = cur_len;
                }
            } else {
                cur_len = 0;
            }
            i += 1;
        }
        t[m] = if best_len >= 2 { (best as u8, best_len as u8) } else { (0, 0) };
        m += 1;
    }
    t
};

/// Formats an IPv6 address into `buf` (see [`write_ipv6`]) and returns its length, so callers
/// without a `String` at hand (a `Display` impl) need not allocate one.
///
/// Every header of every frame has two addresses, so this is written to run without
/// searching: the zero run comes from a table indexed by which groups are zero, and each
/// group's digits are stored four at a time and the length advanced by how many count.
pub fn ipv6_text(a: &[u8; 16], buf: &mut [u8; IPV6_TEXT_MAX]) -> usize {
    // The eight groups from one 128-bit word, the next group rotated into the low 16 bits
    // each time (no index into the address).
    let mut w = [0u16; 8];
    let mut zeros = 0usize;
    let mut v = u128::from_be_bytes(*a);
    for (i, x) in w.iter_mut().enumerate() {
        v = v.rotate_left(16);
        *x = v as u16;
        zeros |= usize::from(*x == 0) << i;
    }
    let (best, best_len) = ZERO_RUNS[zeros];
    let (best, best_len) = (usize::from(best), usize::from(best_len));
    // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses, as glibc.
    if best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff)) {
        return ipv6_text_v4_tail(a, best_len, buf);
    }
    let mut n = 0;
    let mut i = 0;
    while i < 8 {
        if best_len != 0 && i == best {
            buf[n] = b':';
            buf[n + 1] = b':';
            n += 2;
            i += best_len;
            continue;
        }
        if i != 0 && (best_len == 0 || i != best + best_len) {
            buf[n] = b':';
            n += 1;
        }
        let x = w[i];
        let digits = ((16 - x.leading_zeros() as usize).div_ceil(4)).max(1);
        let chars = u32::from_le_bytes([
            HEX[usize::from(x >> 12)],
            HEX[usize::from((x >> 8) & 15)],
            HEX[usize::from((x >> 4) & 15)],
            HEX[usize::from(x & 15)],
        ]) >> (8 * (4 - digits));
        // n <= 35 here (seven groups and separators before the last), so four bytes fit.
        buf[n..n + 4].copy_from_slice(&chars.to_le_bytes());
        n += digits;
        i += 1;
    }
    n
}

/// `::a.b.c.d` or `::ffff:a.b.c.d`.
#[cold]
fn ipv6_text_v4_tail(a: &[u8; 16], best_len: usize, buf: &mut [u8; IPV6_TEXT_MAX]) -> usize {
    let head: &[u8] = if best_len == 6 { b"::" } else { b"::ffff:" };
    buf[..head.len()].copy_from_slice(head);
    let mut n = head.len();
    for (k, &octet) in a[12..].iter().enumerate() {
        if k > 0 {
            buf[n] = b'.';
            n += 1;
        }
        if octet >= 100 {
            buf[n] = b'0' + octet / 100;
            n += 1;
        }
        if octet >= 10 {
            buf[n] = b'0' + (octet / 10) % 10;
            n += 1;
        }
        buf[n] = b'0' + octet % 10;
        n += 1;
    }
    n
}

pub fn write_ipv4<S: Sink + ?Sized>(out: &mut S, a: &[u8; 4]) {
    for (i, b) in a.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        write_dec(out, u64::from(*b));
    }
}

pub fn write_ether<S: Sink + ?Sized>(out: &mut S, a: &[u8; 6]) {
    write_hex_colon(out, a);
}

/// Hex pairs separated by `:`.
pub fn write_hex_colon<S: Sink + ?Sized>(out: &mut S, bytes: &[u8]) {
    // Staged through a stack buffer so each chunk is one append rather than a push per char.
    let mut buf = [0u8; 96];
    for (k, chunk) in bytes.chunks(32).enumerate() {
        let mut n = 0;
        if k > 0 {
            buf[n] = b':';
            n += 1;
        }
        for (i, b) in chunk.iter().enumerate() {
            if i > 0 {
                buf[n] = b':';
                n += 1;
            }
            buf[n] = HEX[usize::from(b >> 4)];
            buf[n + 1] = HEX[usize::from(b & 15)];
            n += 2;
        }
        out.push_bytes(&buf[..n]);
    }
}

pub fn write_hex<S: Sink + ?Sized>(out: &mut S, bytes: &[u8]) {
    out.reserve(bytes.len() * 2);
    let mut buf = [0u8; 128];
    for chunk in bytes.chunks(64) {
        for (i, b) in chunk.iter().enumerate() {
            buf[2 * i] = HEX[usize::from(b >> 4)];
            buf[2 * i + 1] = HEX[usize::from(b & 15)];
        }
        out.push_bytes(&buf[..2 * chunk.len()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_num_is_formats() {
        // Every digit count, both ends of each nibble, and a spread of 64-bit values.
        let mut vals = vec![0u64, 1, 9, 10, 15, 16, 0xff, 0x100, u64::MAX, u64::MAX - 1, 0x8000_0000_0000_0000];
        vals.extend((0..64).map(|b| 1u64 << b));
        vals.extend((0..64).map(|b| (1u64 << b).wrapping_sub(1)));
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            vals.push(x);
            vals.push(x >> (x % 64));
        }
        for &v in &vals {
            assert_eq!(hex16(v).as_slice(), format!("{v:016x}").as_bytes());
            for digits in 0..=20 {
                let mut o = String::new();
                write_hex_num(&mut o, v, digits);
                assert_eq!(o, format!("0x{v:0w$x}", w = digits.clamp(1, 16)), "v={v:#x} digits={digits}");
            }
        }
    }

    fn v6(s: &str) -> String {
        let mut o = String::new();
        write_ipv6(&mut o, &s.parse::<std::net::Ipv6Addr>().unwrap().octets());
        o
    }

    /// The straightforward search this module used before the table (kept to check it).
    fn ipv6_text_reference(a: &[u8; 16], buf: &mut [u8; IPV6_TEXT_MAX]) -> usize {
        let mut w = [0u16; 8];
        for (i, x) in w.iter_mut().enumerate() {
            *x = u16::from_be_bytes([a[2 * i], a[2 * i + 1]]);
        }
        // Longest run of at least two zero words (the first one on a tie).
        let (mut best, mut best_len, mut cur, mut cur_len) = (usize::MAX, 0usize, 0usize, 0usize);
        for (i, &x) in w.iter().enumerate() {
            if x == 0 {
                if cur_len == 0 {
                    cur = i;
                }
                cur_len += 1;
                if cur_len > best_len {
                    best = cur;
                    best_len = cur_len;
                }
            } else {
                cur_len = 0;
            }
        }
        if best_len < 2 {
            best = usize::MAX;
        }
        let best_end = best.saturating_add(best_len);
        let mut n = 0;
        let mut i = 0;
        while i < 8 {
            if i == best {
                buf[n] = b':';
                buf[n + 1] = b':';
                n += 2;
                i += best_len;
                continue;
            }
            if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff)) {
                if i != best_end {
                    buf[n] = b':';
                    n += 1;
                }
                for (k, &octet) in a[12..].iter().enumerate() {
                    if k > 0 {
                        buf[n] = b'.';
                        n += 1;
                    }
                    if octet >= 100 {
                        buf[n] = b'0' + octet / 100;
                        n += 1;
                    }
                    if octet >= 10 {
                        buf[n] = b'0' + (octet / 10) % 10;
                        n += 1;
                    }
                    buf[n] = b'0' + octet % 10;
                    n += 1;
                }
                return n;
            }
            if i != 0 && i != best_end {
                buf[n] = b':';
                n += 1;
            }
            let x = w[i];
            let mut started = false;
            for shift in [12u16, 8, 4, 0] {
                let d = (x >> shift) & 0xf;
                if d != 0 || started || shift == 0 {
                    buf[n] = HEX[usize::from(d)];
                    n += 1;
                    started = true;
                }
            }
            i += 1;
        }
        n
    }

    proptest::proptest! {
        #[test]
        fn ipv6_text_agrees_with_the_plain_search(groups in proptest::collection::vec(proptest::prop_oneof![3 => proptest::prelude::Just(0u16), 1 => proptest::prelude::Just(0xffffu16), 4 => proptest::prelude::any::<u16>()], 8)) {
            let mut a = [0u8; 16];
            for (i, g) in groups.iter().enumerate() {
                a[2 * i..2 * i + 2].copy_from_slice(&g.to_be_bytes());
            }
            let (mut x, mut y) = ([0u8; IPV6_TEXT_MAX], [0u8; IPV6_TEXT_MAX]);
            let (nx, ny) = (ipv6_text(&a, &mut x), ipv6_text_reference(&a, &mut y));
            proptest::prop_assert_eq!(&x[..nx], &y[..ny]);
        }
    }

    #[test]
    fn ipv6_text_cache_returns_each_address_own_text() {
        // Far more addresses than slots, each written twice in a mixed order.
        let addrs: Vec<[u8; 16]> = (0u32..500)
            .map(|i| {
                let mut a = [0u8; 16];
                a[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
                a[12..].copy_from_slice(&(i.wrapping_mul(2_654_435_761)).to_be_bytes());
                if i % 7 == 0 {
                    a[4] = (i % 5) as u8;
                }
                a
            })
            .collect();
        for round in 0..2 {
            for (k, a) in addrs.iter().enumerate().filter(|(k, _)| k % 2 == round).chain(addrs.iter().enumerate()) {
                let mut got = String::new();
                write_ipv6(&mut got, a);
                let mut buf = [0u8; IPV6_TEXT_MAX];
                let n = ipv6_text(a, &mut buf);
                assert_eq!(got.as_bytes(), &buf[..n], "address {k}");
            }
        }
    }

    #[test]
    fn ipv6_text_matches_wireshark() {
        // Expected strings are what tshark 4.0 prints for these addresses.
        for (a, want) in [
            ("::1.2.3.4", "::1.2.3.4"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
            ("1:0:0:0:1:0:0:1", "1::1:0:0:1"),
            ("::2:0:0:0", "::2:0:0:0"),
            ("2001:db8::", "2001:db8::"),
            ("::2", "::2"),
            ("fe80:0:0:1::", "fe80:0:0:1::"),
            ("::", "::"),
            ("::1", "::1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:4f8:4:7:2e0:81ff:fe52:ffff", "2001:4f8:4:7:2e0:81ff:fe52:ffff"),
        ] {
            assert_eq!(v6(a), want, "{a}");
        }
    }

    #[test]
    fn decimal_and_bits() {
        let mut o = String::new();
        write_dec(&mut o, 0);
        write_dec(&mut o, 18_446_744_073_709_551_615);
        assert_eq!(o, "018446744073709551615");
        let mut o = String::new();
        write_bit_picture(&mut o, 16, 0x0400, 1);
        assert_eq!(o, ".... .1.. .... ....");
        let mut o = String::new();
        write_bit_picture(&mut o, 32, 0x0ff0_0000, 0x5a);
        assert_eq!(o, ".... 0101 1010 .... .... .... .... ....");
        let mut o = String::new();
        write_bit_picture(&mut o, 8, 0x1f, 0x09);
        assert_eq!(o, "...0 1001");
        let mut o = String::new();
        write_hex_num(&mut o, 0x364, 4);
        write_hex_num(&mut o, 0, 2);
        write_hex_num(&mut o, u64::MAX, 2);
        assert_eq!(o, "0x03640x000xffffffffffffffff");
    }

    #[test]
    fn decimal_tables_match_fmt_at_every_group_boundary() {
        // Every value below 10,000 (one slice of the tables), and around each power of ten
        // up to u64::MAX (groups of four, zeros inside a group kept).
        let mut values: Vec<u64> = (0..10_000).collect();
        for p in 0..20u32 {
            let t = 10u64.pow(p);
            values.extend([t.saturating_sub(1), t, t.saturating_add(1), t.saturating_mul(7).saturating_add(3)]);
        }
        values.extend([100_000_001, 1_000_000_000_000_001, u64::MAX, u64::MAX - 1]);
        for v in values {
            let mut o = String::new();
            write_dec(&mut o, v);
            assert_eq!(o, v.to_string(), "write_dec({v})");
            let mut buf = [b'0'; 20];
            let i = dec_digits(&mut buf, v);
            assert_eq!(&buf[i..], v.to_string().as_bytes(), "dec_digits({v})");
            assert!(buf[..i].iter().all(|&c| c == b'0'), "dec_digits({v}) writes only zeros before its digits");
            let mut o = String::new();
            write_dec_zeros(&mut o, v, 6);
            assert_eq!(o, format!("{v:06}"));
        }
    }

    /// C's `%.15g` (glibc's printf, as tshark prints an `FT_DOUBLE`), its outputs written down
    /// from `printf '%.15g\n' …`.
    #[test]
    fn doubles_print_as_c_g15() {
        let cases: &[(f64, &str)] = &[
            (1000.0, "1000"),
            (0.5, "0.5"),
            (1.2345678, "1.2345678"),
            (0.0, "0"),
            (-0.0, "-0"),
            (-2.25, "-2.25"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.000025, "2.5e-05"),
            (123456789012345.0, "123456789012345"),
            (1234567890123456.0, "1.23456789012346e+15"),
            (1e20, "1e+20"),
            (0.1 + 0.2, "0.3"),
            (999999999999999.9, "1e+15"),
            (64000.000001, "64000.000001"),
            (1.0 / 3.0, "0.333333333333333"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
        ];
        for &(v, want) in cases {
            let mut o = String::new();
            write_g15(&mut o, v);
            assert_eq!(o, want, "{v:e}");
        }
    }

    /// Nine digits (nanoseconds) take their own path below 10^9: against `{:09}` into both
    /// sinks, around every group boundary and across the range (a value past 10^9 keeps all
    /// its digits, as the general path writes it).
    #[test]
    fn nine_digit_zeros_match_fmt() {
        let mut values: Vec<u64> = (0..20_000).chain((0..100_000).map(|i| i * 9_999 + i % 7)).collect();
        for p in 0..=12u32 {
            let t = 10u64.pow(p);
            values.extend([t.saturating_sub(1), t, t + 1, t * 3 + 10_000]);
        }
        values.extend([999_999_999, 1_000_000_000, 123_456_789, 100_000_000, 99_990_000, 4_294_967_295, u64::MAX]);
        for v in values {
            let mut s = String::new();
            write_dec_zeros(&mut s, v, 9);
            assert_eq!(s, format!("{v:09}"), "String, {v}");
            let mut o = Out::new();
            write_dec_zeros(&mut o, v, 9);
            assert_eq!(o.as_bytes(), format!("{v:09}").as_bytes(), "Out, {v}");
        }
    }

    #[test]
    fn staged_ipv4_text_matches_std_for_every_octet_value() {
        for v in 0..=255u8 {
            for a in [[v, 0, 255, 9], [10, v, 99, 100], [v, v, v, v], [1, 22, 133, v]] {
                let mut buf = [0u8; 16];
                let n = ipv4_text(&a, &mut buf);
                assert_eq!(&buf[..n], std::net::Ipv4Addr::from(a).to_string().as_bytes());
            }
        }
    }

    #[test]
    fn fmt_free_writers_match_fmt() {
        for v in [0u64, 7, 9, 10, 42, 99, 100, 999_999_999, 1_000_000_000, u64::MAX] {
            let mut o = String::new();
            write_dec(&mut o, v);
            write_dec_padded(&mut o, v, 2);
            write_dec_zeros(&mut o, v, 9);
            assert_eq!(o, format!("{v}{v:>2}{v:09}"));
        }
        let bytes: Vec<u8> = (0..=255u8).collect();
        let (mut hex, mut colon) = (String::new(), String::new());
        write_hex(&mut hex, &bytes);
        write_hex_colon(&mut colon, &bytes);
        assert_eq!(hex, bytes.iter().map(|b| format!("{b:02x}")).collect::<String>());
        assert_eq!(colon, bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":"));
        let mut e = String::new();
        write_ether(&mut e, &[0, 0x1b, 0x21, 0xab, 0xcd, 0xef]);
        assert_eq!(e, "00:1b:21:ab:cd:ef");
    }
}
