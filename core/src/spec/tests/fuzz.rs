//! Random damage to a valid file must give errors, never a panic.

use super::fixture;
use crate::spec::parse;

/// Marsaglia's xorshift64: deterministic, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that mean something to YAML or to UTF-8.
const INTERESTING: &[u8] = b"[]{}:-,&*!|>'\"#%@`?\t\n \x00\xff\xc3\xa9~0";

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if at < bytes.len() => bytes[at] = INTERESTING[rng.below(INTERESTING.len())],
            1 => bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            2 if at < bytes.len() => {
                let end = (at + 1 + rng.below(20)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => bytes.truncate(at),
            4 if at < bytes.len() => {
                let end = (at + 1 + rng.below(40)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            _ if at < bytes.len() => bytes[at] = rng.next() as u8,
            _ => {}
        }
    }
}

#[test]
fn mutations_of_a_valid_file_never_panic() {
    mutations_never_panic("valid/full.yaml");
}

#[test]
fn mutations_of_supervision_fields_never_panic() {
    mutations_never_panic("valid/supervision.yaml");
}

fn mutations_never_panic(path: &str) {
    let original = fixture(path);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut rejected = 0;
    for round in 0..2000 {
        let mut bytes = original.clone();
        mutate(&mut rng, &mut bytes);
        let outcome = std::panic::catch_unwind(|| parse("m.yaml", &bytes));
        let Ok(result) = outcome else {
            panic!(
                "{path}, round {round}, panicked on:\n{}",
                String::from_utf8_lossy(&bytes)
            );
        };
        if let Err(errors) = result {
            rejected += 1;
            for d in &errors {
                assert!(
                    d.line >= 1 && d.column >= 1 && !d.message.is_empty(),
                    "{path}, round {round}: {d}"
                );
            }
        }
    }
    assert!(
        rejected > 500,
        "{path}: only {rejected} of 2000 mutations were rejected; is the mutator working?"
    );
}
