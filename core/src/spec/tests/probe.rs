//! `health_check`, `readiness_probe` and `liveness_probe`; `resources.limits`.

use std::time::Duration;

use super::{HEAD, err, ok, only_error};
use crate::spec::{Component, Probe, ProbeAction};

/// A pipeline of one source `gen` with `extra` added to it.
fn one(extra: &str) -> String {
    format!("{HEAD}spec:\n  sources:\n    - id: gen\n      command: [g]\n{extra}")
}

fn component(extra: &str) -> Component {
    ok(&one(extra)).pipeline.components[0].clone()
}

fn http(path: &str, port: Option<u16>) -> ProbeAction {
    ProbeAction::Http {
        path: path.into(),
        port,
    }
}

#[test]
fn no_probes_by_default() {
    let c = component("");
    assert_eq!((c.readiness_probe, c.liveness_probe), (None, None));
}

#[test]
fn health_check_is_an_http_readiness_probe_on_health_port() {
    let c = component("      health_check: /healthz\n");
    assert_eq!(c.readiness_probe, Some(Probe::new(http("/healthz", None))));
    let probe = Probe::new(http("/", None));
    assert_eq!(probe.period, Duration::from_secs(2));
    assert_eq!(probe.timeout, Duration::from_secs(1));
    assert_eq!(probe.failure_threshold, 3);
    assert_eq!(probe.initial_delay, Duration::ZERO);
    let c = component("      health_check: /ready?full=1\n      health_port: 9001\n");
    assert_eq!(
        c.readiness_probe.map(|p| p.action),
        Some(http("/ready?full=1", Some(9001)))
    );
    assert_eq!(c.health_port, Some(9001));
}

#[test]
fn health_check_must_be_a_path() {
    let error = only_error(&one("      health_check: http://localhost:8080/healthz\n"));
    assert_eq!(
        error,
        "9:21: 'health_check' of component 'gen' is 'http://localhost:8080/healthz'; write only \
         the path, like /healthz; the port is set by 'health_port' (or 'port' in a probe)"
    );
    let error = only_error(&one("      health_check: {test: [CMD, curl]}\n"));
    assert!(error.contains("must be a single value"), "{error}");
}

#[test]
fn reads_both_probe_forms_with_their_timings() {
    let c = component(
        "      readiness_probe:\n        exec: [pg_isready, -q]\n        period: 5s\n        \
         timeout: 5s\n        failure_threshold: 1\n        initial_delay: 1m\n      \
         liveness_probe: {http: /live, port: 8081}\n",
    );
    assert_eq!(
        c.readiness_probe,
        Some(Probe {
            action: ProbeAction::Exec {
                command: vec!["pg_isready".into(), "-q".into()],
            },
            period: Duration::from_secs(5),
            timeout: Duration::from_secs(5),
            failure_threshold: 1,
            initial_delay: Duration::from_secs(60),
        })
    );
    assert_eq!(
        c.liveness_probe,
        Some(Probe::new(http("/live", Some(8081))))
    );
}

#[test]
fn a_short_period_shortens_the_default_timeout() {
    let c = component("      liveness_probe: {http: /live, period: 500ms}\n");
    let probe = c.liveness_probe.unwrap();
    assert_eq!(probe.timeout, Duration::from_millis(500));
    let error = only_error(&one(
        "      liveness_probe: {http: /live, period: 500ms, timeout: 1s}\n",
    ));
    assert!(error.contains("'timeout' of 'liveness_probe' of component 'gen' is longer than"));
}

#[test]
fn liveness_true_reuses_the_readiness_http_check() {
    let c = component(
        "      health_check: /healthz\n      health_port: 9000\n      liveness_probe: true\n",
    );
    assert_eq!(
        c.liveness_probe,
        Some(Probe::new(http("/healthz", Some(9000))))
    );
    let c = component(
        "      readiness_probe: {http: /ready, period: 9s}\n      liveness_probe: true\n",
    );
    assert_eq!(c.liveness_probe, Some(Probe::new(http("/ready", None))));
    assert_eq!(
        component("      liveness_probe: false\n").liveness_probe,
        None
    );
    let error = only_error(&one(
        "      readiness_probe: {exec: [x]}\n      liveness_probe: true\n",
    ));
    assert!(
        error.contains("its 'readiness_probe' runs a command"),
        "{error}"
    );
    // A broken health_check is reported once, not again by liveness_probe.
    let error = only_error(&one(
        "      health_check: healthz\n      liveness_probe: true\n",
    ));
    assert!(error.starts_with("9:21: 'health_check'"), "{error}");
    let error = only_error(&one("      liveness_probe: yes\n"));
    assert!(
        error.contains("or true to reuse the path of 'health_check'"),
        "{error}"
    );
}

#[test]
fn explains_malformed_probes() {
    for (extra, expected) in [
        (
            "      readiness_probe: {exec: []}\n",
            "9:31: 'exec' of 'readiness_probe' of component 'gen' is empty",
        ),
        (
            "      readiness_probe: {exec: {command: [x]}}\n",
            "9:31: 'exec' of 'readiness_probe' of component 'gen' takes the command as a list",
        ),
        (
            "      readiness_probe: {exec: [x], port: 80}\n",
            "9:36: 'port' of 'readiness_probe' of component 'gen' applies only to 'http' checks",
        ),
        (
            "      readiness_probe: {http: ready}\n",
            "9:31: 'http' of 'readiness_probe' of component 'gen' is 'ready'; write an HTTP \
             path starting with '/', like /ready",
        ),
        (
            "      readiness_probe: {http: /r, period: 0}\n",
            "9:43: 'period' of 'readiness_probe' of component 'gen' must be longer than 0",
        ),
        (
            "      readiness_probe: {httpGet: {path: /r}}\n",
            "9:25: unknown field 'httpGet' in 'readiness_probe' of component 'gen'; write http: \
             /path",
        ),
        (
            "      readiness_probe: {http: /r, failureThreshold: 2}\n",
            "9:35: unknown field 'failureThreshold' in 'readiness_probe' of component 'gen', did \
             you mean 'failure_threshold'?",
        ),
        (
            "      readiness_probe: /ready\n",
            "9:24: 'readiness_probe' of component 'gen' must be a map, but it is a single value",
        ),
    ] {
        let error = only_error(&one(extra));
        assert!(error.starts_with(expected), "{extra}\n{error}");
    }
}

#[test]
fn reports_a_bad_port_and_a_bad_path_together() {
    let errors = err(&one("      readiness_probe: {http: r, port: 0}\n"));
    assert_eq!(errors.len(), 2, "{errors}");
}

#[test]
fn readiness_started_contradicts_a_readiness_check() {
    let error = only_error(&one(
        "      readiness: started\n      readiness_probe: {exec: [x]}\n",
    ));
    assert_eq!(
        error,
        "9:18: 'readiness: started' of component 'gen' contradicts its 'readiness_probe', which \
         decides when it is ready; remove one of them"
    );
    // A liveness probe says nothing about readiness.
    let c = component("      readiness: started\n      liveness_probe: {exec: [x]}\n");
    assert!(c.liveness_probe.is_some());
}

#[test]
fn resource_limits_are_read_in_quantity_syntax() {
    let c = component("      resources:\n        limits: {memory: 256Mi, cpu: \"0.5\"}\n");
    assert_eq!(c.limits.memory_bytes, Some(256 << 20));
    assert_eq!(c.limits.cpu_millis, Some(500));
    assert_eq!(component("").limits, crate::spec::Limits::default());
    let message = only_error(&one("      resources:\n        limits: {memory: lots}\n"));
    assert!(
        message.contains("'resources.limits.memory' of component 'gen' is 'lots'"),
        "{message}"
    );
}
