//! The store: round trips, locking, schema checks and migration.

use super::*;
use std::os::unix::fs::PermissionsExt;

fn run(id: &str) -> StoredRun {
    StoredRun {
        id: id.into(),
        pipeline_name: "p".into(),
        status: 2,
        metrics: Some(StoredMetrics {
            events_processed: 3,
            components: [("gen".to_string(), StoredComponentMetrics::default())].into(),
            ..Default::default()
        }),
        components: vec![StoredInstance {
            id: "gen".into(),
            pid: 42,
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn runs_round_trip_and_survive_reopening() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state/flowctl.redb");
    {
        let store = Store::open(&path).unwrap();
        store.put_run(&run("a"), Durable::Now).unwrap();
        store.put_run(&run("b"), Durable::Now).unwrap();
        store.delete_runs(&["b".into()]).unwrap();
    }
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.load_runs().unwrap(), vec![run("a")]);
}

#[test]
fn a_second_opener_gets_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("flowctl.redb");
    let _first = Store::open(&path).unwrap();
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("another flowctld"), "{err}");
}

#[test]
fn a_newer_schema_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("flowctl.redb");
    Store::open(&path)
        .unwrap()
        .set_meta(KEY_SCHEMA, SCHEMA_VERSION + 1)
        .unwrap();
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("newer flowctld"), "{err}");
}

/// The file format of the first release must keep loading (migrated to
/// the current schema on open). The fixture was written at schema 1 by the
/// first release; never regenerate it.
#[test]
fn loads_and_migrates_the_first_released_format() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("v1.redb");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/store/v1.redb");
    std::fs::copy(&fixture, &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.meta(KEY_SCHEMA).unwrap(), Some(SCHEMA_VERSION));
    let runs = store.load_runs().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].id, "0f1e2d3c-0000-4000-8000-000000000001");
    assert_eq!(runs[0].pipeline_name, "hello");
    assert_eq!(runs[0].status, 5);
    assert_eq!(runs[0].metrics, None);
    assert_eq!(runs[0].components[0].exit, "exit status 0");
    let registrations = store.load_registrations().unwrap();
    assert_eq!(registrations[0].service_id, "gen");
    assert_eq!(registrations[0].info, StoredComponentInfo::default());
}

/// Schema 1 kept metrics and component info as protobuf bytes; the
/// migration turns them into the store's own records, losing nothing.
#[test]
fn schema_1_protobuf_values_become_records() {
    use flowctl_proto::v1::{ComponentInfo, ComponentType};
    use prost::Message;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("old.redb");
    {
        let store = Store::open(&path).unwrap();
        let metrics = flowctl_proto::legacy::RunMetrics {
            events_processed: 7,
            ..Default::default()
        };
        let info = ComponentInfo {
            id: "gen-1".into(),
            r#type: ComponentType::Processor as i32,
            endpoint: "127.0.0.1:9".into(),
            ..Default::default()
        };
        let run = serde_json::json!({"id": "r", "metrics": metrics.encode_to_vec()});
        let registration = serde_json::json!({"service_id": "gen", "info": info.encode_to_vec()});
        store
            .write(Durable::Now, |txn| {
                let run = serde_json::to_vec(&run).unwrap();
                txn.open_table(RUNS)?.insert("r", run.as_slice())?;
                let registration = serde_json::to_vec(&registration).unwrap();
                txn.open_table(REGISTRY)?
                    .insert("gen", registration.as_slice())?;
                txn.open_table(META)?.insert(KEY_SCHEMA, 1)?;
                Ok(())
            })
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.meta(KEY_SCHEMA).unwrap(), Some(SCHEMA_VERSION));
    let run = &store.load_runs().unwrap()[0];
    assert_eq!(run.metrics.as_ref().unwrap().events_processed, 7);
    let info = &store.load_registrations().unwrap()[0].info;
    assert_eq!(
        (info.id.as_str(), info.role.as_str(), info.endpoint.as_str()),
        ("gen-1", "processor", "127.0.0.1:9")
    );
}

#[test]
fn registrations_round_trip() {
    let store = Store::in_memory().unwrap();
    let registration = StoredRegistration {
        service_id: "gen".into(),
        info: StoredComponentInfo {
            id: "gen-1".into(),
            role: "source".into(),
            metadata: [("k".to_string(), "v".to_string())].into(),
            ..Default::default()
        },
        registered_at_ms: 5,
    };
    store.put_registration(&registration).unwrap();
    assert_eq!(store.load_registrations().unwrap(), vec![registration]);
    store.delete_registration("gen").unwrap();
    assert!(store.load_registrations().unwrap().is_empty());
}

#[test]
fn a_db_path_naming_another_file_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let pipeline = tmp.path().join("flow.yml");
    let text = "name: p\nsources: []\n";
    std::fs::write(&pipeline, text).unwrap();
    let err = Store::open(&pipeline).unwrap_err().to_string();
    assert!(
        err.contains("flow.yml") && err.contains("a flowctl database"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&pipeline).unwrap(), text);
}
