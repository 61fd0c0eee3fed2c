//! `orgscale cycles ORG`: the framework's two cycles drawn from the org, for the whole org or one
//! group: who carries each component, its coverage and the findings behind its gaps; with
//! `--round` a rating round's medians and spreads beside that evidence (and with `--against` what
//! rose and fell since another round); as text, JSON, the figure (SVG, PNG, PDF) or the rating
//! sheet (CSV). `--import SHEET.csv` reads a filled rating sheet into the org file.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{PaperArg, events::group_named, fail, write_output};
use crate::cycles::{self, Scope, report};
use crate::export::cycles::{Colouring, Shown};
use crate::io;
use crate::model::{Org, Round};

#[derive(Debug, Args)]
pub struct CyclesArgs {
    /// Org file (.json) or roster (.csv).
    pub org: PathBuf,
    /// Only this group and everything inside it.
    #[arg(long)]
    pub group: Option<String>,
    /// Show this rating round's ratings beside the structure (its name).
    #[arg(long)]
    pub round: Option<String>,
    /// Compare the round with this earlier one: what rose, what fell.
    #[arg(long, requires = "round")]
    pub against: Option<String>,
    /// text, json, svg, png, pdf, or csv (the rating sheet: blank, or the round's with --round).
    /// Default: from the extension of -o, else text.
    #[arg(long, value_enum)]
    pub format: Option<CyclesFormat>,
    /// Colour the figure by coverage or by rating (default: rating with --round, else
    /// coverage).
    #[arg(long, value_enum)]
    pub colour: Option<ColourArg>,
    /// Write to this file instead of the standard output (required for png and pdf).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// PNG pixels per unit, above 0 and at most 16.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
    /// PDF paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// With --format csv and --round: a blank sheet for the round's raters instead of its
    /// ratings.
    #[arg(long)]
    pub blank: bool,
    /// With a blank sheet: a row for every group inside the scope too, not only the scope.
    #[arg(long)]
    pub per_group: bool,
    /// Read a filled rating sheet (CSV) into ORG (a .json org file, saved in place): any
    /// number of raters and rounds; all or nothing.
    #[arg(long, value_name = "SHEET", conflicts_with_all = ["round", "against", "format", "output", "blank", "per_group"])]
    pub import: Option<PathBuf>,
}

/// `--format` of `cycles`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CyclesFormat {
    Text,
    Json,
    Svg,
    Png,
    Pdf,
    /// The rating sheet: blank (a row per component to fill), or with --round the round's
    /// ratings.
    Csv,
}

impl CyclesFormat {
    fn from_path(p: &std::path::Path) -> Option<Self> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" => CyclesFormat::Text,
            "json" => CyclesFormat::Json,
            "svg" => CyclesFormat::Svg,
            "png" => CyclesFormat::Png,
            "pdf" => CyclesFormat::Pdf,
            "csv" => CyclesFormat::Csv,
            _ => return None,
        })
    }
}

/// `--colour`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColourArg {
    Coverage,
    Rating,
}

/// The org's rounds, quoted: "\"Q3 2026\", \"Q4 2026\"".
fn round_names(org: &Org) -> String {
    org.assessment()
        .rounds
        .iter()
        .map(|r| format!("\"{}\"", r.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "add --round NAME (the org has "Q3 2026", "Q4 2026")", or that it has none.
fn rounds_hint(org: &Org) -> String {
    if org.assessment().is_empty() {
        "the org records no rating rounds yet".to_string()
    } else {
        format!("add --round NAME (the org has {})", round_names(org))
    }
}

fn round_named<'a>(org: &'a Org, name: &str) -> Result<&'a Round, String> {
    org.assessment().find(name).ok_or_else(|| {
        if org.assessment().is_empty() {
            format!("there is no rating round \"{name}\": the org records no ratings yet")
        } else {
            format!(
                "there is no rating round \"{name}\"; the org has {}",
                round_names(org)
            )
        }
    })
}

pub fn run(a: CyclesArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if let Some(sheet) = &a.import {
        return import(&a, sheet, out, err);
    }
    let org = match io::load(&a.org) {
        Ok(o) => o,
        Err(e) => return fail(err, &e),
    };
    let refuse = |err: &mut dyn Write, why: String| {
        let _ = writeln!(err, "error: {}: {why}", a.org.display());
        2
    };
    let scope = match a.group.as_deref().map(|g| group_named(&org, g)) {
        None => Scope::Org,
        Some(Ok(g)) => Scope::Group(g),
        Some(Err(why)) => return refuse(err, why),
    };
    let round = match a.round.as_deref().map(|r| round_named(&org, r)) {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(why)) => return refuse(err, why),
    };
    let earlier = match a.against.as_deref().map(|r| round_named(&org, r)) {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(why)) => return refuse(err, why),
    };
    if let (Some(r), Some(e)) = (round, earlier) {
        if r.name == e.name {
            return refuse(
                err,
                format!(
                    "--against names the round itself (\"{}\"); name an earlier one",
                    r.name
                ),
            );
        }
        if !org.assessment().is_earlier(&e.name, &r.name) {
            return refuse(
                err,
                format!(
                    "--against names the earlier round: \"{}\" ({}) comes after \"{}\" ({}); swap them",
                    e.name, e.date, r.name, r.date
                ),
            );
        }
    }
    let format = match (a.format, a.output.as_deref()) {
        (Some(f), _) => f,
        (None, None) => CyclesFormat::Text,
        (None, Some(out)) => match CyclesFormat::from_path(out) {
            Some(f) => f,
            None => {
                let _ = writeln!(
                    err,
                    "error: cannot tell the format from {}: name it .txt, .json, .svg, .png, .pdf or .csv, or give --format",
                    out.display()
                );
                return 2;
            }
        },
    };
    if (a.blank || a.per_group) && format != CyclesFormat::Csv {
        return refuse(
            err,
            "--blank and --per-group make a rating sheet: add --format csv (or -o FILE.csv)"
                .to_string(),
        );
    }
    let s = org.structure();
    let findings = crate::rules::validate(&org);
    let c = cycles::cycles(&org, &s, &findings, scope);
    let rounds = round.map(|round| report::Rounds { round, earlier });
    let colouring = match a.colour {
        Some(ColourArg::Coverage) => Colouring::Coverage,
        Some(ColourArg::Rating) if round.is_none() => {
            return refuse(
                err,
                format!("--colour rating needs a round: {}", rounds_hint(&org)),
            );
        }
        Some(ColourArg::Rating) => Colouring::Rating,
        None if round.is_some() => Colouring::Rating,
        None => Colouring::Coverage,
    };
    let shown = Shown {
        org: &org,
        structure: &s,
        cycles: &c,
        round,
        earlier,
        colouring,
    };
    let bytes: Vec<u8> = match format {
        CyclesFormat::Text => report::text(&org, &s, &c, rounds).into_bytes(),
        CyclesFormat::Json => report::json(&org, &s, &c, rounds).into_bytes(),
        CyclesFormat::Svg => crate::export::cycles::to_svg(&shown).into_bytes(),
        CyclesFormat::Csv => match round {
            Some(r) if !a.blank => io::ratings_csv::filled(&org, r),
            _ => {
                let today = jiff::Zoned::now().date();
                let fresh;
                let round = match round {
                    Some(r) => r,
                    None => {
                        fresh = Round::new(org.assessment().fresh_name(today), today);
                        &fresh
                    }
                };
                let targets = io::ratings_csv::targets(&s, scope, a.per_group);
                io::ratings_csv::blank(&org, round, &targets)
            }
        }
        .into_bytes(),
        CyclesFormat::Png | CyclesFormat::Pdf => {
            if a.output.is_none() {
                return refuse(
                    err,
                    format!(
                        "a {} goes to a file: add -o FILE",
                        if format == CyclesFormat::Png {
                            "PNG"
                        } else {
                            "PDF"
                        }
                    ),
                );
            }
            let made = if format == CyclesFormat::Png {
                crate::export::cycles::to_png(&shown, a.scale)
            } else {
                crate::export::cycles::to_pdf(&shown, a.paper.into())
            };
            match made {
                Ok(b) => b,
                Err(e) => {
                    let _ = writeln!(err, "error: cannot draw the cycles: {e}");
                    return 2;
                }
            }
        }
    };
    match &a.output {
        None => {
            let _ = out.write_all(&bytes);
            0
        }
        Some(path) => write_output(
            path,
            &bytes,
            err,
            || {
                format!(
                    "Wrote {} ({})",
                    path.display(),
                    crate::export::human_size(bytes.len())
                )
            },
            out,
        ),
    }
}

/// `--import SHEET`: the sheet's ratings into the org file, saved in place (atomically).
fn import(a: &CyclesArgs, sheet: &std::path::Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if io::InputKind::of(&a.org) == io::InputKind::Csv {
        let _ = writeln!(
            err,
            "error: {}: a roster holds no ratings; import it into an org file first (`orgscale import {} -o org.json`)",
            a.org.display(),
            a.org.display()
        );
        return 2;
    }
    let mut org = match io::load(&a.org) {
        Ok(o) => o,
        Err(e) => return fail(err, &e),
    };
    let today = jiff::Zoned::now().date();
    let imported = match io::ratings_csv::import(&org, sheet, today) {
        Ok(i) => i,
        Err(e) => return fail(err, &e),
    };
    if let Err(e) =
        crate::model::Command::SetAssessment(imported.assessment.clone()).apply(&mut org)
    {
        let _ = writeln!(err, "error: {}: {e}", sheet.display());
        return 2;
    }
    write_output(
        &a.org,
        io::json::to_string(&org).as_bytes(),
        err,
        || {
            format!(
                "Imported {} (saved {})",
                imported.summary(),
                a.org.display()
            )
        },
        out,
    )
}
