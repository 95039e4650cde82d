//! Where flowctl keeps things: the daemon's socket, its state and its config.
//!
//! Both binaries resolve locations through this one module, so the client
//! always looks where the daemon listens. Every location can be moved by an
//! environment variable, which is how tests isolate themselves completely.

use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Environment variable naming the socket, below the `--socket` flag.
pub const SOCKET_ENV: &str = crate::env::SOCKET;

/// Longest path a Unix socket address can hold (`sun_path` less its NUL).
#[cfg(target_os = "linux")]
pub const MAX_SOCKET_PATH: usize = 107;
#[cfg(not(target_os = "linux"))]
pub const MAX_SOCKET_PATH: usize = 103;

/// The socket path: the flag, else `FLOWCTL_SOCKET`, else
/// `$XDG_RUNTIME_DIR/flowctl/flowctld.sock`, else `<tmp>/flowctl-<uid>/flowctld.sock`.
///
/// The parent directory is created private (0700) when it is ours to create,
/// and a shared one (owned by someone else or readable by others) is refused.
pub fn socket_path(flag: Option<&Path>) -> Result<PathBuf> {
    let path = match flag {
        Some(path) => path.to_path_buf(),
        None => match non_empty_env(SOCKET_ENV) {
            Some(path) => PathBuf::from(path),
            None => default_socket_path(),
        },
    };
    check_socket_path(&path)?;
    Ok(absolute(&path))
}

fn default_socket_path() -> PathBuf {
    match non_empty_env("XDG_RUNTIME_DIR") {
        Some(runtime) => Path::new(&runtime).join("flowctl").join("flowctld.sock"),
        None => std::env::temp_dir()
            .join(format!("flowctl-{}", nix::unistd::getuid()))
            .join("flowctld.sock"),
    }
}

/// Refuses a socket path the kernel cannot bind, before anything tries to.
pub fn check_socket_path(path: &Path) -> Result<()> {
    let len = absolute(path).as_os_str().len();
    if len > MAX_SOCKET_PATH {
        return Err(Error::SocketPathTooLong {
            path: path.to_path_buf(),
            len,
            max: MAX_SOCKET_PATH,
        });
    }
    Ok(())
}

/// Creates the socket's directory if needed (0700) and checks that it is
/// private to this user: a directory others can write into or read would let
/// them replace or watch the socket.
pub fn prepare_private_dir(dir: &Path) -> Result<()> {
    match std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
    {
        Ok(()) => {}
        Err(source) => {
            return Err(Error::Io {
                action: "create directory",
                path: dir.to_path_buf(),
                source,
            });
        }
    }
    let meta = std::fs::metadata(dir).map_err(|source| Error::Io {
        action: "inspect directory",
        path: dir.to_path_buf(),
        source,
    })?;
    let uid = nix::unistd::getuid().as_raw();
    if meta.uid() != uid {
        return Err(Error::UnsafeDirectory {
            path: dir.to_path_buf(),
            reason: format!("it is owned by uid {}, not by you (uid {uid})", meta.uid()),
        });
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(Error::UnsafeDirectory {
            path: dir.to_path_buf(),
            reason: format!("its mode is {mode:04o}; it must be 0700"),
        });
    }
    Ok(())
}

/// Where the daemon keeps its database, logs of runs and its own log.
///
/// `$XDG_STATE_HOME/flowctl` (default `~/.local/state/flowctl`) on Linux; the
/// platform's data directory elsewhere. `FLOWCTL_STATE_DIR` overrides it.
pub fn state_dir() -> Result<PathBuf> {
    if let Some(dir) = non_empty_env(crate::env::STATE_DIR) {
        return Ok(absolute(Path::new(&dir)));
    }
    let dirs = project_dirs()?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf())
}

/// Where `config.toml` lives: `$XDG_CONFIG_HOME/flowctl` on Linux.
pub fn config_dir() -> Result<PathBuf> {
    Ok(project_dirs()?.config_dir().to_path_buf())
}

/// The daemon's default config file.
pub fn config_file() -> Result<PathBuf> {
    Ok(config_dir()?.join("config.toml"))
}

/// The log a client-started daemon writes to.
pub fn daemon_log_file(state_dir: &Path) -> PathBuf {
    state_dir.join("flowctld.log")
}

/// The lock the daemon holds for its whole life, beside its socket.
pub fn daemon_lock_file(socket: &Path) -> PathBuf {
    sibling(socket, ".lock")
}

/// The lock clients take while starting a daemon, beside the socket.
pub fn spawn_lock_file(socket: &Path) -> PathBuf {
    sibling(socket, ".spawn.lock")
}

fn sibling(socket: &Path, suffix: &str) -> PathBuf {
    let mut name = socket.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn project_dirs() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "flowctl").ok_or(Error::NoHomeDirectory)
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_socket_path_is_an_error_not_a_panic() {
        let long = PathBuf::from(format!("/tmp/{}/s.sock", "x".repeat(200)));
        let err = check_socket_path(&long).unwrap_err().to_string();
        assert!(err.contains("too long"), "{err}");
    }

    #[test]
    fn private_dir_is_created_0700_and_a_wide_one_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        prepare_private_dir(&dir).unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);

        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let err = prepare_private_dir(&dir).unwrap_err().to_string();
        assert!(err.contains("0755"), "{err}");
    }

    #[test]
    fn locks_sit_beside_the_socket() {
        let socket = Path::new("/run/x/flowctld.sock");
        assert_eq!(
            daemon_lock_file(socket),
            Path::new("/run/x/flowctld.sock.lock")
        );
        assert_eq!(
            spawn_lock_file(socket),
            Path::new("/run/x/flowctld.sock.spawn.lock")
        );
    }
}
