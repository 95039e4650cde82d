//! The body of `POST /v1/runs`: what to run, where, in which environment.

use std::collections::BTreeMap;

use flowctl_proto::daemon::v1::SubmitRunRequest;
use http::Request;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use tonic::Status;

use super::query::Query;
use super::routes::bad;

/// The largest request body accepted (a pipeline file).
const MAX_BODY: usize = 16 << 20;

/// A run submission as a JSON body (`content-type: application/json`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Submission {
    pipeline: String,
    working_dir: Option<String>,
    env: Option<BTreeMap<String, String>>,
    pipeline_path: Option<String>,
}

/// What `POST /v1/runs` asks to run: a JSON [`Submission`], or the pipeline
/// text as the body with `working_dir`, `pipeline_path` and `env=K=V` in
/// the query. Without `env`, components start in the daemon's environment.
pub async fn submission(
    query: &Query,
    request: Request<Incoming>,
) -> Result<SubmitRunRequest, Status> {
    let is_json = request
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let body = http_body_util::Limited::new(request.into_body(), MAX_BODY)
        .collect()
        .await
        .map_err(|err| bad(format!("cannot read the request body: {err}")))?
        .to_bytes();
    let submission = if is_json {
        serde_json::from_slice::<Submission>(&body).map_err(|err| {
            bad(format!(
                "the body is not a run submission: {err}; expected \
                 {{\"pipeline\": \"<pipeline YAML>\", \"working_dir\": \"/abs/dir\", \
                 \"env\": {{\"K\": \"V\"}}, \"pipeline_path\": \"<for messages>\"}}"
            ))
        })?
    } else {
        let pipeline = String::from_utf8(body.to_vec())
            .map_err(|_| bad("the pipeline in the request body is not UTF-8 text".into()))?;
        let env: Vec<&str> = query.all("env").collect();
        let env = match env.is_empty() {
            true => None,
            false => Some(
                env.iter()
                    .map(|pair| env_pair(pair))
                    .collect::<Result<_, _>>()?,
            ),
        };
        Submission {
            pipeline,
            working_dir: query.get("working_dir").map(str::to_owned),
            env,
            pipeline_path: query.get("pipeline_path").map(str::to_owned),
        }
    };
    let Some(working_dir) = submission.working_dir.filter(|d| !d.is_empty()) else {
        return Err(bad(
            "a run needs its working directory: POST /v1/runs?working_dir=/abs/dir \
             (or \"working_dir\" in a JSON body)"
                .into(),
        ));
    };
    Ok(SubmitRunRequest {
        pipeline_yaml: submission.pipeline,
        pipeline_path: submission.pipeline_path.unwrap_or_default(),
        working_dir,
        env: submission
            .env
            .map(|env| env.into_iter().collect())
            .unwrap_or_else(|| std::env::vars().collect()),
        ..Default::default()
    })
}

/// `K=V` of an `env` query parameter.
fn env_pair(pair: &str) -> Result<(String, String), Status> {
    match pair.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(bad(format!(
            "query parameter env={pair}: expected env=NAME=VALUE"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_pairs_need_a_name() {
        assert_eq!(env_pair("A=b=c").unwrap(), ("A".into(), "b=c".into()));
        assert!(env_pair("=b").is_err());
        assert!(env_pair("A").is_err());
    }
}
