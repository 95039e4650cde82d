//! Reaching the daemon: connect over the Unix socket, and start a daemon
//! when none answers, race-free.
//!
//! Connecting is bounded by the `--timeout` setting, and every request by
//! [`Deadline`] (see [`crate::deadline`]).
//!
//! Starting is serialized by an exclusive lock on `<socket>.spawn.lock`:
//! whoever holds it checks again whether a daemon answers, and only then
//! spawns one. The daemon tells the spawning client it is ready through a
//! pipe, so nobody polls, and a daemon that dies during start-up is noticed
//! at once (the pipe closes) and its log shown.

use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use flowctl_proto::daemon::v1::daemon_client::DaemonClient;
use hyper_util::rt::TokioIo;
use nix::fcntl::{Flock, FlockArg};
use tokio::net::UnixStream;
use tonic::codegen::InterceptedService;
use tonic::transport::Endpoint;

pub use crate::deadline::Deadline;
use crate::deadline::{AddVersion, within};

/// How long a freshly spawned daemon may take to answer.
const START_TIMEOUT: Duration = Duration::from_secs(15);

/// A connected daemon API client.
pub type Client = DaemonClient<Deadline>;

/// Connects to a running daemon; `Ok(None)` when none is running. A path
/// where no daemon of ours can be (not a socket, or in a directory others
/// may write to) is an error naming it.
pub async fn connect(socket: &Path) -> Result<Option<Client>> {
    refuse_unusable(socket)?;
    let stream = match within(socket, UnixStream::connect(socket)).await? {
        Ok(stream) => stream,
        Err(err) if not_running(&err) => return Ok(None),
        Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {
            bail!(
                "flowctld on {} accepts no more connections (its queue is full): \
                 it may be stopped or overloaded; see `flowctl daemon status`",
                socket.display()
            );
        }
        Err(err) => {
            return Err(err).with_context(|| format!("cannot connect to {}", socket.display()));
        }
    };
    let first = std::sync::Mutex::new(Some(stream));
    let path = socket.to_path_buf();
    // The URI is required by tonic and unused: the connector below decides.
    let endpoint = Endpoint::from_static("http://flowctld.local");
    let channel = endpoint.connect_with_connector(tower::service_fn(move |_| {
        let reused = first.lock().ok().and_then(|mut s| s.take());
        let path = path.clone();
        async move {
            let stream = match reused {
                Some(stream) => stream,
                None => UnixStream::connect(path).await?,
            };
            Ok::<_, std::io::Error>(TokioIo::new(stream))
        }
    }));
    match within(socket, channel).await? {
        Ok(channel) => Ok(Some(DaemonClient::new(Deadline::new(
            InterceptedService::new(channel, AddVersion),
            socket,
        )))),
        // A daemon that died as we connected: nobody is serving.
        Err(err) if gone(&err) => Ok(None),
        Err(err) => {
            Err(err).with_context(|| format!("cannot talk to the daemon on {}", socket.display()))
        }
    }
}

/// Refuses a socket path no daemon of ours can serve on: something that is
/// not a socket (a pipeline file, a directory), or a socket in
/// a directory others may write to (flowctld refuses those too, as anyone
/// could put their own socket there). Nothing at the path is fine: no
/// daemon runs.
fn refuse_unusable(socket: &Path) -> Result<()> {
    // Another user's socket is left to the daemon, which names its owner.
    let a_socket = std::fs::metadata(socket).is_ok_and(|meta| meta.file_type().is_socket());
    if !a_socket {
        flowctl_core::paths::refuse_foreign(socket, flowctl_core::paths::Expect::Socket)?;
    }
    let dir = socket.parent().unwrap_or(Path::new("/"));
    if let Ok(meta) = std::fs::metadata(dir) {
        let mode = meta.mode() & 0o7777;
        if mode & 0o022 != 0 {
            bail!(
                "the socket {}: its directory {} is writable by others (mode {mode:04o}), \
                 so anyone could put their own socket there and flowctld refuses it; \
                 choose a socket in a directory only you can write to (0700)",
                socket.display(),
                dir.display()
            );
        }
    }
    Ok(())
}

/// Whether a failed connection means "no daemon there".
fn gone(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(err);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && (not_running(io)
                || matches!(
                    io.kind(),
                    std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe
                ))
        {
            return true;
        }
        source = err.source();
    }
    false
}

/// Connects and checks that the daemon answers a call, not just the socket
/// (a daemon dying as we connect accepts, then drops the connection).
async fn connect_live(socket: &Path) -> Result<Option<Client>> {
    let Some(mut client) = connect(socket).await? else {
        return Ok(None);
    };
    match client
        .get_info(flowctl_proto::daemon::v1::GetInfoRequest {})
        .await
    {
        Ok(_) => Ok(Some(client)),
        // Broken as it answered: a daemon going away. Starting one either
        // succeeds or says which daemon holds the socket.
        Err(status)
            if matches!(
                status.code(),
                tonic::Code::Unavailable | tonic::Code::Unknown
            ) =>
        {
            Ok(None)
        }
        Err(status) => Err(status.into()),
    }
}

fn not_running(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
    )
}

/// Connects to the daemon, starting one first if none is running.
/// `daemon_args` are passed to a daemon this call starts.
pub async fn connect_or_start(socket: &Path, daemon_args: &[String]) -> Result<(Client, bool)> {
    if let Some(client) = connect_live(socket).await? {
        return Ok((client, false));
    }
    refuse_if_service_managed(socket)?;
    let dir = socket.parent().unwrap_or(Path::new("/"));
    flowctl_core::paths::prepare_private_dir(dir)?;
    let lock_path = flowctl_core::paths::spawn_lock_file(socket);
    let lock = tokio::task::spawn_blocking(move || take_lock(&lock_path)).await??;
    // Someone else may have started it while we waited for the lock.
    if let Some(client) = connect_live(socket).await? {
        drop(lock);
        return Ok((client, false));
    }
    spawn_daemon(socket, daemon_args).await?;
    drop(lock);
    let client = connect(socket).await?.ok_or_else(|| {
        anyhow!(
            "the daemon said it was ready but {} does not answer",
            socket.display()
        )
    })?;
    Ok((client, true))
}

/// A service installed with `flowctl service install` owns this socket:
/// a daemon started here would take the socket from it, so say how to start
/// the service instead. (With socket activation the connect above succeeds.)
fn refuse_if_service_managed(socket: &Path) -> Result<()> {
    if let Some(service) = crate::service::installed_service_for(socket) {
        bail!(
            "flowctld is installed as {} but not running: start it with `{}` \
             (or remove the service with `flowctl service uninstall`)",
            service.kind,
            service.start
        );
    }
    Ok(())
}

fn take_lock(path: &Path) -> Result<Flock<std::fs::File>> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    Flock::lock(file, FlockArg::LockExclusive)
        .map_err(|(_, errno)| anyhow!("cannot lock {}: {errno}", path.display()))
}

/// Where `flowctld` is: `FLOWCTLD_BIN`, else beside this executable, else PATH.
pub fn daemon_binary() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("FLOWCTLD_BIN").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
        && dir.join("flowctld").is_file()
    {
        return Ok(dir.join("flowctld"));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("flowctld"))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            anyhow!(
                "cannot find flowctld beside flowctl or on PATH: install it, or set FLOWCTLD_BIN"
            )
        })
}

async fn spawn_daemon(socket: &Path, daemon_args: &[String]) -> Result<()> {
    let binary = daemon_binary()?;
    let state_dir = flowctl_core::paths::state_dir()?;
    flowctl_core::paths::prepare_private_dir(&state_dir)?;
    let log_path = flowctl_core::paths::daemon_log_file(&state_dir);
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&log_path)
        .with_context(|| format!("cannot open the daemon log {}", log_path.display()))?;
    let start_offset = log.metadata().map(|m| m.len()).unwrap_or(0);
    // Close-on-exec both ends: only the write end is handed on, explicitly.
    let (read_end, write_end) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("cannot create a pipe")?;
    let write_fd = write_end.as_raw_fd();
    let mut command = std::process::Command::new(&binary);
    command
        .arg("--socket")
        .arg(socket)
        .arg("--log-file")
        .arg(&log_path)
        .args(daemon_args)
        .env(flowctl_core::env::READY_FD, write_fd.to_string())
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(move || {
            // Its own session: no terminal's hangup or Ctrl+C reaches it.
            nix::unistd::setsid()?;
            // The write end of the readiness pipe must survive this exec.
            nix::fcntl::fcntl(
                std::os::fd::BorrowedFd::borrow_raw(write_fd),
                nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
            )?;
            Ok(())
        });
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", binary.display()))?;
    drop(write_end);
    let ready = tokio::task::spawn_blocking(move || wait_ready(read_end)).await?;
    // The daemon outlives us: dropping the handle neither waits nor kills.
    if ready {
        drop(child);
        return Ok(());
    }
    let _ = child.try_wait();
    let tail = log_tail(&log_path, start_offset, 20);
    bail!(
        "flowctld failed to start (see {}):\n{}",
        log_path.display(),
        if tail.is_empty() {
            "  (it wrote nothing)".to_string()
        } else {
            tail
        }
    )
}

/// Waits (bounded) for the daemon's "ready" line; false if the pipe closed
/// without one (the daemon died) or the time ran out.
fn wait_ready(read_end: OwnedFd) -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let deadline = std::time::Instant::now() + START_TIMEOUT;
    let mut pipe = std::fs::File::from(read_end);
    let mut buf = [0u8; 64];
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return false;
        }
        let timeout =
            PollTimeout::try_from(left.as_millis().min(60_000) as i32).unwrap_or(PollTimeout::MAX);
        let mut fds = [PollFd::new(
            std::os::fd::AsFd::as_fd(&pipe),
            PollFlags::POLLIN,
        )];
        match poll(&mut fds, timeout) {
            Ok(0) => continue,
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return false,
        }
        return match pipe.read(&mut buf) {
            Ok(n) => n > 0 && buf[..n].starts_with(b"ready"),
            Err(_) => false,
        };
    }
}

/// The last `lines` lines the daemon wrote to its log since `offset`.
fn log_tail(path: &Path, offset: u64, lines: usize) -> String {
    let Ok(text) = std::fs::read(path) else {
        return String::new();
    };
    // Shorter than before the start: the daemon rotated it, so all of it is new.
    let text = String::from_utf8_lossy(text.get(offset as usize..).unwrap_or(&text)).into_owned();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..]
        .iter()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    /// A fresh directory of this test, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir().join(format!("flowctl-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn socket_paths_no_daemon_can_use_are_refused() {
        let tmp = TempDir::new("unusable");
        assert!(refuse_unusable(&tmp.path().join("absent.sock")).is_ok());
        let file = tmp.path().join("flow.yml");
        std::fs::write(&file, "x").unwrap();
        let err = format!("{:#}", refuse_unusable(&file).unwrap_err());
        assert!(err.contains("a regular file"), "{err}");
        let shared = tmp.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
        let err = format!("{:#}", refuse_unusable(&shared.join("s.sock")).unwrap_err());
        assert!(err.contains("writable by others (mode 1777)"), "{err}");
    }
}
