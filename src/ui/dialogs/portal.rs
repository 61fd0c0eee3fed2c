//! Does the system have a file dialog? On Linux the system dialogs come from xdg-desktop-portal;
//! minimal desktops (i3, sway, ...) often run none, and then rfd shows nothing and returns as if
//! the user had cancelled. So, once per run, ask the session bus whether the portal's FileChooser
//! answers, with a short timeout: a bus or portal that accepts the question and never replies
//! counts as no dialog. Elsewhere (macOS, Windows) the system always has one.

use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long the bus may take to say whether the FileChooser is there.
pub const TIMEOUT: Duration = Duration::from_millis(1500);

/// A probe started in the background; [`Probe::answers`] waits for it at most [`TIMEOUT`] from
/// its start.
pub struct Probe {
    started: Instant,
    pending: Option<Receiver<bool>>,
    answer: Option<bool>,
}

impl Probe {
    /// Probe the session bus of this process.
    pub fn start() -> Self {
        Self::start_with(|| file_chooser_answers(None))
    }

    /// Probe the bus at a given D-Bus address (tests use a bus of their own).
    pub fn start_at(address: &str) -> Self {
        let address = address.to_string();
        Self::start_with(move || file_chooser_answers(Some(&address)))
    }

    fn start_with(f: impl FnOnce() -> bool + Send + 'static) -> Self {
        let (tx, rx) = channel();
        let pending = std::thread::Builder::new()
            .name("portal-probe".into())
            .spawn(move || {
                let _ = tx.send(f());
            })
            .ok()
            .map(|_| rx);
        Probe {
            started: Instant::now(),
            answer: if pending.is_none() { Some(false) } else { None },
            pending,
        }
    }

    /// Whether the system file dialog answers. Waits for the probe at most until [`TIMEOUT`]
    /// after it started; the answer is kept.
    pub fn answers(&mut self) -> bool {
        if let Some(a) = self.answer {
            return a;
        }
        let left = TIMEOUT.saturating_sub(self.started.elapsed());
        let a = match self.pending.as_ref().map(|rx| rx.recv_timeout(left)) {
            Some(Ok(a)) => a,
            Some(Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected)) | None => false,
        };
        self.answer = Some(a);
        self.pending = None;
        a
    }
}

/// Ask the bus (the session bus, or `address`) for the FileChooser portal's version. Blocks until
/// the bus answers; run it on a thread with a timeout.
#[cfg(target_os = "linux")]
fn file_chooser_answers(address: Option<&str>) -> bool {
    let conn = match address {
        Some(a) => zbus::blocking::connection::Builder::address(a).and_then(|b| b.build()),
        None => zbus::blocking::Connection::session(),
    };
    let Ok(conn) = conn else {
        return false;
    };
    conn.call_method(
        Some("org.freedesktop.portal.Desktop"),
        "/org/freedesktop/portal/desktop",
        Some("org.freedesktop.DBus.Properties"),
        "Get",
        &("org.freedesktop.portal.FileChooser", "version"),
    )
    .is_ok()
}

#[cfg(not(target_os = "linux"))]
fn file_chooser_answers(_address: Option<&str>) -> bool {
    true
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn no_bus_means_no_system_dialog() {
        let dir = tempfile::tempdir().unwrap();
        let addr = format!("unix:path={}", dir.path().join("no-such-bus").display());
        let mut p = Probe::start_at(&addr);
        assert!(!p.answers());
    }

    #[test]
    fn a_bus_that_never_answers_times_out_as_no_dialog() {
        // A socket that accepts the connection and then says nothing, like a hung portal.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("silent-bus");
        let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let keep = std::thread::spawn(move || {
            let conn = listener.accept();
            std::thread::sleep(TIMEOUT * 2);
            drop(conn);
        });
        let started = Instant::now();
        let mut p = Probe::start_at(&format!("unix:path={}", path.display()));
        assert!(!p.answers());
        let waited = started.elapsed();
        assert!(
            waited < TIMEOUT + Duration::from_millis(500),
            "waited {waited:?}"
        );
        // Asked again, the kept answer comes at once.
        let again = Instant::now();
        assert!(!p.answers());
        assert!(again.elapsed() < Duration::from_millis(50));
        drop(keep);
    }
}
