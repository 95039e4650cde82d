//! How `flowctl-example-gen` shapes a stream: its parameters, from the
//! environment and the request, and the payload of each event.

use std::collections::HashMap;
use std::time::Duration;

use flowctl_example_components::Error;
use flowctl_example_components::config::env_u64;
use tonic::Status;

/// Largest payload allowed: gRPC receivers reject messages over 4 MiB by default.
const MAX_PAYLOAD_BYTES: u64 = 4_000_000;

/// How a stream is generated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Last id to emit; 0 means endless.
    pub count: u64,
    /// Pause between events; zero means as fast as the client pulls.
    pub interval: Duration,
    /// Minimum payload size; 0 leaves payloads unpadded.
    pub payload_bytes: usize,
}

impl Params {
    /// The defaults, from `COUNT`, `INTERVAL_MS` and `PAYLOAD_BYTES`.
    pub fn from_env() -> Result<Self, Error> {
        let payload_bytes = env_u64("PAYLOAD_BYTES", 0)?;
        if payload_bytes > MAX_PAYLOAD_BYTES {
            let value = payload_bytes.to_string();
            return Err(Error::bad_env(
                "PAYLOAD_BYTES",
                &value,
                "at most 4000000 bytes",
            ));
        }
        Ok(Params {
            count: env_u64("COUNT", 0)?,
            interval: Duration::from_millis(env_u64("INTERVAL_MS", 0)?),
            payload_bytes: payload_bytes as usize,
        })
    }

    /// These params with the request's overrides applied.
    pub fn overridden_by(mut self, params: &HashMap<String, String>) -> Result<Self, Status> {
        let number = |key: &str| -> Result<Option<u64>, Status> {
            params
                .get(key)
                .map(|text| text.trim().parse::<u64>())
                .transpose()
                .map_err(|_| {
                    Status::invalid_argument(format!("param {key} must be a whole number >= 0"))
                })
        };
        if let Some(count) = number("count")? {
            self.count = count;
        }
        if let Some(ms) = number("interval_ms")? {
            self.interval = Duration::from_millis(ms);
        }
        if let Some(bytes) = number("payload_bytes")? {
            if bytes > MAX_PAYLOAD_BYTES {
                return Err(Status::invalid_argument(
                    "param payload_bytes is at most 4000000",
                ));
            }
            self.payload_bytes = bytes as usize;
        }
        Ok(self)
    }
}

/// `{"seq":N,"value":"tick N"}`, padded with a `pad` field to `size` bytes
/// when `size` leaves room for it.
pub fn payload(seq: u64, size: usize) -> Vec<u8> {
    let plain = format!(r#"{{"seq":{seq},"value":"tick {seq}"}}"#);
    const PAD_OVERHEAD: usize = r#","pad":"""#.len();
    if size < plain.len() + PAD_OVERHEAD {
        return plain.into_bytes();
    }
    let pad = ".".repeat(size - plain.len() - PAD_OVERHEAD);
    format!(r#"{{"seq":{seq},"value":"tick {seq}","pad":"{pad}"}}"#).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_are_json_padded_to_size() {
        assert_eq!(payload(7, 0), br#"{"seq":7,"value":"tick 7"}"#.to_vec());
        assert_eq!(payload(7, 30), payload(7, 0), "too small to pad");
        let padded = payload(7, 100);
        assert_eq!(padded.len(), 100);
        assert!(padded.starts_with(br#"{"seq":7,"value":"tick 7","pad":"..."#));
    }

    #[test]
    fn params_override_the_environment() {
        let base = Params {
            count: 0,
            interval: Duration::ZERO,
            payload_bytes: 0,
        };
        let params = HashMap::from([
            ("count".to_owned(), "5".to_owned()),
            ("interval_ms".to_owned(), "20".to_owned()),
            ("start_ledger".to_owned(), "ignored".to_owned()),
        ]);
        let got = base.overridden_by(&params).expect("valid");
        assert_eq!(
            got,
            Params {
                count: 5,
                interval: Duration::from_millis(20),
                payload_bytes: 0
            }
        );
        let bad = HashMap::from([("count".to_owned(), "five".to_owned())]);
        assert_eq!(
            base.overridden_by(&bad).expect_err("rejected").code(),
            tonic::Code::InvalidArgument
        );
    }
}
