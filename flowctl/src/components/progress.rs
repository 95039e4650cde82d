//! What a pull shows: a bar per download on a terminal (bytes, rate,
//! layers), one line per component fetched otherwise.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Where the progress of several downloads goes.
#[derive(Clone)]
pub struct Progress {
    bars: Option<MultiProgress>,
}

/// The progress of one component's download.
pub struct Item {
    bar: Option<ProgressBar>,
    name: String,
    layers: u64,
    done: AtomicU64,
}

impl Progress {
    /// Bars when stderr is a terminal.
    pub fn new() -> Progress {
        let bars = std::io::stderr()
            .is_terminal()
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
        Progress { bars }
    }

    /// A download of `bytes` in `layers` layers for `name`.
    pub fn item(&self, name: &str, bytes: u64, layers: usize) -> Item {
        let bar = self.bars.as_ref().map(|bars| {
            let bar = bars.add(ProgressBar::new(bytes));
            let style = ProgressStyle::with_template(
                "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {prefix}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style.progress_chars("=> "));
            bar.set_message(name.to_owned());
            bar.set_prefix(format!("layer 0/{layers}"));
            bar
        });
        Item {
            bar,
            name: name.to_owned(),
            layers: layers as u64,
            done: AtomicU64::new(0),
        }
    }
}

impl Default for Progress {
    fn default() -> Progress {
        Progress::new()
    }
}

impl Item {
    /// `n` more bytes arrived.
    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    /// One more layer is complete.
    pub fn layer_done(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.set_prefix(format!("layer {done}/{}", self.layers));
        }
    }

    /// The download ended; `line` says how (printed off a terminal too).
    pub fn finish(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.finish_with_message(format!("{}: {line}", self.name)),
            None => eprintln!("{}: {line}", self.name),
        }
    }

    /// The download failed: the bar goes away (the error is printed).
    pub fn abandon(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
