
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'flowctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'flowctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'flowctl' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, '`-n NAME` before the command: the older flowctl''s `--namespace`, kept for compatibility (after a command, `-n` is that command''s own flag)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a pipeline: start its components and show them live')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a pipeline file and show its start order')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Components of the active runs (or of one run) and their health')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Registered services (components) of the control plane')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Component logs of a run')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Follow a detached run as `flowctl run` shows it')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a component of an active run by hand (all components without one)')
            [CompletionResult]::new('pipelines', 'pipelines', [CompletionResultType]::ParameterValue, 'Pipelines and their runs')
            [CompletionResult]::new('processors', 'processors', [CompletionResultType]::ParameterValue, 'Processors registered with the control plane, found by event types and metadata')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'Start, stop and inspect the daemon')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Versions of this client (commit, build date, target, Rust) and of the running daemon')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the daemon in the foreground (what `flowctld` does)')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Install flowctld as a systemd or launchd service, or remove it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (or write all of them with --dir)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (or write one per command with --dir)')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'A full-screen view of the runs, their pipelines and components')
            [CompletionResult]::new('translate', 'translate', [CompletionResultType]::ParameterValue, 'Write the pipeline as Kubernetes (or `podman kube play`), Compose, systemd or Nomad files, with flowctld as their control plane')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a starter Stellar pipeline (asks on a terminal; see --preset)')
            [CompletionResult]::new('components', 'components', [CompletionResultType]::ParameterValue, 'Components by reference (`type: name@version`, `image:`): pull, list and remove cached ones')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;run' {
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'With --wait: give up waiting after this long (the run goes on) [default: as long as the components'' start timeouts allow]')
            [CompletionResult]::new('--show-status', '--show-status', [CompletionResultType]::ParameterName, 'Show component progress and a status line (false: only logs)')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'Also write component logs to this directory')
            [CompletionResult]::new('--orchestrator', '--orchestrator', [CompletionResultType]::ParameterName, 'How components are run (only `process` is supported)')
            [CompletionResult]::new('--pull', '--pull', [CompletionResultType]::ParameterName, 'When components named by reference are fetched: `missing` (not cached), `always` (ask the registry, so a moved tag is noticed) or `never` (the cache only)')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)')
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Address of the control-plane listener components register with')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Address of the control-plane listener components register with')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Port of the control-plane listener (0 picks a free port)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of the control-plane listener (0 picks a free port)')
            [CompletionResult]::new('--heartbeat-ttl', '--heartbeat-ttl', [CompletionResultType]::ParameterName, 'How long a component stays healthy without a heartbeat [default: 30s]')
            [CompletionResult]::new('--janitor-interval', '--janitor-interval', [CompletionResultType]::ParameterName, 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Format of the daemon''s own log')
            [CompletionResult]::new('--db-path', '--db-path', [CompletionResultType]::ParameterName, 'Database file of runs and registrations [default: <state dir>/flowctl.redb]')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'File the daemon''s log goes to (set by the client that starts it)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Start this pipeline file as a run when the daemon starts')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'TLS certificate (PEM) the control plane presents')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine')
            [CompletionResult]::new('--metrics-address', '--metrics-address', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Print the run id and return; the run lives until stopped')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Print the run id and return; the run lives until stopped')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Like --detach, but return only once every component is ready (or fail with the reason); the run lives until stopped')
            [CompletionResult]::new('--use-external-control-plane', '--use-external-control-plane', [CompletionResultType]::ParameterName, 'Components register with the control plane already running at --control-plane-address:--control-plane-port (default 127.0.0.1:8080) instead of the local daemon''s; the local daemon still supervises their processes')
            [CompletionResult]::new('--no-persistence', '--no-persistence', [CompletionResultType]::ParameterName, 'Keep runs and registrations in memory only: no database file')
            [CompletionResult]::new('--no-cgroups', '--no-cgroups', [CompletionResultType]::ParameterName, 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)')
            [CompletionResult]::new('--no-spawn', '--no-spawn', [CompletionResultType]::ParameterName, 'Run --pipeline''s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)')
            [CompletionResult]::new('--metrics-allow-remote', '--metrics-allow-remote', [CompletionResultType]::ParameterName, 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;validate' {
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;status' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Seconds between refreshes with --watch [default: 5 for a control plane given by endpoint flags; locally, changes show as they happen unless this is given]')
            [CompletionResult]::new('--include-unhealthy', '--include-unhealthy', [CompletionResultType]::ParameterName, 'Also show components whose heartbeats stopped (false: only those registered HEALTHY or DEGRADED, and processes that never register)')
            [CompletionResult]::new('--control-plane-addr', '--control-plane-addr', [CompletionResultType]::ParameterName, 'The control plane as `host:port` (instead of the two flags)')
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Refresh until interrupted')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Refresh until interrupted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;list' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Query the control plane at `host:port` instead of the local daemon [default: localhost:8080]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Query the control plane at `host:port` instead of the local daemon [default: localhost:8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait (bounded) until the control plane answers')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Print a table (the default unless -o says otherwise)')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'Print a table (the default unless -o says otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;logs' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only this component')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Only this component')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Last N lines per component (0: all)')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'Last N lines per component (0: all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep following new lines until the run ends')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep following new lines until the run ends')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;attach' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;restart' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;pipelines' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Runs of every pipeline, newest first')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'Runs of one pipeline')
            [CompletionResult]::new('active', 'active', [CompletionResultType]::ParameterValue, 'Runs that are starting, running or stopping')
            [CompletionResult]::new('run-info', 'run-info', [CompletionResultType]::ParameterValue, 'One run: its status and components')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a run gracefully')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Run a recorded run again as a new run (same file text, environment and directory)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;pipelines;list' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;pipelines;runs' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N runs, newest first (a negative N: all)')
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;pipelines;active' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;pipelines;run-info' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;pipelines;stop' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;pipelines;restart' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Return once started instead of showing it')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return once started instead of showing it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;pipelines;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Runs of every pipeline, newest first')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'Runs of one pipeline')
            [CompletionResult]::new('active', 'active', [CompletionResultType]::ParameterValue, 'Runs that are starting, running or stopping')
            [CompletionResult]::new('run-info', 'run-info', [CompletionResultType]::ParameterValue, 'One run: its status and components')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a run gracefully')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Run a recorded run again as a new run (same file text, environment and directory)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;pipelines;help;list' {
            break
        }
        'flowctl;pipelines;help;runs' {
            break
        }
        'flowctl;pipelines;help;active' {
            break
        }
        'flowctl;pipelines;help;run-info' {
            break
        }
        'flowctl;pipelines;help;stop' {
            break
        }
        'flowctl;pipelines;help;restart' {
            break
        }
        'flowctl;pipelines;help;help' {
            break
        }
        'flowctl;processors' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every registered processor')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Processors matching every filter given')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One registered component: info, health, heartbeat, metrics')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;processors;list' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Query the control plane at `host:port` instead of the local daemon''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Query the control plane at `host:port` instead of the local daemon''s')
            [CompletionResult]::new('--include-unhealthy', '--include-unhealthy', [CompletionResultType]::ParameterName, 'Also show processors whose heartbeats stopped')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;processors;find' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Query the control plane at `host:port` instead of the local daemon''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Query the control plane at `host:port` instead of the local daemon''s')
            [CompletionResult]::new('--include-unhealthy', '--include-unhealthy', [CompletionResultType]::ParameterName, 'Also show processors whose heartbeats stopped')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Consumes this event type')
            [CompletionResult]::new('--output-type', '--output-type', [CompletionResultType]::ParameterName, 'Produces this event type (`--output TYPE` after `find`, as the older flowctl spelled it, means this too)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Has this metadata entry (repeatable; all must match)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;processors;show' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Query the control plane at `host:port` instead of the local daemon''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Query the control plane at `host:port` instead of the local daemon''s')
            [CompletionResult]::new('--include-unhealthy', '--include-unhealthy', [CompletionResultType]::ParameterName, 'Also show processors whose heartbeats stopped')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;processors;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every registered processor')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Processors matching every filter given')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One registered component: info, health, heartbeat, metrics')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;processors;help;list' {
            break
        }
        'flowctl;processors;help;find' {
            break
        }
        'flowctl;processors;help;show' {
            break
        }
        'flowctl;processors;help;help' {
            break
        }
        'flowctl;daemon' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the daemon in the background (no-op if one runs)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the daemon and everything it runs')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Pid, uptime, socket, control-plane endpoint and versions')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The daemon''s own log')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;daemon;start' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Address of the control-plane listener components register with')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Address of the control-plane listener components register with')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Port of the control-plane listener (0 picks a free port)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of the control-plane listener (0 picks a free port)')
            [CompletionResult]::new('--heartbeat-ttl', '--heartbeat-ttl', [CompletionResultType]::ParameterName, 'How long a component stays healthy without a heartbeat [default: 30s]')
            [CompletionResult]::new('--janitor-interval', '--janitor-interval', [CompletionResultType]::ParameterName, 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Format of the daemon''s own log')
            [CompletionResult]::new('--db-path', '--db-path', [CompletionResultType]::ParameterName, 'Database file of runs and registrations [default: <state dir>/flowctl.redb]')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'File the daemon''s log goes to (set by the client that starts it)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Start this pipeline file as a run when the daemon starts')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'TLS certificate (PEM) the control plane presents')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine')
            [CompletionResult]::new('--metrics-address', '--metrics-address', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--no-persistence', '--no-persistence', [CompletionResultType]::ParameterName, 'Keep runs and registrations in memory only: no database file')
            [CompletionResult]::new('--no-cgroups', '--no-cgroups', [CompletionResultType]::ParameterName, 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)')
            [CompletionResult]::new('--no-spawn', '--no-spawn', [CompletionResultType]::ParameterName, 'Run --pipeline''s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)')
            [CompletionResult]::new('--metrics-allow-remote', '--metrics-allow-remote', [CompletionResultType]::ParameterName, 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;daemon;stop' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--resume-runs', '--resume-runs', [CompletionResultType]::ParameterName, 'Start the active runs again (same ids) when the daemon next starts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;daemon;status' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;daemon;restart' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Address of the control-plane listener components register with')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Address of the control-plane listener components register with')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Port of the control-plane listener (0 picks a free port)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of the control-plane listener (0 picks a free port)')
            [CompletionResult]::new('--heartbeat-ttl', '--heartbeat-ttl', [CompletionResultType]::ParameterName, 'How long a component stays healthy without a heartbeat [default: 30s]')
            [CompletionResult]::new('--janitor-interval', '--janitor-interval', [CompletionResultType]::ParameterName, 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Format of the daemon''s own log')
            [CompletionResult]::new('--db-path', '--db-path', [CompletionResultType]::ParameterName, 'Database file of runs and registrations [default: <state dir>/flowctl.redb]')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'File the daemon''s log goes to (set by the client that starts it)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Start this pipeline file as a run when the daemon starts')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'TLS certificate (PEM) the control plane presents')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine')
            [CompletionResult]::new('--metrics-address', '--metrics-address', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--no-persistence', '--no-persistence', [CompletionResultType]::ParameterName, 'Keep runs and registrations in memory only: no database file')
            [CompletionResult]::new('--no-cgroups', '--no-cgroups', [CompletionResultType]::ParameterName, 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)')
            [CompletionResult]::new('--no-spawn', '--no-spawn', [CompletionResultType]::ParameterName, 'Run --pipeline''s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)')
            [CompletionResult]::new('--metrics-allow-remote', '--metrics-allow-remote', [CompletionResultType]::ParameterName, 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;daemon;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Last N lines')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'Last N lines')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;daemon;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the daemon in the background (no-op if one runs)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the daemon and everything it runs')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Pid, uptime, socket, control-plane endpoint and versions')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The daemon''s own log')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;daemon;help;start' {
            break
        }
        'flowctl;daemon;help;stop' {
            break
        }
        'flowctl;daemon;help;status' {
            break
        }
        'flowctl;daemon;help;restart' {
            break
        }
        'flowctl;daemon;help;logs' {
            break
        }
        'flowctl;daemon;help;help' {
            break
        }
        'flowctl;version' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;server' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Address of the control-plane listener components register with')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Address of the control-plane listener components register with')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Port of the control-plane listener (0 picks a free port)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of the control-plane listener (0 picks a free port)')
            [CompletionResult]::new('--heartbeat-ttl', '--heartbeat-ttl', [CompletionResultType]::ParameterName, 'How long a component stays healthy without a heartbeat [default: 30s]')
            [CompletionResult]::new('--janitor-interval', '--janitor-interval', [CompletionResultType]::ParameterName, 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Format of the daemon''s own log')
            [CompletionResult]::new('--db-path', '--db-path', [CompletionResultType]::ParameterName, 'Database file of runs and registrations [default: <state dir>/flowctl.redb]')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'File the daemon''s log goes to (set by the client that starts it)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Start this pipeline file as a run when the daemon starts')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'TLS certificate (PEM) the control plane presents')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine')
            [CompletionResult]::new('--metrics-address', '--metrics-address', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--no-persistence', '--no-persistence', [CompletionResultType]::ParameterName, 'Keep runs and registrations in memory only: no database file')
            [CompletionResult]::new('--no-cgroups', '--no-cgroups', [CompletionResultType]::ParameterName, 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)')
            [CompletionResult]::new('--no-spawn', '--no-spawn', [CompletionResultType]::ParameterName, 'Run --pipeline''s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)')
            [CompletionResult]::new('--metrics-allow-remote', '--metrics-allow-remote', [CompletionResultType]::ParameterName, 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;service' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Write the unit files (or launchd agent) that run flowctld, and say how to start them')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove what `install` wrote')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Whether the service is installed, enabled and running')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;service;install' {
            [CompletionResult]::new('--manager', '--manager', [CompletionResultType]::ParameterName, 'The service manager to write for [default: systemd on Linux, launchd on macOS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'A service of your user, running while you are logged in (the default)')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'A system service (systemd), running from boot as your account; needs root')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the files and commands, and change nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace (or remove) files that differ from what flowctl writes')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Also run the systemctl/launchctl commands: enable and start, or stop and disable')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;service;uninstall' {
            [CompletionResult]::new('--manager', '--manager', [CompletionResultType]::ParameterName, 'The service manager to write for [default: systemd on Linux, launchd on macOS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'A service of your user, running while you are logged in (the default)')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'A system service (systemd), running from boot as your account; needs root')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the files and commands, and change nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace (or remove) files that differ from what flowctl writes')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Also run the systemctl/launchctl commands: enable and start, or stop and disable')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;service;status' {
            [CompletionResult]::new('--manager', '--manager', [CompletionResultType]::ParameterName, 'The service manager to write for [default: systemd on Linux, launchd on macOS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'A service of your user, running while you are logged in (the default)')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'A system service (systemd), running from boot as your account; needs root')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;service;help' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Write the unit files (or launchd agent) that run flowctld, and say how to start them')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove what `install` wrote')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Whether the service is installed, enabled and running')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;service;help;install' {
            break
        }
        'flowctl;service;help;uninstall' {
            break
        }
        'flowctl;service;help;status' {
            break
        }
        'flowctl;service;help;help' {
            break
        }
        'flowctl;completions' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write the script of every shell (or of SHELL) into DIR instead')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write flowctl.1 and one page per subcommand into DIR instead')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;dashboard' {
            [CompletionResult]::new('--control-plane-address', '--control-plane-address', [CompletionResultType]::ParameterName, 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'Query the control plane on this port instead of the local daemon [default: 8080]')
            [CompletionResult]::new('--tls-ca-cert', '--tls-ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for a control plane that requires one (mTLS)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File holding the bearer token the control plane expects')
            [CompletionResult]::new('--refresh-interval', '--refresh-interval', [CompletionResultType]::ParameterName, 'How often a control plane named by the flags is asked again (the local daemon''s view follows its streams instead)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;translate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Pipeline file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Pipeline file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to write (also `-o`): kubernetes, podman (the Kubernetes objects as `podman kube play` runs them), docker-compose, local, systemd or nomad')
            [CompletionResult]::new('--to-file', '--to-file', [CompletionResultType]::ParameterName, 'Write the main file to F (a new file; see --force); the others of the format beside it')
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write every file of the format into directory D (created if missing)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Put P before every generated name [default: none for Compose, else "<pipeline>-"]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry (and organisation) of images named by `type: name@version`, in place of docker.io/withobsrvr')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'The image of component ID (repeatable)')
            [CompletionResult]::new('--flowctld-image', '--flowctld-image', [CompletionResultType]::ParameterName, 'The image the control plane (flowctld) runs from')
            [CompletionResult]::new('--control-plane-port', '--control-plane-port', [CompletionResultType]::ParameterName, 'The port of the control plane the components register with')
            [CompletionResult]::new('--token-secret', '--token-secret', [CompletionResultType]::ParameterName, 'Secure the control plane with the bearer token in secret NAME (key `token`): a Kubernetes Secret, a directory NAME/ beside the Compose file, /etc/flowctl/NAME/ for systemd, a Nomad Variable at path NAME')
            [CompletionResult]::new('--tls-secret', '--tls-secret', [CompletionResultType]::ParameterName, 'TLS on the control plane from secret NAME (keys `tls.crt`, `tls.key` for the plane''s service name, `ca.crt`; found as --token-secret''s); needs --token-secret')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace files that already exist')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;init' {
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'File to write (default: NAME.yaml); `-o/--output FILE` also works')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Stellar network the source reads')
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Where the events go')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'A network and a destination in one word; never prompts')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Pipeline name (default: stellar-pipeline)')
            [CompletionResult]::new('--start-ledger', '--start-ledger', [CompletionResultType]::ParameterName, 'First ledger to read (default: the network''s latest minus 100)')
            [CompletionResult]::new('--end-ledger', '--end-ledger', [CompletionResultType]::ParameterName, 'Last ledger to read (default: none, keep following new ledgers)')
            [CompletionResult]::new('--ledger-rpc-endpoint', '--ledger-rpc-endpoint', [CompletionResultType]::ParameterName, 'Where to ask for the latest ledger instead of the network''s RPC endpoint (tests, mirrors); the file keeps the network''s endpoint')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt: needs --network and --destination, or --preset')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite the file if it exists')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;components' {
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Cached components: reference, digest, size, last used')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a cached component')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove components not used for a while, and what killed pulls left')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;components;pull' {
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'The executable to take from each image, as a pipeline''s `image:` with `type`/`id` NAME does: NAME under /app, /bin, /usr/bin, /usr/local/bin, or an absolute path in the image [default: the published places /component, /bin/component, /app/component]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('--always', '--always', [CompletionResultType]::ParameterName, 'Ask the registry even for cached references (a moved tag is fetched again)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;components;list' {
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;components;rm' {
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;components;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Remove those not used for this long [default: 30d; 0: all]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]')
            [CompletionResult]::new('--insecure-registry', '--insecure-registry', [CompletionResultType]::ParameterName, 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of listings (`wide`: a table with more columns)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file of a daemon this command starts (the keys of config.toml)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level of a daemon this command starts')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Kept for compatibility with the older flowctl: accepted, does nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'flowctl;components;help' {
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Cached components: reference, digest, size, last used')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a cached component')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove components not used for a while, and what killed pulls left')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;components;help;pull' {
            break
        }
        'flowctl;components;help;list' {
            break
        }
        'flowctl;components;help;rm' {
            break
        }
        'flowctl;components;help;prune' {
            break
        }
        'flowctl;components;help;help' {
            break
        }
        'flowctl;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a pipeline: start its components and show them live')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a pipeline file and show its start order')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Components of the active runs (or of one run) and their health')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Registered services (components) of the control plane')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Component logs of a run')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Follow a detached run as `flowctl run` shows it')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a component of an active run by hand (all components without one)')
            [CompletionResult]::new('pipelines', 'pipelines', [CompletionResultType]::ParameterValue, 'Pipelines and their runs')
            [CompletionResult]::new('processors', 'processors', [CompletionResultType]::ParameterValue, 'Processors registered with the control plane, found by event types and metadata')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'Start, stop and inspect the daemon')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Versions of this client (commit, build date, target, Rust) and of the running daemon')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the daemon in the foreground (what `flowctld` does)')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Install flowctld as a systemd or launchd service, or remove it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (or write all of them with --dir)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (or write one per command with --dir)')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'A full-screen view of the runs, their pipelines and components')
            [CompletionResult]::new('translate', 'translate', [CompletionResultType]::ParameterValue, 'Write the pipeline as Kubernetes (or `podman kube play`), Compose, systemd or Nomad files, with flowctld as their control plane')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a starter Stellar pipeline (asks on a terminal; see --preset)')
            [CompletionResult]::new('components', 'components', [CompletionResultType]::ParameterValue, 'Components by reference (`type: name@version`, `image:`): pull, list and remove cached ones')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'flowctl;help;run' {
            break
        }
        'flowctl;help;validate' {
            break
        }
        'flowctl;help;status' {
            break
        }
        'flowctl;help;list' {
            break
        }
        'flowctl;help;logs' {
            break
        }
        'flowctl;help;attach' {
            break
        }
        'flowctl;help;restart' {
            break
        }
        'flowctl;help;pipelines' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Runs of every pipeline, newest first')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'Runs of one pipeline')
            [CompletionResult]::new('active', 'active', [CompletionResultType]::ParameterValue, 'Runs that are starting, running or stopping')
            [CompletionResult]::new('run-info', 'run-info', [CompletionResultType]::ParameterValue, 'One run: its status and components')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a run gracefully')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Run a recorded run again as a new run (same file text, environment and directory)')
            break
        }
        'flowctl;help;pipelines;list' {
            break
        }
        'flowctl;help;pipelines;runs' {
            break
        }
        'flowctl;help;pipelines;active' {
            break
        }
        'flowctl;help;pipelines;run-info' {
            break
        }
        'flowctl;help;pipelines;stop' {
            break
        }
        'flowctl;help;pipelines;restart' {
            break
        }
        'flowctl;help;processors' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every registered processor')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Processors matching every filter given')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One registered component: info, health, heartbeat, metrics')
            break
        }
        'flowctl;help;processors;list' {
            break
        }
        'flowctl;help;processors;find' {
            break
        }
        'flowctl;help;processors;show' {
            break
        }
        'flowctl;help;daemon' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the daemon in the background (no-op if one runs)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the daemon and everything it runs')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Pid, uptime, socket, control-plane endpoint and versions')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The daemon''s own log')
            break
        }
        'flowctl;help;daemon;start' {
            break
        }
        'flowctl;help;daemon;stop' {
            break
        }
        'flowctl;help;daemon;status' {
            break
        }
        'flowctl;help;daemon;restart' {
            break
        }
        'flowctl;help;daemon;logs' {
            break
        }
        'flowctl;help;version' {
            break
        }
        'flowctl;help;server' {
            break
        }
        'flowctl;help;service' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Write the unit files (or launchd agent) that run flowctld, and say how to start them')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove what `install` wrote')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Whether the service is installed, enabled and running')
            break
        }
        'flowctl;help;service;install' {
            break
        }
        'flowctl;help;service;uninstall' {
            break
        }
        'flowctl;help;service;status' {
            break
        }
        'flowctl;help;completions' {
            break
        }
        'flowctl;help;man' {
            break
        }
        'flowctl;help;dashboard' {
            break
        }
        'flowctl;help;translate' {
            break
        }
        'flowctl;help;init' {
            break
        }
        'flowctl;help;components' {
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Cached components: reference, digest, size, last used')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a cached component')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove components not used for a while, and what killed pulls left')
            break
        }
        'flowctl;help;components;pull' {
            break
        }
        'flowctl;help;components;list' {
            break
        }
        'flowctl;help;components;rm' {
            break
        }
        'flowctl;help;components;prune' {
            break
        }
        'flowctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
