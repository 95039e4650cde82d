//! The daemon socket's second protocol: HTTP/1.1 (or HTTP/2) with JSON,
//! beside the gRPC API `flowctl` speaks, on the same listener and behind
//! the same peer-uid check, so that `curl --unix-socket <sock>
//! http://localhost/v1/runs` works as Docker's and Podman's APIs do.
//!
//! Every route calls the gRPC handler of the same request
//! ([`crate::api::daemon::DaemonApi`]) and answers its message in the JSON
//! shape `flowctl ... -o json` prints (`flowctl_proto::json`): one
//! implementation, one definition of the output.
//!
//! # Layout
//!
//! - [`socket`]: the accept loop; one connection serves both protocols, a
//!   request going to gRPC by its `content-type`;
//! - `routes`: the table of routes, each a call of the daemon API;
//! - `submit`: the body of `POST /v1/runs` (JSON, or the pipeline text);
//! - `reply`: JSON answers, newline-delimited JSON streams, errors with the
//!   HTTP status of their gRPC code;
//! - `query`: the query string.

mod query;
mod reply;
mod routes;
pub mod socket;
mod submit;
