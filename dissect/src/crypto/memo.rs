//! A few recent results of a pure function, kept per thread so that no lock is shared: the
//! return routability verifier meets the same Kbm for a BU, its BA and their refreshes (two BUs
//! and two BAs per HoT/CoT pair in a typical exchange), and each Kbm made into an HMAC key costs
//! two SHA-1 compressions of the four or five a verification takes. A hit gives what the
//! function gives: the key is the whole input, never a part of it or what names it (a
//! correspondent and care-of address see a new Kbm at every return routability test).

/// At most `N` entries, the oldest replaced first.
pub(crate) struct Memo<K, V, const N: usize> {
    slots: [Option<(K, V)>; N],
    next: usize,
}

impl<K: PartialEq + Clone, V: Clone, const N: usize> Memo<K, V, N> {
    pub(crate) const fn new() -> Self {
        Memo { slots: [const { None }; N], next: 0 }
    }

    /// `make()`'s value for `key`, from the memo when `key` is in it.
    pub(crate) fn get_or_make(&mut self, key: &K, make: impl FnOnce() -> V) -> V {
        if let Some((_, v)) = self.slots.iter().flatten().find(|(k, _)| k == key) {
            return v.clone();
        }
        let v = make();
        if let Some(slot) = self.slots.get_mut(self.next) {
            *slot = Some((key.clone(), v.clone()));
        }
        self.next = (self.next + 1) % N.max(1);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_n_and_answers_by_the_whole_key() {
        let mut m: Memo<[u8; 2], u32, 2> = Memo::new();
        let calls = std::cell::Cell::new(0);
        let get = |m: &mut Memo<[u8; 2], u32, 2>, k: [u8; 2]| {
            m.get_or_make(&k, || {
                calls.set(calls.get() + 1);
                u32::from(k[0]) * 256 + u32::from(k[1])
            })
        };
        assert_eq!(get(&mut m, [1, 2]), 0x102);
        assert_eq!(get(&mut m, [1, 3]), 0x103);
        assert_eq!(get(&mut m, [1, 2]), 0x102);
        assert_eq!(get(&mut m, [2, 2]), 0x202); // replaces [1, 2]
        assert_eq!(get(&mut m, [1, 3]), 0x103);
        assert_eq!(get(&mut m, [1, 2]), 0x102);
        assert_eq!(calls.get(), 4);
    }
}
