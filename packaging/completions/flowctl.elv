
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
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand daemon 'Start, stop and inspect the daemon'
            cand version 'Versions of this client and of the running daemon'
            cand server 'Run the daemon in the foreground (what `flowctld` does)'
            cand service 'Install flowctld as a systemd or launchd service, or remove it'
            cand completions 'Print a shell completion script (or write all of them with --dir)'
            cand man 'Print the manual page (or write one per command with --dir)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;run'= {
            cand --show-status 'Show component progress and a status line (false: only logs)'
            cand --log-dir 'Also write component logs to this directory'
            cand --orchestrator 'How components are run (only `process` is supported)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]'
            cand --control-plane-address 'Address of the control-plane listener components register with'
            cand --address 'Address of the control-plane listener components register with'
            cand --control-plane-port 'Port of the control-plane listener (0 picks a free port)'
            cand --port 'Port of the control-plane listener (0 picks a free port)'
            cand --heartbeat-ttl 'How long a component stays healthy without a heartbeat [default: 30s]'
            cand --janitor-interval 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]'
            cand --log-format 'Format of the daemon''s own log'
            cand --db-path 'Database file of runs and registrations [default: <state dir>/flowctl.redb]'
            cand --log-file 'File the daemon''s log goes to (set by the client that starts it)'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -d 'Print the run id and return; the run lives until stopped'
            cand --detach 'Print the run id and return; the run lives until stopped'
            cand --no-persistence 'Keep runs and registrations in memory only: no database file'
            cand --no-cgroups 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;validate'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;status'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -w 'Refresh until interrupted'
            cand --watch 'Refresh until interrupted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;list'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;logs'= {
            cand -c 'Only this component'
            cand --component 'Only this component'
            cand -n 'Last N lines per component (0: all)'
            cand --lines 'Last N lines per component (0: all)'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -f 'Keep following new lines until the run ends'
            cand --follow 'Keep following new lines until the run ends'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;attach'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;restart'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;runs'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;active'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;run-info'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;stop'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;pipelines;restart'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -d 'Return once started instead of showing it'
            cand --detach 'Return once started instead of showing it'
            cand -h 'Print help'
            cand --help 'Print help'
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
        &'flowctl;daemon'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand --config 'Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]'
            cand --control-plane-address 'Address of the control-plane listener components register with'
            cand --address 'Address of the control-plane listener components register with'
            cand --control-plane-port 'Port of the control-plane listener (0 picks a free port)'
            cand --port 'Port of the control-plane listener (0 picks a free port)'
            cand --heartbeat-ttl 'How long a component stays healthy without a heartbeat [default: 30s]'
            cand --janitor-interval 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]'
            cand --log-format 'Format of the daemon''s own log'
            cand --db-path 'Database file of runs and registrations [default: <state dir>/flowctl.redb]'
            cand --log-file 'File the daemon''s log goes to (set by the client that starts it)'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --no-persistence 'Keep runs and registrations in memory only: no database file'
            cand --no-cgroups 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;stop'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --resume-runs 'Start the active runs again (same ids) when the daemon next starts'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;status'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;restart'= {
            cand --config 'Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]'
            cand --control-plane-address 'Address of the control-plane listener components register with'
            cand --address 'Address of the control-plane listener components register with'
            cand --control-plane-port 'Port of the control-plane listener (0 picks a free port)'
            cand --port 'Port of the control-plane listener (0 picks a free port)'
            cand --heartbeat-ttl 'How long a component stays healthy without a heartbeat [default: 30s]'
            cand --janitor-interval 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]'
            cand --log-format 'Format of the daemon''s own log'
            cand --db-path 'Database file of runs and registrations [default: <state dir>/flowctl.redb]'
            cand --log-file 'File the daemon''s log goes to (set by the client that starts it)'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --no-persistence 'Keep runs and registrations in memory only: no database file'
            cand --no-cgroups 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;daemon;logs'= {
            cand -n 'Last N lines'
            cand --lines 'Last N lines'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;server'= {
            cand --config 'Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]'
            cand --control-plane-address 'Address of the control-plane listener components register with'
            cand --address 'Address of the control-plane listener components register with'
            cand --control-plane-port 'Port of the control-plane listener (0 picks a free port)'
            cand --port 'Port of the control-plane listener (0 picks a free port)'
            cand --heartbeat-ttl 'How long a component stays healthy without a heartbeat [default: 30s]'
            cand --janitor-interval 'How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]'
            cand --log-format 'Format of the daemon''s own log'
            cand --db-path 'Database file of runs and registrations [default: <state dir>/flowctl.redb]'
            cand --log-file 'File the daemon''s log goes to (set by the client that starts it)'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --no-persistence 'Keep runs and registrations in memory only: no database file'
            cand --no-cgroups 'Contain components with process groups only, even where cgroup v2 is available (`cgroups = false` in config.toml)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;service'= {
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand install 'Write the unit files (or launchd agent) that run flowctld, and say how to start them'
            cand uninstall 'Remove what `install` wrote'
            cand status 'Whether the service is installed, enabled and running'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'flowctl;service;install'= {
            cand --manager 'The service manager to write for [default: systemd on Linux, launchd on macOS]'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --user 'A service of your user, running while you are logged in (the default)'
            cand --system 'A system service (systemd), running from boot as your account; needs root'
            cand --dry-run 'Print the files and commands, and change nothing'
            cand --force 'Replace (or remove) files that differ from what flowctl writes'
            cand --now 'Also run the systemctl/launchctl commands: enable and start, or stop and disable'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;service;uninstall'= {
            cand --manager 'The service manager to write for [default: systemd on Linux, launchd on macOS]'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --user 'A service of your user, running while you are logged in (the default)'
            cand --system 'A system service (systemd), running from boot as your account; needs root'
            cand --dry-run 'Print the files and commands, and change nothing'
            cand --force 'Replace (or remove) files that differ from what flowctl writes'
            cand --now 'Also run the systemctl/launchctl commands: enable and start, or stop and disable'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;service;status'= {
            cand --manager 'The service manager to write for [default: systemd on Linux, launchd on macOS]'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand --user 'A service of your user, running while you are logged in (the default)'
            cand --system 'A system service (systemd), running from boot as your account; needs root'
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'flowctl;man'= {
            cand --dir 'Write flowctl.1 and one page per subcommand into DIR instead'
            cand -o 'Output format of listings'
            cand --output 'Output format of listings'
            cand --log-level 'Log level of a daemon this command starts'
            cand --socket 'The daemon''s Unix socket [env: FLOWCTL_SOCKET]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
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
            cand daemon 'Start, stop and inspect the daemon'
            cand version 'Versions of this client and of the running daemon'
            cand server 'Run the daemon in the foreground (what `flowctld` does)'
            cand service 'Install flowctld as a systemd or launchd service, or remove it'
            cand completions 'Print a shell completion script (or write all of them with --dir)'
            cand man 'Print the manual page (or write one per command with --dir)'
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
        &'flowctl;help;help'= {
        }
    ]
    $completions[$command]
}
