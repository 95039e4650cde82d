//! What the dashboard shows, as a pure model: [`Update`]s from a source
//! (the local daemon's streams or a remote plane's answers) go in, and the
//! renderer reads the result. Nothing here does I/O or reads the clock:
//! times come in as unix ms, so tests feed events and a fixed clock.

use std::collections::VecDeque;

use flowctl_proto::daemon::v1::{ComponentStatus, EdgeStatus, LogLine, RunDetail, RunSummary};

use crate::display::merge_status;

/// Samples of a run's rate kept for its sparkline: one a second, a minute.
pub const HISTORY: usize = 60;

/// Log lines kept for the log panel.
pub const LOG_LINES: usize = 500;

/// One thing a source learned.
#[derive(Debug, Clone)]
pub enum Update {
    /// The runs a listing shows, newest first; runs it no longer shows are
    /// kept only while active (a remote plane lists all runs anyway).
    Runs(Vec<RunSummary>),
    /// One run's new summary.
    Run(RunSummary),
    /// One component's new status (a change of state, or of its counts).
    Component(Box<ComponentStatus>),
    /// A run with its components and edges, read at `at_ms`.
    Detail { detail: RunDetail, at_ms: i64 },
    /// A run's edges as counted at `at_ms` (a `Watch` of the run).
    Edges {
        run_id: String,
        edges: Vec<EdgeStatus>,
        at_ms: i64,
    },
    /// A remote plane's registrations, keyed to runs by their ids; those no
    /// run lists stay in the registry.
    Registry(Vec<ComponentStatus>),
    /// A run's rate as the source knows it (a remote plane's metrics).
    RateHint { run_id: String, per_second: f64 },
    /// A line of the followed component's log.
    Log(LogLine),
    /// A line for the status bar: what an action did, or what failed.
    Notice(String),
}

/// An edge as shown: its counters and the rate since the previous reading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edge {
    pub status: EdgeStatus,
    pub rate: f64,
}

/// A run and what the dashboard knows of it.
#[derive(Debug, Clone, Default)]
pub struct RunEntry {
    pub summary: RunSummary,
    pub components: Vec<ComponentStatus>,
    pub edges: Vec<Edge>,
    /// When the edges were read (unix ms), for their rates.
    pub edges_at_ms: i64,
    /// Events per second, one sample a second, oldest first.
    pub history: VecDeque<f64>,
    /// A rate the source gave (a remote plane's run metrics), used instead
    /// of the one derived from the components' counts.
    pub rate_hint: Option<f64>,
    /// Events the components took in at the last sample, and when.
    sampled: Option<(u64, i64)>,
}

impl RunEntry {
    fn new(summary: RunSummary) -> RunEntry {
        RunEntry {
            summary,
            ..RunEntry::default()
        }
    }

    /// The latest events-per-second sample (0 before the first).
    pub fn rate(&self) -> f64 {
        self.history.back().copied().unwrap_or(0.0)
    }

    /// Whether the run still runs (starting, running, stopping).
    pub fn active(&self) -> bool {
        flowctl_core::RunStatus::from(self.summary.status()).is_active()
    }

    fn component(&mut self, update: ComponentStatus) {
        match self.components.iter_mut().find(|c| c.id == update.id) {
            Some(shown) => *shown = merge_status(std::mem::take(shown), update),
            None => self.components.push(update),
        }
    }

    fn edges(&mut self, edges: Vec<EdgeStatus>, at_ms: i64) {
        let seconds = (at_ms - self.edges_at_ms) as f64 / 1000.0;
        let previous = std::mem::take(&mut self.edges);
        self.edges = edges
            .into_iter()
            .map(|status| {
                let before = previous
                    .iter()
                    .find(|e| e.status.from == status.from && e.status.to == status.to);
                let rate = match before {
                    Some(e) if seconds > 0.0 => {
                        status.events.saturating_sub(e.status.events) as f64 / seconds
                    }
                    Some(e) => e.rate,
                    None => 0.0,
                };
                Edge { status, rate }
            })
            .collect();
        self.edges_at_ms = at_ms;
    }

    fn sample(&mut self, now_ms: i64) {
        let total: u64 = self.components.iter().map(|c| c.events_in).sum();
        let rate = match (self.rate_hint, self.sampled) {
            (Some(hint), _) => hint,
            (None, Some((before, at))) if now_ms > at => {
                total.saturating_sub(before) as f64 * 1000.0 / (now_ms - at) as f64
            }
            _ => 0.0,
        };
        self.sampled = Some((total, now_ms));
        if !self.active() && self.history.is_empty() {
            return;
        }
        let rate = if self.active() { rate } else { 0.0 };
        self.history.push_back(rate);
        while self.history.len() > HISTORY {
            self.history.pop_front();
        }
    }
}

/// Which list the arrow keys move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Runs,
    Components,
}

/// What takes the keys besides the panels.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// Typing the filter after `/`.
    Filter,
    /// `s` asked to stop this run; `y` confirms.
    ConfirmStop { run_id: String },
    /// The `?` overlay.
    Help,
    /// The Enter overlay on the selected run or component.
    Details,
}

/// The dashboard's state.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// What is shown: "local daemon (SOCKET)" or "control plane HOST:PORT".
    pub title: String,
    /// A remote plane: no logs, no component restarts, no edges.
    pub remote: bool,
    /// Runs, newest first.
    pub runs: Vec<RunEntry>,
    /// A remote plane's registrations that no run lists.
    pub registry: Vec<ComponentStatus>,
    pub focus: Focus,
    pub mode: Mode,
    /// Index into [`Model::visible_runs`].
    pub run_selected: usize,
    /// Index into [`Model::visible_components`].
    pub component_selected: usize,
    /// Shown runs and components contain this text (case-insensitive).
    pub filter: String,
    /// Whether the log panel is open.
    pub show_logs: bool,
    /// The (run, component) whose log lines are kept.
    pub logs_of: Option<(String, String)>,
    pub logs: VecDeque<LogLine>,
    /// The status bar's last notice.
    pub notice: String,
    /// Whether something changed since the last draw.
    pub dirty: bool,
}

impl Model {
    /// An empty model titled `title`.
    pub fn new(title: &str, remote: bool) -> Model {
        Model {
            title: title.to_owned(),
            remote,
            dirty: true,
            ..Model::default()
        }
    }

    /// Applies what a source learned.
    pub fn apply(&mut self, update: Update) {
        self.dirty = true;
        match update {
            Update::Runs(listed) => self.listed(listed),
            Update::Run(summary) => {
                let entry = self.entry(summary.clone());
                entry.summary = summary;
            }
            Update::Component(c) => {
                let run = c.run_id.clone();
                if let Some(entry) = self.runs.iter_mut().find(|r| r.summary.run_id == run) {
                    entry.component(*c);
                }
            }
            Update::Detail { detail, at_ms } => {
                let Some(summary) = detail.run else { return };
                let entry = self.entry(summary.clone());
                entry.summary = summary;
                for c in detail.components {
                    entry.component(c);
                }
                entry.edges(detail.edges, at_ms);
            }
            Update::Edges {
                run_id,
                edges,
                at_ms,
            } => {
                if let Some(at) = self.position(&run_id) {
                    self.runs[at].edges(edges, at_ms);
                }
            }
            Update::Registry(all) => self.registry(all),
            Update::RateHint { run_id, per_second } => {
                if let Some(at) = self.position(&run_id) {
                    self.runs[at].rate_hint = Some(per_second);
                }
            }
            Update::Log(line) => self.log(line),
            Update::Notice(text) => self.notice = text,
        }
        self.clamp();
    }

    /// Once a second: the rates' samples, and relative times move on.
    pub fn tick(&mut self, now_ms: i64) {
        for run in &mut self.runs {
            run.sample(now_ms);
        }
        self.dirty = true;
    }

    fn listed(&mut self, listed: Vec<RunSummary>) {
        let mut runs = Vec::with_capacity(listed.len());
        for summary in listed {
            let mut entry = match self.position(&summary.run_id) {
                Some(at) => self.runs.remove(at),
                None => RunEntry::new(summary.clone()),
            };
            entry.summary = pick_newer(std::mem::take(&mut entry.summary), summary);
            runs.push(entry);
        }
        // Active runs the listing missed (beyond its limit) stay.
        runs.extend(self.runs.drain(..).filter(RunEntry::active));
        self.runs = runs;
    }

    fn registry(&mut self, all: Vec<ComponentStatus>) {
        let mut free = Vec::new();
        for run in &mut self.runs {
            run.components.clear();
        }
        for c in all {
            match self
                .runs
                .iter_mut()
                .find(|r| !c.run_id.is_empty() && r.summary.run_id == c.run_id)
            {
                Some(run) => run.components.push(c),
                None => free.push(c),
            }
        }
        self.registry = free;
    }

    fn log(&mut self, line: LogLine) {
        let wanted = self.logs_of.as_ref().is_some_and(|(run, component)| {
            line.run_id == *run && (line.component == *component || line.component.is_empty())
        });
        if !wanted {
            return;
        }
        self.logs.push_back(line);
        while self.logs.len() > LOG_LINES {
            self.logs.pop_front();
        }
    }

    fn position(&self, run_id: &str) -> Option<usize> {
        self.runs.iter().position(|r| r.summary.run_id == run_id)
    }

    /// The entry of `summary`'s run, added first (newest first) if new.
    fn entry(&mut self, summary: RunSummary) -> &mut RunEntry {
        let at = match self.position(&summary.run_id) {
            Some(at) => at,
            None => {
                self.runs.insert(0, RunEntry::new(summary));
                0
            }
        };
        &mut self.runs[at]
    }

    /// Keeps the selections inside their lists.
    pub fn clamp(&mut self) {
        let runs = self.visible_runs().len();
        self.run_selected = self.run_selected.min(runs.saturating_sub(1));
        let components = self.visible_components().len();
        self.component_selected = self.component_selected.min(components.saturating_sub(1));
    }

    /// The runs the filter lets through: their pipeline, id or status, or
    /// one of their components' ids, contains it.
    pub fn visible_runs(&self) -> Vec<&RunEntry> {
        self.runs
            .iter()
            .filter(|r| {
                run_matches(&r.summary, &self.filter)
                    || r.components.iter().any(|c| matches(&c.id, &self.filter))
            })
            .collect()
    }

    /// The selected run, if any is shown.
    pub fn selected_run(&self) -> Option<&RunEntry> {
        self.visible_runs().get(self.run_selected).copied()
    }

    /// The selected run's components the filter lets through (all of them
    /// when the run itself matched); with no run, a remote registry.
    pub fn visible_components(&self) -> Vec<&ComponentStatus> {
        let all: Vec<&ComponentStatus> = match self.selected_run() {
            Some(run) if !run.components.is_empty() || self.registry.is_empty() => {
                if run_matches(&run.summary, &self.filter) {
                    return run.components.iter().collect();
                }
                run.components.iter().collect()
            }
            _ => self.registry.iter().collect(),
        };
        all.into_iter()
            .filter(|c| matches(&c.id, &self.filter))
            .collect()
    }

    /// The selected component, if any is shown.
    pub fn selected_component(&self) -> Option<&ComponentStatus> {
        self.visible_components()
            .get(self.component_selected)
            .copied()
    }
}

/// A listing's summary unless the one held says more (a stream's newer
/// status with the same start), so a slow listing does not undo a change.
fn pick_newer(held: RunSummary, listed: RunSummary) -> RunSummary {
    let held_ended = flowctl_core::RunStatus::from(held.status()).is_terminal();
    let listed_ended = flowctl_core::RunStatus::from(listed.status()).is_terminal();
    if held_ended && !listed_ended && held.run_id == listed.run_id {
        held
    } else {
        listed
    }
}

fn matches(text: &str, filter: &str) -> bool {
    filter.is_empty() || text.to_lowercase().contains(&filter.to_lowercase())
}

fn run_matches(run: &RunSummary, filter: &str) -> bool {
    let status = flowctl_core::RunStatus::from(run.status()).name();
    matches(&run.pipeline_name, filter) || matches(&run.run_id, filter) || matches(status, filter)
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
