# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_flowctl_global_optspecs
    string join \n o/output= config= context= namespace= n= y/yes log-level= socket= timeout= h/help V/version
end

function __fish_flowctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_flowctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_flowctl_using_subcommand
    set -l cmd (__fish_flowctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c flowctl -n "__fish_flowctl_needs_command" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_needs_command" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_needs_command" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_needs_command" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_needs_command" -s n -d '`-n NAME` before the command: the older flowctl\'s `--namespace`, kept for compatibility (after a command, `-n` is that command\'s own flag)' -r
complete -c flowctl -n "__fish_flowctl_needs_command" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_needs_command" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_needs_command" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_needs_command" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_needs_command" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "run" -d 'Run a pipeline: start its components and show them live'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "validate" -d 'Check a pipeline file and show its start order'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "status" -d 'Components of the active runs (or of one run) and their health'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "list" -d 'Registered services (components) of the control plane'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "logs" -d 'Component logs of a run'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "attach" -d 'Follow a detached run as `flowctl run` shows it'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "restart" -d 'Restart a component of an active run by hand (all components without one)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "pipelines" -d 'Pipelines and their runs'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "processors" -d 'Processors registered with the control plane, found by event types and metadata'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "daemon" -d 'Start, stop and inspect the daemon'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "version" -d 'Versions of this client (commit, build date, target, Rust) and of the running daemon'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "server" -d 'Run the daemon in the foreground (what `flowctld` does)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "service" -d 'Install flowctld as a systemd or launchd service, or remove it'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "completions" -d 'Print a shell completion script (or write all of them with --dir)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "man" -d 'Print the manual page (or write one per command with --dir)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "dashboard" -d 'A full-screen view of the runs, their pipelines and components'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "translate" -d 'Write the pipeline as Kubernetes (or `podman kube play`), Compose, systemd or Nomad files, with flowctld as their control plane'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "init" -d 'Write a starter Stellar pipeline (asks on a terminal; see --preset)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "components" -d 'Components by reference (`type: name@version`, `image:`): pull, list and remove cached ones'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l wait-timeout -d 'With --wait: give up waiting after this long (the run goes on) [default: as long as the components\' start timeouts allow]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l show-status -d 'Show component progress and a status line (false: only logs)' -r -f -a "true\t''
false\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l log-dir -d 'Also write component logs to this directory' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l orchestrator -d 'How components are run (only `process` is supported)' -r -f -a "process\t''
container\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l pull -d 'When components named by reference are fetched: `missing` (not cached), `always` (ask the registry, so a moved tag is noticed) or `never` (the cache only)' -r -f -a "missing\t'Only what is not cached'
always\t'Ask the registry every time (a moved tag is fetched again)'
never\t'Never: use the cache, fail for what is not in it'"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l registry -d 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l org -d 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l insecure-registry -d 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l control-plane-address -l address -d 'Address of the control-plane listener components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l control-plane-port -l port -d 'Port of the control-plane listener (0 picks a free port)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l heartbeat-ttl -d 'How long a component stays healthy without a heartbeat [default: 30s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l janitor-interval -d 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l log-format -d 'Format of the daemon\'s own log' -r -f -a "text\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l db-path -d 'Database file of runs and registrations [default: <state dir>/flowctl.redb]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l log-file -d 'File the daemon\'s log goes to (set by the client that starts it)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l pipeline -d 'Start this pipeline file as a run when the daemon starts' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l tls-cert -d 'TLS certificate (PEM) the control plane presents' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l tls-ca-cert -d 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l token-file -d 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l metrics-address -d 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s d -l detach -d 'Print the run id and return; the run lives until stopped'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l wait -d 'Like --detach, but return only once every component is ready (or fail with the reason); the run lives until stopped'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l use-external-control-plane -d 'Components register with the control plane already running at --control-plane-address:--control-plane-port (default 127.0.0.1:8080) instead of the local daemon\'s; the local daemon still supervises their processes'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l no-persistence -d 'Keep runs and registrations in memory only: no database file'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l no-cgroups -d 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l no-spawn -d 'Run --pipeline\'s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l insecure -d 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l metrics-allow-remote -d 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l registry -d 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l org -d 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l insecure-registry -d 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l interval -d 'Seconds between refreshes with --watch [default: 5 for a control plane given by endpoint flags; locally, changes show as they happen unless this is given]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l include-unhealthy -d 'Also show components whose heartbeats stopped (false: only those registered HEALTHY or DEGRADED, and processes that never register)' -r -f -a "true\t''
false\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l control-plane-addr -d 'The control plane as `host:port` (instead of the two flags)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s w -l watch -d 'Refresh until interrupted'
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s e -l endpoint -d 'Query the control plane at `host:port` instead of the local daemon [default: localhost:8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l wait -d 'Wait (bounded) until the control plane answers'
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s t -l table -d 'Print a table (the default unless -o says otherwise)'
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s c -l component -d 'Only this component' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s n -l lines -d 'Last N lines per component (0: all)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s f -l follow -d 'Keep following new lines until the run ends'
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "list" -d 'Runs of every pipeline, newest first'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "runs" -d 'Runs of one pipeline'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "active" -d 'Runs that are starting, running or stopping'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "run-info" -d 'One run: its status and components'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "stop" -d 'Stop a run gracefully'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "restart" -d 'Run a recorded run again as a new run (same file text, environment and directory)'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l limit -d 'At most N runs, newest first (a negative N: all)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s d -l detach -d 'Return once started instead of showing it'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "list" -d 'Runs of every pipeline, newest first'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "runs" -d 'Runs of one pipeline'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "active" -d 'Runs that are starting, running or stopping'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "run-info" -d 'One run: its status and components'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a run gracefully'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Run a recorded run again as a new run (same file text, environment and directory)'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -f -a "list" -d 'Every registered processor'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -f -a "find" -d 'Processors matching every filter given'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -f -a "show" -d 'One registered component: info, health, heartbeat, metrics'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and not __fish_seen_subcommand_from list find show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -s e -l endpoint -d 'Query the control plane at `host:port` instead of the local daemon\'s' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l include-unhealthy -d 'Also show processors whose heartbeats stopped' -r -f -a "true\t''
false\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -s e -l endpoint -d 'Query the control plane at `host:port` instead of the local daemon\'s' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l include-unhealthy -d 'Also show processors whose heartbeats stopped' -r -f -a "true\t''
false\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l input -d 'Consumes this event type' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l output-type -d 'Produces this event type (`--output TYPE` after `find`, as the older flowctl spelled it, means this too)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l metadata -d 'Has this metadata entry (repeatable; all must match)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from find" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -s e -l endpoint -d 'Query the control plane at `host:port` instead of the local daemon\'s' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l include-unhealthy -d 'Also show processors whose heartbeats stopped' -r -f -a "true\t''
false\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every registered processor'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from help" -f -a "find" -d 'Processors matching every filter given'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from help" -f -a "show" -d 'One registered component: info, health, heartbeat, metrics'
complete -c flowctl -n "__fish_flowctl_using_subcommand processors; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "start" -d 'Start the daemon in the background (no-op if one runs)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "stop" -d 'Stop the daemon and everything it runs'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "status" -d 'Pid, uptime, socket, control-plane endpoint and versions'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "restart" -d 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "logs" -d 'The daemon\'s own log'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l control-plane-address -l address -d 'Address of the control-plane listener components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l control-plane-port -l port -d 'Port of the control-plane listener (0 picks a free port)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l heartbeat-ttl -d 'How long a component stays healthy without a heartbeat [default: 30s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l janitor-interval -d 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l log-format -d 'Format of the daemon\'s own log' -r -f -a "text\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l db-path -d 'Database file of runs and registrations [default: <state dir>/flowctl.redb]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l log-file -d 'File the daemon\'s log goes to (set by the client that starts it)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l pipeline -d 'Start this pipeline file as a run when the daemon starts' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l tls-cert -d 'TLS certificate (PEM) the control plane presents' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l tls-ca-cert -d 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l token-file -d 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l metrics-address -d 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l no-persistence -d 'Keep runs and registrations in memory only: no database file'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l no-cgroups -d 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l no-spawn -d 'Run --pipeline\'s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l insecure -d 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l metrics-allow-remote -d 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l resume-runs -d 'Start the active runs again (same ids) when the daemon next starts'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l control-plane-address -l address -d 'Address of the control-plane listener components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l control-plane-port -l port -d 'Port of the control-plane listener (0 picks a free port)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l heartbeat-ttl -d 'How long a component stays healthy without a heartbeat [default: 30s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l janitor-interval -d 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l log-format -d 'Format of the daemon\'s own log' -r -f -a "text\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l db-path -d 'Database file of runs and registrations [default: <state dir>/flowctl.redb]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l log-file -d 'File the daemon\'s log goes to (set by the client that starts it)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l pipeline -d 'Start this pipeline file as a run when the daemon starts' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l tls-cert -d 'TLS certificate (PEM) the control plane presents' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l tls-ca-cert -d 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l token-file -d 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l metrics-address -d 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l no-persistence -d 'Keep runs and registrations in memory only: no database file'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l no-cgroups -d 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l no-spawn -d 'Run --pipeline\'s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l insecure -d 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l metrics-allow-remote -d 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s n -l lines -d 'Last N lines' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the daemon in the background (no-op if one runs)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the daemon and everything it runs'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "status" -d 'Pid, uptime, socket, control-plane endpoint and versions'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "logs" -d 'The daemon\'s own log'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l control-plane-address -l address -d 'Address of the control-plane listener components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l control-plane-port -l port -d 'Port of the control-plane listener (0 picks a free port)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l heartbeat-ttl -d 'How long a component stays healthy without a heartbeat [default: 30s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l janitor-interval -d 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l log-format -d 'Format of the daemon\'s own log' -r -f -a "text\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l db-path -d 'Database file of runs and registrations [default: <state dir>/flowctl.redb]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l log-file -d 'File the daemon\'s log goes to (set by the client that starts it)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l pipeline -d 'Start this pipeline file as a run when the daemon starts' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l tls-cert -d 'TLS certificate (PEM) the control plane presents' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l tls-ca-cert -d 'CA certificate (PEM) client certificates must be signed by: with it, every control-plane caller needs one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l token-file -d 'File holding the bearer token control-plane callers may present (`authorization: Bearer <token>`) instead of being this user on this machine' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l metrics-address -d 'Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback only, unless --metrics-allow-remote; port 0 picks a free one)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l no-persistence -d 'Keep runs and registrations in memory only: no database file'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l no-cgroups -d 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l no-spawn -d 'Run --pipeline\'s control plane, relay and record only: something else (Kubernetes, Compose, systemd...) starts its components, which register over TCP with FLOWCTL_COMPONENT_ID set to their id'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l insecure -d 'Listen on a non-loopback control-plane address without TLS or a token, admitting every caller (a network you trust)'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l metrics-allow-remote -d 'Allow --metrics-address on a non-loopback address: the metrics name your pipelines, runs and components, and are served without authentication to anyone who can reach the port'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -f -a "install" -d 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -f -a "uninstall" -d 'Remove what `install` wrote'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -f -a "status" -d 'Whether the service is installed, enabled and running'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l manager -d 'The service manager to write for [default: systemd on Linux, launchd on macOS]' -r -f -a "systemd\t''
launchd\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l user -d 'A service of your user, running while you are logged in (the default)'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l system -d 'A system service (systemd), running from boot as your account; needs root'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l dry-run -d 'Print the files and commands, and change nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l force -d 'Replace (or remove) files that differ from what flowctl writes'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l now -d 'Also run the systemctl/launchctl commands: enable and start, or stop and disable'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l manager -d 'The service manager to write for [default: systemd on Linux, launchd on macOS]' -r -f -a "systemd\t''
launchd\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l user -d 'A service of your user, running while you are logged in (the default)'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l system -d 'A system service (systemd), running from boot as your account; needs root'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l dry-run -d 'Print the files and commands, and change nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l force -d 'Replace (or remove) files that differ from what flowctl writes'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l now -d 'Also run the systemctl/launchctl commands: enable and start, or stop and disable'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l manager -d 'The service manager to write for [default: systemd on Linux, launchd on macOS]' -r -f -a "systemd\t''
launchd\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l user -d 'A service of your user, running while you are logged in (the default)'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l system -d 'A system service (systemd), running from boot as your account; needs root'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "install" -d 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "uninstall" -d 'Remove what `install` wrote'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "status" -d 'Whether the service is installed, enabled and running'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l dir -d 'Write the script of every shell (or of SHELL) into DIR instead' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l dir -d 'Write flowctl.1 and one page per subcommand into DIR instead' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l control-plane-address -d 'Query the control plane at this address instead of the local daemon [default: 127.0.0.1]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l control-plane-port -d 'Query the control plane on this port instead of the local daemon [default: 8080]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l tls-ca-cert -d 'CA certificate (PEM) to verify the control plane\'s TLS certificate with; dials over TLS' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l tls-cert -d 'Client certificate (PEM) for a control plane that requires one (mTLS)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l token-file -d 'File holding the bearer token the control plane expects' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l refresh-interval -d 'How often a control plane named by the flags is asked again (the local daemon\'s view follows its streams instead)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand dashboard" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -s f -l file -d 'Pipeline file' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l format -d 'What to write (also `-o`): kubernetes, podman (the Kubernetes objects as `podman kube play` runs them), docker-compose, local, systemd or nomad' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l to-file -d 'Write the main file to F (a new file; see --force); the others of the format beside it' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l out-dir -d 'Write every file of the format into directory D (created if missing)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l prefix -d 'Put P before every generated name [default: none for Compose, else "<pipeline>-"]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l registry -d 'Registry (and organisation) of images named by `type: name@version`, in place of docker.io/withobsrvr' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l image -d 'The image of component ID (repeatable)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l flowctld-image -d 'The image the control plane (flowctld) runs from' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l control-plane-port -d 'The port of the control plane the components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l token-secret -d 'Secure the control plane with the bearer token in secret NAME (key `token`): a Kubernetes Secret, a directory NAME/ beside the Compose file, /etc/flowctl/NAME/ for systemd, a Nomad Variable at path NAME' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l tls-secret -d 'TLS on the control plane from secret NAME (keys `tls.crt`, `tls.key` for the plane\'s service name, `ca.crt`; found as --token-secret\'s); needs --token-secret' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -l force -d 'Replace files that already exist'
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand translate" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l output-file -d 'File to write (default: NAME.yaml); `-o/--output FILE` also works' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l network -d 'Stellar network the source reads' -r -f -a "testnet\t''
mainnet\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l destination -d 'Where the events go' -r -f -a "duckdb\t''
postgres\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l preset -d 'A network and a destination in one word; never prompts' -r -f -a "testnet-duckdb\t''
testnet-postgres\t''
mainnet-duckdb\t''
mainnet-postgres\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l name -d 'Pipeline name (default: stellar-pipeline)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l start-ledger -d 'First ledger to read (default: the network\'s latest minus 100)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l end-ledger -d 'Last ledger to read (default: none, keep following new ledgers)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l ledger-rpc-endpoint -d 'Where to ask for the latest ledger instead of the network\'s RPC endpoint (tests, mirrors); the file keeps the network\'s endpoint' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l non-interactive -d 'Never prompt: needs --network and --destination, or --preset'
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -l force -d 'Overwrite the file if it exists'
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand init" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l registry -d 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l org -d 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l insecure-registry -d 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -f -a "pull" -d 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -f -a "list" -d 'Cached components: reference, digest, size, last used'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -f -a "rm" -d 'Remove a cached component'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -f -a "prune" -d 'Remove components not used for a while, and what killed pulls left'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and not __fish_seen_subcommand_from pull list rm prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l exec -d 'The executable to take from each image, as a pipeline\'s `image:` with `type`/`id` NAME does: NAME under /app, /bin, /usr/bin, /usr/local/bin, or an absolute path in the image [default: the published places /component, /bin/component, /app/component]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l registry -d 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l org -d 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l insecure-registry -d 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -l always -d 'Ask the registry even for cached references (a moved tag is fetched again)'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l registry -d 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l org -d 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l insecure-registry -d 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l registry -d 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l org -d 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l insecure-registry -d 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l older-than -d 'Remove those not used for this long [default: 30d; 0: all]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l registry -d 'Registry of references without one [env: FLOWCTL_REGISTRY; config: components.registry; default: docker.io]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l org -d 'Organisation of `type: name@version` [env: FLOWCTL_ORG; config: components.org; default: withobsrvr]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l insecure-registry -d 'A registry spoken to over plain HTTP (repeat for more; added to FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -s o -l output -d 'Output format of listings (`wide`: a table with more columns)' -r -f -a "table\t''
json\t''
yaml\t''
wide\t'A table with extra columns (endpoint, event types, metrics)'"
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l config -d 'Config file of a daemon this command starts (the keys of config.toml)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l context -d 'Kept for compatibility with the older flowctl: accepted, does nothing' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l namespace -d 'Kept for compatibility with the older flowctl (also `-n NAME` before the command): accepted, does nothing, except in `translate`: the Kubernetes or Nomad namespace' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -l timeout -d 'How long the daemon may take to answer a request (0: no limit); streams are bounded only until their first answer' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -s y -l yes -d 'Kept for compatibility with the older flowctl: accepted, does nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from help" -f -a "list" -d 'Cached components: reference, digest, size, last used'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a cached component'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove components not used for a while, and what killed pulls left'
complete -c flowctl -n "__fish_flowctl_using_subcommand components; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "run" -d 'Run a pipeline: start its components and show them live'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "validate" -d 'Check a pipeline file and show its start order'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "status" -d 'Components of the active runs (or of one run) and their health'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "list" -d 'Registered services (components) of the control plane'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "logs" -d 'Component logs of a run'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "attach" -d 'Follow a detached run as `flowctl run` shows it'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "restart" -d 'Restart a component of an active run by hand (all components without one)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "pipelines" -d 'Pipelines and their runs'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "processors" -d 'Processors registered with the control plane, found by event types and metadata'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "daemon" -d 'Start, stop and inspect the daemon'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "version" -d 'Versions of this client (commit, build date, target, Rust) and of the running daemon'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "server" -d 'Run the daemon in the foreground (what `flowctld` does)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "service" -d 'Install flowctld as a systemd or launchd service, or remove it'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "completions" -d 'Print a shell completion script (or write all of them with --dir)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "man" -d 'Print the manual page (or write one per command with --dir)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "dashboard" -d 'A full-screen view of the runs, their pipelines and components'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "translate" -d 'Write the pipeline as Kubernetes (or `podman kube play`), Compose, systemd or Nomad files, with flowctld as their control plane'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "init" -d 'Write a starter Stellar pipeline (asks on a terminal; see --preset)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "components" -d 'Components by reference (`type: name@version`, `image:`): pull, list and remove cached ones'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines processors daemon version server service completions man dashboard translate init components help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "list" -d 'Runs of every pipeline, newest first'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "runs" -d 'Runs of one pipeline'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "active" -d 'Runs that are starting, running or stopping'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "run-info" -d 'One run: its status and components'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "stop" -d 'Stop a run gracefully'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "restart" -d 'Run a recorded run again as a new run (same file text, environment and directory)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from processors" -f -a "list" -d 'Every registered processor'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from processors" -f -a "find" -d 'Processors matching every filter given'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from processors" -f -a "show" -d 'One registered component: info, health, heartbeat, metrics'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "start" -d 'Start the daemon in the background (no-op if one runs)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "stop" -d 'Stop the daemon and everything it runs'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "status" -d 'Pid, uptime, socket, control-plane endpoint and versions'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "restart" -d 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "logs" -d 'The daemon\'s own log'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "install" -d 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "uninstall" -d 'Remove what `install` wrote'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "status" -d 'Whether the service is installed, enabled and running'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from components" -f -a "pull" -d 'Pull references into the cache (`name@version`, `org/name@version`, `registry/org/name:tag`, `...@sha256:...`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from components" -f -a "list" -d 'Cached components: reference, digest, size, last used'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from components" -f -a "rm" -d 'Remove a cached component'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from components" -f -a "prune" -d 'Remove components not used for a while, and what killed pulls left'
