//! Crash recovery: unsaved work written to a recovery file every so often, and offered back on
//! the next start.
//!
//! Writing happens on a worker thread: at 10,000 teams the org file is about 25 ms of JSON plus
//! the write, which the UI thread should not pay for. The document hands over its org as an
//! `Arc`, so taking the snapshot costs nothing; the document clones the org only if it is edited
//! while a write is still running.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::io;
use crate::model::Org;

/// Seconds between autosaves of unsaved changes to the recovery file.
pub const AUTOSAVE_SECS: f64 = 30.0;

/// Unsaved work written every 30 s while the document is dirty, offered back after a crash.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Recovery {
    /// The file the work belongs to, if it had been saved before.
    pub original: Option<PathBuf>,
    /// Seconds since 1970 when it was written.
    pub written: u64,
    /// The org as org-file JSON.
    pub org_json: String,
}

/// Seconds since 1970, now.
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

enum Job {
    Write {
        org: Arc<Org>,
        original: Option<PathBuf>,
        written: u64,
    },
    Clear,
    /// Answered once every job sent before it is done.
    Sync(Sender<()>),
}

/// The recovery file and the thread that writes it.
pub struct Autosaver {
    path: PathBuf,
    jobs: Option<Sender<Job>>,
    worker: Option<JoinHandle<()>>,
}

impl Autosaver {
    /// An autosaver writing to `path` (its folder is created when first needed).
    pub fn new(path: PathBuf) -> Self {
        let (jobs, rx) = channel();
        let target = path.clone();
        let worker = std::thread::Builder::new()
            .name("orgscale-autosave".into())
            .spawn(move || work(&target, &rx))
            .ok();
        Autosaver {
            path,
            jobs: worker.as_ref().map(|_| jobs),
            worker,
        }
    }

    /// Where the recovery file lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The recovery file left by an earlier run, if there is a readable one.
    pub fn read(&self) -> Option<Recovery> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Write `org` to the recovery file in the background.
    pub fn write(&self, org: Arc<Org>, original: Option<PathBuf>) {
        let written = now_unix();
        match &self.jobs {
            Some(jobs) => {
                let _ = jobs.send(Job::Write {
                    org,
                    original,
                    written,
                });
            }
            // No thread could be started: write here rather than not at all.
            None => write_file(&self.path, &org, original, written),
        }
    }

    /// Remove the recovery file (after a save, a discard or a deliberate quit). Any write still
    /// queued happens first, so the file is gone when this returns.
    pub fn clear(&self) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Clear);
            self.wait();
        } else {
            let _ = std::fs::remove_file(&self.path);
        }
    }

    /// Wait until every write asked for so far is on disk.
    pub fn wait(&self) {
        if let Some(jobs) = &self.jobs {
            let (done, answered) = channel();
            if jobs.send(Job::Sync(done)).is_ok() {
                let _ = answered.recv();
            }
        }
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        // Closing the channel lets the worker finish what is queued and stop.
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn work(path: &Path, jobs: &Receiver<Job>) {
    while let Ok(mut job) = jobs.recv() {
        // Writes queued behind each other (a slow disk): only the newest one matters.
        while let Job::Write { .. } = job {
            match jobs.try_recv() {
                Ok(next @ Job::Write { .. }) => job = next,
                Ok(other) => {
                    run(path, job);
                    job = other;
                    break;
                }
                Err(_) => break,
            }
        }
        run(path, job);
    }
}

fn run(path: &Path, job: Job) {
    match job {
        Job::Write {
            org,
            original,
            written,
        } => write_file(path, &org, original, written),
        Job::Clear => {
            let _ = std::fs::remove_file(path);
        }
        Job::Sync(done) => {
            let _ = done.send(());
        }
    }
}

fn write_file(path: &Path, org: &Org, original: Option<PathBuf>, written: u64) {
    let rec = Recovery {
        original,
        written,
        org_json: io::json::to_string(org),
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = serde_json::to_string(&rec) {
        let _ = io::save_atomic(path, text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_in_the_background_and_clears_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("recovery.json");
        let saver = Autosaver::new(path.clone());
        let org = Arc::new(crate::sample::symmetric(4, 2));
        for _ in 0..5 {
            saver.write(org.clone(), Some(PathBuf::from("/x/org.json")));
        }
        saver.wait();
        let rec = saver.read().expect("recovery written");
        assert_eq!(rec.original, Some(PathBuf::from("/x/org.json")));
        let back = io::json::from_str(Path::new("r.json"), &rec.org_json).unwrap();
        assert_eq!(io::json::to_string(&back), io::json::to_string(&org));
        // A write queued just before a clear does not bring the file back.
        saver.write(org, None);
        saver.clear();
        assert!(!path.exists());
        drop(saver);
        assert!(!path.exists());
    }

    #[test]
    fn dropping_finishes_queued_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("recovery.json");
        let saver = Autosaver::new(path.clone());
        saver.write(Arc::new(crate::sample::symmetric(4, 2)), None);
        drop(saver);
        assert!(path.exists());
    }
}
