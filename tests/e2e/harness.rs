//! The harness itself: a world leaves no process behind, even when its test
//! panics.

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use flowctl_tests::{Pipeline, World, alive, sh, wait_until};

#[test]
fn a_world_whose_test_panics_leaves_no_process_behind() {
    let mut marked = Vec::new();
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let world = World::new();
        let file = world.pipeline(&Pipeline::new("leaky").source(
            "escaper",
            &sh("setsid sleep 1000 & echo $! > .p && mv .p escaped.pid; exec sleep 1000"),
            &["readiness: started"],
        ));
        let run = world.detach(&file);
        world.wait_until_running(&run);
        world.pid_in("escaped.pid");
        // Processes the daemon knows nothing of, which nothing else would
        // end: a client and a stray shell, both forgotten.
        std::mem::forget(world.spawn(world.command(&["logs", "-f", &run])));
        let mut stray = std::process::Command::new("sh");
        stray.args(["-c", "sleep 1000 & wait"]);
        std::mem::forget(world.spawn(stray));
        assert!(wait_until(Duration::from_secs(10), || {
            world.leftovers().len() >= 6
        }));
        marked = world.leftovers();
        panic!("a test failing with its world in use");
    }));
    assert!(outcome.is_err(), "the closure was meant to panic");
    assert!(
        wait_until(Duration::from_secs(5), || marked
            .iter()
            .all(|pid| !alive(*pid))),
        "left alive: {:?} of {marked:?}",
        marked.iter().filter(|pid| alive(**pid)).collect::<Vec<_>>()
    );
}
