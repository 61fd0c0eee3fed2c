//! `orgscale diff BASE TARGET`: what changed between two designs, for people (text), pull
//! requests (Markdown), tools (JSON) and CI gates (`--fail-on`); `--plan` adds the transition plan.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::diff::{self, MatchBy, report};
use crate::io::{self, InputKind};
use crate::model::Org;
use crate::rules::Severity;

/// Arguments of `orgscale diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The base (today's org) and the target (the proposed one), each .json or .csv. As a git
    /// diff driver (`diff.orgscale.command = orgscale diff`), git's seven arguments are accepted.
    #[arg(value_name = "FILE", num_args = 2..=7, required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit 1 when the condition holds (0 otherwise; 2 when a file cannot be read).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Also print the transition plan: the changes as ordered steps, with the findings after each
    /// wave.
    #[arg(long)]
    pub plan: bool,
    /// Split the plan into this many waves (with --plan).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub waves: u32,
    /// How units of the two files are matched: by id, by name, or auto (by id unless the ids
    /// plainly do not correspond; always by name when a side is a CSV roster).
    #[arg(long = "match", value_enum, default_value_t = MatchArg::Auto)]
    pub match_by: MatchArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A changelog grouped by kind of change, with the impact table at the end.
    Text,
    /// JSON (docs/diff-format.md).
    Json,
    /// Markdown for a pull-request comment.
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// The target has error findings the base does not have.
    NewErrors,
    /// The target has error or warning findings the base does not have.
    NewWarnings,
    /// Anything changed.
    AnyChange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MatchArg {
    Auto,
    Id,
    Name,
}

/// Loads one side; git passes /dev/null for a file that does not exist on that side.
fn load_side(path: &Path, side: &str, err: &mut dyn Write) -> Option<Org> {
    if path == Path::new("/dev/null") {
        return Some(Org::new(""));
    }
    match io::load(path) {
        Ok(org) => Some(org),
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot read the {side} ({}): {e}",
                path.display()
            );
            None
        }
    }
}

pub fn run(args: DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    // Git's external diff driver passes: path old-file old-hex old-mode new-file new-hex new-mode.
    let (base_path, target_path, labels) = match args.files.as_slice() {
        [b, t] => (b.clone(), t.clone(), None),
        [path, old, _, _, new, _, _] => (
            old.clone(),
            new.clone(),
            Some((
                format!("a/{}", path.display()),
                format!("b/{}", path.display()),
            )),
        ),
        _ => {
            let _ = writeln!(
                err,
                "error: diff takes two files, BASE and TARGET (or the seven arguments git gives a diff driver)"
            );
            return 2;
        }
    };
    let base = load_side(&base_path, "base", err);
    let target = load_side(&target_path, "target", err);
    let (Some(base), Some(target)) = (base, target) else {
        return 2;
    };
    let is_csv = |p: &Path| matches!(InputKind::of(p), InputKind::Csv);
    let by = match args.match_by {
        MatchArg::Id => MatchBy::Id,
        MatchArg::Name => MatchBy::Name,
        MatchArg::Auto if is_csv(&base_path) || is_csv(&target_path) => MatchBy::Name,
        MatchArg::Auto => MatchBy::Auto,
    };
    let changes = diff::diff_by(&base, &target, by);
    let (bl, tl) = labels.unwrap_or_else(|| {
        (
            base_path.display().to_string(),
            target_path.display().to_string(),
        )
    });
    let planned = args.plan.then(|| {
        let mut plan = diff::plan_for(&base, &target, &changes);
        plan.split(args.waves as usize);
        let (outcomes, _) = plan.run(&base);
        (plan, outcomes)
    });
    let text = match args.format {
        DiffFormat::Text => {
            let mut s = report::text(&changes, &bl, &tl);
            if let Some((plan, outcomes)) = &planned {
                s.push('\n');
                s.push_str(&report::plan_text(plan, outcomes));
            }
            s
        }
        DiffFormat::Markdown => {
            let mut s = report::markdown(&changes, &bl, &tl);
            if let Some((plan, outcomes)) = &planned {
                s.push_str(&format!(
                    "\n<details><summary>Transition plan</summary>\n\n```\n{}```\n\n</details>\n",
                    report::plan_text(plan, outcomes)
                ));
            }
            s
        }
        DiffFormat::Json => report::json(
            &changes,
            &bl,
            &tl,
            planned.as_ref().map(|(p, o)| (p, o.as_slice())),
        ),
    };
    let _ = out.write_all(text.as_bytes());
    let added = &changes.impact.findings_added;
    let worse = |worst: Severity| added.iter().any(|f| f.severity <= worst);
    let fails = match args.fail_on {
        None => false,
        Some(FailOn::NewErrors) => worse(Severity::Error),
        Some(FailOn::NewWarnings) => worse(Severity::Warning),
        Some(FailOn::AnyChange) => !changes.is_empty(),
    };
    u8::from(fails)
}
