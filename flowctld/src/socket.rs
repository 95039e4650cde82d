//! The daemon's Unix socket: the life-long lock, stale files, permissions.
//!
//! Exactly one daemon may own a socket path. It proves that by holding an
//! exclusive `flock` on `<socket>.lock` for its whole life; the kernel drops
//! the lock when the process dies, however it dies, so a crashed daemon never
//! blocks the next one. Only the holder of that lock removes a socket file
//! left behind by a crash.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{Flock, FlockArg};
use tokio::net::UnixListener;

use crate::error::{Error, Result};
use flowctl_core::paths;

/// Proof that this process owns the socket path; released on drop (and by
/// the kernel when the process exits).
#[derive(Debug)]
pub struct DaemonLock {
    _lock: Flock<File>,
    socket: PathBuf,
}

impl DaemonLock {
    /// Takes the daemon lock for `socket`, or says which daemon holds it.
    pub fn acquire(socket: &Path) -> Result<DaemonLock> {
        let dir = socket.parent().unwrap_or(Path::new("/"));
        paths::prepare_private_dir(dir)?;
        let path = paths::daemon_lock_file(socket);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(|source| Error::Io {
                action: "open lock file",
                path: path.clone(),
                source,
            })?;
        let mut lock = match Flock::lock(file, FlockArg::LockExclusiveNonblock) {
            Ok(lock) => lock,
            Err((mut file, Errno::EWOULDBLOCK)) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let pid = pid.trim();
                return Err(Error::AlreadyRunning {
                    pid: if pid.is_empty() {
                        "unknown".into()
                    } else {
                        pid.into()
                    },
                    socket: socket.to_path_buf(),
                });
            }
            Err((_, errno)) => {
                return Err(Error::Io {
                    action: "lock",
                    path,
                    source: errno.into(),
                });
            }
        };
        // The pid inside is only informational (for the message above).
        let write_pid = |file: &mut File| -> std::io::Result<()> {
            file.set_len(0)?;
            file.rewind()?;
            writeln!(file, "{}", std::process::id())
        };
        write_pid(&mut lock).map_err(|source| Error::Io {
            action: "write lock file",
            path,
            source,
        })?;
        Ok(DaemonLock {
            _lock: lock,
            socket: socket.to_path_buf(),
        })
    }

    /// Binds the socket (mode 0600), first removing a socket a dead daemon
    /// left there: holding the lock proves no live daemon uses it. Anything
    /// else at that path (a file, a directory, another user's socket, a
    /// socket something still answers on) is an error naming it; it is
    /// never removed.
    pub fn bind(&self) -> Result<UnixListener> {
        let socket = &self.socket;
        paths::refuse_foreign(socket, paths::Expect::Socket)?;
        if std::fs::symlink_metadata(socket).is_ok() {
            if std::os::unix::net::UnixStream::connect(socket).is_ok() {
                return Err(Error::SocketInUse(socket.clone()));
            }
            match std::fs::remove_file(socket) {
                Ok(()) => tracing::info!(socket = %socket.display(), "removed stale socket"),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(Error::Io {
                        action: "remove stale socket",
                        path: socket.clone(),
                        source,
                    });
                }
            }
        }
        let listener = UnixListener::bind(socket).map_err(|source| Error::Io {
            action: "bind socket",
            path: socket.clone(),
            source,
        })?;
        std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| Error::Io {
                action: "set permissions of",
                path: socket.clone(),
                source,
            },
        )?;
        Ok(listener)
    }
}

/// Removes the socket file at `socket`; called on shutdown while the lock is
/// still held, so no successor's socket can be removed by mistake.
pub fn remove_socket(socket: &Path) {
    if let Err(err) = std::fs::remove_file(socket)
        && err.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(socket = %socket.display(), %err, "cannot remove socket");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_names_the_first_pid() {
        let tmp = tempfile::tempdir().unwrap();
        let socket = tmp.path().join("run/flowctld.sock");
        let _first = DaemonLock::acquire(&socket).unwrap();
        let err = DaemonLock::acquire(&socket).unwrap_err().to_string();
        assert!(err.contains(&std::process::id().to_string()), "{err}");
    }

    #[tokio::test]
    async fn bind_replaces_a_stale_socket_and_is_private() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("run");
        let socket = dir.join("flowctld.sock");
        let lock = DaemonLock::acquire(&socket).unwrap();
        // A socket nothing listens on any more: what a killed daemon leaves.
        drop(std::os::unix::net::UnixListener::bind(&socket).unwrap());
        let _listener = lock.bind().unwrap();
        let mode = std::fs::metadata(&socket).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        remove_socket(&socket);
        assert!(!socket.exists());
    }

    #[tokio::test]
    async fn bind_never_removes_what_is_not_a_stale_socket() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("run");
        let socket = dir.join("flowctld.sock");
        let lock = DaemonLock::acquire(&socket).unwrap();
        std::fs::write(&socket, "my pipeline").unwrap();
        let err = lock.bind().unwrap_err().to_string();
        assert!(err.contains("a regular file (11 bytes)"), "{err}");
        assert_eq!(std::fs::read_to_string(&socket).unwrap(), "my pipeline");

        std::fs::remove_file(&socket).unwrap();
        std::fs::create_dir(&socket).unwrap();
        let err = lock.bind().unwrap_err().to_string();
        assert!(err.contains("a directory"), "{err}");
        std::fs::remove_dir(&socket).unwrap();

        let _other = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let err = lock.bind().unwrap_err().to_string();
        assert!(err.contains("answers"), "{err}");
        assert!(socket.exists());
    }
}
