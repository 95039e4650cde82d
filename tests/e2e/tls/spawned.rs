//! The components a secured daemon starts itself (`flowctl run`): they
//! register on the daemon's loopback listener for them and carry no
//! certificate or token, while the control plane others reach still asks
//! every caller for one.

use flowctl_tests::{Pipeline, World};
use tonic::transport::Endpoint;

use super::ca::Ca;
use super::{plane, text, tls_endpoint, try_register};

/// Events the chain moves.
const EVENTS: usize = 200;

/// `flowctl run` of the example chain in the foreground: it ends COMPLETED
/// with every event, upper-cased, in the sink's file.
fn chain_completes(world: &World) {
    let count = EVENTS.to_string();
    let chain = Pipeline::new("chain")
        .generator("gen", &[("COUNT", &count)])
        .upper("upper", &["gen"], &[])
        .example_sink("out", &["upper"], &[("OUTPUT_FILE", "chain-out.txt")]);
    let file = world.pipeline(&chain);
    let run = world.flowctl(&["run", &file]);
    assert!(run.ok().contains("COMPLETED"), "{run}");
    let written = std::fs::read_to_string(world.work.join("chain-out.txt")).unwrap();
    assert_eq!(written.lines().count(), EVENTS, "{written}");
    let last = format!(r#""VALUE":"TICK {EVENTS}""#);
    assert!(written.contains(&last), "{written}");
}

/// The control plane as a caller on this machine dials it: a plane on
/// `0.0.0.0:PORT` is reached at `127.0.0.1:PORT`.
fn dialed(world: &World) -> String {
    let plane = plane(world);
    let port = plane.rsplit(':').next().unwrap();
    format!("127.0.0.1:{port}")
}

/// Under mTLS off loopback, the chain the daemon starts completes; a
/// caller without a certificate, or in plain text, is still refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chain_the_daemon_starts_completes_under_mutual_tls() {
    let world = World::new();
    let ca = Ca::new("flowctl test CA");
    let ca_file = ca.write(&world, "ca.pem");
    let server = ca.issue(&world, "server", true);
    world.start_daemon(&[
        "--control-plane-address",
        "0.0.0.0",
        "--tls-cert",
        &text(&server.cert),
        "--tls-key",
        &text(&server.key),
        "--tls-ca-cert",
        &text(&ca_file),
    ]);
    chain_completes(&world);

    let plane = dialed(&world);
    let none = try_register(tls_endpoint(&plane, &ca_file, None), "no-cert", None).await;
    assert!(none.is_err(), "a caller without a certificate registered");
    let plain = Endpoint::from_shared(format!("http://{plane}")).unwrap();
    let plain = try_register(plain, "plain", None).await;
    assert!(plain.is_err(), "a plain-text caller registered");
}

/// With only a token, off loopback, the chain the daemon starts completes;
/// a caller without the token is refused even as the daemon's own user on
/// this machine (a port forward would look the same), one with it admitted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chain_the_daemon_starts_completes_with_only_a_token() {
    let world = World::new();
    let token = world.write("token", "t0ken-of-this-test\n");
    world.start_daemon(&[
        "--control-plane-address",
        "0.0.0.0",
        "--token-file",
        &text(&token),
    ]);
    chain_completes(&world);

    let endpoint = Endpoint::from_shared(format!("http://{}", dialed(&world))).unwrap();
    let refused = try_register(endpoint.clone(), "no-token", None).await;
    let refused = refused.expect_err("a caller without the token registered");
    assert!(
        refused.contains("Unauthenticated") && refused.contains("FLOWCTL_TOKEN_FILE"),
        "{refused}"
    );
    try_register(endpoint, "with-token", Some("t0ken-of-this-test"))
        .await
        .unwrap();
}
