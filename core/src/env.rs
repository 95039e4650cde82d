//! Names of the environment variables flowctl reads or sets, in one place.

/// Names the daemon's socket, below the `--socket` flag.
pub const SOCKET: &str = "FLOWCTL_SOCKET";
/// How long `flowctl` waits for the daemon to answer, below `--timeout`.
pub const TIMEOUT: &str = "FLOWCTL_TIMEOUT";
/// Moves the daemon's state directory (database, logs).
pub const STATE_DIR: &str = "FLOWCTL_STATE_DIR";
/// A pipe the daemon writes `ready <pid>` to once it answers on its socket;
/// set by the client that starts it.
pub const READY_FD: &str = "FLOWCTL_READY_FD";
/// Marks every process a daemon started, so that what escapes its group is
/// still found when that daemon is gone.
pub const DAEMON_INSTANCE: &str = "FLOWCTL_DAEMON_INSTANCE";

// Set for every component (COMPAT.md 3), over the pipeline's own `env`.

/// `true`: the component should talk to a control plane.
pub const ENABLE_FLOWCTL: &str = "ENABLE_FLOWCTL";
/// `host:port` of the control plane the component registers with.
pub const ENDPOINT: &str = "FLOWCTL_ENDPOINT";
/// The component's id in the pipeline file.
pub const SERVICE_ID: &str = "FLOWCTL_SERVICE_ID";
/// The component's id in the pipeline file (what the SDK registers under).
pub const COMPONENT_ID: &str = "FLOWCTL_COMPONENT_ID";
/// How often the component should heartbeat, e.g. `10s`.
pub const HEARTBEAT_INTERVAL: &str = "FLOWCTL_HEARTBEAT_INTERVAL";
/// The run the component belongs to; also how escaped processes are found.
pub const RUN_ID: &str = "FLOWCTL_RUN_ID";

// Set only when the pipeline does not set them.

/// A free port for the component's health endpoint.
pub const HEALTH_PORT: &str = "HEALTH_PORT";
/// The SDK helper's display name (= the component id).
pub const PLAIN_COMPONENT_ID: &str = "COMPONENT_ID";
/// The SDK examples' service id (= the component id).
pub const PLAIN_SERVICE_ID: &str = "SERVICE_ID";

// Read from the service manager.

/// systemd's notification socket (`READY=1`, `WATCHDOG=1`).
pub const NOTIFY_SOCKET: &str = "NOTIFY_SOCKET";
/// Socket activation: how many descriptors were passed.
pub const LISTEN_FDS: &str = "LISTEN_FDS";

// Read by components that reach a secured control plane (the example
// components; what `flowctl translate` sets for `flowctld --tls-.../--token-file`).

/// PEM file of the CA that signed the control plane's certificate.
pub const TLS_CA: &str = "FLOWCTL_TLS_CA";
/// PEM file of the component's client certificate (mTLS).
pub const TLS_CERT: &str = "FLOWCTL_TLS_CERT";
/// PEM file of the key of [`TLS_CERT`].
pub const TLS_KEY: &str = "FLOWCTL_TLS_KEY";
/// The bearer token sent as `authorization: Bearer <token>`.
pub const TOKEN: &str = "FLOWCTL_TOKEN";
/// A file holding the bearer token.
pub const TOKEN_FILE: &str = "FLOWCTL_TOKEN_FILE";
