//! One stable sort for the whole core.
//!
//! std's `sort_by`/`sort_by_key`/`sort` compile a whole driftsort (run detection,
//! quicksort, merges, small-sorts: about 4 KB of wasm) for every element type and
//! comparator. Here the merge sort works on indices and is compiled once; what is generic
//! is a comparator shim and a loop of swaps. The lists sorted in the core are short (headers,
//! fingerprints, messages of one paste), and the sort is O(n log n) anyway.

/// The stable order of `0..n` under `less`: `order[k]` is the index of the item that goes
/// to position `k` (bottom-up merge sort; equal items keep their order).
fn stable_order(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        b.clear();
        let mut start = 0;
        while start < n {
            let mid = start.saturating_add(width).min(n);
            let end = start.saturating_add(width.saturating_mul(2)).min(n);
            let (left, right) = (
                a.get(start..mid).unwrap_or(&[]),
                a.get(mid..end).unwrap_or(&[]),
            );
            let (mut i, mut j) = (0, 0);
            loop {
                match (left.get(i), right.get(j)) {
                    // Take from the right only when it is strictly less: stability.
                    (Some(&l), Some(&r)) => {
                        if less(r, l) {
                            b.push(r);
                            j += 1;
                        } else {
                            b.push(l);
                            i += 1;
                        }
                    }
                    (Some(&l), None) => {
                        b.push(l);
                        i += 1;
                    }
                    (None, Some(&r)) => {
                        b.push(r);
                        j += 1;
                    }
                    (None, None) => break,
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width = width.saturating_mul(2);
    }
    a
}

/// The swaps that put the items of a list in `order` (see [`stable_order`]), in turn.
fn swaps_for(order: &[usize]) -> Vec<(usize, usize)> {
    let n = order.len();
    // at[p]: the original index of the item now at position p; pos[o]: where item o is now.
    let mut at: Vec<usize> = (0..n).collect();
    let mut pos: Vec<usize> = (0..n).collect();
    let mut swaps = Vec::new();
    for (k, &want) in order.iter().enumerate() {
        let Some(&src) = pos.get(want) else { continue };
        if src == k {
            continue;
        }
        let Some(&moved) = at.get(k) else { continue };
        swaps.push((k, src));
        if let (Some(a), Some(p)) = (at.get_mut(src), pos.get_mut(moved)) {
            *a = moved;
            *p = src;
        }
        if let (Some(a), Some(p)) = (at.get_mut(k), pos.get_mut(want)) {
            *a = want;
            *p = k;
        }
    }
    swaps
}

/// Sort `v` stably by `less` (`a` goes before `b` when `less(a, b)`), like
/// `v.sort_by(|a, b| if less(a, b) { Less } else if less(b, a) { Greater } else { Equal })`.
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        stable_order(
            items.len(),
            &mut |x, y| match (items.get(x), items.get(y)) {
                (Some(a), Some(b)) => less(a, b),
                _ => false,
            },
        )
    };
    for (i, j) in swaps_for(&order) {
        v.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_and_keeps_equal_items_in_order() {
        // A small deterministic generator: many lengths, many ties.
        let mut seed: u32 = 12345;
        for len in 0..80 {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((seed >> 16) % 7, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0 < b.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted, "len {len}");
        }
    }

    #[test]
    fn strings_and_reverse_input() {
        let mut v: Vec<String> = ["x-b", "authorization", "content-type", "x-a", "x-b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_by(&mut v, |a, b| a < b);
        assert_eq!(v, ["authorization", "content-type", "x-a", "x-b", "x-b"]);
        let mut r: Vec<u32> = (0..100).rev().collect();
        sort_by(&mut r, |a, b| a < b);
        assert_eq!(r, (0..100).collect::<Vec<u32>>());
    }
}
