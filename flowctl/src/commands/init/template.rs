//! The pipeline `flowctl init` writes, as the older flowctl wrote it
//! (COMPAT.md 7): a stellar source, the contract-events processor and a
//! DuckDB or PostgreSQL sink.

use clap::ValueEnum;

/// The Stellar network the source reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Network {
    Testnet,
    Mainnet,
}

impl Network {
    /// The passphrase components sign and verify with.
    pub fn passphrase(self) -> &'static str {
        match self {
            Network::Testnet => "Test SDF Network ; September 2015",
            Network::Mainnet => "Public Global Stellar Network ; September 2015",
        }
    }

    /// The RPC server the source reads ledgers from.
    pub fn rpc_endpoint(self) -> &'static str {
        match self {
            Network::Testnet => "https://soroban-testnet.stellar.org",
            Network::Mainnet => "https://archive-rpc.lightsail.network",
        }
    }

    /// The word used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Testnet => "testnet",
            Network::Mainnet => "mainnet",
        }
    }
}

/// Where the events end up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Destination {
    Duckdb,
    Postgres,
}

impl Destination {
    /// How users call it.
    pub fn label(self) -> &'static str {
        match self {
            Destination::Duckdb => "DuckDB",
            Destination::Postgres => "PostgreSQL",
        }
    }
}

/// A network and a destination in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    TestnetDuckdb,
    TestnetPostgres,
    MainnetDuckdb,
    MainnetPostgres,
}

impl Preset {
    /// What the preset stands for.
    pub fn parts(self) -> (Network, Destination) {
        match self {
            Preset::TestnetDuckdb => (Network::Testnet, Destination::Duckdb),
            Preset::TestnetPostgres => (Network::Testnet, Destination::Postgres),
            Preset::MainnetDuckdb => (Network::Mainnet, Destination::Duckdb),
            Preset::MainnetPostgres => (Network::Mainnet, Destination::Postgres),
        }
    }
}

/// Everything the written pipeline depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    pub name: String,
    pub network: Network,
    pub destination: Destination,
    /// Left out of the file when unknown (the source then starts where it
    /// decides).
    pub start_ledger: Option<u32>,
    pub end_ledger: Option<u32>,
}

/// A YAML scalar for `text`: double-quoted (a JSON string is a valid YAML
/// double-quoted scalar), so that no value is read as another type.
fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// The sink's id, and its component block after `- id: ...`.
fn sink(choices: &Choices) -> (&'static str, String) {
    match choices.destination {
        Destination::Duckdb => (
            "duckdb-sink",
            format!(
                "      type: duckdb-consumer@v1.0.0\n      config:\n        database_path: {}\n",
                quoted(&format!("./{}.duckdb", choices.name))
            ),
        ),
        Destination::Postgres => (
            "postgres-sink",
            "      type: postgres-consumer@v1.0.0\n      config:\n        \
             postgres_host: \"localhost\"\n        postgres_port: \"5432\"\n        \
             postgres_db: \"stellar_events\"\n        postgres_user: \"postgres\"\n        \
             postgres_password: \"postgres\"\n"
                .to_owned(),
        ),
    }
}

/// The pipeline file's text.
pub fn render(choices: &Choices) -> String {
    let network = choices.network;
    let passphrase = quoted(network.passphrase());
    let mut ledgers = String::new();
    if let Some(start) = choices.start_ledger {
        ledgers.push_str(&format!("        start_ledger: {start}\n"));
    }
    if let Some(end) = choices.end_ledger {
        ledgers.push_str(&format!("        end_ledger: {end}\n"));
    }
    let (sink_id, sink_body) = sink(choices);
    format!(
        "apiVersion: flowctl/v1\n\
         kind: Pipeline\n\
         metadata:\n  name: {name}\n\
         spec:\n  driver: process\n\
         \x20 sources:\n    - id: stellar-source\n      type: stellar-live-source@v1.0.0\n      \
         config:\n        network_passphrase: {passphrase}\n        backend_type: \"RPC\"\n        \
         rpc_endpoint: {rpc}\n{ledgers}\
         \x20 processors:\n    - id: contract-events\n      type: contract-events-processor@v1.0.0\n      \
         config:\n        network_passphrase: {passphrase}\n      inputs: [stellar-source]\n\
         \x20 sinks:\n    - id: {sink_id}\n{sink_body}      inputs: [contract-events]\n",
        name = quoted(&choices.name),
        rpc = quoted(network.rpc_endpoint()),
    )
}
