//! The menu bar, the View menu's canvas entries and the keyboard shortcuts that run the same
//! actions.

use super::*;

impl DesignerApp {
    pub(super) fn shortcuts(&mut self, ui: &mut Ui) {
        // While a file dialog or a question is up, keys belong to it.
        let builtin_open = matches!(
            self.file_dialog,
            Some(OpenDialog {
                shown: Shown::Builtin(_),
                ..
            })
        );
        if builtin_open || self.pending.is_some() || self.error.is_some() {
            return;
        }
        use crate::ui::shortcuts::{Act, pressed};
        let ctx = ui.ctx().clone();
        if pressed(&ctx, Act::SaveAs) {
            self.save_as();
        } else if pressed(&ctx, Act::Save) {
            self.save();
        }
        // While a text field has focus, Ctrl+Z and the plain keys belong to the text being typed.
        // (Other widgets take the focus too, e.g. an outline row; the keys still work there.)
        let typing = ctx.text_edit_focused();
        if !typing {
            if pressed(&ctx, Act::Redo) {
                self.redo();
            } else if pressed(&ctx, Act::Undo) {
                self.undo();
            }
        }
        if pressed(&ctx, Act::New) {
            self.request(Pending::New);
        }
        if pressed(&ctx, Act::Open) {
            self.request(Pending::Open(None));
        }
        if pressed(&ctx, Act::Help) {
            self.help = Some(crate::ui::help::Page::Shortcuts);
        }
        if pressed(&ctx, Act::Fit) {
            self.canvas.request_fit();
        }
        if pressed(&ctx, Act::Find) {
            self.view = MainView::Design;
            self.canvas.open_find();
        }
        if !typing {
            if pressed(&ctx, Act::Delete) {
                self.delete_selection();
            }
            if pressed(&ctx, Act::Rename) {
                self.inspector.request_rename();
            }
        }
        // Ctrl+X/C/V/D: not while a text field has the focus, which takes them (and their
        // Cut/Copy/Paste events) for its text.
        if !ctx.text_edit_focused() {
            for (op, _, act) in crate::ui::inspector::EditOp::ALL {
                if pressed(&ctx, act) {
                    let a = self.inspector.edit(&ctx, op, &self.doc, self.selection);
                    self.run_actions(vec![a]);
                }
            }
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(
                        egui::Button::new("New").shortcut_text(crate::ui::shortcuts::text(
                            ui.ctx(),
                            crate::ui::shortcuts::Act::New,
                        )),
                    )
                    .picked(ui)
                {
                    self.request(Pending::New);
                }
                if ui
                    .add(
                        egui::Button::new("Open…").shortcut_text(crate::ui::shortcuts::text(
                            ui.ctx(),
                            crate::ui::shortcuts::Act::Open,
                        )),
                    )
                    .picked(ui)
                {
                    self.request(Pending::Open(None));
                }
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for p in self.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).picked(ui) {
                            self.request(Pending::Open(Some(p)));
                        }
                    }
                });
                if ui.button("Open sample org").picked(ui) {
                    self.request(Pending::Sample);
                }
                ui.separator();
                if ui
                    .add(
                        egui::Button::new("Save").shortcut_text(crate::ui::shortcuts::text(
                            ui.ctx(),
                            crate::ui::shortcuts::Act::Save,
                        )),
                    )
                    .picked(ui)
                {
                    self.save();
                }
                if ui
                    .add(
                        egui::Button::new("Save As…").shortcut_text(crate::ui::shortcuts::text(
                            ui.ctx(),
                            crate::ui::shortcuts::Act::SaveAs,
                        )),
                    )
                    .picked(ui)
                {
                    self.save_as();
                }
                ui.separator();
                if ui.button("Import CSV roster…").picked(ui) {
                    self.request(Pending::Import);
                }
                ui.separator();
                if ui
                    .button("Compare with…")
                    .on_hover_text("Compare this design with another org file or roster")
                    .picked(ui)
                {
                    self.ask_compare();
                }
                let saved = self.doc.path().is_some();
                if ui
                    .add_enabled(saved, egui::Button::new("Compare with saved version"))
                    .on_hover_text("What the unsaved edits change")
                    .on_disabled_hover_text("This design has not been saved yet")
                    .picked(ui)
                {
                    self.compare_with_saved();
                }
                if self.compare.is_some() && ui.button("Leave compare").picked(ui) {
                    self.leave_compare();
                }
                ui.separator();
                // The export options stay open while they are set; a format closes the menu.
                egui::containers::menu::SubMenuButton::new("Export")
                    .config(
                        egui::containers::menu::MenuConfig::new()
                            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside),
                    )
                    .ui(ui, |ui| self.export_menu(ui));
                ui.menu_button("File dialog", |ui| {
                    let current = self.prefs.file_dialog;
                    for c in DialogChoice::ALL {
                        if ui
                            .radio(current == c, c.label())
                            .on_hover_text(c.hint())
                            .clicked()
                        {
                            self.prefs.file_dialog = c;
                            ui.close();
                        }
                    }
                });
                ui.separator();
                if ui.button("Quit").picked(ui) {
                    ui.ctx().send_viewport_cmd(ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.history().undo_label().map(|l| format!("Undo {l}"));
                if ui
                    .add_enabled(
                        undo.is_some(),
                        egui::Button::new(undo.unwrap_or_else(|| "Undo".into())).shortcut_text(
                            crate::ui::shortcuts::text(ui.ctx(), crate::ui::shortcuts::Act::Undo),
                        ),
                    )
                    .picked(ui)
                {
                    self.undo();
                }
                let redo = self.doc.history().redo_label().map(|l| format!("Redo {l}"));
                if ui
                    .add_enabled(
                        redo.is_some(),
                        egui::Button::new(redo.unwrap_or_else(|| "Redo".into())).shortcut_text(
                            crate::ui::shortcuts::text(ui.ctx(), crate::ui::shortcuts::Act::Redo),
                        ),
                    )
                    .picked(ui)
                {
                    self.redo();
                }
                ui.separator();
                // Cut, Copy, Paste, Duplicate of teams and groups (the inspector holds the clip).
                for (op, label, act) in crate::ui::inspector::EditOp::ALL {
                    let enabled = self.inspector.can(op, self.doc.org(), self.selection);
                    let keys = crate::ui::shortcuts::text(ui.ctx(), act);
                    let button = egui::Button::new(label).shortcut_text(keys);
                    if ui.add_enabled(enabled, button).picked(ui) {
                        let a = self.inspector.edit(ui.ctx(), op, &self.doc, self.selection);
                        self.run_actions(vec![a]);
                    }
                }
                ui.separator();
                if ui
                    .add_enabled(
                        matches!(
                            self.selection,
                            Some(Selection::Team(_) | Selection::Group(_) | Selection::Person(_))
                        ),
                        egui::Button::new("Delete selection").shortcut_text(
                            crate::ui::shortcuts::text(ui.ctx(), crate::ui::shortcuts::Act::Delete),
                        ),
                    )
                    .picked(ui)
                {
                    self.delete_selection();
                }
                if ui.button("Rules and thresholds…").picked(ui) {
                    self.show_rules = true;
                }
            });
            ui.menu_button("View", |ui| {
                if ui
                    .add(egui::Button::new("Fit to view").shortcut_text(
                        crate::ui::shortcuts::text(ui.ctx(), crate::ui::shortcuts::Act::Fit),
                    ))
                    .on_hover_text("Show the whole org")
                    .picked(ui)
                {
                    self.canvas.request_fit();
                }
                ui.separator();
                let style = self.doc.style();
                for (s, label, hint) in [
                    (
                        crate::layout::Style::Tree,
                        "Tree layout",
                        "Teams in a row under their groups, top-down",
                    ),
                    (
                        crate::layout::Style::Fractal,
                        "Fractal layout",
                        "As the Scrum@Scale guide draws it: teams ringing their SoS",
                    ),
                ] {
                    if ui.radio(style == s, label).on_hover_text(hint).clicked() && style != s {
                        self.set_layout(s);
                        ui.close();
                    }
                }
                ui.separator();
                self.scope_menu(ui);
                ui.separator();
                let mut outline = self.prefs.show_outline;
                if ui.checkbox(&mut outline, "Outline").changed() {
                    self.prefs.show_outline = outline;
                }
                let mut inspector = self.prefs.show_inspector;
                if ui.checkbox(&mut inspector, "Inspector").changed() {
                    self.prefs.show_inspector = inspector;
                }
                let mut findings = self.prefs.show_findings;
                if ui.checkbox(&mut findings, "Findings").changed() {
                    self.prefs.show_findings = findings;
                }
                ui.separator();
                let dark = ui.visuals().dark_mode;
                if ui
                    .button(if dark { "Light theme" } else { "Dark theme" })
                    .picked(ui)
                {
                    ui.ctx().set_theme(if dark {
                        egui::Theme::Light
                    } else {
                        egui::Theme::Dark
                    });
                    self.prefs.dark_mode = Some(!dark);
                }
            });

            ui.menu_button("Help", |ui| {
                for page in crate::ui::help::Page::ALL {
                    let mut b = egui::Button::new(format!("{}…", page.label()));
                    if page == crate::ui::help::Page::Shortcuts {
                        b = b.shortcut_text(crate::ui::shortcuts::text(
                            ui.ctx(),
                            crate::ui::shortcuts::Act::Help,
                        ));
                    }
                    if ui.add(b).picked(ui) {
                        self.help = Some(page);
                    }
                }
            });
            self.view_switch(ui);
        });
    }

    /// View menu items for what the canvas shows: find, folds, focus, the minimap.
    pub(super) fn scope_menu(&mut self, ui: &mut Ui) {
        use crate::layout::Scope;
        if ui
            .add(
                egui::Button::new("Find on canvas…").shortcut_text(crate::ui::shortcuts::text(
                    ui.ctx(),
                    crate::ui::shortcuts::Act::Find,
                )),
            )
            .clicked()
        {
            self.view = MainView::Design;
            self.canvas.open_find();
            ui.close();
        }
        let scope = self.doc.scope().clone();
        let org = self.doc.org();
        let s = self.doc.structure();
        let sos: std::collections::BTreeSet<_> = org
            .groups()
            .keys()
            .copied()
            .filter(|g| s.level(*g) == 1 && !s.children(*g).is_empty())
            .collect();
        let target = match self.selection {
            Some(Selection::Group(g)) => Some(g),
            Some(Selection::Team(t)) => org.team(t).and_then(|t| t.group),
            _ => None,
        }
        .filter(|g| scope.focus != Some(*g));
        let label = target.map_or_else(
            || "Focus on selection".to_string(),
            |g| format!("Focus on {}", org.unit_name(Unit::Group(g))),
        );
        if ui
            .add_enabled(!scope.folded.is_empty(), egui::Button::new("Expand all"))
            .on_hover_text("Show every group's members")
            .clicked()
        {
            self.set_scope(Scope {
                folded: Default::default(),
                ..scope.clone()
            });
            ui.close();
        }
        if ui
            .add_enabled(
                !sos.is_empty() && sos != scope.folded,
                egui::Button::new("Collapse all SoS"),
            )
            .on_hover_text("Draw each Scrum of Scrums as one card with its team count")
            .clicked()
        {
            self.set_scope(Scope {
                folded: sos,
                ..scope.clone()
            });
            ui.close();
        }
        if ui
            .add_enabled(target.is_some(), egui::Button::new(label))
            .on_hover_text("Show only this group, its members and the groups above it")
            .clicked()
            && let Some(g) = target
        {
            let mut next = scope.clone();
            next.folded.remove(&g);
            next.focus = Some(g);
            self.set_scope(next);
            self.canvas.request_fit();
            ui.close();
        }
        if ui
            .add_enabled(scope.focus.is_some(), egui::Button::new("Show whole org"))
            .clicked()
        {
            self.set_scope(Scope {
                focus: None,
                ..scope
            });
            self.canvas.request_fit();
            ui.close();
        }
        let mut minimap = self.prefs.show_minimap;
        if ui.checkbox(&mut minimap, "Minimap").changed() {
            self.prefs.show_minimap = minimap;
        }
    }

    /// The Design / Growth / Events / Cycles switch at the end of the menu bar.
    pub(super) fn view_switch(&mut self, ui: &mut Ui) {
        ui.separator();
        ui.selectable_value(&mut self.view, MainView::Design, "Design")
            .on_hover_text("Edit the org on the canvas");
        ui.selectable_value(&mut self.view, MainView::Growth, "Growth")
            .on_hover_text("Grow an org to N teams and compare the curves");
        ui.selectable_value(&mut self.view, MainView::Events, "Events")
            .on_hover_text("The events this design gives rise to: who meets when, at what cost");
        ui.selectable_value(&mut self.view, MainView::Cycles, "Cycles")
            .on_hover_text(
                "The Scrum Master and Product Owner cycles of this design: who carries each \
                 component, where it breaks, and how it is rated",
            );
    }
}

/// A menu item that was picked closes its menu, whether the pointer, the keyboard or a screen
/// reader picked it (egui closes menus by itself only on a pointer click).
trait Picked {
    fn picked(self, ui: &Ui) -> bool;
}

impl Picked for egui::Response {
    fn picked(self, ui: &Ui) -> bool {
        let picked = self.clicked();
        if picked {
            ui.close();
        }
        picked
    }
}
