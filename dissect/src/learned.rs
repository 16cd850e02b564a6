//! One kind of what a capture taught ([`crate::tree::CaptureState`]): entries oldest first, at
//! most one per name, at most a limit of them, found by name in constant time. Every frame that
//! verifies an authenticator looks up keygen tokens and a Kbm, and every HoT, CoT or verified BU
//! teaches one; with a thousand of each learned, the linear searches this replaces were 20 % of
//! a display filter's pass over a return-routability capture.

use std::collections::VecDeque;
use std::hash::{BuildHasher, Hash};

/// Entries in the order they were (last) taught, each under its name `K`.
#[derive(Debug)]
pub struct Learned<K, T> {
    /// Oldest first; `None` where an entry was replaced or removed (trimmed when it reaches the
    /// front, and all of them when they outnumber the entries).
    slots: VecDeque<Option<(K, T)>>,
    /// Slots that left the front since the slots were last numbered ([`Learned::rebuild`]):
    /// slot `i` has the number `gone + i`.
    gone: u64,
    /// Each entry's slot number, found by its name's hash.
    index: Index,
    /// Entries (slots that are not `None`).
    len: usize,
}

/// An open-addressing table of slot numbers, probed linearly from the name's hash; the names
/// stay in the slots. A cell is 0 (empty), [`Index::GONE`] (its entry left), or the slot number
/// plus one in the low [`Index::NUMBER_BITS`] bits under the top bits of the name's hash (so a
/// probe reads a slot only when those match). The two-thread pipeline copies the capture state
/// for every batch it dissects (`dissect::pipeline`): a `HashMap` from names to numbers held
/// each name again, and with the token table full (a thousand 36-octet names) its copy was most
/// of the state's ~180 KiB.
#[derive(Debug, Clone)]
struct Index {
    cells: Vec<u64>,
    /// Cells not empty (entries and the gone).
    used: usize,
    /// A seeded hash: the names are octets a capture's sender chose (the tracker's reasoning,
    /// `analysis::track`). Made with the table.
    hasher: Option<foldhash::fast::RandomState>,
}

/// Where a name's probe starts and the tag its cells carry.
#[derive(Clone, Copy)]
struct Hashed {
    home: usize,
    tag: u64,
}

impl Index {
    const GONE: u64 = u64::MAX;
    const NUMBER_BITS: u32 = 40;
    const NUMBER: u64 = (1 << Self::NUMBER_BITS) - 1;

    /// Empty (no table until the first entry, so that an empty `Learned` is a constant).
    const fn new() -> Self {
        Index { cells: Vec::new(), used: 0, hasher: None }
    }

    fn hash(&self, name: &impl Hash) -> Hashed {
        let h = self.hasher.as_ref().map_or(0, |h| h.hash_one(name));
        Hashed { home: h as usize & self.cells.len().wrapping_sub(1), tag: h & !Self::NUMBER }
    }

    /// The cells a name hashed to `h` may be in, in probing order (none while the table is
    /// empty).
    fn probe(&self, h: Hashed) -> impl Iterator<Item = usize> + '_ {
        let mask = self.cells.len().wrapping_sub(1);
        (0..self.cells.len()).map(move |i| (h.home + i) & mask)
    }

    /// Puts slot number `at` of a name hashed to `h` in the first free cell of its probe (the
    /// table is never full: it is built again before five eighths are used).
    fn file(&mut self, h: Hashed, at: u64) {
        let free = self.probe(h).find(|&c| matches!(self.cells[c], 0 | Self::GONE));
        if let Some(c) = free {
            if self.cells[c] == 0 {
                self.used += 1;
            }
            self.cells[c] = h.tag | (at + 1);
        }
    }
}

/// Copied as whole blocks: the two-thread pipeline copies the capture state for every batch it
/// dissects, and `VecDeque`'s own clone copied the slots one by one, at a third of `memcpy`'s
/// speed.
impl<K: Copy, T: Copy> Clone for Learned<K, T> {
    fn clone(&self) -> Self {
        let (front, back) = self.slots.as_slices();
        let mut slots = Vec::with_capacity(self.slots.len());
        slots.extend_from_slice(front);
        slots.extend_from_slice(back);
        Learned { slots: VecDeque::from(slots), gone: self.gone, index: self.index.clone(), len: self.len }
    }
}

impl<K, T> Default for Learned<K, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K, T> Learned<K, T> {
    /// Nothing learned.
    pub const fn new() -> Self {
        Learned { slots: VecDeque::new(), gone: 0, index: Index::new(), len: 0 }
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entries, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.slots.iter().flatten().map(|(_, v)| v)
    }

    /// The entries, oldest first, to change in place (their names stay).
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut T> + '_ {
        self.slots.iter_mut().flatten().map(|(_, v)| v)
    }
}

impl<K: Hash + Eq + Copy, T: PartialEq> Learned<K, T> {
    /// The entry named `k`.
    pub fn get(&self, k: &K) -> Option<&T> {
        let (_, i) = self.find(k)?;
        self.slots.get(i)?.as_ref().map(|(_, v)| v)
    }

    /// Takes `v` as the newest entry, in place of the one named `k` if there is one (nothing
    /// changes when that one is equal), else forgetting the oldest when there are `limit`
    /// already. Returns whether anything changed.
    pub fn replace(&mut self, k: K, v: T, limit: usize) -> bool {
        // Hashed once: the table stays as it is until `insert` (which hashes again only when
        // it builds the table anew).
        let h = self.index.hash(&k);
        if let Some((cell, i)) = self.find_hashed(&k, h) {
            if self.slots.get(i).and_then(Option::as_ref).is_some_and(|(_, old)| *old == v) {
                return false;
            }
            self.take(cell, i);
        } else if self.len >= limit {
            let oldest = self.slots.iter().position(Option::is_some);
            if let Some((cell, i)) = oldest.and_then(|i| Some((self.cell_of_slot(i)?, i))) {
                self.take(cell, i);
            }
        }
        self.slots.push_back(Some((k, v)));
        self.len += 1;
        if self.slots.len() > 2 * self.len + 16 {
            // Builds the index again, the new slot's cell with the others.
            self.compact();
        } else {
            self.insert(h);
        }
        true
    }

    /// How many entries are surely older than the one named `k` (a lower bound: the slots
    /// before its own, less every empty slot), so that a check can tell that `n` entries taught
    /// after a look-up of it could not have pushed it out. `None` when there is no such entry.
    pub fn older_at_least(&self, k: &K) -> Option<usize> {
        let (_, i) = self.find(k)?;
        Some(i.saturating_sub(self.slots.len() - self.len))
    }

    /// Forgets the entry named `k`; returns it.
    pub fn remove(&mut self, k: &K) -> Option<T> {
        let (cell, i) = self.find(k)?;
        self.take(cell, i)
    }

    /// The cell and the slot of the entry named `k`.
    fn find(&self, k: &K) -> Option<(usize, usize)> {
        self.find_hashed(k, self.index.hash(k))
    }

    fn find_hashed(&self, k: &K, h: Hashed) -> Option<(usize, usize)> {
        for cell in self.index.probe(h) {
            match self.index.cells[cell] {
                0 => return None,
                Index::GONE => {}
                c if c & !Index::NUMBER == h.tag => {
                    // Every live cell names a slot still in the deque; one that did not would be
                    // passed over, not end the search.
                    let i = ((c & Index::NUMBER) - 1).checked_sub(self.gone).and_then(|i| usize::try_from(i).ok());
                    let Some(i) = i else { continue };
                    if self.slots.get(i).and_then(Option::as_ref).is_some_and(|(name, _)| name == k) {
                        return Some((cell, i));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The cell holding slot `i` (which holds an entry).
    fn cell_of_slot(&self, i: usize) -> Option<usize> {
        let (k, _) = self.slots.get(i)?.as_ref()?;
        self.find(k).map(|(cell, _)| cell)
    }

    /// Files the newest slot (its name hashed to `h` in the table as it is; not in the index
    /// yet), building the table again when more than five eighths of it would be used, or the
    /// slot numbers outgrow their bits.
    fn insert(&mut self, h: Hashed) {
        let at = self.gone + self.slots.len() as u64 - 1;
        if (self.index.used + 1) * 8 > self.index.cells.len() * 5 || at >= Index::NUMBER - 1 {
            // The rebuild files every entry, the new one included.
            self.rebuild();
            return;
        }
        self.index.file(h, at);
    }

    /// Empties slot `i` and its index cell, then trims empty slots off the front.
    fn take(&mut self, cell: usize, i: usize) -> Option<T> {
        let (_, v) = self.slots.get_mut(i)?.take()?;
        if let Some(c) = self.index.cells.get_mut(cell) {
            *c = Index::GONE;
        }
        self.len -= 1;
        while self.slots.front().is_some_and(Option::is_none) {
            self.slots.pop_front();
            self.gone += 1;
        }
        Some(v)
    }

    /// Drops every empty slot, so replaced entries cost no memory past twice the entries.
    fn compact(&mut self) {
        self.slots.retain(Option::is_some);
        self.rebuild();
    }

    /// Numbers the slots again from the front and files every entry in a table at most a
    /// third full (no gone cells).
    fn rebuild(&mut self) {
        let size = (3 * self.len + 3).next_power_of_two().max(16);
        self.index.cells.clear();
        self.index.cells.resize(size, 0);
        self.index.used = 0;
        self.index.hasher.get_or_insert_with(foldhash::fast::RandomState::default);
        self.gone = 0;
        for (i, slot) in self.slots.iter().enumerate() {
            if let Some((k, _)) = slot {
                let h = self.index.hash(k);
                self.index.file(h, i as u64);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against the linear list it replaces (a `VecDeque` searched by name): the same entries in
    /// the same order after every step of a long random mix of replacements, repeats and
    /// removals over few names (so entries move, repeat and are forgotten), and the same
    /// answer to every change and look-up. Every 97th step carries on with a clone (which
    /// copies the slots as blocks, wherever the deque had wrapped).
    #[test]
    fn behaves_as_the_linear_list() {
        linear(8, 13, 200_000);
    }

    /// The same with hundreds of entries: the index grows, fills with the cells of replaced
    /// and forgotten entries and is built again, and probes run long (names that collide).
    #[test]
    fn behaves_as_the_linear_list_when_large() {
        linear(300, 1000, 60_000);
    }

    /// A probe compares names, not only tags: with every cell carrying the tag of a name never
    /// taught, that name is still not found (its probe meets cells for some of the 64 names
    /// tried), and with every other cell carrying one taught name's tag, that one is found with
    /// its own value.
    #[test]
    fn a_matching_tag_of_another_name_is_passed_over() {
        let mut l: Learned<u16, u32> = Learned::new();
        for k in 0..200u16 {
            l.replace(k, u32::from(k) * 3, 1000);
        }
        let retag = |l: &Learned<u16, u32>, tag: u64, except: Option<usize>| {
            let mut l = l.clone();
            for (c, cell) in l.index.cells.iter_mut().enumerate() {
                if *cell != 0 && *cell != Index::GONE && Some(c) != except {
                    *cell = tag | (*cell & Index::NUMBER);
                }
            }
            l
        };
        for absent in 1000..1064u16 {
            let tagged = retag(&l, l.index.hash(&absent).tag, None);
            assert_eq!(tagged.get(&absent), None, "name {absent}");
        }
        for present in [7u16, 100, 199] {
            let own = l.find(&present).map(|(cell, _)| cell);
            let tagged = retag(&l, l.index.hash(&present).tag, own);
            assert_eq!(tagged.get(&present), Some(&(u32::from(present) * 3)), "name {present}");
        }
    }

    fn linear(limit: usize, names: u64, steps: u32) {
        let mut fast: Learned<u16, (u16, u32)> = Learned::new();
        let mut slow: VecDeque<(u16, u32)> = VecDeque::new();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for step in 0..steps {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let k = (seed % names) as u16;
            let v = (k, (seed >> 8) as u32 % 3);
            let (changed, expect) = if seed >> 40 & 7 == 0 {
                let i = slow.iter().position(|o| o.0 == k);
                let gone = i.and_then(|i| slow.remove(i));
                (fast.remove(&k).is_some(), gone.is_some())
            } else {
                let expect = match slow.iter().position(|o| o.0 == k) {
                    Some(i) if slow[i] == v => false,
                    Some(i) => {
                        slow.remove(i);
                        slow.push_back(v);
                        true
                    }
                    None => {
                        if slow.len() >= limit {
                            slow.pop_front();
                        }
                        slow.push_back(v);
                        true
                    }
                };
                (fast.replace(k, v, limit), expect)
            };
            assert_eq!(changed, expect, "step {step}");
            assert!(fast.iter().copied().eq(slow.iter().copied()), "step {step}: {:?} {slow:?}", fast.iter().collect::<Vec<_>>());
            assert_eq!(fast.len(), slow.len());
            // This name, a dozen others and one never taught.
            for q in (0..13).map(|j| ((u64::from(k) + j * 77) % names) as u16).chain([names as u16]) {
                assert_eq!(fast.get(&q), slow.iter().find(|o| o.0 == q), "step {step}, name {q}");
            }
            assert!(fast.slots.len() <= 2 * fast.len() + 17, "step {step}: {} slots", fast.slots.len());
            if step % 97 == 0 {
                fast = fast.clone();
            }
        }
    }
}
