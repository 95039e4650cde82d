//! `depends_on` in its three forms, and what its conditions may ask.

use super::{HEAD, err, fixture, ok, only_error};
use crate::spec::{Condition, Dependency, OnFailure, ProbeAction, RestartPolicy, parse};

/// Sources `db` and `mig`, then a source `app` with `depends` as its
/// `depends_on` (written after `depends_on:` on the same line or below it).
fn app(depends: &str) -> String {
    format!(
        "{HEAD}spec:\n  sources:\n    - {{id: db, command: [d], readiness: started}}\n    \
         - {{id: mig, command: [m], readiness: started}}\n    - id: app\n      command: [a]\n      \
         readiness: started\n      depends_on:{depends}\n"
    )
}

fn deps(depends: &str) -> Vec<Dependency> {
    ok(&app(depends)).pipeline.components[2]
        .dependencies
        .clone()
}

fn dep(id: &str, condition: Condition) -> Dependency {
    Dependency {
        id: id.into(),
        condition,
    }
}

#[test]
fn a_list_of_ids_waits_for_each_to_be_healthy() {
    let text = app(" [db, mig]");
    let c = ok(&text).pipeline.components[2].clone();
    assert_eq!(
        c.dependencies,
        [
            dep("db", Condition::Healthy),
            dep("mig", Condition::Healthy)
        ]
    );
    assert_eq!(c.depends_on, ["db", "mig"]);
    assert_eq!(c.upstream().collect::<Vec<_>>(), ["db", "mig"]);
    assert!(deps("").is_empty(), "an empty depends_on waits for nothing");
}

#[test]
fn list_entries_may_name_a_condition() {
    let found = deps("\n        - db\n        - {id: mig, condition: completed}\n");
    assert_eq!(
        found,
        [
            dep("db", Condition::Healthy),
            dep("mig", Condition::Completed)
        ]
    );
    let found =
        deps("\n        - id: db\n          condition: service_started\n        - id: mig\n");
    assert_eq!(
        found,
        [
            dep("db", Condition::Started),
            dep("mig", Condition::Healthy)
        ]
    );
}

#[test]
fn reads_the_compose_map_form() {
    let found = deps(
        "\n        mig: {condition: service_completed_successfully}\n        \
         db: {condition: service_healthy}\n",
    );
    assert_eq!(
        found,
        [
            dep("mig", Condition::Completed),
            dep("db", Condition::Healthy)
        ]
    );
    let found = deps(" {db: started, mig: }");
    assert_eq!(
        found,
        [
            dep("db", Condition::Started),
            dep("mig", Condition::Healthy)
        ]
    );
    let pipeline = ok(&app(" {mig: {condition: completed}}")).pipeline;
    assert_eq!(pipeline.start_order(), ["db", "mig", "app"]);
    assert_eq!(pipeline.dependents("mig"), ["app"]);
}

#[test]
fn conditions_have_short_and_compose_names() {
    for c in Condition::ALL {
        assert_eq!(Condition::from_name(c.as_str()), Some(c));
        assert_eq!(Condition::from_name(c.compose_name()), Some(c));
    }
    assert_eq!(Condition::default(), Condition::Healthy);
    assert_eq!(Condition::Completed.to_string(), "completed");
}

#[test]
fn explains_malformed_entries() {
    for (depends, expected) in [
        (
            " [{id: db, condition: ready}]",
            "12:40: the condition of 'db' in 'depends_on' of component 'app' is 'ready'; use \
             started, healthy or completed (or compose's service_started, service_healthy, \
             service_completed_successfully)",
        ),
        (
            " {db: {condition: service_healty}}",
            "12:36: the condition of 'db' in 'depends_on' of component 'app' is \
             'service_healty'; use started, healthy or completed (or compose's \
             service_started, service_healthy, service_completed_successfully), did you mean \
             'service_healthy'?",
        ),
        (
            " [{id: db, conditon: healthy}]",
            "12:29: unknown field 'conditon' in an entry of 'depends_on' of component 'app', \
             did you mean 'condition'?",
        ),
        (
            " {db: {condition: service_healthy, required: false}}",
            "12:53: unknown field 'required' in 'db' in 'depends_on' of component 'app'; \
             compose's 'required' is not supported in depends_on; remove it",
        ),
        (
            " [[db]]",
            "12:20: each entry of 'depends_on' of component 'app' must be a component id or a \
             map like {id: db, condition: healthy}, but this one is a list",
        ),
        (
            " db",
            "12:19: 'depends_on' of component 'app' must be a list, for example [\"db\"], but \
             it is a single value",
        ),
        (
            " {db: [healthy]}",
            "12:24: 'db' in 'depends_on' of component 'app' must be a map, but it is a list",
        ),
    ] {
        assert_eq!(only_error(&app(depends)), expected, "{depends}");
    }
}

#[test]
fn references_are_checked_in_every_form() {
    let error = only_error(&app(" {dbb: {condition: started}}"));
    assert_eq!(
        error,
        "12:20: 'depends_on' of component 'app' names 'dbb', but no component has that id, \
         did you mean 'db'?"
    );
    let error = only_error(&app(" [db, {id: db, condition: started}]"));
    assert!(error.starts_with("12:29: 'db' is listed twice"), "{error}");
    let error = only_error(&app(" [{id: app}]"));
    assert!(error.contains("lists itself in 'depends_on'"), "{error}");
}

#[test]
fn completed_cannot_be_awaited_from_an_always_restarted_component() {
    let text = format!(
        "{HEAD}spec:\n  sources:\n    - {{id: db, command: [d], readiness: started, \
         restart_policy: always}}\n    - id: app\n      command: [a]\n      readiness: started\n      \
         depends_on: [{{id: db, condition: completed}}]\n"
    );
    assert_eq!(
        only_error(&text),
        "11:40: component 'app' waits for 'db' to complete, but 'db' has restart_policy: always \
         and never completes; wait for it to be healthy instead, or change its restart_policy"
    );
    // on-failure ends after a clean exit, so waiting for completion is fine.
    let text = text.replace("restart_policy: always", "restart_policy: on-failure");
    assert!(parse("p.yaml", text.as_bytes()).is_ok());
    let text = text.replace("condition: completed", "condition: started");
    let errors = err(&text.replace("on-failure", "sometimes"));
    assert_eq!(errors.len(), 1, "only the bad policy: {errors}");
}

#[test]
fn reads_the_supervision_fixture() {
    let parsed = parse("supervision.yaml", &fixture("valid/supervision.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let p = parsed.pipeline;
    assert_eq!(p.on_failure, OnFailure::KeepRunning);
    let on_failure: Vec<OnFailure> = p.components.iter().map(|c| c.on_failure).collect();
    assert_eq!(
        on_failure,
        [
            OnFailure::StopRun,
            OnFailure::KeepRunning,
            OnFailure::KeepRunning,
            OnFailure::KeepRunning
        ]
    );
    let policies: Vec<RestartPolicy> = p.components.iter().map(|c| c.restart.policy).collect();
    use RestartPolicy::{Always, Never, OnFailure as Failure};
    assert_eq!(policies, [Never, Always, Failure, Always]);
    let gen_ = p.component("gen").unwrap();
    assert_eq!(gen_.restart.max_restarts, 10);
    assert_eq!(
        gen_.dependencies,
        [
            dep("migrate", Condition::Healthy),
            dep("db", Condition::Started)
        ]
    );
    let liveness = gen_.liveness_probe.as_ref().map(|p| &p.action);
    assert_eq!(
        liveness,
        Some(&ProbeAction::Http {
            path: "/healthz".into(),
            port: Some(8090)
        })
    );
    let out = p.component("out").unwrap();
    assert_eq!(
        out.dependencies,
        [
            dep("migrate", Condition::Completed),
            dep("db", Condition::Healthy)
        ]
    );
    assert_eq!(p.start_order(), ["migrate", "db", "gen", "out"]);
}
