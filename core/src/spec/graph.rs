//! Ordering components by what they wait for, and finding cycles.
//!
//! Components are numbered by their place in the file; `upstream[i]` holds the
//! numbers of the components that component `i` waits for.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::model::Component;

/// For each component, the indices of its `inputs` and `depends_on` that name
/// a component (the first one, should an id be declared twice).
pub(crate) fn upstream_indices(components: &[Component]) -> Vec<Vec<usize>> {
    let mut index = HashMap::new();
    for (i, c) in components.iter().enumerate() {
        index.entry(c.id.as_str()).or_insert(i);
    }
    components
        .iter()
        .map(|c| {
            c.upstream()
                .filter_map(|id| index.get(id).copied())
                .collect()
        })
        .collect()
}

/// Kahn's algorithm, always taking the earliest ready component in file
/// order, so the order is stable and unsurprising. Components caught in a
/// cycle (only possible in a hand-built pipeline) come last, in file order.
pub(crate) fn topological(upstream: &[Vec<usize>]) -> Vec<usize> {
    let (order, _) = kahn(upstream);
    let mut placed = vec![false; upstream.len()];
    for &i in &order {
        placed[i] = true;
    }
    let mut order = order;
    order.extend((0..upstream.len()).filter(|&i| !placed[i]));
    order
}

/// Returns the order found and, for each component, whether it was placed.
fn kahn(upstream: &[Vec<usize>]) -> (Vec<usize>, Vec<bool>) {
    let n = upstream.len();
    let mut waiting: Vec<usize> = vec![0; n];
    let mut downstream: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, ups) in upstream.iter().enumerate() {
        let mut seen = Vec::new();
        for &u in ups {
            if u < n && !seen.contains(&u) {
                seen.push(u);
                waiting[i] += 1;
                downstream[u].push(i);
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&i| waiting[i] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    while let Some(Reverse(i)) = ready.pop() {
        order.push(i);
        placed[i] = true;
        for &d in &downstream[i] {
            waiting[d] -= 1;
            if waiting[d] == 0 {
                ready.push(Reverse(d));
            }
        }
    }
    (order, placed)
}

/// Every cycle, each listed in the direction events flow (a component comes
/// before those that wait for it) and starting from its earliest member in
/// the file. Cycles sharing a component are reported once.
pub(crate) fn cycles(upstream: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let (_, placed) = kahn(upstream);
    let stuck = |i: usize| i < upstream.len() && !placed[i];
    // Components reached by an earlier walk: walking on from one of them
    // would only find the cycle that walk found, so a walk stops there. This
    // keeps the search linear even for a ring of thousands of components.
    let mut walked = vec![false; upstream.len()];
    let mut found = Vec::new();
    for start in 0..upstream.len() {
        if !stuck(start) || walked[start] {
            continue;
        }
        // Every stuck component waits for at least one other stuck one, so
        // walking upstream through stuck components must come back around.
        let mut path = vec![start];
        let mut position = HashMap::from([(start, 0)]);
        walked[start] = true;
        let cycle_start = loop {
            let last = path[path.len() - 1];
            let Some(next) = upstream[last].iter().copied().filter(|&u| stuck(u)).min() else {
                break None;
            };
            if let Some(&at) = position.get(&next) {
                break Some(at);
            }
            if walked[next] {
                break None;
            }
            walked[next] = true;
            position.insert(next, path.len());
            path.push(next);
        };
        let Some(at) = cycle_start else { continue };
        let mut cycle: Vec<usize> = path[at..].iter().rev().copied().collect();
        let first = (0..cycle.len()).min_by_key(|&k| cycle[k]).unwrap_or(0);
        cycle.rotate_left(first);
        found.push(cycle);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_by_dependencies_then_file_order() {
        // 0 <- 2, 1 <- 0, 3 free: 0 and 3 are ready at first, 0 goes first.
        let upstream = vec![vec![], vec![0], vec![0], vec![]];
        assert_eq!(topological(&upstream), vec![0, 1, 2, 3]);
        let upstream = vec![vec![2], vec![], vec![1]];
        assert_eq!(topological(&upstream), vec![1, 2, 0]);
    }

    #[test]
    fn finds_cycles_in_flow_direction() {
        // 0 reads 2, 1 reads 0, 2 reads 1: events go 0 -> 1 -> 2 -> 0.
        let upstream = vec![vec![2], vec![0], vec![1], vec![2]];
        assert_eq!(cycles(&upstream), vec![vec![0, 1, 2]]);
        assert_eq!(topological(&upstream), vec![0, 1, 2, 3]);
    }

    #[test]
    fn finds_self_loops_and_separate_cycles() {
        let upstream = vec![vec![0], vec![2], vec![1]];
        assert_eq!(cycles(&upstream), vec![vec![0], vec![1, 2]]);
    }

    #[test]
    fn finds_no_cycle_in_a_diamond() {
        let upstream = vec![vec![], vec![0], vec![0], vec![1, 2]];
        assert!(cycles(&upstream).is_empty());
    }
}
