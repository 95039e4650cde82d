"""A third-party gRPC client of flowctl: Python's grpcio, over the daemon's
Unix socket and the control plane's TCP port.

    grpc_clients.py SOCKET CONTROL_PLANE_HOST:PORT PROTO_DIR

Generates the daemon API's stubs from PROTO_DIR (grpcio-tools), calls
GetInfo and ListRuns over SOCKET, then lists the control plane's services
and fetches a file descriptor with grpcio-reflection's own client (server
reflection v1alpha). Prints one JSON object of what it learnt; any failure
raises (exit status 1 with the traceback).

grpcio sends the percent-encoded socket path as `:authority`, which the
HTTP/2 server under flowctld refuses; `grpc.default_authority=localhost`
(below) is the client-side setting that avoids it.
"""

import glob
import json
import os
import sys
import tempfile

import grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)
from grpc_tools import protoc


def daemon_stubs(proto_dir, out):
    """Generates and imports the `flowctl.daemon.v1` stubs."""
    files = glob.glob(os.path.join(proto_dir, "flowctl", "daemon", "v1", "*.proto"))
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    args = ["protoc", f"-I{proto_dir}", f"-I{include}", f"--python_out={out}",
            f"--grpc_python_out={out}", *files]
    if protoc.main(args) != 0:
        raise SystemExit(f"protoc failed on {files}")
    sys.path.insert(0, out)
    from flowctl.daemon.v1 import daemon_pb2, daemon_pb2_grpc
    return daemon_pb2, daemon_pb2_grpc


def main():
    socket, control_plane, proto_dir = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as out:
        pb, pb_grpc = daemon_stubs(proto_dir, out)
        options = [("grpc.default_authority", "localhost")]
        with grpc.insecure_channel(f"unix:{socket}", options=options) as channel:
            daemon = pb_grpc.DaemonStub(channel)
            info = daemon.GetInfo(pb.GetInfoRequest(), timeout=30)
            runs = daemon.ListRuns(pb.ListRunsRequest(), timeout=30)
    with grpc.insecure_channel(control_plane) as channel:
        reflection = ProtoReflectionDescriptorDatabase(channel)
        services = sorted(reflection.get_services())
        file = reflection.FindFileContainingSymbol("flowctl.v1.ControlPlaneService")
    print(json.dumps({
        "pid": info.pid,
        "version": info.version,
        "runs": [run.run_id for run in runs.runs],
        "services": services,
        "file": file.name,
        "file_services": [s.name for s in file.service],
    }))


if __name__ == "__main__":
    main()
