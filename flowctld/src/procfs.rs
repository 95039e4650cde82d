//! What Linux's `/proc` tells about our processes: which process group a
//! TCP connection belongs to, when a process started, and whether it has
//! exited (a client that submitted a run and went away).
//!
//! Both answer questions no API does: an SDK component that registers under
//! a generated id is recognised by the connection it registered over, and a
//! process group left behind by a killed daemon is recognised by its start
//! time, so a reused pid is never signalled.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The inode of the local TCP socket bound to `addr` (the component's side
/// of a connection to us), from `/proc/net/tcp` and `/proc/net/tcp6`.
pub fn socket_inode(addr: SocketAddr) -> Option<u64> {
    ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .find_map(|table| {
            let text = std::fs::read_to_string(table).ok()?;
            text.lines().skip(1).find_map(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                let local = parse_hex_addr(fields.get(1)?)?;
                (same_endpoint(local, addr)).then(|| fields.get(9)?.parse().ok())?
            })
        })
}

/// The uid owning the TCP socket whose local end is `local` and whose
/// remote end is `remote`, and that socket's inode: for a connection
/// accepted by the daemon, pass the peer's address as `local` and ours as
/// `remote` to learn who connected (and, by the inode, which process holds
/// the caller's end).
pub fn tcp_socket_owner(local: SocketAddr, remote: SocketAddr) -> Option<(u32, u64)> {
    ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .find_map(|table| {
            let text = std::fs::read_to_string(table).ok()?;
            text.lines().skip(1).find_map(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                let ours = same_endpoint(parse_hex_addr(fields.get(1)?)?, local)
                    && same_endpoint(parse_hex_addr(fields.get(2)?)?, remote);
                ours.then(|| Some((fields.get(7)?.parse().ok()?, fields.get(9)?.parse().ok()?)))?
            })
        })
}

/// The process group, among `groups`, of a process holding `inode` open.
pub fn group_holding(inode: u64, groups: &[u32]) -> Option<u32> {
    let target = format!("socket:[{inode}]");
    for pid in all_pids() {
        let Some(stat) = Stat::read(pid) else {
            continue;
        };
        if !groups.contains(&stat.pgrp) {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
            continue;
        };
        let holds = fds.filter_map(Result::ok).any(|fd| {
            std::fs::read_link(fd.path()).is_ok_and(|link| link.as_os_str() == target.as_str())
        });
        if holds {
            return Some(stat.pgrp);
        }
    }
    None
}

/// The process group among `groups` of the process holding `inode` or of
/// one of its ancestors: a component's process tree includes children that
/// left its group (`setsid`). Scans every process: for when
/// [`group_holding`] found none.
pub fn tree_holding(inode: u64, groups: &[u32]) -> Option<u32> {
    let target = format!("socket:[{inode}]");
    let holder = all_pids().find(|pid| {
        std::fs::read_dir(format!("/proc/{pid}/fd")).is_ok_and(|fds| {
            fds.filter_map(Result::ok).any(|fd| {
                std::fs::read_link(fd.path()).is_ok_and(|link| link.as_os_str() == target.as_str())
            })
        })
    })?;
    let mut pid = holder;
    // Bounded: a pid namespace is shallow, and a loop must not hang us.
    for _ in 0..64 {
        let stat = Stat::read(pid)?;
        if groups.contains(&stat.pgrp) {
            return Some(stat.pgrp);
        }
        if stat.ppid <= 1 {
            return None;
        }
        pid = stat.ppid;
    }
    None
}

/// Fields of `/proc/<pid>/stat` we use.
#[derive(Debug, Clone, Copy)]
pub struct Stat {
    pub ppid: u32,
    pub pgrp: u32,
    /// Clock ticks after boot when the process started.
    pub start_time: u64,
    pub zombie: bool,
}

impl Stat {
    pub fn read(pid: u32) -> Option<Stat> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name may contain spaces and parentheses: skip past the last ')'.
        let rest = text.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // After ')': state(0) ppid(1) pgrp(2) ... starttime(19)
        Some(Stat {
            zombie: fields.first() == Some(&"Z"),
            ppid: fields.get(1)?.parse().ok()?,
            pgrp: fields.get(2)?.parse().ok()?,
            start_time: fields.get(19)?.parse().ok()?,
        })
    }
}

/// What this process uses, for `/metrics`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OwnUsage {
    /// Resident memory, in bytes.
    pub rss_bytes: u64,
    /// User and system CPU time, in seconds.
    pub cpu_seconds: f64,
    /// Open file descriptors.
    pub open_fds: u64,
}

impl OwnUsage {
    /// Reads `/proc/self`: `stat` for CPU time and resident pages, `fd` for
    /// the descriptors. `None` without `/proc`.
    pub fn read() -> Option<OwnUsage> {
        let text = std::fs::read_to_string("/proc/self/stat").ok()?;
        let rest = text.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // After ')': state(0) ... utime(11) stime(12) ... rss(21), in clock
        // ticks and pages.
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        let pages: u64 = fields.get(21)?.parse().ok()?;
        // SAFETY: sysconf only reads system constants.
        let (per_second, page_size) = unsafe {
            (
                nix::libc::sysconf(nix::libc::_SC_CLK_TCK),
                nix::libc::sysconf(nix::libc::_SC_PAGESIZE),
            )
        };
        // The listing holds one descriptor of its own while it reads.
        let open_fds = std::fs::read_dir("/proc/self/fd")
            .ok()?
            .count()
            .saturating_sub(1);
        Some(OwnUsage {
            rss_bytes: pages * page_size.max(1) as u64,
            cpu_seconds: ticks as f64 / per_second.max(1) as f64,
            open_fds: open_fds as u64,
        })
    }
}

/// Whether process `pid` has exited (a zombie has: its files and sockets
/// are closed). Without `/proc` (not Linux), whether no such process is left.
pub fn exited(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        return Stat::read(pid).is_none_or(|stat| stat.zombie);
    }
    let pid = nix::unistd::Pid::from_raw(pid as i32);
    nix::sys::signal::kill(pid, None) == Err(nix::errno::Errno::ESRCH)
}

/// Every pid currently in `/proc`.
pub fn all_pids() -> impl Iterator<Item = u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
}

fn same_endpoint(local: SocketAddr, peer: SocketAddr) -> bool {
    if local.port() != peer.port() {
        return false;
    }
    let canonical = |ip: IpAddr| match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    };
    canonical(local.ip()) == canonical(peer.ip())
}

/// Parses `0100007F:1F90` (IPv4) or a 32-hex-digit IPv6 address and port,
/// as the kernel prints them (each 32-bit word in host byte order).
fn parse_hex_addr(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let ip = match ip.len() {
        8 => IpAddr::V4(Ipv4Addr::from(
            u32::from_str_radix(ip, 16).ok()?.to_ne_bytes(),
        )),
        32 => {
            let mut bytes = [0u8; 16];
            for (i, chunk) in bytes.chunks_mut(4).enumerate() {
                let word = u32::from_str_radix(ip.get(i * 8..i * 8 + 8)?, 16).ok()?;
                chunk.copy_from_slice(&word.to_ne_bytes());
            }
            IpAddr::V6(Ipv6Addr::from(bytes))
        }
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_group_of_a_connection() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let local = client.local_addr().unwrap();
        let inode = socket_inode(local).expect("inode of our own socket");
        let me = Stat::read(std::process::id()).unwrap();
        assert_eq!(group_holding(inode, &[me.pgrp]), Some(me.pgrp));
        assert_eq!(group_holding(inode, &[u32::MAX]), None);
        assert_eq!(tree_holding(inode, &[me.pgrp]), Some(me.pgrp));
        assert_eq!(tree_holding(inode, &[u32::MAX]), None);
    }

    #[test]
    fn an_accepted_connection_names_its_callers_uid_and_socket() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        let (uid, inode) = tcp_socket_owner(
            accepted.peer_addr().unwrap(),
            accepted.local_addr().unwrap(),
        )
        .expect("the caller's socket in /proc/net/tcp");
        assert_eq!(uid, nix::unistd::getuid().as_raw());
        assert_eq!(Some(inode), socket_inode(client.local_addr().unwrap()));
    }

    #[test]
    fn reads_its_own_usage() {
        let usage = OwnUsage::read().expect("/proc/self");
        assert!(usage.rss_bytes > 0 && usage.open_fds >= 3, "{usage:?}");
    }

    #[test]
    fn parses_kernel_addresses() {
        assert_eq!(
            parse_hex_addr("0100007F:1F90"),
            Some("127.0.0.1:8080".parse().unwrap())
        );
        let v6 = parse_hex_addr("00000000000000000000000001000000:0050").unwrap();
        assert_eq!(v6, "[::1]:80".parse().unwrap());
    }
}
