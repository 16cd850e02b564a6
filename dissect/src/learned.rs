//! One kind of what a capture taught ([`crate::tree::CaptureState`]): entries oldest first, at
//! most one per name, at most a limit of them, found by name in constant time. Every frame that
//! verifies an authenticator looks up keygen tokens and a Kbm, and every HoT, CoT or verified BU
//! teaches one; with a thousand of each learned, the linear searches this replaces were 20 % of
//! a display filter's pass over a return-routability capture.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// A seeded hash: the names are octets a capture's sender chose (the tracker's reasoning,
/// `analysis::track`).
type Index<K> = HashMap<K, u64, foldhash::fast::RandomState>;

/// Entries in the order they were (last) taught, each under its name `K`.
#[derive(Debug)]
pub struct Learned<K, T> {
    /// Oldest first; `None` where an entry was replaced or removed (trimmed when it reaches the
    /// front, and all of them when they outnumber the entries).
    slots: VecDeque<Option<(K, T)>>,
    /// Slots that left the front so far: slot `i` has the number `gone + i`.
    gone: u64,
    /// The number of each entry's slot, by name (made with the first entry, so that an empty
    /// one is a constant).
    index: Option<Index<K>>,
    /// Entries (slots that are not `None`).
    len: usize,
}

/// Copied as whole blocks: the two-thread pipeline copies the capture state for every batch it
/// dissects (`dissect::pipeline`), and once return routability has filled the token table that
/// is ~180 KiB; `VecDeque`'s own clone copied it slot by slot, at a third of `memcpy`'s speed.
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
        Learned { slots: VecDeque::new(), gone: 0, index: None, len: 0 }
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
        let at = *self.index.as_ref()?.get(k)?;
        let i = usize::try_from(at.checked_sub(self.gone)?).ok()?;
        self.slots.get(i)?.as_ref().map(|(_, v)| v)
    }

    /// Takes `v` as the newest entry, in place of the one named `k` if there is one (nothing
    /// changes when that one is equal), else forgetting the oldest when there are `limit`
    /// already. Returns whether anything changed.
    pub fn replace(&mut self, k: K, v: T, limit: usize) -> bool {
        if let Some(i) = self.slot_of(&k) {
            if self.slots.get(i).and_then(Option::as_ref).is_some_and(|(_, old)| *old == v) {
                return false;
            }
            self.take(i);
        } else if self.len >= limit {
            if let Some(i) = self.slots.iter().position(Option::is_some) {
                self.take(i);
            }
        }
        let at = self.gone + self.slots.len() as u64;
        self.slots.push_back(Some((k, v)));
        self.index.get_or_insert_with(Index::default).insert(k, at);
        self.len += 1;
        if self.slots.len() > 2 * self.len + 16 {
            self.compact();
        }
        true
    }

    /// How many entries are surely older than the one named `k` (a lower bound: the slots
    /// before its own, less every empty slot), so that a check can tell that `n` entries taught
    /// after a look-up of it could not have pushed it out. `None` when there is no such entry.
    pub fn older_at_least(&self, k: &K) -> Option<usize> {
        let i = self.slot_of(k)?;
        self.slots.get(i)?.as_ref()?;
        Some(i.saturating_sub(self.slots.len() - self.len))
    }

    /// Forgets the entry named `k`; returns it.
    pub fn remove(&mut self, k: &K) -> Option<T> {
        let i = self.slot_of(k)?;
        self.take(i)
    }

    fn slot_of(&self, k: &K) -> Option<usize> {
        let at = *self.index.as_ref()?.get(k)?;
        usize::try_from(at.checked_sub(self.gone)?).ok()
    }

    /// Empties slot `i` (its name leaves the index), then trims empty slots off the front.
    fn take(&mut self, i: usize) -> Option<T> {
        let (k, v) = self.slots.get_mut(i)?.take()?;
        if let Some(index) = self.index.as_mut() {
            index.remove(&k);
        }
        self.len -= 1;
        while self.slots.front().is_some_and(Option::is_none) {
            self.slots.pop_front();
            self.gone += 1;
        }
        Some(v)
    }

    /// Drops every empty slot and numbers the entries again, so replaced entries cost no
    /// memory past twice the entries.
    fn compact(&mut self) {
        self.gone += self.slots.len() as u64;
        self.slots.retain(Option::is_some);
        if let Some(index) = self.index.as_mut() {
            for (i, (k, _)) in self.slots.iter().flatten().enumerate() {
                index.insert(*k, self.gone + i as u64);
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
        const LIMIT: usize = 8;
        let mut fast: Learned<u8, (u8, u32)> = Learned::new();
        let mut slow: VecDeque<(u8, u32)> = VecDeque::new();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for step in 0..200_000u32 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let k = (seed % 13) as u8;
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
                        if slow.len() >= LIMIT {
                            slow.pop_front();
                        }
                        slow.push_back(v);
                        true
                    }
                };
                (fast.replace(k, v, LIMIT), expect)
            };
            assert_eq!(changed, expect, "step {step}");
            assert!(fast.iter().copied().eq(slow.iter().copied()), "step {step}: {:?} {slow:?}", fast.iter().collect::<Vec<_>>());
            assert_eq!(fast.len(), slow.len());
            for q in 0..13u8 {
                assert_eq!(fast.get(&q), slow.iter().find(|o| o.0 == q), "step {step}, name {q}");
            }
            assert!(fast.slots.len() <= 2 * fast.len() + 17, "step {step}: {} slots", fast.slots.len());
            if step % 97 == 0 {
                fast = fast.clone();
            }
        }
    }
}
