//! `flowctld`: the flowctl daemon, in the foreground (as systemd and launchd
//! want it, or as `flowctl` starts it in the background). Flags, logging,
//! the runtime and signals are here; [`flowctld::startup::serve`] does the
//! rest (lock, listeners, guard, readiness) around `flowctld::run`.

use std::process::ExitCode;

use clap::Parser;
use flowctld::{Config, DaemonArgs, LogFormat, Shutdown};

/// The flowctl daemon: control plane, run records and process supervision.
#[derive(Debug, Parser)]
#[command(name = "flowctld", version, about)]
struct Cli {
    #[command(flatten)]
    daemon: DaemonArgs,

    /// Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]
    #[arg(long, value_name = "FILE")]
    config: Option<std::path::PathBuf>,

    /// Unix socket the daemon listens on [env: FLOWCTL_SOCKET]
    #[arg(long, value_name = "PATH")]
    socket: Option<std::path::PathBuf>,

    /// Log filter: error, warn, info, debug, trace (or a tracing directive)
    #[arg(long, value_name = "LEVEL")]
    log_level: Option<String>,
}

/// Threads for blocking work (file operations, fsync'd commits).
const BLOCKING_THREADS: usize = 8;

fn main() -> ExitCode {
    // The two roles the daemon starts its own binary in come before any
    // parsing: a contained component being started, and the guard, which
    // lives as long as the daemon and should cost as little as it can.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match args.get(1).and_then(|a| a.to_str()) {
        Some(flowctld::supervisor::cgroup::ENTER_FLAG) => {
            return flowctld::supervisor::cgroup::exec_in(&args[2..]);
        }
        Some(flowctld::guard::FLAG) if args.len() == 4 => {
            let instance = args[3].to_string_lossy();
            return flowctld::guard::run(std::path::Path::new(&args[2]), &instance);
        }
        _ => {}
    }
    one_heap();
    let mut cli = Cli::parse();
    cli.daemon.config = cli.config.take();
    flowctld::startup::keep_ready_fd_private();
    let mut config =
        match Config::resolve(&cli.daemon, cli.socket.as_deref(), cli.log_level.as_deref()) {
            Ok(config) => config,
            Err(err) => {
                eprintln!("flowctld: {err}");
                return ExitCode::from(2);
            }
        };
    config.guard_binary = std::env::current_exe().ok();
    init_logging(&config);
    // File work (log files, the store) runs on tokio's blocking pool. A wave
    // of 100 starts would otherwise grow it to a thread per file operation
    // in flight, each with its stack, kept for 10 s: a few threads do the
    // same work, and idle ones leave soon.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_keep_alive(std::time::Duration::from_secs(2))
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("flowctld: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(async {
        let shutdown = Shutdown::new();
        tokio::spawn(stop_on_signals(shutdown.clone()));
        match flowctld::startup::serve(config, shutdown).await {
            Ok(()) => 0,
            Err(err) => {
                tracing::error!("{err}");
                eprintln!("flowctld: {err}");
                1
            }
        }
    });
    // Exit without tearing the runtime down: clients waiting on a
    // `Shutdown` stream see it end when the process is gone.
    std::process::exit(code)
}

/// One malloc arena for every thread. glibc gives each thread that
/// allocates an arena of its own (up to eight per core), and each keeps
/// the peak of what was freed in it; the daemon's threads allocate little
/// and seldom at once, so sharing one costs no speed and lets the memory a
/// finished run freed be given back as a whole (`malloc_trim`).
fn one_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator, before any
    // thread but this one exists.
    unsafe {
        nix::libc::mallopt(nix::libc::M_ARENA_MAX, 1);
    }
}

/// SIGTERM and SIGINT stop the daemon gracefully (runs first).
async fn stop_on_signals(shutdown: Shutdown) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        eprintln!("flowctld: cannot install signal handlers");
        return;
    };
    tokio::select! {
        _ = term.recv() => tracing::info!("received SIGTERM"),
        _ = int.recv() => tracing::info!("received SIGINT"),
    }
    shutdown.trigger();
}

fn init_logging(config: &Config) {
    // A level or `target=level` directives: `Targets` needs no regex engine
    // in the daemon, as `EnvFilter` would.
    let builder = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(flowctld::logs::daemon_log_writer(
            config.log_file.as_deref(),
            config.daemon_log_max_bytes,
            config.daemon_log_keep,
        ))
        .with_ansi(
            config.log_file.is_none() && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        );
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = config.log_filter();
    match config.log_format {
        LogFormat::Json => builder.json().finish().with(filter).init(),
        LogFormat::Text => builder.finish().with(filter).init(),
    }
}
