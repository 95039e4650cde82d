//! Keys to [`Action`]s. What a key means depends on the mode: while the
//! filter is typed every character is the filter's, and "stop this run?"
//! takes only its answer.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::actions::Action;
use super::model::Mode;

/// The action of `key` in `mode`, if it has one.
pub fn action(key: KeyEvent, mode: &Mode) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Filter => filter_key(key.code),
        Mode::ConfirmStop { .. } => Some(match key.code {
            KeyCode::Char('y' | 'Y') => Action::Confirm(true),
            _ => Action::Confirm(false),
        }),
        Mode::Help | Mode::Details => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('?') => Some(Action::Close),
            _ => None,
        },
        Mode::Normal => normal_key(key.code),
    }
}

fn normal_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('r') => Action::Refresh,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Left | KeyCode::Right => Action::SwitchFocus,
        KeyCode::Enter => Action::Details,
        KeyCode::Char('l') => Action::Logs,
        KeyCode::Char('s') => Action::Stop,
        KeyCode::Char('R') => Action::Restart,
        KeyCode::Char('/') => Action::StartFilter,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Esc => Action::EndFilter { keep: false },
        _ => return None,
    })
}

fn filter_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Enter => Action::EndFilter { keep: true },
        KeyCode::Esc => Action::EndFilter { keep: false },
        KeyCode::Backspace => Action::FilterBackspace,
        KeyCode::Char(ch) => Action::FilterChar(ch),
        _ => return None,
    })
}

/// The keys as the help overlay lists them.
pub const HELP: &[(&str, &str)] = &[
    ("q, Ctrl+C", "quit"),
    ("r", "refresh now"),
    ("↑↓, j k", "select"),
    ("Tab, ←→", "runs / components"),
    ("Enter", "details"),
    ("l", "follow the component's log"),
    ("s", "stop the run (asks)"),
    ("R", "restart the component"),
    ("/", "filter (Enter keeps, Esc drops)"),
    ("?", "this help"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_mean_what_the_help_says() {
        let normal = Mode::Normal;
        assert_eq!(action(key(KeyCode::Char('q')), &normal), Some(Action::Quit));
        assert_eq!(
            action(
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                &normal
            ),
            Some(Action::Quit)
        );
        assert_eq!(action(key(KeyCode::Char('j')), &normal), Some(Action::Down));
        assert_eq!(action(key(KeyCode::Up), &normal), Some(Action::Up));
        assert_eq!(action(key(KeyCode::Char('s')), &normal), Some(Action::Stop));
        assert_eq!(
            action(key(KeyCode::Char('R')), &normal),
            Some(Action::Restart)
        );
        assert_eq!(action(key(KeyCode::Char('x')), &normal), None);
    }

    #[test]
    fn the_filter_takes_every_character_and_a_question_only_its_answer() {
        let filter = Mode::Filter;
        assert_eq!(
            action(key(KeyCode::Char('q')), &filter),
            Some(Action::FilterChar('q'))
        );
        let ask = Mode::ConfirmStop { run_id: "r".into() };
        assert_eq!(
            action(key(KeyCode::Char('y')), &ask),
            Some(Action::Confirm(true))
        );
        assert_eq!(
            action(key(KeyCode::Char('q')), &ask),
            Some(Action::Confirm(false))
        );
    }
}
