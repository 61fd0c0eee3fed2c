//! The command-line front end: `validate`, `stats`, `import`, `export`, `grow`, `diff`.
//!
//! Exit codes: 0 success (for `validate`: no error findings), 1 `validate` found errors,
//! 2 the input could not be read or the output could not be written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod cycles;
mod diff;
mod events;

pub use cycles::{ColourArg, CyclesArgs, CyclesFormat};
pub use diff::{DiffArgs, DiffFormat, FailOn, MatchArg};
pub use events::{EventsArgs, EventsFormat};

use crate::export;
use crate::io::{self, LoadError};
use crate::layout::Style;
use crate::model::{Org, ProfileName};
use crate::rules::{Counts, Severity, Thresholds, validate_with};
use crate::stats::Stats;

/// Design scaled Scrum (Scrum@Scale) organisations.
#[derive(Debug, Parser)]
#[command(name = "orgscale", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// Org file (.json) or roster (.csv) to open in the designer. Without a command and a file,
    /// the designer opens the last file or the built-in sample org.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Check an org against the Scrum@Scale rule catalogue (exit 1 if any finding is an error).
    Validate {
        /// Org file (.json) or roster (.csv).
        file: PathBuf,
        /// Rule profile; default: the one the file names, else two-pizza.
        #[arg(long, value_parser = parse_profile)]
        profile: Option<ProfileName>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print size, levels, roles and coordination paths of an org.
    Stats {
        /// Org file (.json) or roster (.csv).
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Turn a CSV roster into an org file.
    Import {
        /// Roster with the columns person, team, role, path (and optionally email).
        roster: PathBuf,
        /// Org file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Grow an org scale-free (SoS of up to K teams, groups of up to K groups) to N teams.
    Grow {
        /// Number of teams to grow to (1 to 100,000).
        #[arg(long)]
        teams: usize,
        /// Members per group, 2 to 12.
        #[arg(long, default_value_t = 5)]
        fanout: usize,
        /// People per new team: PO, SM and (size - 2) Developers; 3 to 20.
        #[arg(long, default_value_t = 5)]
        team_size: usize,
        /// Start from this org (.json or .csv) instead of an empty one.
        #[arg(long)]
        from: Option<PathBuf>,
        /// How full groups make room: split (default) or append (for fan-out 2).
        #[arg(long, value_enum)]
        policy: Option<GrowPolicy>,
        /// Org file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Compare two designs: what changed from BASE to TARGET, its impact and (with --plan) the
    /// transition plan. Exit 1 when --fail-on's condition holds.
    Diff(DiffArgs),
    /// The events the structure gives rise to (Daily Scrums, Scaled Daily Scrums, MetaScrums,
    /// the EAT meeting, …) with each person's meeting load and how fast an impediment reaches
    /// the EAT; as text, JSON, CSV or an iCalendar file.
    Events(EventsArgs),
    /// The framework's two cycles (Scrum Master and Product Owner) drawn from the org: who
    /// carries each of the 12 components and where findings break them; with --round, a rating
    /// round beside that evidence; as text, JSON, a figure (SVG, PNG, PDF) or the rating sheet
    /// (CSV). --import reads a filled rating sheet into the org file.
    Cycles(CyclesArgs),
    /// Write an org as a diagram (SVG, PNG, PDF), as text for other tools (DOT, Mermaid) or as
    /// data (CSV roster, JSON org file).
    Export {
        /// Org file (.json) or roster (.csv).
        org: PathBuf,
        /// File to write; the format follows from its extension unless --format is given.
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Layout of SVG, PNG and PDF diagrams.
        #[arg(long, value_enum, default_value_t = LayoutArg::Tree)]
        layout: LayoutArg,
        /// Mark each box of a diagram with its worst rule finding and count findings in the
        /// legend (PDF: also list them in words).
        #[arg(long)]
        findings: bool,
        /// PNG pixels per diagram unit, above 0 and at most 16 (2 suits slides and
        /// high-density screens).
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// PDF paper size.
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
    },
}

/// `--format` of `export`: the core's export formats, as the command line names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// SVG diagram.
    Svg,
    /// PNG image of the SVG diagram.
    Png,
    /// PDF: overview page plus a page per Scrum of Scrums.
    Pdf,
    /// Graphviz DOT with nested clusters.
    Dot,
    /// Mermaid flowchart with nested subgraphs.
    Mermaid,
    /// CSV roster.
    Csv,
    /// JSON org file.
    Json,
}

impl From<ExportFormat> for export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Svg => export::Format::Svg,
            ExportFormat::Png => export::Format::Png,
            ExportFormat::Pdf => export::Format::Pdf,
            ExportFormat::Dot => export::Format::Dot,
            ExportFormat::Mermaid => export::Format::Mermaid,
            ExportFormat::Csv => export::Format::Csv,
            ExportFormat::Json => export::Format::Json,
        }
    }
}

/// `--layout` of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Top-down tree with team columns.
    Tree,
    /// Pentagons in rings around their groups, as in the Scrum@Scale guide.
    Fractal,
}

impl From<LayoutArg> for Style {
    fn from(l: LayoutArg) -> Self {
        match l {
            LayoutArg::Tree => Style::Tree,
            LayoutArg::Fractal => Style::Fractal,
        }
    }
}

/// `--paper` of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl From<PaperArg> for export::Paper {
    fn from(p: PaperArg) -> Self {
        match p {
            PaperArg::A4 => export::Paper::A4,
            PaperArg::Letter => export::Paper::Letter,
        }
    }
}

/// Report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Growth policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GrowPolicy {
    Split,
    Append,
}

fn parse_profile(s: &str) -> Result<ProfileName, String> {
    s.parse()
}

/// Run a parsed command line, writing to the given streams. Returns the process exit code.
pub fn run(cmd: Cmd, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match cmd {
        Cmd::Validate {
            file,
            profile,
            format,
        } => validate_cmd(&file, profile, format, out, err),
        Cmd::Diff(args) => diff::run(args, out, err),
        Cmd::Events(args) => events::run(args, out, err),
        Cmd::Cycles(args) => cycles::run(args, out, err),
        Cmd::Stats { file, format } => match io::load(&file) {
            Err(e) => fail(err, &e),
            Ok(org) => {
                let stats = Stats::of(&org);
                let s = org.structure();
                let cal = crate::events::derive(&org, &s);
                let m = crate::events::metrics(&org, &s, &cal);
                let events = crate::events::report::Summary::of(&org, &s, &cal, &m);
                let _ = match format {
                    Format::Text => {
                        out.write_all(format!("{}{}", stats.to_text(), events.to_text()).as_bytes())
                    }
                    Format::Json => {
                        #[derive(serde::Serialize)]
                        struct WithEvents<'a> {
                            #[serde(flatten)]
                            stats: &'a Stats,
                            events: &'a crate::events::report::Summary,
                        }
                        writeln!(
                            out,
                            "{}",
                            pretty(&WithEvents {
                                stats: &stats,
                                events: &events
                            })
                        )
                    }
                };
                0
            }
        },
        Cmd::Import { roster, output } => match io::csv_roster::import(&roster) {
            Err(e) => fail(err, &e),
            Ok(org) => write_output(
                &output,
                io::json::to_string(&org).as_bytes(),
                err,
                || {
                    format!(
                        "Imported {} people in {} teams and {} groups into {}",
                        org.people().len(),
                        org.teams().len(),
                        org.groups().len(),
                        output.display()
                    )
                },
                out,
            ),
        },
        Cmd::Grow {
            teams,
            fanout,
            team_size,
            from,
            policy,
            output,
        } => {
            let start = match &from {
                Some(p) => match io::load(p) {
                    Ok(o) => o,
                    Err(e) => return fail(err, &e),
                },
                None => Org::new(format!("Grown org of {teams} teams")),
            };
            let params = crate::growth::Params {
                fanout,
                team_size,
                policy: match policy {
                    Some(GrowPolicy::Append) => crate::growth::Policy::Append,
                    Some(GrowPolicy::Split) => crate::growth::Policy::Split,
                    None => crate::growth::policy_for(fanout),
                },
            };
            let grown = match crate::growth::grow(&start, teams, params) {
                Ok(g) => g,
                Err(e) => {
                    let _ = writeln!(err, "error: cannot grow: {e}");
                    return 2;
                }
            };
            let org = grown.org;
            write_output(
                &output,
                io::json::to_string(&org).as_bytes(),
                err,
                || {
                    format!(
                        "Grew to {} teams in {} levels ({} groups, {} people, {} existing units moved) into {}",
                        org.teams().len(),
                        org.structure().depth(),
                        org.groups().len(),
                        org.people().len(),
                        grown.moves,
                        output.display()
                    )
                },
                out,
            )
        }
        Cmd::Export {
            org,
            output,
            format,
            layout,
            findings,
            scale,
            paper,
        } => {
            let (layout, paper) = (Style::from(layout), export::Paper::from(paper));
            let by_name = export::Format::from_path(&output);
            let Some(format) = format.map(export::Format::from).or(by_name) else {
                let _ = writeln!(
                    err,
                    "error: cannot tell the export format from {}; name it with --format (svg, png, pdf, dot, mermaid, csv or json)",
                    output.display()
                );
                return 2;
            };
            if let Some(named) = by_name.filter(|n| *n != format) {
                let _ = writeln!(
                    err,
                    "warning: writing {} into {}, whose extension says {}",
                    format.label(),
                    output.display(),
                    named.label()
                );
            }
            let mut unused = Vec::new();
            if !format.is_drawing() {
                if layout != Style::Tree {
                    unused.push("--layout");
                }
                if findings {
                    unused.push("--findings");
                }
            }
            if format != export::Format::Png && scale != 2.0 {
                unused.push("--scale");
            }
            if format != export::Format::Pdf && paper != export::Paper::A4 {
                unused.push("--paper");
            }
            if !unused.is_empty() {
                let _ = writeln!(
                    err,
                    "note: {} {} nothing to {} (--layout and --findings are for SVG, PNG and PDF, --scale for PNG, --paper for PDF)",
                    unused.join(" and "),
                    if unused.len() == 1 { "does" } else { "do" },
                    format.label()
                );
            }
            if let Err(e) = export::check_scale(scale) {
                let _ = writeln!(err, "error: --scale: {e}");
                return 2;
            }
            let org = match io::load(&org) {
                Ok(o) => o,
                Err(e) => return fail(err, &e),
            };
            let options = export::Options {
                style: layout,
                findings,
                scale,
                paper,
            };
            let bytes = match export::export(&org, format, &options) {
                Ok(b) => b,
                Err(e) => {
                    // The core says what would fit; the command line names its flag.
                    let hint = match &e {
                        export::ExportError::TooLarge { fits, .. } => {
                            format!(" (--scale {fits} fits)")
                        }
                        _ => String::new(),
                    };
                    let _ = writeln!(err, "error: cannot export {}: {e}{hint}", output.display());
                    return 2;
                }
            };
            let size = bytes.len();
            write_output(
                &output,
                &bytes,
                err,
                || {
                    format!(
                        "Wrote {} ({}, {})",
                        output.display(),
                        format.label(),
                        export::human_size(size)
                    )
                },
                out,
            )
        }
    }
}

fn write_output(
    path: &Path,
    bytes: &[u8],
    err: &mut dyn Write,
    done: impl FnOnce() -> String,
    out: &mut dyn Write,
) -> u8 {
    match io::save_atomic(path, bytes) {
        Ok(()) => {
            let _ = writeln!(out, "{}", done());
            0
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot write {}: {}",
                path.display(),
                io::io_reason(&e)
            );
            2
        }
    }
}

fn fail(err: &mut dyn Write, e: &LoadError) -> u8 {
    let _ = writeln!(err, "error: {e}");
    2
}

fn pretty<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).expect("report serialises")
}

fn validate_cmd(
    file: &Path,
    profile: Option<ProfileName>,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let org: Org = match io::load(file) {
        Ok(o) => o,
        Err(e) => return fail(err, &e),
    };
    let mut settings = org.rules().clone();
    if let Some(p) = profile {
        settings.profile = p;
    }
    let thresholds = Thresholds::from_settings(&settings);
    let findings = validate_with(&org, &thresholds);
    let counts = Counts::of(&findings);
    match format {
        Format::Json => {
            let report = serde_json::json!({
                "file": file.display().to_string(),
                "profile": settings.profile.as_str(),
                "summary": counts,
                "findings": findings,
            });
            let _ = writeln!(out, "{}", pretty(&report));
        }
        Format::Text => {
            for f in &findings {
                let subject = f.subject();
                let _ = writeln!(
                    out,
                    "{}[{}] {} \"{}\": {}",
                    f.severity, f.rule, subject.kind, subject.name, f.message
                );
            }
            let _ = writeln!(
                out,
                "{}: {} (profile {})",
                file.display(),
                counts.summary(),
                settings.profile
            );
        }
    }
    if findings.iter().any(|f| f.severity == Severity::Error) {
        1
    } else {
        0
    }
}

/// Entry point used by `main`.
pub fn main_with(cli: Cli) -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    match cli.command {
        Some(cmd) => ExitCode::from(run(cmd, &mut stdout.lock(), &mut stderr.lock())),
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
