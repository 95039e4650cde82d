//! A control plane secured for callers from elsewhere: TLS with client
//! certificates (mTLS), a bearer token, and the refusal to listen off
//! loopback without either. Certificates are made by the test (rcgen).

use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::v1::{ComponentInfo, RegisterRequest};
use flowctl_tests::{Background, PATIENCE, World, wait_until};
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};

mod ca;
mod spawned;

use ca::{Ca, Pair};

fn text(path: &std::path::Path) -> String {
    path.display().to_string()
}

/// The running daemon's control plane `host:port`.
fn plane(world: &World) -> String {
    world.daemon_status()["control_plane"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The example processor registering as `id` with `plane`, given `env`.
fn component(world: &World, id: &str, plane: &str, env: &[(&str, String)]) -> Background {
    let mut command = world.command_of("flowctl-example-upper", &[]);
    command
        .env("ENABLE_FLOWCTL", "true")
        .env("FLOWCTL_ENDPOINT", plane)
        .env("FLOWCTL_COMPONENT_ID", id)
        .env("FLOWCTL_HEARTBEAT_INTERVAL", "200ms")
        .env("PORT", "127.0.0.1:0");
    for (key, value) in env {
        command.env(key, value);
    }
    world.spawn(command)
}

/// Whether `id` shows in the local daemon's registrations, within the patience.
fn registers(world: &World, id: &str) -> bool {
    wait_until(PATIENCE, || world.flowctl(&["list"]).ok().contains(id))
}

/// Registers `id` with a client of our own over `endpoint`; the error text
/// when refused.
async fn try_register(endpoint: Endpoint, id: &str, token: Option<&str>) -> Result<(), String> {
    let channel = endpoint.connect().await.map_err(|e| format!("{e:?}"))?;
    let mut client = ControlPlaneServiceClient::new(channel);
    let mut request = tonic::Request::new(RegisterRequest {
        component: Some(ComponentInfo {
            id: id.into(),
            endpoint: "127.0.0.1:1".into(),
            ..Default::default()
        }),
        component_id: id.into(),
    });
    if let Some(token) = token {
        request
            .metadata_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
    }
    client
        .register_component(request)
        .await
        .map(|_| ())
        .map_err(|status| format!("{:?}: {}", status.code(), status.message()))
}

fn tls_endpoint(plane: &str, ca: &std::path::Path, identity: Option<&Pair>) -> Endpoint {
    let mut tls =
        ClientTlsConfig::new().ca_certificate(Certificate::from_pem(std::fs::read(ca).unwrap()));
    if let Some(pair) = identity {
        tls = tls.identity(Identity::from_pem(
            std::fs::read(&pair.cert).unwrap(),
            std::fs::read(&pair.key).unwrap(),
        ));
    }
    Endpoint::from_shared(format!("https://{plane}"))
        .unwrap()
        .tls_config(tls)
        .unwrap()
}

/// With a CA, a component with a certificate it signed registers; one
/// without a certificate, or with one of another CA, is refused; the remote
/// `status` works with a certificate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutual_tls_admits_only_certificates_of_its_ca() {
    let world = World::new();
    let ca = Ca::new("flowctl test CA");
    let ca_file = ca.write(&world, "ca.pem");
    let server = ca.issue(&world, "server", true);
    let client = ca.issue(&world, "client", false);
    let stranger = Ca::new("another CA").issue(&world, "stranger", false);
    world.start_daemon(&[
        "--tls-cert",
        &text(&server.cert),
        "--tls-key",
        &text(&server.key),
        "--tls-ca-cert",
        &text(&ca_file),
    ]);
    let plane = plane(&world);

    let admitted = component(
        &world,
        "with-cert",
        &plane,
        &[
            ("FLOWCTL_TLS_CA", text(&ca_file)),
            ("FLOWCTL_TLS_CERT", text(&client.cert)),
            ("FLOWCTL_TLS_KEY", text(&client.key)),
        ],
    );
    assert!(registers(&world, "with-cert"), "{}", admitted.stderr());

    let none = try_register(tls_endpoint(&plane, &ca_file, None), "no-cert", None).await;
    assert!(none.is_err(), "a caller without a certificate registered");
    let other = try_register(
        tls_endpoint(&plane, &ca_file, Some(&stranger)),
        "other-ca",
        None,
    )
    .await;
    assert!(other.is_err(), "a certificate of another CA was accepted");
    let plain = try_register(
        Endpoint::from_shared(format!("http://{plane}")).unwrap(),
        "plain",
        None,
    )
    .await;
    assert!(plain.is_err(), "a plain-text caller registered");
    assert!(!world.flowctl(&["list"]).ok().contains("no-cert"));

    let remote = |extra: &[&str]| {
        let mut args = vec!["status", "--control-plane-addr", &plane, "--tls-ca-cert"];
        let ca = text(&ca_file);
        args.push(&ca);
        args.extend_from_slice(extra);
        world.flowctl(&args)
    };
    let (cert, key) = (text(&client.cert), text(&client.key));
    let status = remote(&["--tls-cert", &cert, "--tls-key", &key]).ok();
    assert!(status.contains("with-cert"), "{status}");
    assert!(!remote(&[]).fails().is_empty());
}

/// With a token file, a component presenting the token registers and one
/// presenting another is refused; the remote `status` takes `--token-file`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bearer_token_admits_and_a_wrong_one_is_refused() {
    let world = World::new();
    let token = world.write("token", "t0ken-of-this-test\n");
    let wrong = world.write("wrong", "not-the-token\n");
    world.start_daemon(&["--token-file", &text(&token)]);
    let plane = plane(&world);

    let admitted = component(
        &world,
        "with-token",
        &plane,
        &[("FLOWCTL_TOKEN_FILE", text(&token))],
    );
    assert!(registers(&world, "with-token"), "{}", admitted.stderr());
    let endpoint = Endpoint::from_shared(format!("http://{plane}")).unwrap();
    let refused = try_register(endpoint.clone(), "bad-token", Some("not-the-token")).await;
    let refused = refused.expect_err("a wrong token was accepted");
    assert!(
        refused.contains("Unauthenticated") && refused.contains("--token-file"),
        "{refused}"
    );
    try_register(endpoint, "good-token", Some("t0ken-of-this-test"))
        .await
        .unwrap();

    let status = world
        .flowctl(&[
            "status",
            "--control-plane-addr",
            &plane,
            "--token-file",
            &text(&token),
        ])
        .ok();
    assert!(status.contains("with-token"), "{status}");
    let denied = world
        .flowctl(&[
            "status",
            "--control-plane-addr",
            &plane,
            "--token-file",
            &text(&wrong),
        ])
        .fails();
    assert!(denied.contains("bearer token does not match"), "{denied}");
}

/// A non-loopback address without TLS or a token is refused with why;
/// `--insecure` allows it.
#[test]
fn a_non_loopback_bind_needs_tls_a_token_or_insecure() {
    let world = World::new();
    let refused = world
        .run(world.command_of("flowctld", &["--control-plane-address", "0.0.0.0"]))
        .fails();
    assert!(
        refused.contains("refusing to listen on 0.0.0.0")
            && refused.contains("--tls-cert")
            && refused.contains("--token-file")
            && refused.contains("--insecure"),
        "{refused}"
    );
    world.start_daemon(&["--control-plane-address", "0.0.0.0", "--insecure"]);
    let status = world.daemon_status();
    let endpoint = status["control_plane"].as_str().unwrap();
    assert!(endpoint.starts_with("0.0.0.0:"), "{status:#}");
}
