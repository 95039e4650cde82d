//! Who is on the other end of a control-plane connection, and the check
//! that admits it.
//!
//! A caller is admitted by the first of these that holds:
//! - it presents `authorization: Bearer <token>` and the token is the one of
//!   `--token-file` (a wrong token is refused outright, never judged by
//!   the rules below);
//! - it came over TLS with a client certificate, which the handshake
//!   verified against `--tls-ca-cert` (without a CA no certificate is asked for);
//! - the daemon runs with `--insecure` (a trusted network);
//! - it is the daemon's own user (or root, when allowed) on this machine,
//!   on a listener bound to loopback only: a control plane bound off
//!   loopback asks everyone for its token or a certificate, since a port
//!   forward or proxy run by the daemon's user would carry anyone's
//!   connection as that user's. The components the daemon starts itself
//!   reach it on a loopback listener of their own (`own_plane`).
//!
//! The Unix socket learns its peer's uid from the kernel (`SO_PEERCRED`).
//! A loopback TCP connection has no such credential, but Linux shows the
//! owner of every socket in `/proc/net/tcp{,6}`: the caller's end of the
//! connection belongs to the caller's uid. That is looked up once per
//! connection, when it is accepted, and carried with every request on it.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio_stream::Stream;
use tonic::transport::server::{Connected, TlsConnectInfo};
use tonic::{Request, Status};

use crate::procfs;
use crate::tls::Token;

/// What is known about a connection's caller.
#[derive(Debug, Clone)]
pub struct PeerInfo {
    /// The caller's address.
    pub remote: Option<SocketAddr>,
    /// Our address the caller connected to.
    pub local: Option<SocketAddr>,
    /// The caller's uid, when the system tells (Linux, loopback).
    pub uid: Option<u32>,
    /// The inode of the caller's end of the connection (Linux), which names
    /// the process holding it (`supervisor::claim`).
    pub inode: Option<u64>,
}

/// An accepted control-plane connection with what we know of its caller.
#[derive(Debug)]
pub struct PeerStream {
    inner: TcpStream,
    info: PeerInfo,
}

impl PeerStream {
    /// Wraps an accepted connection, looking up who made it.
    pub fn new(inner: TcpStream) -> PeerStream {
        let remote = inner.peer_addr().ok();
        let local = inner.local_addr().ok();
        let owner = match (remote, local) {
            (Some(remote), Some(local)) => procfs::tcp_socket_owner(remote, local),
            _ => None,
        };
        PeerStream {
            inner,
            info: PeerInfo {
                remote,
                local,
                uid: owner.map(|(uid, _)| uid),
                inode: owner.map(|(_, inode)| inode),
            },
        }
    }
}

/// A closed connection's buffers are given back to the system soon.
impl Drop for PeerStream {
    fn drop(&mut self) {
        crate::heap::release_soon();
    }
}

impl Connected for PeerStream {
    type ConnectInfo = PeerInfo;

    fn connect_info(&self) -> PeerInfo {
        self.info.clone()
    }
}

impl AsyncRead for PeerStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for PeerStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// The connections of `listener`, each with its caller looked up.
pub fn incoming(listener: TcpListener) -> impl Stream<Item = io::Result<PeerStream>> {
    use tokio_stream::StreamExt;
    tokio_stream::wrappers::TcpListenerStream::new(listener)
        .map(|accepted| accepted.map(PeerStream::new))
}

/// The caller of a control-plane request, when known (over TLS too).
pub fn of<T>(request: &Request<T>) -> Option<&PeerInfo> {
    let extensions = request.extensions();
    extensions.get::<PeerInfo>().or_else(|| {
        extensions
            .get::<TlsConnectInfo<PeerInfo>>()
            .map(TlsConnectInfo::get_ref)
    })
}

/// Whether the caller came over TLS with a client certificate the
/// handshake verified.
fn has_verified_certificate<T>(request: &Request<T>) -> bool {
    request
        .extensions()
        .get::<TlsConnectInfo<PeerInfo>>()
        .and_then(TlsConnectInfo::peer_certs)
        .is_some_and(|certs| !certs.is_empty())
}

/// Which callers the control plane admits besides the daemon's own user.
#[derive(Debug, Clone, Default)]
pub struct Admission {
    /// Also admit root (off by default: a root daemon admits root anyway).
    pub root: bool,
    /// The bearer token that admits a caller (`--token-file`).
    pub token: Option<Token>,
    /// Admit every caller (`--insecure`).
    pub insecure: bool,
    /// The listener is bound off loopback: being the daemon's user on this
    /// machine does not admit there (see the module doc).
    pub exposed: bool,
}

impl Admission {
    /// Who the loopback listener of the daemon's own components admits:
    /// the daemon's user as the kernel names it (and a caller with the
    /// token), never everyone, whatever `--insecure` says of the network.
    pub fn for_own_components(&self) -> Admission {
        Admission {
            insecure: false,
            exposed: false,
            ..self.clone()
        }
    }

    /// Lets through a caller with the token, a verified certificate, any
    /// caller under `--insecure`, or else, on a loopback listener, the
    /// daemon's own user (and root when allowed); everything else is
    /// refused before any handler runs.
    pub fn check(&self, request: Request<()>) -> Result<Request<()>, Status> {
        if let Some(header) = request.metadata().get("authorization") {
            match &self.token {
                Some(token) if token.accepts(header.as_bytes()) => return Ok(request),
                Some(_) => {
                    return Err(Status::unauthenticated(
                        "the bearer token does not match the control plane's (--token-file): \
                         give the component the token in that file (FLOWCTL_TOKEN_FILE or FLOWCTL_TOKEN)",
                    ));
                }
                // A header nobody asked for decides nothing.
                None => {}
            }
        }
        if has_verified_certificate(&request) || self.insecure {
            return Ok(request);
        }
        let own = nix::unistd::getuid().as_raw();
        let peer = of(&request);
        let uid = peer.and_then(|p| p.uid);
        let address = peer
            .and_then(|p| p.local)
            .map_or_else(|| "the control plane".to_owned(), |a| a.to_string());
        if self.exposed {
            return Err(Status::unauthenticated(format!(
                "the control plane on {address} is reachable from other machines and admits \
                 only callers with {}: give the component {}",
                if self.token.is_some() {
                    "its bearer token or a client certificate"
                } else {
                    "a client certificate its CA (--tls-ca-cert) signed"
                },
                if self.token.is_some() {
                    "the token (FLOWCTL_TOKEN_FILE or FLOWCTL_TOKEN)"
                } else {
                    "one (FLOWCTL_TLS_CERT and FLOWCTL_TLS_KEY)"
                },
            )));
        }
        match uid {
            Some(uid) if uid == own || (self.root && uid == 0) => Ok(request),
            Some(uid) => Err(Status::permission_denied(format!(
                "the control plane on {address} belongs to uid {own}; uid {uid} may not use it \
                 (run your components as uid {own})"
            ))),
            None => Err(Status::permission_denied(format!(
                "the control plane on {address} cannot tell which user is calling \
                 (only callers on this machine can be identified), so it refuses the call{}",
                if self.token.is_some() {
                    "; a caller from elsewhere must present its bearer token (FLOWCTL_TOKEN_FILE)"
                } else {
                    "; to admit callers from elsewhere, start it with --tls-ca-cert (client \
                     certificates) or --token-file"
                }
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_accepted_connection_knows_its_callers_uid() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let client = tokio::spawn(async move { TcpStream::connect(address).await.unwrap() });
        let (accepted, _) = listener.accept().await.unwrap();
        let _client = client.await.unwrap();
        let peer = PeerStream::new(accepted);
        assert_eq!(peer.info.uid, Some(nix::unistd::getuid().as_raw()));
        assert_eq!(peer.info.local, Some(address));
        assert!(peer.info.inode.is_some(), "{:?}", peer.info);
    }

    #[test]
    fn another_user_and_the_unknown_are_refused() {
        let own = nix::unistd::getuid().as_raw();
        let request = |uid: Option<u32>| {
            let mut request = Request::new(());
            request.extensions_mut().insert(PeerInfo {
                remote: None,
                local: Some("127.0.0.1:8080".parse().unwrap()),
                uid,
                inode: None,
            });
            request
        };
        assert!(Admission::default().check(request(Some(own))).is_ok());
        let other = own.wrapping_add(1).max(1);
        let refused = Admission::default()
            .check(request(Some(other)))
            .unwrap_err();
        assert_eq!(refused.code(), tonic::Code::PermissionDenied);
        assert!(
            refused.message().contains("127.0.0.1:8080"),
            "{}",
            refused.message()
        );
        let unknown = Admission::default().check(request(None)).unwrap_err();
        assert_eq!(unknown.code(), tonic::Code::PermissionDenied);
        let root = Admission {
            root: true,
            ..Admission::default()
        };
        assert!(root.check(request(Some(0))).is_ok());
        let insecure = Admission {
            insecure: true,
            ..Admission::default()
        };
        assert!(insecure.check(request(None)).is_ok());
        // Off loopback the uid admits nobody, and the components' own
        // listener admits by uid even under --insecure.
        let exposed = Admission {
            exposed: true,
            ..Admission::default()
        };
        let refused = exposed.check(request(Some(own))).unwrap_err();
        assert_eq!(refused.code(), tonic::Code::Unauthenticated);
        assert!(
            refused.message().contains("client certificate"),
            "{refused:?}"
        );
        let own_components = Admission {
            insecure: true,
            exposed: true,
            ..Admission::default()
        }
        .for_own_components();
        assert!(own_components.check(request(Some(own))).is_ok());
        assert!(own_components.check(request(None)).is_err());
        assert!(own_components.check(request(Some(other))).is_err());
    }
}
