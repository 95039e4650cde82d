//! What the relay moves where, read from the pipeline: one node per
//! component on an edge, one edge per entry of an `inputs` list.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use flowctl_core::spec::{Component, ComponentKind, Pipeline};

use super::edge::{EDGE_CAPACITY, Inputs, Outputs, edge};
use super::metrics::EdgeStats;

/// One component's place in the flow, before its task starts.
#[derive(Debug)]
pub(crate) struct NodePlan {
    pub id: String,
    pub kind: ComponentKind,
    /// How long the component may refuse connections before the relay fails.
    pub start_timeout: Duration,
    /// The `StreamRequest.params` of a source; empty for the others.
    pub params: HashMap<String, String>,
    pub inputs: Inputs,
    pub outputs: Outputs,
}

/// Every node and edge of a pipeline.
#[derive(Debug)]
pub(crate) struct Plan {
    /// Components with at least one edge, in pipeline order. The others
    /// (say, a database listed only in `depends_on`) exchange no events.
    pub nodes: Vec<NodePlan>,
    /// Every edge's counters, in pipeline order of the receiving component.
    pub edges: Vec<Arc<EdgeStats>>,
}

impl Plan {
    /// Lays out the flow of `pipeline`. Inputs naming no component, and
    /// repeated inputs, are ignored (the validator rejects both).
    pub fn new(pipeline: &Pipeline) -> Plan {
        let mut nodes: Vec<NodePlan> = pipeline
            .components
            .iter()
            .map(|c| NodePlan {
                id: c.id.clone(),
                kind: c.kind,
                start_timeout: c.start_timeout,
                params: match c.kind {
                    ComponentKind::Source => source_params(pipeline, c),
                    _ => HashMap::new(),
                },
                inputs: Inputs::default(),
                outputs: Outputs::default(),
            })
            .collect();
        let index: HashMap<&str, usize> = pipeline
            .components
            .iter()
            .enumerate()
            .rev()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut edges = Vec::new();
        let mut linked = vec![false; nodes.len()];
        for (to, component) in pipeline.components.iter().enumerate() {
            let mut seen: Vec<&str> = Vec::new();
            for input in &component.inputs {
                let Some(&from) = index.get(input.as_str()) else {
                    continue;
                };
                // A sink sends nothing, so an edge from it would never end.
                if seen.contains(&input.as_str())
                    || from == to
                    || pipeline.components[from].kind == ComponentKind::Sink
                {
                    continue;
                }
                seen.push(input);
                let stats = Arc::new(EdgeStats::new(input, &component.id, EDGE_CAPACITY));
                let (tx, rx) = edge(stats.clone(), component.input_event_types.clone());
                nodes[from].outputs.push(tx);
                nodes[to].inputs.push(rx, stats.clone());
                edges.push(stats);
                linked[from] = true;
                linked[to] = true;
            }
        }
        let mut linked = linked.into_iter();
        nodes.retain(|_| linked.next().unwrap_or(false));
        Plan { nodes, edges }
    }
}

/// The `StreamRequest.params` of a source, as the old flowctl built them:
/// its `config` map, plus `start_ledger` and `end_ledger` from its
/// `START_LEDGER` and `END_LEDGER` (its own `env` over the pipeline's).
pub(crate) fn source_params(pipeline: &Pipeline, source: &Component) -> HashMap<String, String> {
    let mut params: HashMap<String, String> = source
        .config
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (var, param) in [
        ("START_LEDGER", "start_ledger"),
        ("END_LEDGER", "end_ledger"),
    ] {
        if let Some(value) = source.env.get(var).or_else(|| pipeline.env.get(var)) {
            params.insert(param.to_owned(), value.clone());
        }
    }
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline(yaml: &str) -> Pipeline {
        flowctl_core::spec::parse("test.yaml", yaml.as_bytes())
            .unwrap_or_else(|err| panic!("{err:?}"))
            .pipeline
    }

    #[test]
    fn one_edge_per_input_and_isolated_components_left_out() {
        let p = pipeline(
            r#"
apiVersion: flowctl/v1
kind: Pipeline
metadata: {name: diamond}
spec:
  sources:
    - {id: a, command: [a]}
    - {id: db, command: [db]}
  processors:
    - {id: b, command: [b], inputs: [a]}
    - {id: c, command: [c], inputs: [a]}
  sinks:
    - {id: d, command: [d], inputs: [b, c], depends_on: [db]}
"#,
        );
        let plan = Plan::new(&p);
        let ids: Vec<&str> = plan.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);
        let edges: Vec<(&str, &str)> = plan
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str()))
            .collect();
        assert_eq!(edges, [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]);
    }

    #[test]
    fn source_params_take_config_and_ledgers_from_env() {
        let p = pipeline(
            r#"
apiVersion: flowctl/v1
kind: Pipeline
metadata: {name: ledgers}
spec:
  env: {START_LEDGER: "100", END_LEDGER: "200"}
  sources:
    - id: s
      command: [s]
      env: {END_LEDGER: "150"}
      config: {network: testnet, batch-size: 5}
  sinks:
    - {id: out, command: [o], inputs: [s]}
"#,
        );
        let params = &Plan::new(&p).nodes[0].params;
        let mut got: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("batch-size", "5"),
                ("end_ledger", "150"),
                ("network", "testnet"),
                ("start_ledger", "100")
            ]
        );
    }
}
