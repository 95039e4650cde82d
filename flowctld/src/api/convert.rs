//! Conversions between the daemon's records and their wire forms.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A protobuf timestamp of a time.
pub fn timestamp(time: SystemTime) -> prost_types::Timestamp {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    prost_types::Timestamp {
        seconds: since.as_secs() as i64,
        nanos: since.subsec_nanos() as i32,
    }
}
