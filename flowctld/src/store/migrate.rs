//! Upgrades a file written at an older schema, once, when it is opened.
//!
//! Schema 1 (the first release) kept two values as protobuf bytes: a run's
//! legacy metrics and a registration's component info. Schema 2 keeps the
//! store's own records there ([`StoredMetrics`], [`StoredComponentInfo`]).
//! This module is the only place in the store that reads protobuf.

use flowctl_proto::legacy::RunMetrics;
use flowctl_proto::v1::{ComponentInfo, ComponentType};
use prost::Message;
use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde_json::Value;

use super::records::{StoredComponentInfo, StoredComponentMetrics, StoredMetrics};

/// Rewrites every run and registration of a schema 1 file as schema 2, in
/// the caller's transaction. A record that is not JSON is left as it is
/// (loading skips it with a warning, as it always did).
pub(super) fn v1_to_v2(
    txn: &WriteTransaction,
    runs: TableDefinition<&str, &[u8]>,
    registry: TableDefinition<&str, &[u8]>,
) -> Result<(), redb::Error> {
    rewrite(txn, runs, "metrics", |bytes| {
        serde_json::to_value(metrics_of(bytes)).unwrap_or(Value::Null)
    })?;
    rewrite(txn, registry, "info", |bytes| {
        serde_json::to_value(info_of(bytes)).unwrap_or(Value::Null)
    })
}

/// Replaces `field` of every value of `table` that holds bytes (a JSON
/// array of numbers) by what `convert` makes of them.
fn rewrite(
    txn: &WriteTransaction,
    table: TableDefinition<&str, &[u8]>,
    field: &str,
    convert: impl Fn(&[u8]) -> Value,
) -> Result<(), redb::Error> {
    let mut table = txn.open_table(table)?;
    let mut changed = Vec::new();
    for item in table.iter()? {
        let (key, value) = item?;
        let Ok(mut record) = serde_json::from_slice::<Value>(value.value()) else {
            continue;
        };
        let Some(bytes) = record.get(field).and_then(bytes_of) else {
            continue;
        };
        record[field] = convert(&bytes);
        let encoded = serde_json::to_vec(&record).unwrap_or_default();
        changed.push((key.value().to_owned(), encoded));
    }
    for (key, encoded) in changed {
        table.insert(key.as_str(), encoded.as_slice())?;
    }
    Ok(())
}

/// The bytes a schema 1 field held, or `None` if it holds something else.
fn bytes_of(value: &Value) -> Option<Vec<u8>> {
    value
        .as_array()?
        .iter()
        .map(|n| n.as_u64().and_then(|n| u8::try_from(n).ok()))
        .collect()
}

/// A schema 1 run's metrics: none when empty or unreadable.
fn metrics_of(bytes: &[u8]) -> Option<StoredMetrics> {
    if bytes.is_empty() {
        return None;
    }
    let metrics = RunMetrics::decode(bytes).ok()?;
    Some(StoredMetrics {
        events_processed: metrics.events_processed,
        events_per_second: metrics.events_per_second,
        bytes_processed: metrics.bytes_processed,
        components: metrics
            .component_metrics
            .into_iter()
            .map(|(id, c)| {
                let stored = StoredComponentMetrics {
                    events_in: c.events_in,
                    events_out: c.events_out,
                    bytes_in: c.bytes_in,
                    bytes_out: c.bytes_out,
                    processing_time_ms: c.processing_time_ms,
                };
                (id, stored)
            })
            .collect(),
    })
}

/// A schema 1 registration's component info (empty when unreadable).
fn info_of(bytes: &[u8]) -> StoredComponentInfo {
    let info = ComponentInfo::decode(bytes).unwrap_or_default();
    let role = match info.r#type() {
        ComponentType::Source => "source",
        ComponentType::Processor => "processor",
        ComponentType::Consumer => "consumer",
        ComponentType::Unspecified => "",
    };
    StoredComponentInfo {
        role: role.into(),
        id: info.id,
        name: info.name,
        description: info.description,
        version: info.version,
        input_event_types: info.input_event_types,
        output_event_types: info.output_event_types,
        endpoint: info.endpoint,
        metadata: info.metadata,
    }
}
