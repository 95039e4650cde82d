//! The network's latest ledger: a JSON-RPC `getLatestLedger` POST to its
//! RPC endpoint, answer `result.sequence`, with a short timeout.

use std::time::Duration;

use anyhow::{Context, Result, bail};

/// How long the lookup may take before `init` goes on without it.
const TIMEOUT: Duration = Duration::from_millis(2500);

/// Ledgers before the latest that a new pipeline starts at, so it has
/// something to show at once.
pub const BACK: u32 = 100;

/// The latest ledger sequence `endpoint` reports.
pub async fn latest(endpoint: &str) -> Result<u32> {
    // The rustls provider is process-wide; a second install is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .build()
        .context("cannot set up the HTTP client")?;
    let request = serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "getLatestLedger"});
    let response = client
        .post(endpoint)
        .header("content-type", "application/json")
        .body(request.to_string())
        .send()
        .await
        .map_err(|err| {
            anyhow::anyhow!("{endpoint} gave no answer (waited at most {TIMEOUT:?}): {err}")
        })?;
    let status = response.status();
    let body = response
        .text()
        .await
        .with_context(|| format!("reading the answer of {endpoint}"))?;
    if !status.is_success() {
        bail!("{endpoint} answered HTTP {status}");
    }
    sequence(&body).with_context(|| format!("the answer of {endpoint} to getLatestLedger"))
}

/// `result.sequence` of a JSON-RPC answer.
fn sequence(body: &str) -> Result<u32> {
    let answer: serde_json::Value = serde_json::from_str(body).context("not JSON")?;
    if let Some(error) = answer.get("error") {
        bail!("an error: {error}");
    }
    let sequence = answer
        .pointer("/result/sequence")
        .and_then(serde_json::Value::as_u64)
        .context("no result.sequence in it")?;
    u32::try_from(sequence).context("result.sequence is out of range")
}

#[cfg(test)]
mod tests {
    use super::sequence;

    #[test]
    fn reads_result_sequence() {
        let body = r#"{"jsonrpc":"2.0","id":1,"result":{"id":"ab","protocolVersion":22,"sequence":51234}}"#;
        assert_eq!(sequence(body).unwrap(), 51234);
    }

    #[test]
    fn errors_and_odd_answers_are_errors() {
        assert!(sequence(r#"{"error":{"code":-32601}}"#).is_err());
        assert!(sequence(r#"{"result":{}}"#).is_err());
        assert!(sequence("<html>").is_err());
    }
}
