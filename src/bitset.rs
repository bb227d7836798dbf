//! A fixed-size set of piece indices, stored as bits: footprints, regions and unions are bitsets.

/// A set of indices `0..len`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    pub fn new(len: usize) -> Bitset {
        Bitset {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub fn full(len: usize) -> Bitset {
        let mut b = Bitset::new(len);
        for i in 0..len {
            b.insert(i);
        }
        b
    }

    pub fn capacity(&self) -> usize {
        self.len
    }

    /// Adds `i`; an index beyond the capacity is ignored (never panics).
    pub fn insert(&mut self, i: usize) {
        if i < self.len {
            if let Some(w) = self.words.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn union_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn intersect_with(&mut self, other: &Bitset) {
        for (i, a) in self.words.iter_mut().enumerate() {
            *a &= other.words.get(i).copied().unwrap_or(0);
        }
    }

    pub fn intersection(&self, other: &Bitset) -> Bitset {
        let mut b = self.clone();
        b.intersect_with(other);
        b
    }

    pub fn intersects(&self, other: &Bitset) -> bool {
        self.words.iter().zip(&other.words).any(|(a, b)| a & b != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The indices in the set, in order.
    pub fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + bit)
            })
        })
    }

    /// The bits, 64 indices a word (index `i` is bit `i % 64` of word `i / 64`), for loops that
    /// must be tight.
    pub fn words(&self) -> &[u64] {
        &self.words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let mut a = Bitset::new(130);
        a.insert(0);
        a.insert(64);
        a.insert(129);
        a.insert(500); // ignored
        let mut b = Bitset::new(130);
        b.insert(64);
        b.insert(1);
        assert_eq!(a.ones().collect::<Vec<_>>(), vec![0, 64, 129]);
        assert!(a.intersects(&b));
        assert_eq!(a.intersection(&b).ones().collect::<Vec<_>>(), vec![64]);
        assert_eq!(a.words().len(), 3);
        a.union_with(&b);
        assert_eq!(a.count(), 4);
        assert_eq!(Bitset::full(70).count(), 70);
        assert!(Bitset::new(10).is_empty());
    }
}
