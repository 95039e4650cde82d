//! Damage to a valid file (random mutations, truncation) and files built
//! to hurt a parser must give located errors, never a panic.

use super::corpus::{assert_located, rejected};
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

/// Every prefix of a valid file (what an editor saves mid-typing, or a
/// copy cut short) is accepted or rejected with located errors.
#[test]
fn every_truncation_of_a_valid_file_is_accepted_or_located() {
    for path in ["valid/full.yaml", "valid/supervision.yaml"] {
        let original = fixture(path);
        for end in 0..original.len() {
            let prefix = &original[..end];
            let outcome = std::panic::catch_unwind(|| parse("cut.yaml", prefix));
            let Ok(result) = outcome else {
                panic!(
                    "{path} cut at byte {end} panicked on:\n{}",
                    String::from_utf8_lossy(prefix)
                );
            };
            if let Err(errors) = result {
                assert_located("cut.yaml", prefix, &errors);
            }
        }
    }
}

/// Files built to hurt a parser: deep nesting, an alias bomb, binary noise,
/// bytes that are not text.
#[test]
fn hostile_files_are_rejected_with_located_errors() {
    let header = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {name: x}\nspec:\n";
    let mut laughs = format!("{header}  env:\n    l0: &l0 [a,a,a,a,a,a,a,a,a,a]\n");
    for i in 1..10 {
        let refs = vec![format!("*l{}", i - 1); 10].join(",");
        laughs.push_str(&format!("    l{i}: &l{i} [{refs}]\n"));
    }
    laughs.push_str("  sources: [{id: g, command: [x]}]\n");
    let mut rng = Rng(0x2545_f491);
    let noise: Vec<u8> = (0..4096).map(|_| rng.next() as u8).collect();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("deep-flow.yaml", "[".repeat(100_000).into_bytes()),
        (
            "deep-map.yaml",
            (0..1000)
                .map(|i| format!("{}k:\n", " ".repeat(i)))
                .collect::<String>()
                .into_bytes(),
        ),
        ("laughs.yaml", laughs.into_bytes()),
        (
            "not-utf8.yaml",
            b"\xff\xfe\x00apiVersion: flowctl/v1\n".to_vec(),
        ),
        ("nul.yaml", vec![0u8; 64]),
        ("noise.yaml", noise),
        (
            "self-alias.yaml",
            format!("{header}  env: &e {{A: *e}}\n").into_bytes(),
        ),
    ];
    for (name, bytes) in &cases {
        let outcome = std::panic::catch_unwind(|| rejected(name, bytes));
        assert!(outcome.is_ok(), "{name} was not rejected cleanly");
    }
}
