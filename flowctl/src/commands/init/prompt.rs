//! The questions `flowctl init` asks on a terminal (COMPAT.md 7): network,
//! destination, an optional ledger range, and a name. Each is asked only
//! when no flag answered it.

use anyhow::{Context, Result};
use dialoguer::{Input, Select};

use super::template::{Destination, Network};

/// What `Select` failing means to a user.
fn asked(what: &str) -> impl FnOnce(dialoguer::Error) -> anyhow::Error + '_ {
    move |err| anyhow::anyhow!("could not ask for the {what}: {err}")
}

/// The network, by arrow keys and Enter.
pub fn network() -> Result<Network> {
    let choice = Select::new()
        .with_prompt("Network")
        .items(["testnet", "mainnet"])
        .default(0)
        .interact()
        .map_err(asked("network"))?;
    Ok([Network::Testnet, Network::Mainnet][choice])
}

/// The destination, by arrow keys and Enter.
pub fn destination() -> Result<Destination> {
    let choice = Select::new()
        .with_prompt("Destination")
        .items(["duckdb", "postgres"])
        .default(0)
        .interact()
        .map_err(asked("destination"))?;
    Ok([Destination::Duckdb, Destination::Postgres][choice])
}

/// A ledger number, or `None` for an empty answer.
pub fn ledger(prompt: &str) -> Result<Option<u32>> {
    let text: String = Input::new()
        .with_prompt(prompt)
        .allow_empty(true)
        .validate_with(|text: &String| -> Result<(), String> {
            if text.trim().is_empty() {
                return Ok(());
            }
            text.trim()
                .parse::<u32>()
                .map(drop)
                .map_err(|_| format!("'{}' is not a ledger number", text.trim()))
        })
        .interact_text()
        .map_err(asked("ledger"))?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .with_context(|| format!("'{text}' is not a ledger number"))
}

/// The pipeline's name.
pub fn name(default: &str) -> Result<String> {
    Input::new()
        .with_prompt("Pipeline name")
        .default(default.to_owned())
        .validate_with(|text: &String| super::check_name(text))
        .interact_text()
        .map_err(asked("pipeline name"))
}
