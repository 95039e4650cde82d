//! Where flowctl keeps things: the daemon's socket, its state and its config.
//!
//! Both binaries resolve locations through this one module, so the client
//! always looks where the daemon listens. Every location can be moved by an
//! environment variable, which is how tests isolate themselves completely.

use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, PermissionsExt};
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

/// What flowctl would create at a path, and so may reuse or replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A Unix socket of this user (a daemon's socket, live or stale).
    Socket,
    /// A directory of this user.
    Directory,
    /// A redb database file of this user (or an empty file).
    Database,
}

impl Expect {
    fn noun(self) -> &'static str {
        match self {
            Expect::Socket => "a socket",
            Expect::Directory => "a directory",
            Expect::Database => "a flowctl database",
        }
    }
}

/// The first bytes of every redb file.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

/// Refuses a path that exists and is not what flowctl would have created
/// there, so that a mistyped `--socket flow.yml` or `--db-path notes.txt`
/// never destroys the user's file. A path that does not exist is fine.
pub fn refuse_foreign(path: &Path, expect: Expect) -> Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                action: "inspect",
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let uid = nix::unistd::getuid().as_raw();
    let found = describe(path, &meta);
    let fits = meta.uid() == uid
        && match expect {
            Expect::Socket => meta.file_type().is_socket(),
            Expect::Directory => meta.is_dir(),
            Expect::Database => meta.is_file() && (meta.len() == 0 || has_redb_magic(path)),
        };
    if fits {
        return Ok(());
    }
    let owner = if meta.uid() == uid {
        String::new()
    } else {
        format!(" owned by uid {}", meta.uid())
    };
    Err(Error::Foreign {
        path: path.to_path_buf(),
        found: format!("{found}{owner}"),
        expected: expect.noun(),
    })
}

fn has_redb_magic(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; REDB_MAGIC.len()];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut head))
        .is_ok_and(|()| head == REDB_MAGIC)
}

/// What a file is, in words: `a regular file (12 bytes)`, `a directory`...
fn describe(path: &Path, meta: &std::fs::Metadata) -> String {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_symlink() {
        let target = std::fs::read_link(path).unwrap_or_default();
        format!("a symbolic link to {}", target.display())
    } else if kind.is_dir() {
        "a directory".into()
    } else if kind.is_socket() {
        "a socket".into()
    } else if kind.is_fifo() {
        "a named pipe".into()
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device".into()
    } else if meta.len() == 0 {
        "an empty regular file".into()
    } else {
        format!("a regular file ({} bytes)", meta.len())
    }
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
    fn foreign_files_are_refused_and_named() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("flow.yml");
        std::fs::write(&file, "apiVersion: flowctl/v1\n").unwrap();
        let err = refuse_foreign(&file, Expect::Socket)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a regular file (23 bytes)"), "{err}");
        assert!(err.contains("not a socket"), "{err}");
        let err = refuse_foreign(&file, Expect::Database)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a flowctl database"), "{err}");
        let err = refuse_foreign(tmp.path(), Expect::Socket)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a directory"), "{err}");
        let err = refuse_foreign(&file, Expect::Directory)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a directory"), "{err}");
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let err = refuse_foreign(&link, Expect::Socket)
            .unwrap_err()
            .to_string();
        assert!(err.contains("symbolic link"), "{err}");

        assert!(refuse_foreign(&tmp.path().join("absent"), Expect::Socket).is_ok());
        assert!(refuse_foreign(tmp.path(), Expect::Directory).is_ok());
        let empty = tmp.path().join("empty.redb");
        std::fs::write(&empty, "").unwrap();
        assert!(refuse_foreign(&empty, Expect::Database).is_ok());
        let db = tmp.path().join("x.redb");
        std::fs::write(&db, [&REDB_MAGIC[..], b"rest"].concat()).unwrap();
        assert!(refuse_foreign(&db, Expect::Database).is_ok());
        let socket = tmp.path().join("s.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert!(refuse_foreign(&socket, Expect::Socket).is_ok());
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
