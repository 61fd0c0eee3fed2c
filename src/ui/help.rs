//! The Help window: keyboard shortcuts (from the same table the keys are taken from), what the
//! colours and badges mean, the rule catalogue with each rule's source, and About.

use egui::{Color32, RichText, Sense, Ui, vec2};

use super::cards;
use super::shortcuts::{self, SHORTCUTS};
use crate::diagram::{self, CardKind, Health};
use crate::rules::{CATALOGUE, OVERLAY_CATALOGUE, Severity};

/// A page of the Help window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Shortcuts,
    Colours,
    Rules,
    About,
}

impl Page {
    pub const ALL: [Page; 4] = [Page::Shortcuts, Page::Colours, Page::Rules, Page::About];

    /// The page's name, as the Help menu and the window's tabs show it.
    pub fn label(self) -> &'static str {
        match self {
            Page::Shortcuts => "Keyboard shortcuts",
            Page::Colours => "Colours and badges",
            Page::Rules => "Rule catalogue",
            Page::About => "About orgscale",
        }
    }
}

/// Show the Help window on `page`; the user may switch pages or close it (sets `page` to None).
pub fn window(ctx: &egui::Context, page: &mut Option<Page>) {
    let Some(mut current) = *page else {
        return;
    };
    let mut open = true;
    egui::Window::new("Help")
        .open(&mut open)
        .default_size(vec2(640.0, 540.0))
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for p in Page::ALL {
                    ui.selectable_value(&mut current, p, p.label());
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match current {
                    Page::Shortcuts => shortcuts_page(ui),
                    Page::Colours => colours_page(ui),
                    Page::Rules => rules_page(ui),
                    Page::About => about_page(ui),
                });
        });
    *page = open.then_some(current);
}

fn shortcuts_page(ui: &mut Ui) {
    let mac = shortcuts::is_mac(ui.ctx());
    egui::Grid::new("help_shortcuts")
        .num_columns(2)
        .striped(true)
        .spacing(vec2(24.0, 6.0))
        .show(ui, |ui| {
            for s in SHORTCUTS {
                let mut keys = shortcuts::format(&s.keys, mac);
                if let Some(a) = &s.also {
                    keys = format!("{keys} or {}", shortcuts::format(a, mac));
                }
                ui.label(RichText::new(keys).monospace().strong());
                ui.label(s.what);
                ui.end_row();
            }
            ui.end_row();
            ui.label(RichText::new("On the canvas").heading().size(15.0));
            ui.end_row();
            for (how, what) in [
                ("Mouse wheel", "Zoom about the pointer"),
                ("Trackpad two-finger scroll", "Pan"),
                ("Pinch", "Zoom"),
                ("Drag the background", "Pan"),
                (
                    "Drag a card onto a group",
                    "Move the team or group there (a preview names what changes)",
                ),
                ("Click a card", "Select it and show it in the inspector"),
            ] {
                ui.label(RichText::new(how).strong());
                ui.label(what);
                ui.end_row();
            }
        });
}

fn swatch(ui: &mut Ui, color: Color32, dashed: bool) {
    let (rect, _) = ui.allocate_exact_size(vec2(28.0, 16.0), Sense::hover());
    if dashed {
        let pts = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        ui.painter().extend(egui::Shape::dashed_line(
            &pts,
            egui::Stroke::new(1.5, color),
            4.0,
            3.0,
        ));
    } else {
        ui.painter().rect_filled(rect, 3.0, color);
    }
}

/// Rows of a colour swatch (dashed for a virtual team) and what it means.
fn legend(ui: &mut Ui, id: &str, rows: &[(Color32, bool, &str)]) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing(vec2(16.0, 6.0))
        .show(ui, |ui| {
            for (color, dashed, what) in rows {
                swatch(ui, *color, *dashed);
                ui.label(*what);
                ui.end_row();
            }
        });
}

fn colours_page(ui: &mut Ui) {
    let dark = ui.visuals().dark_mode;
    let health = |h: Health| cards::health_color(h);
    let severity = |s: Severity| cards::severity_color(s);
    let accent = |k: CardKind| cards::c32(diagram::colors(k, dark).accent);
    ui.label(RichText::new("Headcount badge on a team").strong());
    legend(
        ui,
        "help_badges",
        &[
            (
                health(Health::Good),
                false,
                "Green: the team's size is well within the profile's range",
            ),
            (
                health(Health::Edge),
                false,
                "Amber: at the edge of the range (its smallest or largest size)",
            ),
            (
                health(Health::Bad),
                false,
                "Red: outside the range; a finding says by how much",
            ),
        ],
    );
    ui.add_space(8.0);
    ui.label(RichText::new("Dot in a card's corner: its worst finding").strong());
    legend(
        ui,
        "help_dots",
        &[
            (
                severity(Severity::Error),
                false,
                "Red: an error, the structure breaks a rule of the framework",
            ),
            (
                severity(Severity::Warning),
                false,
                "Amber: a warning, a common practice is not met",
            ),
            (
                severity(Severity::Info),
                false,
                "Blue: information, worth a look",
            ),
        ],
    );
    ui.add_space(8.0);
    ui.label(RichText::new("Cards").strong());
    legend(
        ui,
        "help_cards",
        &[
            (
                accent(CardKind::Team {
                    virtual_team: false,
                }),
                false,
                "Scrum team: name, Product Owner, Scrum Master",
            ),
            (
                accent(CardKind::Team { virtual_team: true }),
                true,
                "Virtual team (a guild or community of practice), dashed",
            ),
            (
                accent(CardKind::Group { level: 1 }),
                false,
                "Scrum of Scrums (SoS), with its SoSM and CPO",
            ),
            (
                accent(CardKind::Group { level: 2 }),
                false,
                "Scrum of Scrums of Scrums (SoSoS); higher levels are teal",
            ),
            (
                accent(CardKind::Eat),
                false,
                "Executive Action Team (EAT): removes impediments",
            ),
            (
                accent(CardKind::Ems),
                false,
                "Executive MetaScrum (EMS): sets the backlog's priorities",
            ),
        ],
    );
    ui.add_space(8.0);
    ui.label(
        "A line in red on a card names a missing role (\"SM: none\", \"no SoSM\"). A selected \
         card has an orange outline; while you drag, the target turns green (allowed) or red.",
    );
    ui.add_space(8.0);
    ui.label(RichText::new("The Cycles view: each component, by coverage").strong());
    use crate::cycles::Coverage;
    use crate::export::cycles::figure::{coverage_color, rating_color};
    legend(
        ui,
        "help_cycles",
        &[
            (
                cards::c32(coverage_color(Coverage::Complete)),
                false,
                "Complete: someone carries it and no error or warning breaks it",
            ),
            (
                cards::c32(coverage_color(Coverage::Gaps)),
                false,
                "Gaps: carried, but findings show where it breaks (listed beside the figure)",
            ),
            (
                cards::c32(coverage_color(Coverage::Missing)),
                false,
                "Missing: nobody carries it in this scope",
            ),
        ],
    );
    ui.add_space(4.0);
    ui.label(RichText::new("… or by a rating round's median (Colour by › Rating)").strong());
    let rated = |v: f32| cards::c32(rating_color(v));
    legend(
        ui,
        "help_ratings",
        &[
            (rated(0.0), false, "0 absent"),
            (rated(1.0), false, "1 starting"),
            (rated(2.0), false, "2 developing"),
            (rated(3.0), false, "3 established"),
            (
                rated(4.0),
                false,
                "4 optimising; grey: not rated in this round",
            ),
        ],
    );
}

fn rules_page(ui: &mut Ui) {
    ui.label(format!(
        "{} rules on the structure (V) and {} checks on its events (O, only for an org file \
         that records its cadence). Each one's severity is its default; the profile and the org \
         file can change thresholds (Edit › Rules and thresholds).",
        CATALOGUE.len(),
        OVERLAY_CATALOGUE.len()
    ));
    ui.add_space(6.0);
    egui::Grid::new("help_rules")
        .num_columns(4)
        .striped(true)
        .spacing(vec2(12.0, 4.0))
        .show(ui, |ui| {
            ui.label(RichText::new("Rule").strong());
            ui.label(RichText::new("Checks").strong());
            ui.label(RichText::new("Severity").strong());
            ui.label(RichText::new("Source").strong());
            ui.end_row();
            for r in CATALOGUE.iter().chain(OVERLAY_CATALOGUE) {
                ui.label(RichText::new(r.id.to_string()).monospace());
                ui.label(r.title);
                ui.label(r.severity);
                ui.label(RichText::new(r.source).weak());
                ui.end_row();
            }
        });
}

fn about_page(ui: &mut Ui) {
    ui.heading(format!("orgscale {}", env!("CARGO_PKG_VERSION")));
    ui.label(env!("CARGO_PKG_DESCRIPTION"));
    ui.add_space(8.0);
    ui.label(format!("Licence: {}.", env!("CARGO_PKG_LICENSE")));
    ui.label(
        "Font: Ubuntu Light, under the Ubuntu Font Licence 1.0, shipped by the \
         epaint_default_fonts crate; the designer and the PNG and PDF exports use it.",
    );
    ui.label("Built with egui and eframe, egui_graphs over petgraph, resvg and krilla.");
    ui.add_space(8.0);
    ui.label(
        "The rules come from the Scrum Guides (2017, 2020), the Scrum@Scale Guide (2022) and \
         common practice; the Rule catalogue names each one's source.",
    );
}
