//! `flowctl completions SHELL` and `flowctl man`: generated from the clap
//! definitions, so they never disagree with the command line.
//!
//! The copies in `packaging/completions/` and `packaging/man/` are written by
//! `flowctl completions --dir packaging/completions` and
//! `flowctl man --dir packaging/man`; a test keeps them in sync.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs, ManArgs};

/// The name the scripts complete, whatever this executable is called.
const BIN: &str = "flowctl";

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode> {
    let Some(dir) = &args.dir else {
        // clap requires SHELL when --dir is absent.
        let shell = args.shell.context("name a shell, or give --dir")?;
        clap_complete::generate(shell, &mut Cli::command(), BIN, &mut std::io::stdout());
        return Ok(ExitCode::SUCCESS);
    };
    create_dir(dir)?;
    let shells = match args.shell {
        Some(shell) => vec![shell],
        None => Shell::value_variants().to_vec(),
    };
    for shell in shells {
        let path = clap_complete::generate_to(shell, &mut Cli::command(), BIN, dir).with_context(
            || {
                format!(
                    "cannot write the {shell} completions into {}",
                    dir.display()
                )
            },
        )?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: &ManArgs) -> Result<ExitCode> {
    let Some(dir) = &args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(Cli::command()).render(&mut page)?;
        std::io::stdout().write_all(&page)?;
        return Ok(ExitCode::SUCCESS);
    };
    create_dir(dir)?;
    clap_mangen::generate_to(Cli::command(), dir)
        .with_context(|| format!("cannot write the manual pages into {}", dir.display()))?;
    let mut pages: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "1"))
        .collect();
    pages.sort();
    for page in pages {
        println!("{}", page.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}
