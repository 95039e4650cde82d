//! `flowctl init`: the older flowctl's first-run command (COMPAT.md 7).
//! Writes a starter pipeline from flags, a preset, or answers to prompts.
//!
//! # Layout
//!
//! - `template`: networks, destinations, presets and the file's text;
//! - `prompt`: the questions asked on a terminal;
//! - `ledger`: the latest-ledger lookup over JSON-RPC.

mod ledger;
mod prompt;
mod template;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;

use template::{Choices, Destination, Network, Preset};

/// The name when none is given.
const DEFAULT_NAME: &str = "stellar-pipeline";

/// `flowctl init`'s flags. `-o/--output FILE` after `init` is the older
/// flowctl's spelling of `--output-file` (see `cli::compat_argv`).
#[derive(Debug, Args)]
pub struct InitArgs {
    /// File to write (default: NAME.yaml); `-o/--output FILE` also works
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Never prompt: needs --network and --destination, or --preset
    #[arg(long)]
    pub non_interactive: bool,
    /// Stellar network the source reads
    #[arg(long, value_enum)]
    pub network: Option<Network>,
    /// Where the events go
    #[arg(long, value_enum)]
    pub destination: Option<Destination>,
    /// A network and a destination in one word; never prompts
    #[arg(long, value_enum, conflicts_with_all = ["network", "destination"])]
    pub preset: Option<Preset>,
    /// Pipeline name (default: stellar-pipeline)
    #[arg(long)]
    pub name: Option<String>,
    /// First ledger to read (default: the network's latest minus 100)
    #[arg(long, value_name = "N")]
    pub start_ledger: Option<u32>,
    /// Last ledger to read (default: none, keep following new ledgers)
    #[arg(long, value_name = "N")]
    pub end_ledger: Option<u32>,
    /// Overwrite the file if it exists
    #[arg(long)]
    pub force: bool,
    /// Where to ask for the latest ledger instead of the network's RPC
    /// endpoint (tests, mirrors); the file keeps the network's endpoint
    #[arg(long, value_name = "URL", hide = true)]
    pub ledger_rpc_endpoint: Option<String>,
}

/// A pipeline name that can also name its file and database.
fn check_name(name: &str) -> Result<(), String> {
    let bad = name.trim().is_empty() || name.contains(['/', '\\', '\0']) || name.starts_with('.');
    if bad {
        return Err(format!(
            "'{name}' cannot be a pipeline name: it names the file and the database too, so it \
             must not be empty, start with '.' or contain '/'"
        ));
    }
    Ok(())
}

/// Network, destination, range and name: from flags, else asked on a
/// terminal, else an error saying which flags to give.
fn choose(args: &InitArgs) -> Result<Choices> {
    let (mut network, mut destination) = match args.preset {
        Some(preset) => {
            let (n, d) = preset.parts();
            (Some(n), Some(d))
        }
        None => (args.network, args.destination),
    };
    let interactive = !args.non_interactive
        && args.preset.is_none()
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal();
    let (mut start_ledger, mut end_ledger) = (args.start_ledger, args.end_ledger);
    let mut name = args.name.clone();
    if interactive {
        if network.is_none() {
            network = Some(prompt::network()?);
        }
        if destination.is_none() {
            destination = Some(prompt::destination()?);
        }
        if start_ledger.is_none() && end_ledger.is_none() {
            start_ledger = prompt::ledger("Start ledger (empty: the latest minus 100)")?;
            end_ledger = prompt::ledger("End ledger (empty: keep following new ledgers)")?;
        }
        if name.is_none() {
            name = Some(prompt::name(DEFAULT_NAME)?);
        }
    }
    let (Some(network), Some(destination)) = (network, destination) else {
        let why = if args.non_interactive {
            "with --non-interactive,"
        } else {
            "not on a terminal, so nothing can be asked:"
        };
        bail!(
            "{why} flowctl init needs --network (testnet|mainnet) and --destination \
             (duckdb|postgres), or --preset (e.g. --preset testnet-duckdb)"
        );
    };
    let name = name.unwrap_or_else(|| DEFAULT_NAME.to_owned());
    check_name(&name).map_err(anyhow::Error::msg)?;
    if let (Some(start), Some(end)) = (start_ledger, end_ledger)
        && end < start
    {
        bail!(
            "--end-ledger {end} is before --start-ledger {start}; give an end at or after the start"
        );
    }
    Ok(Choices {
        name,
        network,
        destination,
        start_ledger,
        end_ledger,
    })
}

/// Writes `text` to `path`, refusing an existing file unless `force`.
fn write(path: &Path, text: &str, force: bool) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = options.open(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
            "{} already exists; it was left as it is (give --force to overwrite it, or -o \
             another file)",
            path.display()
        ),
        _ => anyhow::anyhow!("cannot create {}: {err}", path.display()),
    })?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

pub async fn init(args: InitArgs) -> Result<ExitCode> {
    let mut choices = choose(&args)?;
    let path = args
        .output_file
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.yaml", choices.name)));
    if !args.force && path.exists() {
        bail!(
            "{} already exists; it was left as it is (give --force to overwrite it, or -o \
             another file)",
            path.display()
        );
    }
    let mut start_note = "given";
    if choices.start_ledger.is_none() {
        let endpoint = args
            .ledger_rpc_endpoint
            .as_deref()
            .unwrap_or(choices.network.rpc_endpoint());
        match ledger::latest(endpoint).await {
            Ok(latest) => {
                choices.start_ledger = Some(latest.saturating_sub(ledger::BACK));
                start_note = "the latest minus 100";
            }
            Err(err) => eprintln!(
                "warning: could not look up the latest ledger ({err:#}); start_ledger is left \
                 out: add it to the file or give --start-ledger"
            ),
        }
    }
    write(&path, &template::render(&choices), args.force)?;
    report(&path, &choices, start_note);
    Ok(ExitCode::SUCCESS)
}

/// What was made, and the next two commands.
fn report(path: &Path, choices: &Choices, start_note: &str) {
    let file = path.display();
    println!(
        "Created {file}: pipeline {} on {}, stellar-source -> contract-events -> {}",
        choices.name,
        choices.network.as_str(),
        choices.destination.label()
    );
    match (choices.start_ledger, choices.end_ledger) {
        (Some(start), Some(end)) => println!("Ledgers {start} to {end} ({start_note})"),
        (Some(start), None) => {
            println!("From ledger {start} ({start_note}), then following new ledgers")
        }
        (None, Some(end)) => println!("Up to ledger {end}"),
        (None, None) => println!("Following new ledgers"),
    }
    println!("\nNext:\n  flowctl validate {file}\n  flowctl run {file}");
}
