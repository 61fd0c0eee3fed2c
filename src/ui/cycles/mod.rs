//! The Cycles view: the framework's two cycles drawn from the design, as the Scrum@Scale guide
//! draws them (the Scrum Master loop around the EAT, the Product Owner loop around the EMS,
//! crossing at Team Process), each component coloured by coverage or by a rating round's
//! medians. Hover a component for its people and gaps; click it to list them beside the figure,
//! where a gap's subject is one click from the design canvas and the round's ratings are
//! entered. A group selected in the outline, or picked in the scope list, scopes the cycles to
//! it. The cycles are kept per structure revision, the figure per revision (a rating redraws it
//! without deriving the cycles again).
//!
//! Parts: this file (state, caches, the bar above the figure); [`paint`] the figure and what
//! the pointer does on it; [`side`] the panel beside it (the component, its ratings, the
//! rounds).

mod paint;
mod side;

use std::sync::Arc;

use egui::{RichText, Ui};

use super::{Action, PanelCtx, Selection};
use crate::cycles::{self, Component, Cycles, Scope};
use crate::export::cycles::{Colouring, Figure, Rated, Shown};
use crate::model::{GroupId, Org, Round, Structure, Unit};

/// What the view asks the app to do beyond model commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CyclesAction {
    /// Show a finding's subject on the design canvas.
    ShowOnCanvas(Selection),
    /// Ask where to write the figure or a rating sheet.
    Export(CyclesFile),
    /// Ask for a filled rating sheet to read in.
    ImportRatings,
}

/// What the view writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CyclesFile {
    Svg,
    Png,
    Pdf,
    /// A blank rating sheet for the round shown (or a new one).
    BlankSheet,
    /// The round's ratings as a sheet.
    FilledSheet,
}

impl CyclesFile {
    pub fn extension(self) -> &'static str {
        match self {
            CyclesFile::Svg => "svg",
            CyclesFile::Png => "png",
            CyclesFile::Pdf => "pdf",
            CyclesFile::BlankSheet | CyclesFile::FilledSheet => "csv",
        }
    }

    /// What a menu calls it.
    pub fn label(self) -> &'static str {
        match self {
            CyclesFile::Svg => "SVG image",
            CyclesFile::Png => "PNG image",
            CyclesFile::Pdf => "PDF document",
            CyclesFile::BlankSheet => "Blank rating sheet",
            CyclesFile::FilledSheet => "Rating sheet",
        }
    }

    /// What it is in a sentence: "the cycles as SVG", "a blank rating sheet".
    pub fn what(self) -> &'static str {
        match self {
            CyclesFile::Svg => "the cycles as SVG",
            CyclesFile::Png => "the cycles as PNG",
            CyclesFile::Pdf => "the cycles as PDF",
            CyclesFile::BlankSheet => "a blank rating sheet",
            CyclesFile::FilledSheet => "the round's rating sheet",
        }
    }
}

/// The cycles of one scope at one revision, and the figure drawn from them.
struct Drawn {
    key: FigureKey,
    cycles: Arc<Cycles>,
    rated: Rated,
    figure: Figure,
    /// What the bar says under the title.
    subtitle: String,
}

/// What the figure depends on: the structure (its cycles) and the ratings (any revision).
#[derive(Clone, Debug, PartialEq)]
struct FigureKey {
    structure: u64,
    revision: u64,
    scope: Scope,
    round: Option<String>,
    earlier: Option<String>,
    colouring: Colouring,
    dark: bool,
}

/// What the Cycles view keeps between frames.
#[derive(Default)]
pub struct CyclesView {
    /// Whose cycles are shown.
    pub scope: ScopeState,
    /// The component whose carriers and gaps the side panel lists.
    pub selected: Option<Component>,
    /// The rating round shown (by name), and one to compare it with.
    pub round: Option<String>,
    pub earlier: Option<String>,
    pub colouring: Colouring,
    /// Whether a round has been picked for the user yet (the latest, the first time the view
    /// shows a design).
    rounds_seen: bool,
    drawn: Option<Drawn>,
    side: side::SideState,
    /// How the figure is zoomed and panned.
    pub zoom: paint::ZoomPan,
}

/// The scope and the selection it last followed.
#[derive(Default)]
pub struct ScopeState {
    pub scope: Option<GroupId>,
    followed: Option<Option<Selection>>,
}

impl ScopeState {
    pub fn get(&self) -> Scope {
        self.scope.map_or(Scope::Org, Scope::Group)
    }
}

pub use crate::cycles::scope_name;

/// The groups in outline order (depth first), each with its level.
fn groups_in_order(s: &Structure) -> Vec<(GroupId, u32)> {
    let mut out = Vec::new();
    let mut stack: Vec<GroupId> = s.top_groups.iter().rev().copied().collect();
    while let Some(g) = stack.pop() {
        out.push((g, s.level(g)));
        let kids: Vec<GroupId> = s.child_groups(g).collect();
        stack.extend(kids.into_iter().rev());
    }
    out
}

impl CyclesView {
    /// The round shown, if it still exists.
    pub fn round<'a>(&self, org: &'a Org) -> Option<&'a Round> {
        self.round
            .as_deref()
            .and_then(|n| org.assessment().round(n))
    }

    /// The round compared with, if it still exists and comes before the one shown.
    pub fn earlier<'a>(&self, org: &'a Org) -> Option<&'a Round> {
        let shown = self.round.as_deref()?;
        self.earlier
            .as_deref()
            .filter(|e| org.assessment().is_earlier(e, shown))
            .and_then(|n| org.assessment().round(n))
    }

    /// The cycles of a scope at the document's structure revision: the ones drawn when they
    /// are those, else made now.
    fn cycles_of(&self, doc: &crate::ui::Document, scope: Scope) -> Arc<Cycles> {
        match &self.drawn {
            Some(d) if d.key.structure == doc.structure_revision() && d.key.scope == scope => {
                Arc::clone(&d.cycles)
            }
            _ => Arc::new(cycles::cycles(
                doc.org(),
                doc.structure(),
                doc.findings(),
                scope,
            )),
        }
    }

    /// The export of the view in `file`'s format, made now.
    pub fn export(
        &mut self,
        doc: &crate::ui::Document,
        file: CyclesFile,
        scale: f32,
        paper: crate::export::Paper,
        today: jiff::civil::Date,
    ) -> Result<Vec<u8>, String> {
        let c = self.cycles_of(doc, self.scope.get());
        let org = doc.org();
        let shown = Shown {
            org,
            structure: doc.structure(),
            cycles: &c,
            round: self.round(org),
            earlier: self.earlier(org),
            colouring: self.colouring,
        };
        match file {
            CyclesFile::Svg => Ok(crate::export::cycles::to_svg(&shown).into_bytes()),
            CyclesFile::Png => {
                crate::export::cycles::to_png(&shown, scale).map_err(|e| e.to_string())
            }
            CyclesFile::Pdf => {
                crate::export::cycles::to_pdf(&shown, paper).map_err(|e| e.to_string())
            }
            CyclesFile::FilledSheet => match shown.round {
                Some(r) => Ok(crate::io::ratings_csv::filled(org, r).into_bytes()),
                None => Err("pick a rating round first".into()),
            },
            CyclesFile::BlankSheet => {
                let fresh;
                let round = match shown.round {
                    Some(r) => r,
                    None => {
                        fresh = Round::new(org.assessment().fresh_name(today), today);
                        &fresh
                    }
                };
                let targets = crate::io::ratings_csv::targets(
                    doc.structure(),
                    c.scope,
                    self.side.sheet_per_group,
                );
                Ok(crate::io::ratings_csv::blank(org, round, &targets).into_bytes())
            }
        }
    }

    /// Show the round the import filled, coloured by its ratings.
    pub fn show_round(&mut self, name: &str) {
        self.round = Some(name.to_string());
        self.rounds_seen = true;
        self.colouring = Colouring::Rating;
    }

    /// Follow the selection: a group picked anywhere scopes the cycles to it; a group that is
    /// gone falls back to the whole org; rounds that are gone are let go.
    fn follow(&mut self, cx: &PanelCtx) {
        let org = cx.doc.org();
        if self.scope.followed != Some(cx.selection) {
            if let Some(Selection::Group(g)) = cx.selection {
                self.scope.scope = Some(g);
            }
            self.scope.followed = Some(cx.selection);
        }
        if self.scope.scope.is_some_and(|g| org.group(g).is_none()) {
            self.scope.scope = None;
        }
        // The first time, the design's latest round, as a heat map.
        if !self.rounds_seen {
            self.round = org.assessment().latest().map(|r| r.name.clone());
            if self.round.is_some() {
                self.colouring = Colouring::Rating;
            }
            self.rounds_seen = true;
        }
        if self.round.is_some() && self.round(org).is_none() {
            self.round = None;
        }
        if self.earlier.is_some() && self.earlier(org).is_none() {
            self.earlier = None;
        }
        if self.round.is_none() && self.colouring == Colouring::Rating {
            self.colouring = Colouring::Coverage;
        }
    }

    /// The figure of the current state, drawn again only when something it shows changed.
    fn drawn(&mut self, cx: &PanelCtx, dark: bool) -> &Drawn {
        let key = FigureKey {
            structure: cx.doc.structure_revision(),
            revision: cx.doc.revision(),
            scope: self.scope.get(),
            round: self.round.clone(),
            earlier: self.earlier.clone(),
            colouring: self.colouring,
            dark,
        };
        if self.drawn.as_ref().is_none_or(|d| d.key != key) {
            let cycles = self.cycles_of(cx.doc, key.scope);
            let org = cx.doc.org();
            let shown = Shown {
                org,
                structure: cx.doc.structure(),
                cycles: &cycles,
                round: self.round(org),
                earlier: self.earlier(org),
                colouring: self.colouring,
            };
            let rated = shown.rated();
            let figure = shown.figure(&rated, dark);
            let subtitle = shown.subtitle();
            self.drawn = Some(Drawn {
                key,
                cycles,
                rated,
                figure,
                subtitle,
            });
        }
        self.drawn.as_ref().expect("just drawn")
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        self.follow(cx);
        let dark = ui.visuals().dark_mode;
        self.drawn(cx, dark);
        egui::Panel::top("cycles_bar").show(ui, |ui| self.bar(ui, cx));
        egui::Panel::right("cycles_side")
            .resizable(true)
            .default_size(340.0)
            .min_size(300.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("cycles_side_scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let d = self.drawn.as_ref().expect("drawn above");
                        let org = cx.doc.org();
                        let (round, earlier) = (
                            self.round(org).map(|r| r.name.clone()),
                            self.earlier(org).map(|r| r.name.clone()),
                        );
                        side::ui(
                            ui,
                            cx,
                            &mut self.side,
                            side::Shown {
                                cycles: &d.cycles,
                                rated: &d.rated,
                                figure: &d.figure,
                                round: round.as_deref(),
                                earlier: earlier.as_deref(),
                            },
                            side::Picks {
                                selected: &mut self.selected,
                                round: &mut self.round,
                                earlier: &mut self.earlier,
                            },
                        )
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let d = self.drawn.as_ref().expect("drawn above");
            if let Some(c) = paint::ui(ui, cx, &d.figure, &d.cycles, self.selected, &mut self.zoom)
            {
                self.selected = if self.selected == Some(c) {
                    None
                } else {
                    Some(c)
                };
            }
        });
        // A round picked in the side panel shows its heat map.
        if self.side.take_round_picked() {
            self.colouring = Colouring::Rating;
            self.rounds_seen = true;
        }
    }

    /// Show the whole org's cycles; a group selected for its scope is let go.
    fn whole_org(&mut self, cx: &mut PanelCtx) {
        if let Some(Selection::Group(g)) = cx.selection
            && self.scope.scope == Some(g)
        {
            cx.select(None);
        }
        self.scope.scope = None;
    }

    /// The bar above the figure: whose cycles, the scope list, the colouring, the rounds and
    /// the exports.
    fn bar(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        let org = cx.doc.org();
        let s = cx.doc.structure();
        let scope = self.scope.get();
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!("The two cycles of {}", scope_name(org, s, scope)));
            ui.separator();
            ui.label("Scope");
            let shown_scope = match scope {
                Scope::Org => format!("Whole org ({})", org.name()),
                _ => scope_name(org, s, scope),
            };
            let combo = egui::ComboBox::from_id_salt("cycles_scope")
                .selected_text(shown_scope.clone())
                .width(220.0)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(scope == Scope::Org, "Whole org")
                        .clicked()
                    {
                        self.whole_org(cx);
                    }
                    // Listed only while the list is open (a large org has thousands).
                    let groups = groups_in_order(s);
                    let row = ui.spacing().interact_size.y;
                    egui::ScrollArea::vertical().max_height(360.0).show_rows(
                        ui,
                        row,
                        groups.len(),
                        |ui, range| {
                            for (g, level) in &groups[range] {
                                let depth = s.depth().saturating_sub(*level) as f32;
                                ui.horizontal(|ui| {
                                    ui.add_space(depth * 12.0);
                                    let label = format!(
                                        "{} {}",
                                        Structure::level_label(*level),
                                        org.unit_name(Unit::Group(*g))
                                    );
                                    if ui
                                        .selectable_label(scope == Scope::Group(*g), label)
                                        .clicked()
                                    {
                                        // The outline shows the group picked here too.
                                        self.scope.scope = Some(*g);
                                        cx.select(Some(Selection::Group(*g)));
                                    }
                                });
                            }
                        },
                    );
                });
            crate::ui::a11y::name_widget(
                &combo.response,
                egui::WidgetType::ComboBox,
                &format!("Scope: {shown_scope}"),
                None,
            );
            if scope != Scope::Org && ui.button("Whole org").clicked() {
                self.whole_org(cx);
            }
            ui.separator();
            ui.label("Colour by");
            ui.selectable_value(&mut self.colouring, Colouring::Coverage, "Coverage")
                .on_hover_text("Complete green, gaps amber, missing red: what the structure shows");
            let rated = self.round.is_some();
            ui.add_enabled_ui(rated, |ui| {
                ui.selectable_value(&mut self.colouring, Colouring::Rating, "Rating")
                    .on_hover_text("A heat map of the round's median ratings, 0 red to 4 green")
                    .on_disabled_hover_text("Pick a rating round first");
            });
            ui.separator();
            if ui
                .add_enabled(!self.zoom.is_fitted(), egui::Button::new("Fit"))
                .on_hover_text("Show the whole figure (or double-click it); the wheel zooms, a drag pans")
                .clicked()
            {
                self.zoom = paint::ZoomPan::default();
            }
            ui.menu_button("Export figure", |ui| {
                for f in [CyclesFile::Svg, CyclesFile::Png, CyclesFile::Pdf] {
                    if ui
                        .button(format!("{}…", f.label()))
                        .on_hover_text(match f {
                            CyclesFile::Pdf => {
                                "The figure, then every component in words with its ratings and gaps"
                            }
                            _ => "The figure as shown, in the light theme",
                        })
                        .clicked()
                    {
                        ui.close();
                        cx.actions.push(Action::Cycles(CyclesAction::Export(f)));
                    }
                }
            });
        });
        let d = self.drawn.as_ref().expect("drawn");
        ui.label(RichText::new(&d.subtitle).small().weak());
        ui.add_space(2.0);
    }
}
