//! Latency quantiles in bounded memory: a log-linear histogram of nanoseconds.
//!
//! Why this and not a sorted sample or a t-digest: a capture may hold millions of pairs, so
//! keeping every latency grows with the file (the rule is flat memory); a t-digest or DDSketch
//! crate is not in the build, and this histogram is twenty lines, exact at both ends (min and
//! max are kept apart), merges by adding counters (the two threads of `run.rs` count batches
//! apart and add them in frame order, giving what one pass gives) and costs one bit-scan per
//! value. The price is precision, stated: every power of two is split into
//! [`SUB`] equal buckets, so a bucket is at most 1/32 of its values wide and a quantile,
//! reported as its bucket's midpoint (clamped to the exact min and max), is within 1/64
//! (1.6 %) of the true nearest-rank quantile. Values under [`SUB`] ns are exact.
//!
//! Memory: [`BUCKETS`] counters (15 KiB), allocated at the first value.

/// Buckets per power of two (2^5): the precision of every quantile.
pub const SUB: u64 = 1 << SUB_BITS;
const SUB_BITS: u32 = 5;
/// Exact values below [`SUB`], then [`SUB`] buckets for each power of two up to 2^63.
pub const BUCKETS: usize = (SUB + (64 - SUB_BITS as u64) * SUB) as usize;

/// A histogram of durations in nanoseconds (see the module doc for its precision).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hist {
    counts: Vec<u64>,
    n: u64,
    min: u64,
    max: u64,
    sum: u128,
}

/// The bucket of `v`.
fn index(v: u64) -> usize {
    if v < SUB {
        return v as usize;
    }
    let shift = 63 - v.leading_zeros() - SUB_BITS;
    let sub = (v >> shift) & (SUB - 1);
    (SUB + u64::from(shift) * SUB + sub) as usize
}

/// The lowest and highest value of bucket `i`.
fn bounds(i: usize) -> (u64, u64) {
    let i = i as u64;
    if i < SUB {
        return (i, i);
    }
    let (shift, sub) = ((i - SUB) / SUB, (i - SUB) % SUB);
    let lo = (SUB + sub) << shift;
    (lo, lo + ((1u64 << shift) - 1))
}

impl Hist {
    pub fn add(&mut self, ns: u64) {
        if self.counts.is_empty() {
            self.counts = vec![0; BUCKETS];
            self.min = ns;
        }
        if let Some(c) = self.counts.get_mut(index(ns)) {
            *c += 1;
        }
        self.n += 1;
        self.min = self.min.min(ns);
        self.max = self.max.max(ns);
        self.sum += u128::from(ns);
    }

    /// Adds the values of `other` (another part of the capture).
    pub fn merge(&mut self, other: &Hist) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = other.clone();
            return;
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.n += other.n;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        self.sum += other.sum;
    }

    pub fn count(&self) -> u64 {
        self.n
    }

    /// Exact smallest value (`None` when empty).
    pub fn min(&self) -> Option<u64> {
        (self.n > 0).then_some(self.min)
    }

    /// Exact largest value.
    pub fn max(&self) -> Option<u64> {
        (self.n > 0).then_some(self.max)
    }

    /// Exact mean, rounded down.
    pub fn mean(&self) -> Option<u64> {
        (self.n > 0).then(|| (self.sum / u128::from(self.n)) as u64)
    }

    /// The nearest-rank `q`-quantile (the value of rank ⌈q·n⌉, at least 1) within 1/64.
    pub fn quantile(&self, q: f64) -> Option<u64> {
        if self.n == 0 {
            return None;
        }
        let rank = ((q.clamp(0.0, 1.0) * self.n as f64).ceil() as u64).clamp(1, self.n);
        let mut seen = 0;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                let (lo, hi) = bounds(i);
                return Some((lo + (hi - lo) / 2).clamp(self.min, self.max));
            }
        }
        Some(self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_tile_the_range() {
        assert_eq!(BUCKETS, 1920);
        assert_eq!(bounds(0), (0, 0));
        assert_eq!(index(u64::MAX), BUCKETS - 1);
        assert_eq!(bounds(BUCKETS - 1).1, u64::MAX);
        // Each bucket starts where the one before ended, and holds its own bounds.
        for i in 1..BUCKETS {
            let (lo, hi) = bounds(i);
            assert_eq!(lo, bounds(i - 1).1 + 1, "bucket {i}");
            assert_eq!((index(lo), index(hi)), (i, i));
            assert!((hi - lo) as f64 <= lo as f64 / 32.0, "bucket {i} wider than 1/32");
        }
    }

    #[test]
    fn quantiles_are_within_a_64th_of_the_exact_ones() {
        // xorshift64: values from 1 µs to ~1 s, spread over many powers of two.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut all = Vec::new();
        let mut h = Hist::default();
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = 1_000 + (x >> (34 + x % 10));
            all.push(v);
            h.add(v);
        }
        all.sort_unstable();
        for q in [0.0, 0.01, 0.5, 0.9, 0.95, 0.99, 1.0] {
            let rank = ((q * all.len() as f64).ceil() as usize).clamp(1, all.len());
            let exact = all[rank - 1] as f64;
            let got = h.quantile(q).unwrap() as f64;
            assert!((got - exact).abs() <= exact / 64.0, "q={q}: {got} vs {exact}");
        }
        assert_eq!(h.min(), all.first().copied());
        assert_eq!(h.max(), all.last().copied());
        assert_eq!(h.mean(), Some((all.iter().map(|&v| u128::from(v)).sum::<u128>() / all.len() as u128) as u64));
    }

    #[test]
    fn merged_parts_equal_one_pass() {
        let vals = [5u64, 70, 1_000_000, 3, 250_000_000, 999, 1 << 40];
        let mut one = Hist::default();
        let (mut a, mut b) = (Hist::default(), Hist::default());
        for (i, &v) in vals.iter().enumerate() {
            one.add(v);
            if i % 2 == 0 { &mut a } else { &mut b }.add(v);
        }
        let mut m = Hist::default();
        m.merge(&a);
        m.merge(&Hist::default());
        m.merge(&b);
        assert_eq!(m, one);
        assert_eq!(Hist::default().quantile(0.5), None);
        // A single value is every quantile, exactly (clamped to min and max).
        let mut s = Hist::default();
        s.add(123_456_789);
        assert_eq!((s.quantile(0.5), s.quantile(0.95)), (Some(123_456_789), Some(123_456_789)));
    }
}
