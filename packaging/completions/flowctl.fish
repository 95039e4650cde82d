# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_flowctl_global_optspecs
    string join \n o/output= log-level= socket= h/help V/version
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

complete -c flowctl -n "__fish_flowctl_needs_command" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_needs_command" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_needs_command" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_needs_command" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_needs_command" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "run" -d 'Run a pipeline: start its components and show them live'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "validate" -d 'Check a pipeline file and show its start order'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "status" -d 'Components of the active runs (or of one run) and their health'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "list" -d 'Registered services (components) of the control plane'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "logs" -d 'Component logs of a run'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "attach" -d 'Follow a detached run as `flowctl run` shows it'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "restart" -d 'Restart a component of an active run by hand (all components without one)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "pipelines" -d 'Pipelines and their runs'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "daemon" -d 'Start, stop and inspect the daemon'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "version" -d 'Versions of this client and of the running daemon'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "server" -d 'Run the daemon in the foreground (what `flowctld` does)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "service" -d 'Install flowctld as a systemd or launchd service, or remove it'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "completions" -d 'Print a shell completion script (or write all of them with --dir)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "man" -d 'Print the manual page (or write one per command with --dir)'
complete -c flowctl -n "__fish_flowctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l show-status -d 'Show component progress and a status line (false: only logs)' -r -f -a "true\t''
false\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l log-dir -d 'Also write component logs to this directory' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l orchestrator -d 'How components are run (only `process` is supported)' -r -f -a "process\t''
container\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l config -d 'Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l control-plane-address -l address -d 'Address of the control-plane listener components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l control-plane-port -l port -d 'Port of the control-plane listener (0 picks a free port)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l heartbeat-ttl -d 'How long a component stays healthy without a heartbeat [default: 30s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l janitor-interval -d 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l log-format -d 'Format of the daemon\'s own log' -r -f -a "text\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l db-path -d 'Database file of runs and registrations [default: <state dir>/flowctl.redb]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l log-file -d 'File the daemon\'s log goes to (set by the client that starts it)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s d -l detach -d 'Print the run id and return; the run lives until stopped'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l no-persistence -d 'Keep runs and registrations in memory only: no database file'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -l no-cgroups -d 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand run" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand validate" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s w -l watch -d 'Refresh until interrupted'
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s c -l component -d 'Only this component' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s n -l lines -d 'Last N lines per component (0: all)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s f -l follow -d 'Keep following new lines until the run ends'
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand logs" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand attach" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand restart" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "list" -d 'Runs of every pipeline, newest first'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "runs" -d 'Runs of one pipeline'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "active" -d 'Runs that are starting, running or stopping'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "run-info" -d 'One run: its status and components'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "stop" -d 'Stop a run gracefully'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "restart" -d 'Run a recorded run again as a new run (same file text, environment and directory)'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and not __fish_seen_subcommand_from list runs active run-info stop restart help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from runs" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from active" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from run-info" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s d -l detach -d 'Return once started instead of showing it'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "list" -d 'Runs of every pipeline, newest first'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "runs" -d 'Runs of one pipeline'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "active" -d 'Runs that are starting, running or stopping'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "run-info" -d 'One run: its status and components'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a run gracefully'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Run a recorded run again as a new run (same file text, environment and directory)'
complete -c flowctl -n "__fish_flowctl_using_subcommand pipelines; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "start" -d 'Start the daemon in the background (no-op if one runs)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "stop" -d 'Stop the daemon and everything it runs'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "status" -d 'Pid, uptime, socket, control-plane endpoint and versions'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "restart" -d 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "logs" -d 'The daemon\'s own log'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart logs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l config -d 'Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l control-plane-address -l address -d 'Address of the control-plane listener components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l control-plane-port -l port -d 'Port of the control-plane listener (0 picks a free port)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l heartbeat-ttl -d 'How long a component stays healthy without a heartbeat [default: 30s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l janitor-interval -d 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l log-format -d 'Format of the daemon\'s own log' -r -f -a "text\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l db-path -d 'Database file of runs and registrations [default: <state dir>/flowctl.redb]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l log-file -d 'File the daemon\'s log goes to (set by the client that starts it)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l no-persistence -d 'Keep runs and registrations in memory only: no database file'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -l no-cgroups -d 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l resume-runs -d 'Start the active runs again (same ids) when the daemon next starts'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l config -d 'Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l control-plane-address -l address -d 'Address of the control-plane listener components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l control-plane-port -l port -d 'Port of the control-plane listener (0 picks a free port)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l heartbeat-ttl -d 'How long a component stays healthy without a heartbeat [default: 30s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l janitor-interval -d 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l log-format -d 'Format of the daemon\'s own log' -r -f -a "text\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l db-path -d 'Database file of runs and registrations [default: <state dir>/flowctl.redb]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l log-file -d 'File the daemon\'s log goes to (set by the client that starts it)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l no-persistence -d 'Keep runs and registrations in memory only: no database file'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l no-cgroups -d 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s n -l lines -d 'Last N lines' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the daemon in the background (no-op if one runs)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the daemon and everything it runs'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "status" -d 'Pid, uptime, socket, control-plane endpoint and versions'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "logs" -d 'The daemon\'s own log'
complete -c flowctl -n "__fish_flowctl_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand version" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l config -d 'Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l control-plane-address -l address -d 'Address of the control-plane listener components register with' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l control-plane-port -l port -d 'Port of the control-plane listener (0 picks a free port)' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l heartbeat-ttl -d 'How long a component stays healthy without a heartbeat [default: 30s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l janitor-interval -d 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l log-format -d 'Format of the daemon\'s own log' -r -f -a "text\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l db-path -d 'Database file of runs and registrations [default: <state dir>/flowctl.redb]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l log-file -d 'File the daemon\'s log goes to (set by the client that starts it)' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l no-persistence -d 'Keep runs and registrations in memory only: no database file'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -l no-cgroups -d 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand server" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -f -a "install" -d 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -f -a "uninstall" -d 'Remove what `install` wrote'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -f -a "status" -d 'Whether the service is installed, enabled and running'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and not __fish_seen_subcommand_from install uninstall status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l manager -d 'The service manager to write for [default: systemd on Linux, launchd on macOS]' -r -f -a "systemd\t''
launchd\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l user -d 'A service of your user, running while you are logged in (the default)'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l system -d 'A system service (systemd), running from boot as your account; needs root'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l dry-run -d 'Print the files and commands, and change nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l force -d 'Replace (or remove) files that differ from what flowctl writes'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -l now -d 'Also run the systemctl/launchctl commands: enable and start, or stop and disable'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l manager -d 'The service manager to write for [default: systemd on Linux, launchd on macOS]' -r -f -a "systemd\t''
launchd\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l user -d 'A service of your user, running while you are logged in (the default)'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l system -d 'A system service (systemd), running from boot as your account; needs root'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l dry-run -d 'Print the files and commands, and change nothing'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l force -d 'Replace (or remove) files that differ from what flowctl writes'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -l now -d 'Also run the systemctl/launchctl commands: enable and start, or stop and disable'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from uninstall" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l manager -d 'The service manager to write for [default: systemd on Linux, launchd on macOS]' -r -f -a "systemd\t''
launchd\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l user -d 'A service of your user, running while you are logged in (the default)'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -l system -d 'A system service (systemd), running from boot as your account; needs root'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "install" -d 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "uninstall" -d 'Remove what `install` wrote'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "status" -d 'Whether the service is installed, enabled and running'
complete -c flowctl -n "__fish_flowctl_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l dir -d 'Write the script of every shell (or of SHELL) into DIR instead' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l dir -d 'Write flowctl.1 and one page per subcommand into DIR instead' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -s o -l output -d 'Output format of listings' -r -f -a "table\t''
json\t''"
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l log-level -d 'Log level of a daemon this command starts' -r
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -l socket -d 'The daemon\'s Unix socket [env: FLOWCTL_SOCKET]' -r -F
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c flowctl -n "__fish_flowctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "run" -d 'Run a pipeline: start its components and show them live'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "validate" -d 'Check a pipeline file and show its start order'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "status" -d 'Components of the active runs (or of one run) and their health'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "list" -d 'Registered services (components) of the control plane'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "logs" -d 'Component logs of a run'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "attach" -d 'Follow a detached run as `flowctl run` shows it'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "restart" -d 'Restart a component of an active run by hand (all components without one)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "pipelines" -d 'Pipelines and their runs'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "daemon" -d 'Start, stop and inspect the daemon'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "version" -d 'Versions of this client and of the running daemon'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "server" -d 'Run the daemon in the foreground (what `flowctld` does)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "service" -d 'Install flowctld as a systemd or launchd service, or remove it'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "completions" -d 'Print a shell completion script (or write all of them with --dir)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "man" -d 'Print the manual page (or write one per command with --dir)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and not __fish_seen_subcommand_from run validate status list logs attach restart pipelines daemon version server service completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "list" -d 'Runs of every pipeline, newest first'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "runs" -d 'Runs of one pipeline'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "active" -d 'Runs that are starting, running or stopping'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "run-info" -d 'One run: its status and components'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "stop" -d 'Stop a run gracefully'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from pipelines" -f -a "restart" -d 'Run a recorded run again as a new run (same file text, environment and directory)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "start" -d 'Start the daemon in the background (no-op if one runs)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "stop" -d 'Stop the daemon and everything it runs'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "status" -d 'Pid, uptime, socket, control-plane endpoint and versions'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "restart" -d 'Stop the daemon and start it again with its active runs (the upgrade path: install the new binaries, then `flowctl daemon restart`)'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from daemon" -f -a "logs" -d 'The daemon\'s own log'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "install" -d 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "uninstall" -d 'Remove what `install` wrote'
complete -c flowctl -n "__fish_flowctl_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "status" -d 'Whether the service is installed, enabled and running'
