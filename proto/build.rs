//! Compiles the `.proto` files with the pure-Rust `protox`, so building needs
//! no `protoc` on the machine, and keeps the descriptor set for gRPC
//! server reflection.

use std::path::PathBuf;

const PROTOS: &[&str] = &[
    "flowctl/v1/common.proto",
    "flowctl/v1/control_plane.proto",
    "flowctl/v1/data_plane.proto",
    "flowctl/legacy/control_plane.proto",
    "flowctl/daemon/v1/daemon.proto",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for proto in PROTOS {
        println!("cargo:rerun-if-changed={proto}");
    }
    let fds = protox::compile(PROTOS, ["."])?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(
        out.join("flowctl_descriptor.bin"),
        prost::Message::encode_to_vec(&fds),
    )?;
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_fds(fds)?;
    Ok(())
}
