//! Build facts for the daemon's `GetInfo` (`flowctl version`): the client's
//! build script, run here too, so both binaries report them the same way.

#[path = "../flowctl/build.rs"]
mod facts;

fn main() {
    facts::main();
    println!("cargo:rerun-if-changed=../flowctl/build.rs");
}
