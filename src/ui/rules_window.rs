//! The rules window (Edit › Rules and thresholds…): the org's rule profile and its threshold
//! overrides, every row from the model's one threshold table. Changes go through `SetRules`,
//! which refuses contradictory settings with the reason.

use egui::{Button, DragValue, Id, RichText, Ui, WidgetType};

use super::PanelCtx;
use super::a11y::name_widget;
use crate::model::{Command, Overrides, ProfileName, RuleSettings, TeamCount, Threshold};
use crate::words::capitalised;

pub(crate) fn profile_explanation(p: ProfileName) -> &'static str {
    match p {
        ProfileName::TwoPizza => "3–9 people per team, counting everyone (the default).",
        ProfileName::ScrumGuide2020 => {
            "Scrum Guide 2020: 10 or fewer people per team, counting everyone."
        }
        ProfileName::Sas2022 => {
            "Scrum@Scale Guide 2022: fewer than 10 people per team, ideally 4–5 doing Sprint work."
        }
        ProfileName::ScrumGuide2017 => {
            "Scrum Guide 2017: 3–9 Developers; the PO and SM are not counted."
        }
    }
}

/// A way of counting team size, as the rules window offers it.
pub(crate) fn team_count_text(c: TeamCount) -> String {
    capitalised(c.name())
}

/// The window, while `open`; its close button clears `open`.
pub fn window(ctx: &egui::Context, open: &mut bool, cx: &mut PanelCtx) {
    if !*open {
        return;
    }
    egui::Window::new("Rules and thresholds")
        .open(open)
        .resizable(false)
        .show(ctx, |ui| rules_ui(ui, cx));
}

/// Profile and threshold settings.
pub fn rules_ui(ui: &mut Ui, cx: &mut PanelCtx) {
    let rules = cx.doc.org().rules().clone();
    let team_count = rules.team_count();
    // What `auto` stands for here depends on the org's depth.
    let depth = cx.doc.structure().depth();
    // Contradictory thresholds (a minimum above a maximum) are refused by `SetRules` itself,
    // and the status line says why.
    let set = |cx: &mut PanelCtx, overrides: Overrides| {
        cx.apply(Command::SetRules(RuleSettings {
            profile: rules.profile,
            overrides,
        }))
    };

    let label = ui.label(RichText::new("Rule profile").strong());
    let combo = egui::ComboBox::from_id_salt("rule_profile")
        .selected_text(rules.profile.as_str())
        .width(220.0)
        .show_ui(ui, |ui| {
            for p in ProfileName::ALL {
                let resp = ui
                    .selectable_label(p == rules.profile, p.as_str())
                    .on_hover_text(profile_explanation(p));
                ui.label(RichText::new(profile_explanation(p)).weak().small());
                if resp.clicked() && p != rules.profile {
                    cx.apply(Command::SetRules(RuleSettings {
                        profile: p,
                        overrides: rules.overrides.clone(),
                    }));
                }
            }
        });
    let _ = combo.response.labelled_by(label.id);
    ui.label(profile_explanation(rules.profile));
    ui.add_space(8.0);
    ui.label(
        RichText::new(
            "Change a value to override the profile for this organisation. For optional limits 0 means off; auto follows the org's levels.",
        )
        .weak(),
    );

    egui::Grid::new("rule_thresholds")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Setting").strong());
            ui.label(RichText::new("Profile").strong());
            ui.label(RichText::new("Value").strong());
            ui.label("");
            ui.end_row();

            // team_count: how team size is counted.
            let label = ui.label("Team size counts").on_hover_text(
                "Everyone on the team: everyone with a seat (PO, SM, Developers). Developers only: the PO and SM count only if they also develop. (team_count)",
            );
            ui.label(TeamCount::of_profile(rules.profile).name());
            let combo = egui::ComboBox::from_id_salt("rule_team_count")
                .selected_text(team_count_text(team_count))
                .show_ui(ui, |ui| {
                    for c in [TeamCount::Whole, TeamCount::Doers] {
                        if ui
                            .selectable_label(team_count == c, team_count_text(c))
                            .clicked()
                            && rules.overrides.team_count != Some(c)
                        {
                            let mut o = rules.overrides.clone();
                            o.team_count = Some(c);
                            set(cx, o);
                        }
                    }
                });
            let _ = combo.response.labelled_by(label.id);
            if rules.overrides.team_count.is_some() {
                if reset_button(ui, TeamCount::MEANING) {
                    let mut o = rules.overrides.clone();
                    o.team_count = None;
                    set(cx, o);
                }
            } else {
                ui.label("");
            }
            ui.end_row();

            for th in Threshold::ALL {
                let overridden = rules.is_custom(th);
                let text = RichText::new(th.meaning());
                let label = ui
                    .label(if overridden { text.strong() } else { text })
                    .on_hover_text(th.key());
                ui.label(th.value_text(th.default_for(rules.profile), Some(depth)));
                // An auto threshold shows the number auto stands for here, next to its box.
                let current = rules.value_at(th, depth).unwrap_or(0);
                let picked = if th.auto() {
                    ui.horizontal(|ui| {
                        // An auto that stands for no number here (escalation: the same working
                        // day) shows only its box; clearing it starts from half a day.
                        let wordy = rules.is_auto(th) && th.auto_at(depth).is_none();
                        let resolved = if wordy { 240 } else { current };
                        let auto = auto_checkbox(ui, th, rules.is_auto(th), resolved);
                        let number = (!wordy)
                            .then(|| threshold_drag(ui, th, current, label.id))
                            .flatten();
                        auto.or(number)
                    })
                    .inner
                } else {
                    threshold_drag(ui, th, current, label.id)
                };
                if let Some(v) = picked {
                    let mut o = rules.overrides.clone();
                    o.set(th, Some(v));
                    set(cx, o);
                }
                if overridden {
                    if reset_button(ui, th.meaning()) {
                        let mut o = rules.overrides.clone();
                        o.set(th, None);
                        set(cx, o);
                    }
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    if ui
        .add_enabled(
            !rules.overrides.is_empty(),
            Button::new("Reset all to the profile"),
        )
        .clicked()
    {
        set(cx, Overrides::default());
    }
}

/// A "Reset" button for one overridden setting (named by its meaning); returns whether it was
/// clicked.
pub(crate) fn reset_button(ui: &mut Ui, meaning: &str) -> bool {
    let resp = ui
        .small_button("Reset")
        .on_hover_text("Use the profile's value again");
    name_widget(
        &resp,
        WidgetType::Button,
        &format!("Reset {meaning} to the profile"),
        None,
    );
    resp.clicked()
}

/// The "auto" box of a threshold that can be `auto`: ticking it asks for `auto`
/// ([`Threshold::AUTO`]), clearing it for the number auto stands for here (`resolved`), which the
/// box beside it then edits. Returns the value asked for.
pub(crate) fn auto_checkbox(
    ui: &mut Ui,
    th: Threshold,
    is_auto: bool,
    resolved: u32,
) -> Option<u32> {
    let mut checked = is_auto;
    let resp = ui
        .push_id(("auto", th.key()), |ui| ui.checkbox(&mut checked, "auto"))
        .inner
        .on_hover_text(format!(
            "Work it out from the org: {} (now {resolved}). Clear it to set a number.",
            th.auto_meaning()
                .unwrap_or("a value that follows the org's shape")
        ));
    name_widget(
        &resp,
        WidgetType::Checkbox,
        &format!("{}: auto", th.meaning()),
        Some(checked),
    );
    (checked != is_auto).then_some(if checked { Threshold::AUTO } else { resolved })
}

/// The override control of one threshold. Dragging changes a draft and commits once when the
/// drag ends, so one drag is one undo step; typing commits on Enter. Returns the new value.
pub(crate) fn threshold_drag(
    ui: &mut Ui,
    th: Threshold,
    current: u32,
    labelled_by: Id,
) -> Option<u32> {
    let optional = th.optional();
    let key = th.key();
    let draft_id = Id::new(("rule_threshold_draft", key));
    let mut v = ui.data(|d| d.get_temp::<u32>(draft_id)).unwrap_or(current);
    let drag = DragValue::new(&mut v)
        .range(th.minimum()..=99)
        .custom_formatter(move |x, _| {
            if optional && x == 0.0 {
                "off".to_string()
            } else {
                format!("{x:.0}")
            }
        })
        .custom_parser(|s| {
            let s = s.trim();
            if s.eq_ignore_ascii_case("off") {
                Some(0.0)
            } else {
                s.parse::<u32>().ok().map(f64::from)
            }
        });
    // Its own id scope, so that reset buttons appearing in earlier rows do not change its id.
    let resp = ui
        .push_id(key, |ui| ui.add(drag))
        .inner
        .labelled_by(labelled_by);
    if resp.dragged() {
        ui.data_mut(|d| d.insert_temp(draft_id, v));
        return None;
    }
    ui.data_mut(|d| d.remove::<u32>(draft_id));
    (v != current && (resp.changed() || resp.drag_stopped())).then_some(v)
}
