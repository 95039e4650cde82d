//! Restart policies, their backoff fields and `on_component_failure`.

use std::time::Duration;

use super::{HEAD, err, ok, only_error};
use crate::spec::{OnFailure, Restart, RestartPolicy};

/// A pipeline of one source `gen` with `extra` added to it (each line
/// indented by six spaces) and `spec` lines before the sources.
fn one(spec: &str, extra: &str) -> String {
    format!("{HEAD}spec:\n{spec}  sources:\n    - id: gen\n      command: [g]\n{extra}")
}

fn restart_of(extra: &str) -> Restart {
    ok(&one("", extra)).pipeline.components[0].restart.clone()
}

#[test]
fn defaults_to_no_restarts_with_sensible_backoff() {
    let restart = restart_of("");
    assert_eq!(restart, Restart::default());
    assert_eq!(restart.policy, RestartPolicy::Never);
    assert_eq!(restart.max_restarts, 5);
    assert_eq!(restart.window, Duration::from_secs(60));
    assert_eq!(restart.delay, Duration::from_millis(100));
    assert_eq!(restart.delay_max, Duration::from_secs(30));
    assert_eq!(restart.min_uptime, Duration::from_secs(10));
}

#[test]
fn reads_every_spelling_of_every_policy() {
    for (text, policy) in [
        ("never", RestartPolicy::Never),
        ("Never", RestartPolicy::Never),
        ("no", RestartPolicy::Never),
        ("\"no\"", RestartPolicy::Never),
        ("on-failure", RestartPolicy::OnFailure),
        ("on_failure", RestartPolicy::OnFailure),
        ("OnFailure", RestartPolicy::OnFailure),
        ("always", RestartPolicy::Always),
        ("Always", RestartPolicy::Always),
        ("unless-stopped", RestartPolicy::Always),
    ] {
        let restart = restart_of(&format!("      restart_policy: {text}\n"));
        assert_eq!(restart.policy, policy, "{text}");
    }
    let names: Vec<&str> = RestartPolicy::ALL.iter().map(|p| p.as_str()).collect();
    assert_eq!(names, ["never", "on-failure", "always"]);
}

#[test]
fn refuses_other_policies_listing_the_accepted_ones() {
    let error = only_error(&one("", "      restart_policy: alway\n"));
    assert_eq!(
        error,
        "9:23: 'restart_policy' of component 'gen' is 'alway'; use never, on-failure or always \
         (also read: no, Never, on_failure, OnFailure, Always, unless-stopped), did you mean \
         'always'?"
    );
    let error = only_error(&one("", "      restart_policy: [always]\n"));
    assert!(error.contains("must be a single value"), "{error}");
}

#[test]
fn reads_the_backoff_fields() {
    let restart = restart_of(
        "      restart_policy: always\n      max_restarts: 0\n      restart_window: 5m\n      \
         restart_delay: 0\n      restart_delay_max: 2s\n      min_uptime: 1m30s\n",
    );
    assert_eq!(
        restart,
        Restart {
            policy: RestartPolicy::Always,
            max_restarts: 0,
            window: Duration::from_secs(300),
            delay: Duration::ZERO,
            delay_max: Duration::from_secs(2),
            min_uptime: Duration::from_secs(90),
        }
    );
}

#[test]
fn checks_the_backoff_fields() {
    let error = only_error(&one(
        "",
        "      restart_policy: always\n      max_restarts: 1.5\n",
    ));
    assert!(
        error.starts_with("10:21: 'max_restarts' of component 'gen' must be a whole number"),
        "{error}"
    );
    let error = only_error(&one(
        "",
        "      restart_policy: always\n      restart_window: 0\n",
    ));
    assert!(error.contains("must be longer than 0"), "{error}");
    let error = only_error(&one(
        "",
        "      restart_policy: always\n      min_uptime: ten\n",
    ));
    assert!(error.starts_with("10:19: invalid 'min_uptime'"), "{error}");
    // A delay above the default cap is an error even when the cap is not
    // written, and it points at the delay.
    let error = only_error(&one(
        "",
        "      restart_policy: always\n      restart_delay: 1m\n",
    ));
    assert_eq!(
        error,
        "10:22: 'restart_delay_max' of component 'gen' (30s, the default) is shorter than its \
         'restart_delay' (1m); the longest wait between restarts must be at least the first one"
    );
    // An unreadable delay is reported once, not again as a wrong order.
    let text = one(
        "",
        "      restart_policy: always\n      restart_delay: 1 minute\n      restart_delay_max: 1s\n",
    );
    assert!(only_error(&text).contains("write 1m"));
    let equal =
        "      restart_policy: always\n      restart_delay: 2s\n      restart_delay_max: 2s\n";
    assert_eq!(restart_of(equal).delay_max, Duration::from_secs(2));
}

#[test]
fn warns_about_restart_fields_without_a_policy() {
    let parsed = ok(&one(
        "",
        "      max_restarts: 3\n      restart_delay: 1s\n      env: {PORT: ':1'}\n",
    ));
    let warnings: Vec<String> = parsed
        .warnings
        .iter()
        .map(|w| format!("{}:{}: {}", w.line, w.column, w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            "9:7: 'max_restarts' of component 'gen' has no effect without restart_policy; set \
             restart_policy: on-failure or always, or remove 'max_restarts'",
            "10:7: 'restart_delay' of component 'gen' has no effect without restart_policy; set \
             restart_policy: on-failure or always, or remove 'restart_delay'",
        ]
    );
    let parsed = ok(&one("", "      restart_policy: no\n      min_uptime: 1s\n"));
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    let parsed = ok(&one(
        "",
        "      restart_policy: always\n      min_uptime: 1s\n",
    ));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn on_component_failure_defaults_to_stop_run_and_components_override_it() {
    let pipeline = ok(&one("", "")).pipeline;
    assert_eq!(pipeline.on_failure, OnFailure::StopRun);
    assert_eq!(pipeline.components[0].on_failure, OnFailure::StopRun);
    // The pipeline's value reaches components listed before or after it.
    let text = format!(
        "{HEAD}spec:\n  sources:\n    - {{id: a, command: [a], env: {{PORT: ':1'}}}}\n    \
         - {{id: b, command: [b], env: {{PORT: ':2'}}, on_component_failure: stop-run}}\n  \
         on_component_failure: keep-running\n"
    );
    let pipeline = ok(&text).pipeline;
    assert_eq!(pipeline.on_failure, OnFailure::KeepRunning);
    assert_eq!(pipeline.components[0].on_failure, OnFailure::KeepRunning);
    assert_eq!(pipeline.components[1].on_failure, OnFailure::StopRun);
    assert_eq!(OnFailure::KeepRunning.as_str(), "keep-running");
    assert_eq!(OnFailure::StopRun.to_string(), "stop-run");
}

#[test]
fn refuses_unknown_on_component_failure_values() {
    let error = only_error(&one("", "      on_component_failure: stop\n"));
    assert_eq!(
        error,
        "9:29: 'on_component_failure' of component 'gen' is 'stop'; use stop-run or keep-running"
    );
    let errors = err(&one("  on_component_failure: [x]\n", ""));
    assert!(
        errors
            .to_string()
            .contains("6:25: 'spec.on_component_failure' must be a single value"),
        "{errors}"
    );
}

#[test]
fn suggests_the_new_fields_for_typos_and_foreign_names() {
    for (typo, meant, line) in [
        ("restart", "restart_policy", 9),
        ("restartPolicy", "restart_policy", 9),
        ("max_restart", "max_restarts", 9),
        ("restart_delay_mx", "restart_delay_max", 9),
        ("minUptime", "min_uptime", 9),
        ("on_failure", "on_component_failure", 9),
        ("healthcheck", "health_check", 9),
        ("readinessProbe", "readiness_probe", 9),
        ("liveness_prob", "liveness_probe", 9),
    ] {
        let error = only_error(&one("", &format!("      {typo}: x\n")));
        assert_eq!(
            error,
            format!("{line}:7: unknown field '{typo}' in component 'gen', did you mean '{meant}'?")
        );
    }
    let error = only_error(&one("  restart_policy: always\n", ""));
    assert!(
        error.starts_with(
            "6:3: unknown field 'restart_policy' in spec; 'restart_policy' is a \
             component field"
        ),
        "{error}"
    );
}
