//! `orgscale diff` inside the real git, as the README shows it: as `git difftool -x`, and as an
//! external diff driver (`.gitattributes` + `diff.orgscale.command`) that `git diff` runs by
//! itself and `git log -p` / `git show` run with `--ext-diff`. Skipped when git is not installed.
//!
//! Each test works in its own temporary repository with HOME pointing there and the system config
//! ignored, so the machine's git configuration plays no part.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_orgscale");

fn git_installed() -> bool {
    let found = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: git is not installed (the test runs `git` from PATH)");
    }
    found
}

/// A repository whose HEAD holds examples/acme.json as org.json, with the proposed design
/// written over it in the work tree.
struct Repo {
    _home: tempfile::TempDir,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("repo");
        std::fs::create_dir(&dir).unwrap();
        let repo = Repo { _home: home, dir };
        repo.ok(&["init", "-q"]);
        repo.ok(&["config", "user.name", "Test"]);
        repo.ok(&["config", "user.email", "test@example.com"]);
        repo.copy("examples/acme.json", "org.json");
        repo.ok(&["add", "org.json"]);
        repo.ok(&["commit", "-q", "-m", "Today's org"]);
        repo.copy("examples/acme-proposed.json", "org.json");
        repo
    }

    fn home(&self) -> &Path {
        self.dir.parent().unwrap()
    }

    fn copy(&self, example: &str, to: &str) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(example);
        std::fs::copy(from, self.dir.join(to)).unwrap();
    }

    fn git(&self, args: &[&str]) -> Output {
        Command::new("git")
            .current_dir(&self.dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_PAGER", "cat")
            .env("PAGER", "cat")
            .env_remove("GIT_CONFIG_GLOBAL")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .env_remove("GIT_EXTERNAL_DIFF")
            .env_remove("GIT_DIFF_OPTS")
            .output()
            .expect("git runs")
    }

    /// Runs git, asserts that it succeeded and returns its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let o = self.git(args);
        assert!(
            o.status.success(),
            "git {args:?} failed ({}):\n{}\n{}",
            o.status,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// `.gitattributes` sends org.json to the orgscale driver, which runs `orgscale diff`.
    fn use_driver(&self, attributes: &str) {
        std::fs::write(self.dir.join(".gitattributes"), attributes).unwrap();
        self.ok(&["config", "diff.orgscale.command", &format!("'{BIN}' diff")]);
    }
}

#[test]
fn difftool_runs_orgscale_diff_on_the_two_versions() {
    if !git_installed() {
        return;
    }
    let repo = Repo::new();
    // git runs the -x command through the shell as `$command $LOCAL $REMOTE`.
    let out = repo.ok(&[
        "difftool",
        "-y",
        "-x",
        &format!("'{BIN}' diff"),
        "--",
        "org.json",
    ]);
    assert!(
        out.contains("Support Tools added in Customer Care"),
        "{out}"
    );
    assert!(out.contains("→ org.json\n"), "{out}");

    // Against an older commit, as the README shows it.
    repo.ok(&["commit", "-q", "-a", "-m", "Proposed org"]);
    let out = repo.ok(&[
        "difftool",
        "-y",
        "-x",
        &format!("'{BIN}' diff"),
        "HEAD~1",
        "--",
        "org.json",
    ]);
    assert!(
        out.contains("Support Tools added in Customer Care"),
        "{out}"
    );
}

#[test]
fn git_diff_uses_orgscale_as_the_external_diff_driver() {
    if !git_installed() {
        return;
    }
    let repo = Repo::new();
    repo.use_driver("org.json diff=orgscale\n");
    // Plain `git diff` runs the driver (no --ext-diff needed) with its seven arguments.
    let out = repo.ok(&["diff"]);
    assert!(
        out.starts_with("Comparing a/org.json → b/org.json\n"),
        "{out}"
    );
    assert!(
        out.contains("Support Tools added in Customer Care"),
        "{out}"
    );
    assert!(
        !out.contains("@@"),
        "a text diff instead of the changelog:\n{out}"
    );
    // `--no-ext-diff` gives the text diff back.
    let text = repo.ok(&["diff", "--no-ext-diff"]);
    assert!(text.contains("@@") && !text.contains("Comparing"), "{text}");

    // `git log -p` and `git show` run the driver only with --ext-diff.
    repo.ok(&["commit", "-q", "-a", "-m", "Proposed org"]);
    let plain = repo.ok(&["log", "-p", "-1"]);
    assert!(
        plain.contains("@@") && !plain.contains("Comparing"),
        "{plain}"
    );
    let ext = repo.ok(&["log", "-p", "-1", "--ext-diff"]);
    assert!(ext.contains("Comparing a/org.json → b/org.json"), "{ext}");
    let show = repo.ok(&["show", "HEAD"]);
    assert!(show.contains("@@") && !show.contains("Comparing"), "{show}");
    let show = repo.ok(&["show", "--ext-diff", "HEAD"]);
    assert!(
        show.contains("Support Tools added in Customer Care"),
        "{show}"
    );
}

#[test]
fn the_driver_matches_a_pattern_and_compares_a_new_file_with_nothing() {
    if !git_installed() {
        return;
    }
    let repo = Repo::new();
    repo.use_driver("*.org.json diff=orgscale\n");
    // org.json does not match the pattern: git's own text diff.
    let out = repo.ok(&["diff"]);
    assert!(out.contains("@@") && !out.contains("Comparing"), "{out}");
    // A new file: git passes /dev/null for the old side, which orgscale reads as an empty org.
    repo.copy("examples/acme.json", "shop.org.json");
    repo.ok(&["add", "shop.org.json"]);
    let out = repo.ok(&["diff", "--cached", "--", "shop.org.json"]);
    assert!(
        out.starts_with("Comparing a/shop.org.json → b/shop.org.json\n"),
        "{out}"
    );
    assert!(out.contains("teams added"), "{out}");
}
