//! Restart decisions: policy, the limit within a window, exponential
//! backoff. Pure logic over times handed in, so it is tested without
//! processes or clocks.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

use flowctl_core::spec::{Restart, RestartPolicy};

/// Why a component's instance ended, as restart decisions see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The process exited with status 0.
    Success,
    /// It exited non-zero or by a signal, or was killed as hung or
    /// unhealthy; the text says which, for the record.
    Failure(String),
}

/// What to do after an instance ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Start it again after this delay.
    RestartAfter(Duration),
    /// It is done and that is fine (exit 0 under `never`/`on-failure`).
    Finished,
    /// It failed for good; the text explains why no restart follows.
    GiveUp(String),
}

/// The restart state of one component.
#[derive(Debug, Clone)]
pub struct Backoff {
    settings: Restart,
    /// Restarts within the current window, oldest first.
    recent: VecDeque<Instant>,
    /// The delay the next restart waits.
    next_delay: Duration,
}

impl Backoff {
    pub fn new(settings: Restart) -> Backoff {
        Backoff {
            next_delay: settings.delay,
            settings,
            recent: VecDeque::new(),
        }
    }

    /// Decides what follows an instance that ran for `uptime` and ended
    /// so, at `now`.
    pub fn decide(&mut self, ending: &Ending, uptime: Duration, now: Instant) -> Decision {
        let wanted = match (&self.settings.policy, ending) {
            (RestartPolicy::Never, Ending::Success) => return Decision::Finished,
            (RestartPolicy::Never, Ending::Failure(why)) => {
                return Decision::GiveUp(format!("{why} (restart_policy: never)"));
            }
            (RestartPolicy::OnFailure, Ending::Success) => return Decision::Finished,
            (RestartPolicy::OnFailure | RestartPolicy::Always, _) => true,
        };
        debug_assert!(wanted);
        // A component that stayed up long enough earns a fresh backoff.
        if uptime >= self.settings.min_uptime {
            self.next_delay = self.settings.delay;
        }
        while let Some(oldest) = self.recent.front() {
            if now.duration_since(*oldest) > self.settings.window {
                self.recent.pop_front();
            } else {
                break;
            }
        }
        if self.recent.len() as u32 >= self.settings.max_restarts {
            let last = match ending {
                Ending::Success => "exit status 0".to_string(),
                Ending::Failure(why) => why.clone(),
            };
            return Decision::GiveUp(format!(
                "gave up after {} restarts within {}s (max_restarts); last: {last}",
                self.recent.len(),
                self.settings.window.as_secs_f64()
            ));
        }
        self.recent.push_back(now);
        let delay = self.next_delay;
        // restart_delay: 0 means no backoff at all.
        self.next_delay = (self.next_delay * 2).min(self.settings.delay_max);
        Decision::RestartAfter(delay)
    }

    /// Restarts counted in the current window.
    pub fn recent(&self) -> usize {
        self.recent.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(policy: RestartPolicy) -> Restart {
        Restart {
            policy,
            max_restarts: 3,
            window: Duration::from_secs(60),
            delay: Duration::from_millis(100),
            delay_max: Duration::from_millis(300),
            min_uptime: Duration::from_secs(10),
        }
    }

    fn failure() -> Ending {
        Ending::Failure("exit status 1".into())
    }

    #[test]
    fn on_failure_backs_off_then_gives_up() {
        let mut backoff = Backoff::new(settings(RestartPolicy::OnFailure));
        let now = Instant::now();
        let short = Duration::from_millis(10);
        let delays: Vec<Decision> = (0..4)
            .map(|_| backoff.decide(&failure(), short, now))
            .collect();
        assert_eq!(
            delays[0],
            Decision::RestartAfter(Duration::from_millis(100))
        );
        assert_eq!(
            delays[1],
            Decision::RestartAfter(Duration::from_millis(200))
        );
        assert_eq!(
            delays[2],
            Decision::RestartAfter(Duration::from_millis(300))
        );
        match &delays[3] {
            Decision::GiveUp(why) => assert!(why.contains("exit status 1"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            backoff.decide(&Ending::Success, short, now),
            Decision::Finished
        );
    }

    #[test]
    fn policies_differ_on_success() {
        let now = Instant::now();
        let up = Duration::from_secs(1);
        let mut never = Backoff::new(settings(RestartPolicy::Never));
        assert_eq!(never.decide(&Ending::Success, up, now), Decision::Finished);
        assert!(matches!(
            never.decide(&failure(), up, now),
            Decision::GiveUp(_)
        ));
        let mut always = Backoff::new(settings(RestartPolicy::Always));
        assert!(matches!(
            always.decide(&Ending::Success, up, now),
            Decision::RestartAfter(_)
        ));
    }

    #[test]
    fn the_window_forgets_and_uptime_resets_the_delay() {
        let mut backoff = Backoff::new(settings(RestartPolicy::Always));
        let start = Instant::now();
        let short = Duration::from_millis(1);
        for _ in 0..3 {
            backoff.decide(&failure(), short, start);
        }
        let later = start + Duration::from_secs(61);
        assert_eq!(
            backoff.decide(&failure(), Duration::from_secs(11), later),
            Decision::RestartAfter(Duration::from_millis(100))
        );
        assert_eq!(backoff.recent(), 1);
    }
}
