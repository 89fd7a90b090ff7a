//! Dense address indexes of a map, built once when it is loaded: a change is looked up in
//! them several times per upload (its entry, what it can change), and an index beats a search.

use std::collections::BTreeMap;

use crate::proto::Table;

/// Values by address, one slot per address from the lowest to the highest. The shipped maps
/// span at most a few thousand addresses, and a map is shared by all its targets.
#[derive(Clone)]
pub(super) struct AddrIndex<T> {
    base: u16,
    slots: Vec<Option<T>>,
    len: usize,
}

impl<T> Default for AddrIndex<T> {
    fn default() -> Self {
        AddrIndex {
            base: 0,
            slots: Vec::new(),
            len: 0,
        }
    }
}

impl<T> std::fmt::Debug for AddrIndex<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AddrIndex({} addresses from {})", self.len, self.base)
    }
}

impl<T: Copy> AddrIndex<T> {
    /// The index of `m`.
    pub(super) fn of(m: &BTreeMap<u16, T>) -> Self {
        let (Some((&lo, _)), Some((&hi, _))) = (m.first_key_value(), m.last_key_value()) else {
            return AddrIndex::default();
        };
        let mut slots = vec![None; usize::from(hi - lo) + 1];
        for (&a, &v) in m {
            slots[usize::from(a - lo)] = Some(v);
        }
        AddrIndex {
            base: lo,
            slots,
            len: m.len(),
        }
    }

    /// The value at `addr`.
    pub(super) fn get(&self, addr: u16) -> Option<T> {
        *self.slots.get(usize::from(addr.checked_sub(self.base)?))?
    }

    /// Addresses that have a value.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.len
    }
}

/// One [`AddrIndex`] per table.
#[derive(Debug, Clone, Default)]
pub(super) struct TableIndex<T>([AddrIndex<T>; 4]);

fn slot(table: Table) -> usize {
    match table {
        Table::Coils => 0,
        Table::DiscreteInputs => 1,
        Table::Holding => 2,
        Table::Input => 3,
    }
}

impl<T: Copy> TableIndex<T> {
    /// The index of `m`.
    pub(super) fn of(m: &BTreeMap<(Table, u16), T>) -> Self {
        let mut out = TableIndex::<T>(Default::default());
        for table in [
            Table::Coils,
            Table::DiscreteInputs,
            Table::Holding,
            Table::Input,
        ] {
            let one: BTreeMap<u16, T> = m
                .iter()
                .filter(|((t, _), _)| *t == table)
                .map(|((_, a), v)| (*a, *v))
                .collect();
            out.0[slot(table)] = AddrIndex::of(&one);
        }
        out
    }

    /// The value at `table`/`addr`.
    pub(super) fn get(&self, table: Table, addr: u16) -> Option<T> {
        self.0[slot(table)].get(addr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_answers_as_its_map() {
        let m: BTreeMap<u16, u16> = [(3, 3), (4, 3), (10, 10), (4368, 4368), (4369, 4368)].into();
        let ix = AddrIndex::of(&m);
        assert_eq!(ix.len(), 5);
        for a in [0, 2, 3, 4, 5, 9, 10, 11, 4367, 4368, 4369, 4370, u16::MAX] {
            assert_eq!(ix.get(a), m.get(&a).copied(), "{a}");
        }
        assert_eq!(AddrIndex::of(&BTreeMap::<u16, u8>::new()).get(0), None);
        let t: BTreeMap<(Table, u16), u8> =
            [((Table::Coils, 5), 1), ((Table::Holding, 5), 4)].into();
        let ix = TableIndex::of(&t);
        assert_eq!(ix.get(Table::Coils, 5), Some(1));
        assert_eq!(ix.get(Table::Holding, 5), Some(4));
        assert_eq!(ix.get(Table::Input, 5), None);
        assert_eq!(ix.get(Table::Coils, 6), None);
    }
}
