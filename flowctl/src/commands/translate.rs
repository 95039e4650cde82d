//! `flowctl translate`: read the pipeline, translate it, and print or write
//! the files, never over an existing file unless `--force` says so.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::TranslateArgs;
use crate::pipeline_file;
use crate::translate::{self, Format, Options, OutFile};

pub fn translate(args: &TranslateArgs, namespace: Option<String>) -> Result<ExitCode> {
    let Some((parsed, bytes)) = pipeline_file::load_valid(&args.file) else {
        return Ok(ExitCode::FAILURE);
    };
    if args.format == Format::Systemd && args.to_file.is_some() {
        bail!(
            "systemd output is several units (one per component, flowctld's and a target); \
             write them with --out-dir DIR instead of --to-file"
        );
    }
    let options = options(args, namespace, &bytes)?;
    let translation = match translate::translate(&parsed.pipeline, &options) {
        Ok(translation) => translation,
        Err(message) => {
            eprintln!("flowctl translate: {}: {message}", args.file.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    for warning in &translation.warnings {
        eprintln!("warning: {warning}");
    }
    match (&args.to_file, &args.out_dir) {
        (Some(file), _) => {
            let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
            let mut targets = vec![file.clone()];
            targets.extend(translation.files[1..].iter().map(|f| dir.join(&f.name)));
            write_all(&translation.files, &targets, args.force)?;
        }
        (None, Some(dir)) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the directory {}", dir.display()))?;
            let targets: Vec<PathBuf> = translation
                .files
                .iter()
                .map(|f| dir.join(&f.name))
                .collect();
            write_all(&translation.files, &targets, args.force)?;
        }
        (None, None) => print_all(&translation.files),
    }
    Ok(ExitCode::SUCCESS)
}

fn options(args: &TranslateArgs, namespace: Option<String>, bytes: &[u8]) -> Result<Options> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let flowctld_program = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("flowctld")))
        .unwrap_or_else(|| PathBuf::from("/usr/bin/flowctld"));
    Ok(Options {
        format: args.format,
        prefix: args.prefix.clone(),
        registry: args.registry.clone(),
        namespace,
        images: args.image.iter().cloned().collect(),
        flowctld_image: args.flowctld_image.clone().unwrap_or_else(|| {
            format!(
                "docker.io/withobsrvr/flowctld:{}",
                env!("CARGO_PKG_VERSION")
            )
        }),
        plane_port: args.control_plane_port,
        pipeline_text: String::from_utf8_lossy(bytes).into_owned(),
        pipeline_path: super::absolute(&args.file),
        cwd,
        flowctld_program,
        access: translate::Access {
            token: args.token_secret.clone(),
            tls: args.tls_secret.clone(),
        },
    })
}

/// One file as it is; several each after a `# file: NAME` line.
fn print_all(files: &[OutFile]) {
    if let [file] = files {
        print!("{}", file.text);
        return;
    }
    for file in files {
        println!("# file: {}", file.name);
        print!("{}", file.text);
    }
}

/// Writes `files[i]` to `targets[i]`, after checking that none exists
/// (unless `force`), so a refusal leaves nothing half written.
fn write_all(files: &[OutFile], targets: &[PathBuf], force: bool) -> Result<()> {
    if !force && let Some(existing) = targets.iter().find(|t| t.exists()) {
        bail!(
            "{} exists already; flowctl translate does not write over files: choose a new \
             path, or give --force to replace it",
            existing.display()
        );
    }
    for (file, target) in files.iter().zip(targets) {
        std::fs::write(target, &file.text)
            .with_context(|| format!("cannot write {}", target.display()))?;
        println!("Wrote {}", target.display());
    }
    Ok(())
}
