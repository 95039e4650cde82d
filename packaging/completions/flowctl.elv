
use builtin;
use str;

set edit:completion:arg-completer[flowctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'flowctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'flowctl'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand -n '`-n NAME` before the command: the older flowctl''s `--namespace`, kept for compatibility (after a command, `-n` is that command''s own flag)'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand run 'Run a pipeline: start its components and show them live'
            cand validate 'Check a pipeline file and show its start order'
            cand status 'Components of the active runs (or of one run) and their health'
            cand list 'Registered services (components) of the control plane'
            cand logs 'Component logs of a run'
            cand attach 'Follow a detached run as `flowctl run` shows it'
            cand restart 'Restart a component of an active run by hand (all components without one)'
            cand pipelines 'Pipelines and their runs'
            cand processors 'Processors registered with the control plane, found by event types and metadata'
            cand daemon 'Start, stop and inspect the daemon'
            cand version 'Versions of this client (commit, build date, target, Rust) and of the running daemon'
            cand server 'Run the daemon in the foreground (what `flowctld` does)'
            cand service 'Install flowctld as a systemd or launchd service, or remove it'
            cand completions 'Print a shell completion script (or write all of them with --dir)'
            cand man 'Print the manual page (or write one per command with --dir)'
            cand dashboard 'A full-screen view of the runs, their pipelines and components'
            cand translate 'Write the pipeline as Kubernetes (or `podman kube play`), Compose, systemd or Nomad files, with flowctld as their control plane'
            cand init 'Write a starter Stellar pipeline (asks on a terminal; see --preset)'
            cand components 'Components by reference (`type: name@version`, `image:`): pull, list and remove cached ones'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;run'= {
            cand --wait-timeout 'With --wait: give up waiting after this long (the run goes on) [default: as long as the components'' start timeouts allow]'
            cand --show-status 'Show component progress and a status line (false: only logs)'
            cand --log-dir 'Also write component logs to this directory'
            cand --orchestrator 'How components are run (only `process` is supported)'
            cand --pull 'When components named by reference are fetched: `missing` (not cached), `always` (ask the registry, so a moved tag is noticed) or `never` (the cache only)'
            cand --registry 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]'
            cand --org 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]'
            cand --insecure-registry 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)'
            cand --control-plane-address 'Address of the control-plane listener components register with'
            cand --address 'Address of the control-plane listener components register with'
            cand --control-plane-port 'Port of the control-plane listener (0 picks a free port)'
            cand --port 'Port of the control-plane listener (0 picks a free port)'
            cand --heartbeat-ttl 'How long a component stays healthy without a heartbeat [default: 30s]'
            cand --janitor-interval 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]'
            cand --log-format 'Format of the daemon''s own log'
            cand --db-path 'Database file of runs and registrations [default: <state dir>/flowctl.redb]'
            cand --log-file 'File the daemon''s log goes to (set by the client that starts it)'
            cand --pipeline 'Start this pipeline file as a run when the daemon starts'
            cand --tls-cert 'TLS certificate (PEM) the control plane presents'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --tls-ca-cert 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)'
            cand --token-file 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine'
            cand --metrics-address 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -d 'Print the run id and return; the run lives until stopped'
            cand --detach 'Print the run id and return; the run lives until stopped'
            cand --wait 'Like --detach, but return only once every component is ready (or fail with the reason); the run lives until stopped'
            cand --use-external-control-plane 'Components register with the control plane already running at --control-plane-address:--control-plane-port (default 127.0.0.1:8080) instead of the local daemon''s; the local daemon still supervises their processes'
            cand --no-persistence 'Keep runs and registrations in memory only: no database file'
            cand --no-cgroups 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
            cand --no-spawn 'Run --pipeline''s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id'
            cand --insecure 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)'
            cand --metrics-allow-remote 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;validate'= {
            cand --registry 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]'
            cand --org 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]'
            cand --insecure-registry 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;status'= {
            cand --interval 'Seconds between refreshes with --watch [default: 5 for a control plane given by endpoint flags; locally, changes show as they happen unless this is given]'
            cand --include-unhealthy 'Also show components whose heartbeats stopped (false: only those registered HEALTHY or DEGRADED, and processes that never register)'
            cand --control-plane-addr 'The control plane as `host:port` (instead of the two flags)'
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -w 'Refresh until interrupted'
            cand --watch 'Refresh until interrupted'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;list'= {
            cand -e 'Query the control plane at `host:port` instead of the local daemon [default: localhost:8080]'
            cand --endpoint 'Query the control plane at `host:port` instead of the local daemon [default: localhost:8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --wait 'Wait (bounded) until the control plane answers'
            cand -t 'Print a table (the default unless -o says otherwise)'
            cand --table 'Print a table (the default unless -o says otherwise)'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;logs'= {
            cand -c 'Only this component'
            cand --component 'Only this component'
            cand -n 'Last N lines per component (0: all)'
            cand --lines 'Last N lines per component (0: all)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -f 'Keep following new lines until the run ends'
            cand --follow 'Keep following new lines until the run ends'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;attach'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;restart'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines'= {
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Runs of every pipeline, newest first'
            cand runs 'Runs of one pipeline'
            cand active 'Runs that are starting, running or stopping'
            cand run-info 'One run: its status and components'
            cand stop 'Stop a run gracefully'
            cand restart 'Run a recorded run again as a new run (same file text, environment and directory)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;pipelines;list'= {
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;runs'= {
            cand --limit 'At most N runs, newest first (a negative N: all)'
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;active'= {
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;run-info'= {
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;stop'= {
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;restart'= {
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -d 'Return once started instead of showing it'
            cand --detach 'Return once started instead of showing it'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;help'= {
            cand list 'Runs of every pipeline, newest first'
            cand runs 'Runs of one pipeline'
            cand active 'Runs that are starting, running or stopping'
            cand run-info 'One run: its status and components'
            cand stop 'Stop a run gracefully'
            cand restart 'Run a recorded run again as a new run (same file text, environment and directory)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;pipelines;help;list'= {
        }
        &'flowctl;pipelines;help;runs'= {
        }
        &'flowctl;pipelines;help;active'= {
        }
        &'flowctl;pipelines;help;run-info'= {
        }
        &'flowctl;pipelines;help;stop'= {
        }
        &'flowctl;pipelines;help;restart'= {
        }
        &'flowctl;pipelines;help;help'= {
        }
        &'flowctl;processors'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every registered processor'
            cand find 'Processors matching every filter given'
            cand show 'One registered component: info, health, heartbeat, metrics'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;processors;list'= {
            cand -e 'Query the control plane at `host:port` instead of the local daemon''s'
            cand --endpoint 'Query the control plane at `host:port` instead of the local daemon''s'
            cand --include-unhealthy 'Also show processors whose heartbeats stopped'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;processors;find'= {
            cand -e 'Query the control plane at `host:port` instead of the local daemon''s'
            cand --endpoint 'Query the control plane at `host:port` instead of the local daemon''s'
            cand --include-unhealthy 'Also show processors whose heartbeats stopped'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand --input 'Consumes this event type'
            cand --output-type 'Produces this event type (`--output TYPE` after `find`, as the older flowctl spelled it, means this too)'
            cand --metadata 'Has this metadata entry (repeatable; all must match)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;processors;show'= {
            cand -e 'Query the control plane at `host:port` instead of the local daemon''s'
            cand --endpoint 'Query the control plane at `host:port` instead of the local daemon''s'
            cand --include-unhealthy 'Also show processors whose heartbeats stopped'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;processors;help'= {
            cand list 'Every registered processor'
            cand find 'Processors matching every filter given'
            cand show 'One registered component: info, health, heartbeat, metrics'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;processors;help;list'= {
        }
        &'flowctl;processors;help;find'= {
        }
        &'flowctl;processors;help;show'= {
        }
        &'flowctl;processors;help;help'= {
        }
        &'flowctl;daemon'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Start the daemon in the background (no-op if one runs)'
            cand stop 'Stop the daemon and everything it runs'
            cand status 'Pid, uptime, socket, control-plane endpoint and versions'
            cand restart 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
            cand logs 'The daemon''s own log'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;daemon;start'= {
            cand --control-plane-address 'Address of the control-plane listener components register with'
            cand --address 'Address of the control-plane listener components register with'
            cand --control-plane-port 'Port of the control-plane listener (0 picks a free port)'
            cand --port 'Port of the control-plane listener (0 picks a free port)'
            cand --heartbeat-ttl 'How long a component stays healthy without a heartbeat [default: 30s]'
            cand --janitor-interval 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]'
            cand --log-format 'Format of the daemon''s own log'
            cand --db-path 'Database file of runs and registrations [default: <state dir>/flowctl.redb]'
            cand --log-file 'File the daemon''s log goes to (set by the client that starts it)'
            cand --pipeline 'Start this pipeline file as a run when the daemon starts'
            cand --tls-cert 'TLS certificate (PEM) the control plane presents'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --tls-ca-cert 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)'
            cand --token-file 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine'
            cand --metrics-address 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --no-persistence 'Keep runs and registrations in memory only: no database file'
            cand --no-cgroups 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
            cand --no-spawn 'Run --pipeline''s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id'
            cand --insecure 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)'
            cand --metrics-allow-remote 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;stop'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --resume-runs 'Start the active runs again (same ids) when the daemon next starts'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;status'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;restart'= {
            cand --control-plane-address 'Address of the control-plane listener components register with'
            cand --address 'Address of the control-plane listener components register with'
            cand --control-plane-port 'Port of the control-plane listener (0 picks a free port)'
            cand --port 'Port of the control-plane listener (0 picks a free port)'
            cand --heartbeat-ttl 'How long a component stays healthy without a heartbeat [default: 30s]'
            cand --janitor-interval 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]'
            cand --log-format 'Format of the daemon''s own log'
            cand --db-path 'Database file of runs and registrations [default: <state dir>/flowctl.redb]'
            cand --log-file 'File the daemon''s log goes to (set by the client that starts it)'
            cand --pipeline 'Start this pipeline file as a run when the daemon starts'
            cand --tls-cert 'TLS certificate (PEM) the control plane presents'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --tls-ca-cert 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)'
            cand --token-file 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine'
            cand --metrics-address 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --no-persistence 'Keep runs and registrations in memory only: no database file'
            cand --no-cgroups 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
            cand --no-spawn 'Run --pipeline''s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id'
            cand --insecure 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)'
            cand --metrics-allow-remote 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;logs'= {
            cand -n 'Last N lines'
            cand --lines 'Last N lines'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;help'= {
            cand start 'Start the daemon in the background (no-op if one runs)'
            cand stop 'Stop the daemon and everything it runs'
            cand status 'Pid, uptime, socket, control-plane endpoint and versions'
            cand restart 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
            cand logs 'The daemon''s own log'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;daemon;help;start'= {
        }
        &'flowctl;daemon;help;stop'= {
        }
        &'flowctl;daemon;help;status'= {
        }
        &'flowctl;daemon;help;restart'= {
        }
        &'flowctl;daemon;help;logs'= {
        }
        &'flowctl;daemon;help;help'= {
        }
        &'flowctl;version'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;server'= {
            cand --control-plane-address 'Address of the control-plane listener components register with'
            cand --address 'Address of the control-plane listener components register with'
            cand --control-plane-port 'Port of the control-plane listener (0 picks a free port)'
            cand --port 'Port of the control-plane listener (0 picks a free port)'
            cand --heartbeat-ttl 'How long a component stays healthy without a heartbeat [default: 30s]'
            cand --janitor-interval 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]'
            cand --log-format 'Format of the daemon''s own log'
            cand --db-path 'Database file of runs and registrations [default: <state dir>/flowctl.redb]'
            cand --log-file 'File the daemon''s log goes to (set by the client that starts it)'
            cand --pipeline 'Start this pipeline file as a run when the daemon starts'
            cand --tls-cert 'TLS certificate (PEM) the control plane presents'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --tls-ca-cert 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)'
            cand --token-file 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine'
            cand --metrics-address 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --no-persistence 'Keep runs and registrations in memory only: no database file'
            cand --no-cgroups 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
            cand --no-spawn 'Run --pipeline''s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id'
            cand --insecure 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)'
            cand --metrics-allow-remote 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;service'= {
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand install 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
            cand uninstall 'Remove what `install` wrote'
            cand status 'Whether the service is installed, enabled and running'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;service;install'= {
            cand --manager 'The service manager to write for [default: systemd on Linux, launchd on macOS]'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --user 'A service of your user, running while you are logged in (the default)'
            cand --system 'A system service (systemd), running from boot as your account; needs root'
            cand --dry-run 'Print the files and commands, and change nothing'
            cand --force 'Replace (or remove) files that differ from what flowctl writes'
            cand --now 'Also run the systemctl/launchctl commands: enable and start, or stop and disable'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;service;uninstall'= {
            cand --manager 'The service manager to write for [default: systemd on Linux, launchd on macOS]'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --user 'A service of your user, running while you are logged in (the default)'
            cand --system 'A system service (systemd), running from boot as your account; needs root'
            cand --dry-run 'Print the files and commands, and change nothing'
            cand --force 'Replace (or remove) files that differ from what flowctl writes'
            cand --now 'Also run the systemctl/launchctl commands: enable and start, or stop and disable'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;service;status'= {
            cand --manager 'The service manager to write for [default: systemd on Linux, launchd on macOS]'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --user 'A service of your user, running while you are logged in (the default)'
            cand --system 'A system service (systemd), running from boot as your account; needs root'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;service;help'= {
            cand install 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
            cand uninstall 'Remove what `install` wrote'
            cand status 'Whether the service is installed, enabled and running'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;service;help;install'= {
        }
        &'flowctl;service;help;uninstall'= {
        }
        &'flowctl;service;help;status'= {
        }
        &'flowctl;service;help;help'= {
        }
        &'flowctl;completions'= {
            cand --dir 'Write the script of every shell (or of SHELL) into DIR instead'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;man'= {
            cand --dir 'Write flowctl.1 and one page per subcommand into DIR instead'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;dashboard'= {
            cand --control-plane-address 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]'
            cand --control-plane-port 'Query the control plane on this port instead of the local daemon [default: 8080]'
            cand --tls-ca-cert 'CA certificate (PEM) to verify the control plane''s TLS certificate with; dials over TLS'
            cand --tls-cert 'Client certificate (PEM) for a control plane that requires one (mTLS)'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --token-file 'File holding the bearer token the control plane expects'
            cand --refresh-interval 'How often a control plane named by the flags is asked again (the local daemon''s view follows its streams instead)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;translate'= {
            cand -f 'Pipeline file'
            cand --file 'Pipeline file'
            cand --format 'What to write (also `-o`): kubernetes, podman (the Kubernetes objects as `podman kube play` runs them), docker-compose, local, systemd or nomad'
            cand --to-file 'Write the main file to F (a new file; see --force); the others of the format beside it'
            cand --out-dir 'Write every file of the format into directory D (created if missing)'
            cand --prefix 'Put P before every generated name [default: none for Compose, else "<pipeline>-"]'
            cand --registry 'Registry (and organisation) of images named by `type: name@version`, in place of docker.io/withobsrvr'
            cand --image 'The image of component ID (repeatable)'
            cand --flowctld-image 'The image the control plane (flowctld) runs from'
            cand --control-plane-port 'The port of the control plane the components register with'
            cand --token-secret 'Secure the control plane with the bearer token in secret NAME (key `token`): a Kubernetes Secret, a directory NAME/ beside the Compose file, /etc/flowctl/NAME/ for systemd, a Nomad Variable at path NAME'
            cand --tls-secret 'TLS on the control plane from secret NAME (keys `tls.crt`, `tls.key` for the plane''s service name, `ca.crt`; found as --token-secret''s); needs --token-secret'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --force 'Replace files that already exist'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;init'= {
            cand --output-file 'File to write (default: NAME.yaml); `-o/--output FILE` also works'
            cand --network 'Stellar network the source reads'
            cand --destination 'Where the events go'
            cand --preset 'A network and a destination in one word; never prompts'
            cand --name 'Pipeline name (default: stellar-pipeline)'
            cand --start-ledger 'First ledger to read (default: the network''s latest minus 100)'
            cand --end-ledger 'Last ledger to read (default: none, keep following new ledgers)'
            cand --ledger-rpc-endpoint 'Where to ask for the latest ledger instead of the network''s RPC endpoint (tests, mirrors); the file keeps the network''s endpoint'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --non-interactive 'Never prompt: needs --network and --destination, or --preset'
            cand --force 'Overwrite the file if it exists'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;components'= {
            cand --registry 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]'
            cand --org 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]'
            cand --insecure-registry 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand pull 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)'
            cand list 'Cached components: reference, digest, size, last used'
            cand rm 'Remove a cached component'
            cand prune 'Remove components not used for a while, and what killed pulls left'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;components;pull'= {
            cand --exec 'The executable to take from each image, as a pipeline''s `image:` with `type`/`id` NAME does: NAME under /app, /bin, /usr/bin, /usr/local/bin, or an absolute path in the image [default: the published places /component, /bin/component, /app/component]'
            cand --registry 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]'
            cand --org 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]'
            cand --insecure-registry 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand --always 'Ask the registry even for cached references (a moved tag is fetched again)'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;components;list'= {
            cand --registry 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]'
            cand --org 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]'
            cand --insecure-registry 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;components;rm'= {
            cand --registry 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]'
            cand --org 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]'
            cand --insecure-registry 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;components;prune'= {
            cand --older-than 'Remove those not used for this long [default: 30d; 0: all]'
            cand --registry 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]'
            cand --org 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]'
            cand --insecure-registry 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)'
            cand -o 'Output format of listings (`wide`: a table with more columns)'
            cand --output 'Output format of listings (`wide`: a table with more columns)'
            cand --config 'Config file of a daemon this command starts (the keys of config.toml)'
            cand --context 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --namespace 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --timeout 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer'
            cand -y 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand --yes 'Kept for compatibility with the older flowctl: accepted, does nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;components;help'= {
            cand pull 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)'
            cand list 'Cached components: reference, digest, size, last used'
            cand rm 'Remove a cached component'
            cand prune 'Remove components not used for a while, and what killed pulls left'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;components;help;pull'= {
        }
        &'flowctl;components;help;list'= {
        }
        &'flowctl;components;help;rm'= {
        }
        &'flowctl;components;help;prune'= {
        }
        &'flowctl;components;help;help'= {
        }
        &'flowctl;help'= {
            cand run 'Run a pipeline: start its components and show them live'
            cand validate 'Check a pipeline file and show its start order'
            cand status 'Components of the active runs (or of one run) and their health'
            cand list 'Registered services (components) of the control plane'
            cand logs 'Component logs of a run'
            cand attach 'Follow a detached run as `flowctl run` shows it'
            cand restart 'Restart a component of an active run by hand (all components without one)'
            cand pipelines 'Pipelines and their runs'
            cand processors 'Processors registered with the control plane, found by event types and metadata'
            cand daemon 'Start, stop and inspect the daemon'
            cand version 'Versions of this client (commit, build date, target, Rust) and of the running daemon'
            cand server 'Run the daemon in the foreground (what `flowctld` does)'
            cand service 'Install flowctld as a systemd or launchd service, or remove it'
            cand completions 'Print a shell completion script (or write all of them with --dir)'
            cand man 'Print the manual page (or write one per command with --dir)'
            cand dashboard 'A full-screen view of the runs, their pipelines and components'
            cand translate 'Write the pipeline as Kubernetes (or `podman kube play`), Compose, systemd or Nomad files, with flowctld as their control plane'
            cand init 'Write a starter Stellar pipeline (asks on a terminal; see --preset)'
            cand components 'Components by reference (`type: name@version`, `image:`): pull, list and remove cached ones'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;help;run'= {
        }
        &'flowctl;help;validate'= {
        }
        &'flowctl;help;status'= {
        }
        &'flowctl;help;list'= {
        }
        &'flowctl;help;logs'= {
        }
        &'flowctl;help;attach'= {
        }
        &'flowctl;help;restart'= {
        }
        &'flowctl;help;pipelines'= {
            cand list 'Runs of every pipeline, newest first'
            cand runs 'Runs of one pipeline'
            cand active 'Runs that are starting, running or stopping'
            cand run-info 'One run: its status and components'
            cand stop 'Stop a run gracefully'
            cand restart 'Run a recorded run again as a new run (same file text, environment and directory)'
        }
        &'flowctl;help;pipelines;list'= {
        }
        &'flowctl;help;pipelines;runs'= {
        }
        &'flowctl;help;pipelines;active'= {
        }
        &'flowctl;help;pipelines;run-info'= {
        }
        &'flowctl;help;pipelines;stop'= {
        }
        &'flowctl;help;pipelines;restart'= {
        }
        &'flowctl;help;processors'= {
            cand list 'Every registered processor'
            cand find 'Processors matching every filter given'
            cand show 'One registered component: info, health, heartbeat, metrics'
        }
        &'flowctl;help;processors;list'= {
        }
        &'flowctl;help;processors;find'= {
        }
        &'flowctl;help;processors;show'= {
        }
        &'flowctl;help;daemon'= {
            cand start 'Start the daemon in the background (no-op if one runs)'
            cand stop 'Stop the daemon and everything it runs'
            cand status 'Pid, uptime, socket, control-plane endpoint and versions'
            cand restart 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
            cand logs 'The daemon''s own log'
        }
        &'flowctl;help;daemon;start'= {
        }
        &'flowctl;help;daemon;stop'= {
        }
        &'flowctl;help;daemon;status'= {
        }
        &'flowctl;help;daemon;restart'= {
        }
        &'flowctl;help;daemon;logs'= {
        }
        &'flowctl;help;version'= {
        }
        &'flowctl;help;server'= {
        }
        &'flowctl;help;service'= {
            cand install 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
            cand uninstall 'Remove what `install` wrote'
            cand status 'Whether the service is installed, enabled and running'
        }
        &'flowctl;help;service;install'= {
        }
        &'flowctl;help;service;uninstall'= {
        }
        &'flowctl;help;service;status'= {
        }
        &'flowctl;help;completions'= {
        }
        &'flowctl;help;man'= {
        }
        &'flowctl;help;dashboard'= {
        }
        &'flowctl;help;translate'= {
        }
        &'flowctl;help;init'= {
        }
        &'flowctl;help;components'= {
            cand pull 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)'
            cand list 'Cached components: reference, digest, size, last used'
            cand rm 'Remove a cached component'
            cand prune 'Remove components not used for a while, and what killed pulls left'
        }
        &'flowctl;help;components;pull'= {
        }
        &'flowctl;help;components;list'= {
        }
        &'flowctl;help;components;rm'= {
        }
        &'flowctl;help;components;prune'= {
        }
        &'flowctl;help;help'= {
        }
    ]
    $completions[$command]
}
