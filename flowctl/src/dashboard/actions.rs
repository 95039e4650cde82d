//! What a user asks of the dashboard ([`Action`], from a key) and what the
//! model answers: a change of selection or mode, and sometimes a
//! [`Command`] for the source to carry out (stop a run, follow a log...).

use super::model::{Focus, Mode, Model};

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Refresh,
    Up,
    Down,
    /// Move between the runs and the components panel.
    SwitchFocus,
    /// Open (or close) the details of the selected run or component.
    Details,
    /// Open (or close) the log panel of the selected component.
    Logs,
    /// Ask to stop the selected run.
    Stop,
    /// The answer to "stop this run?".
    Confirm(bool),
    /// Restart the selected component.
    Restart,
    /// Start typing a filter.
    StartFilter,
    /// A character of the filter.
    FilterChar(char),
    FilterBackspace,
    /// Keep the filter typed (Enter) or drop it (Esc).
    EndFilter {
        keep: bool,
    },
    Help,
    /// Close an overlay.
    Close,
}

/// What the source is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Quit,
    /// Ask everything again now.
    Refresh,
    StopRun {
        run_id: String,
    },
    RestartComponent {
        run_id: String,
        component: String,
    },
    /// Follow this component's log lines (replacing any followed before).
    FollowLogs {
        run_id: String,
        component: String,
    },
    /// Follow no log any more.
    StopLogs,
}

impl Model {
    /// Carries out `action` on the model; what the source must do, if any.
    pub fn act(&mut self, action: Action) -> Option<Command> {
        self.dirty = true;
        match action {
            Action::Quit => Some(Command::Quit),
            Action::Refresh => {
                self.notice = "refreshing…".into();
                Some(Command::Refresh)
            }
            Action::Up | Action::Down => self.select(action == Action::Down),
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Runs => Focus::Components,
                    Focus::Components => Focus::Runs,
                };
                None
            }
            Action::Details => {
                self.mode = match self.mode {
                    Mode::Details => Mode::Normal,
                    _ => Mode::Details,
                };
                None
            }
            Action::Logs => self.toggle_logs(),
            Action::Stop => self.ask_stop(),
            Action::Confirm(yes) => self.confirm(yes),
            Action::Restart => self.restart(),
            Action::StartFilter => {
                self.mode = Mode::Filter;
                None
            }
            Action::FilterChar(ch) => self.refilter(|f| f.push(ch)),
            Action::FilterBackspace => self.refilter(|f| {
                f.pop();
            }),
            Action::EndFilter { keep } => {
                if !keep {
                    self.filter.clear();
                }
                self.mode = Mode::Normal;
                self.clamp();
                self.follow_selected()
            }
            Action::Help => {
                self.mode = match self.mode {
                    Mode::Help => Mode::Normal,
                    _ => Mode::Help,
                };
                None
            }
            Action::Close => {
                self.mode = Mode::Normal;
                None
            }
        }
    }

    fn select(&mut self, down: bool) -> Option<Command> {
        let step = |at: usize, len: usize| match down {
            true => (at + 1).min(len.saturating_sub(1)),
            false => at.saturating_sub(1),
        };
        match self.focus {
            Focus::Runs => {
                let before = self.run_selected;
                self.run_selected = step(before, self.visible_runs().len());
                if before != self.run_selected {
                    self.component_selected = 0;
                }
            }
            Focus::Components => {
                self.component_selected =
                    step(self.component_selected, self.visible_components().len());
            }
        }
        self.follow_selected()
    }

    fn refilter(&mut self, edit: impl FnOnce(&mut String)) -> Option<Command> {
        edit(&mut self.filter);
        self.run_selected = 0;
        self.component_selected = 0;
        self.clamp();
        None
    }

    /// With the log panel open, the log of the selected component, when it
    /// is not the one followed already.
    fn follow_selected(&mut self) -> Option<Command> {
        if !self.show_logs {
            return None;
        }
        let run_id = self.selected_run()?.summary.run_id.clone();
        let component = self.selected_component()?.id.clone();
        let target = (run_id.clone(), component.clone());
        if self.logs_of.as_ref() == Some(&target) {
            return None;
        }
        self.logs_of = Some(target);
        self.logs.clear();
        Some(Command::FollowLogs { run_id, component })
    }

    fn toggle_logs(&mut self) -> Option<Command> {
        if self.show_logs {
            self.show_logs = false;
            self.logs_of = None;
            self.logs.clear();
            return Some(Command::StopLogs);
        }
        if self.remote {
            self.notice =
                "logs come from the local daemon only (`flowctl logs` on the plane's host)".into();
            return None;
        }
        if self.selected_component().is_none() {
            self.notice = "no component selected".into();
            return None;
        }
        self.show_logs = true;
        self.follow_selected()
    }

    fn ask_stop(&mut self) -> Option<Command> {
        match self.selected_run() {
            Some(run) if run.active() => {
                self.mode = Mode::ConfirmStop {
                    run_id: run.summary.run_id.clone(),
                };
            }
            Some(run) => {
                self.notice = format!(
                    "run {} has ended already",
                    flowctl_core::short_id(&run.summary.run_id)
                );
            }
            None => self.notice = "no run selected".into(),
        }
        None
    }

    fn confirm(&mut self, yes: bool) -> Option<Command> {
        let Mode::ConfirmStop { run_id } = std::mem::take(&mut self.mode) else {
            return None;
        };
        if !yes {
            self.notice = "not stopped".into();
            return None;
        }
        self.notice = format!("stopping run {}…", flowctl_core::short_id(&run_id));
        Some(Command::StopRun { run_id })
    }

    fn restart(&mut self) -> Option<Command> {
        if self.remote {
            self.notice = "a remote plane's components are restarted where they run".into();
            return None;
        }
        let run = self.selected_run()?;
        if !run.active() {
            self.notice = "the run has ended: `flowctl pipelines restart` runs it again".into();
            return None;
        }
        let run_id = run.summary.run_id.clone();
        let Some(component) = self.selected_component().map(|c| c.id.clone()) else {
            self.notice = "no component selected".into();
            return None;
        };
        self.notice = format!("restarting {component}…");
        Some(Command::RestartComponent { run_id, component })
    }
}
