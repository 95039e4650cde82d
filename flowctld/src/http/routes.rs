//! The routes of the HTTP API. Each one calls the daemon API's gRPC handler
//! for the same request ([`DaemonApi`]) and answers its message in the
//! shape `-o json` prints ([`flowctl_proto::json`]).
//!
//! | route | as |
//! |---|---|
//! | `GET /v1/info` | `daemon status -o json` (without the client's fields) |
//! | `GET /v1/runs?pipeline=NAME&active=true&limit=N` | `pipelines list\|runs NAME\|active -o json` |
//! | `GET /v1/runs/{id}` | `pipelines run-info ID -o json` |
//! | `GET /v1/components?run=ID` | `status [ID] -o json` |
//! | `GET /v1/runs/{id}/logs?component=C&follow=true&tail=N` | `logs -o json`, one line each |
//! | `GET /v1/events[?run=ID&logs=true]` | every run's changes, or one run's `Watch` |
//! | `POST /v1/runs` | `run --detach -o json` (201) |
//! | `POST /v1/runs/{id}/stop` | `pipelines stop ID` |
//! | `POST /v1/runs/{id}/restart` | `pipelines restart ID --detach -o json` (201) |
//! | `POST /v1/runs/{id}/components[/{c}]/restart` | `restart ID [C]` |

use flowctl_proto::daemon::v1::daemon_server::Daemon;
use flowctl_proto::daemon::v1::{
    GetInfoRequest, ListComponentsRequest, ListRunsRequest, LogsRequest, RestartComponentRequest,
    RunRef, WatchRequest,
};
use flowctl_proto::json;
use http::{Method, Request, StatusCode};
use hyper::body::Incoming;
use tokio_stream::StreamExt;
use tonic::Status;
use tonic::transport::server::UdsConnectInfo;

use super::query::{Query, decode};
use super::reply::{self, Reply};
use crate::api::daemon::{DaemonApi, only_same_user};

/// What the routes call: the daemon API.
#[derive(Clone)]
pub struct Api {
    pub daemon: DaemonApi,
}

/// Every route, for the answer to an unknown one.
const ROUTES: &str = "GET /v1/info, GET|POST /v1/runs, GET /v1/runs/{id}, \
    GET /v1/runs/{id}/logs, POST /v1/runs/{id}/stop, POST /v1/runs/{id}/restart, \
    POST /v1/runs/{id}/components[/{component}]/restart, GET /v1/components, GET /v1/events";

/// A request's route, with the run it names.
enum Route {
    Info,
    Runs,
    Run(String),
    Logs(String),
    Stop(String),
    Restart(String),
    /// A run's components (all, or the one named) restarted by hand.
    RestartComponents(String, String),
    Components,
    Events,
}

impl Route {
    fn of(path: &str) -> Option<Route> {
        let rest = path.strip_prefix("/v1/")?.trim_end_matches('/');
        let parts: Vec<&str> = rest.split('/').collect();
        let run = |id: &str| Some(decode(id)).filter(|id| !id.is_empty());
        Some(match parts.as_slice() {
            ["info"] => Route::Info,
            ["runs"] => Route::Runs,
            ["components"] => Route::Components,
            ["events"] => Route::Events,
            ["runs", id] => Route::Run(run(id)?),
            ["runs", id, "logs"] => Route::Logs(run(id)?),
            ["runs", id, "stop"] => Route::Stop(run(id)?),
            ["runs", id, "restart"] => Route::Restart(run(id)?),
            ["runs", id, "components", "restart"] => Route::RestartComponents(run(id)?, "".into()),
            ["runs", id, "components", c, "restart"] => Route::RestartComponents(run(id)?, run(c)?),
            _ => return None,
        })
    }

    /// The methods the route answers.
    fn allow(&self) -> &'static str {
        match self {
            Route::Runs => "GET, POST",
            Route::Stop(_) | Route::Restart(_) | Route::RestartComponents(..) => "POST",
            _ => "GET",
        }
    }
}

/// Answers `request` from the peer `peer`: refused unless it runs as the
/// daemon's user (the check the gRPC API makes), else by its route.
pub async fn handle(api: &Api, peer: UdsConnectInfo, request: Request<Incoming>) -> Reply {
    let mut check = tonic::Request::new(());
    check.extensions_mut().insert(peer.clone());
    if let Err(status) = only_same_user(check) {
        return reply::refused(&status);
    }
    let path = request.uri().path().to_owned();
    let Some(route) = Route::of(&path) else {
        return reply::error(
            StatusCode::NOT_FOUND,
            &format!("no route {path}: the API serves {ROUTES}"),
        );
    };
    let method = request.method().clone();
    if !route.allow().split(", ").any(|allowed| allowed == method) {
        return reply::method_not_allowed(&method, &path, route.allow());
    }
    let query = Query::parse(request.uri().query());
    let call = Call { api, peer: &peer };
    let answer = match (route, method) {
        (Route::Info, _) => call.info().await,
        (Route::Runs, Method::POST) => call.submit(&query, request).await,
        (Route::Runs, _) => call.runs(&query).await,
        (Route::Run(id), _) => call.run(id).await,
        (Route::Logs(id), _) => call.logs(id, &query).await,
        (Route::Stop(id), _) => call.stop(id).await,
        (Route::Restart(id), _) => call.restart(id).await,
        (Route::RestartComponents(id, component), _) => {
            call.restart_components(id, component).await
        }
        (Route::Components, _) => call.components(&query).await,
        (Route::Events, _) => call.events(&query).await,
    };
    answer.unwrap_or_else(|status| reply::refused(&status))
}

/// One request's calls of the daemon API, as its peer.
struct Call<'a> {
    api: &'a Api,
    peer: &'a UdsConnectInfo,
}

/// A query parameter or body that does not parse, as the daemon API's
/// refusal.
pub(super) fn bad(message: String) -> Status {
    Status::invalid_argument(message)
}

impl Call<'_> {
    /// `message` as a gRPC request from this peer (its credentials tell a
    /// submission's client, as over gRPC).
    fn request<T>(&self, message: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        request.extensions_mut().insert(self.peer.clone());
        request
    }

    async fn info(&self) -> Result<Reply, Status> {
        let info = self.api.daemon.get_info(self.request(GetInfoRequest {}));
        let info = info.await?.into_inner();
        Ok(reply::json(StatusCode::OK, &json::daemon_info(&info)))
    }

    async fn runs(&self, query: &Query) -> Result<Reply, Status> {
        let request = ListRunsRequest {
            pipeline_name: query.get("pipeline").unwrap_or_default().to_owned(),
            active_only: query.flag("active").map_err(bad)?,
            limit: query.count("limit").map_err(bad)?,
        };
        let runs = self.api.daemon.list_runs(self.request(request)).await?;
        let runs = runs.into_inner().runs.iter().map(json::run).collect();
        Ok(reply::json(StatusCode::OK, &serde_json::Value::Array(runs)))
    }

    async fn run(&self, run_id: String) -> Result<Reply, Status> {
        let detail = self.api.daemon.get_run(self.request(RunRef { run_id }));
        let detail = detail.await?.into_inner();
        Ok(reply::json(StatusCode::OK, &json::run_detail(&detail)))
    }

    async fn components(&self, query: &Query) -> Result<Reply, Status> {
        let run_id = query.get("run").unwrap_or_default().to_owned();
        let request = self.request(ListComponentsRequest { run_id });
        let list = self.api.daemon.list_components(request).await?.into_inner();
        let value = json::components(&list.components, &list.external);
        Ok(reply::json(StatusCode::OK, &value))
    }

    async fn logs(&self, run_id: String, query: &Query) -> Result<Reply, Status> {
        let request = LogsRequest {
            run_id,
            component: query.get("component").unwrap_or_default().to_owned(),
            follow: query.flag("follow").map_err(bad)?,
            tail: query.count("tail").map_err(bad)?,
        };
        let lines = self.api.daemon.logs(self.request(request)).await?;
        let lines = lines.into_inner();
        Ok(reply::ndjson(
            lines.map(|line| line.map(|l| json::log_line(&l))),
        ))
    }

    async fn events(&self, query: &Query) -> Result<Reply, Status> {
        // Without a run: every run's changes (`Watch` with no run id).
        let run_id = query.get("run").map(str::to_owned).unwrap_or_default();
        if run_id.is_empty() && query.flag("logs").map_err(bad)? {
            return Err(bad(
                "logs=true needs a run: /v1/events?run=ID&logs=true".into()
            ));
        }
        let request = WatchRequest {
            run_id,
            stop_on_disconnect: false,
            logs: query.flag("logs").map_err(bad)?,
        };
        let events = self.api.daemon.watch(self.request(request)).await?;
        let events = events.into_inner();
        Ok(reply::ndjson(
            events.map(|e| e.map(|e| json::watch_event(&e))),
        ))
    }

    async fn submit(&self, query: &Query, request: Request<Incoming>) -> Result<Reply, Status> {
        let submission = super::submit::submission(query, request).await?;
        let summary = self.api.daemon.submit_run(self.request(submission)).await?;
        Ok(reply::json(
            StatusCode::CREATED,
            &json::run(&summary.into_inner()),
        ))
    }

    async fn stop(&self, run_id: String) -> Result<Reply, Status> {
        let summary = self.api.daemon.stop_run(self.request(RunRef { run_id }));
        let summary = summary.await?.into_inner();
        Ok(reply::json(StatusCode::OK, &json::run(&summary)))
    }

    async fn restart(&self, run_id: String) -> Result<Reply, Status> {
        let summary = self.api.daemon.restart_run(self.request(RunRef { run_id }));
        let summary = summary.await?.into_inner();
        Ok(reply::json(StatusCode::CREATED, &json::run(&summary)))
    }
}

impl Call<'_> {
    async fn restart_components(&self, run_id: String, component: String) -> Result<Reply, Status> {
        let request = RestartComponentRequest { run_id, component };
        let summary = self.api.daemon.restart_component(self.request(request));
        let summary = summary.await?.into_inner();
        Ok(reply::json(StatusCode::OK, &json::run(&summary)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_route_and_run() {
        let run = |path| match Route::of(path) {
            Some(Route::Run(id) | Route::Logs(id) | Route::Stop(id) | Route::Restart(id)) => id,
            _ => "-".into(),
        };
        assert_eq!(run("/v1/runs/3f2a"), "3f2a");
        assert_eq!(run("/v1/runs/3f%2Da/logs"), "3f-a");
        assert_eq!(run("/v1/runs/3f2a/stop/"), "3f2a");
        assert!(matches!(
            Route::of("/v1/runs/3f/components/gen/restart"),
            Some(Route::RestartComponents(id, c)) if id == "3f" && c == "gen"
        ));
        assert!(matches!(
            Route::of("/v1/runs/3f/components/restart"),
            Some(Route::RestartComponents(id, c)) if id == "3f" && c.is_empty()
        ));
        assert!(matches!(Route::of("/v1/runs/"), Some(Route::Runs)));
        assert!(matches!(Route::of("/v1/info"), Some(Route::Info)));
        for unknown in [
            "/",
            "/v1",
            "/v2/runs",
            "/v1/runs//logs",
            "/v1/runs/a/b",
            "/v1/infos",
        ] {
            assert!(Route::of(unknown).is_none(), "{unknown}");
        }
        assert_eq!(Route::Runs.allow(), "GET, POST");
        assert_eq!(Route::Stop("a".into()).allow(), "POST");
        assert_eq!(Route::Events.allow(), "GET");
    }
}
