//! The escalation path of a team: its Daily Scrum, each Scaled Daily Scrum up its chain of
//! groups, and the EAT meeting that hears the impediment, with their times and the latency.
//! It shows the selected team's (a person, a group or the whole org: the slowest of their teams).

use egui::{RichText, Ui};

use super::Derived;
use crate::events::report::Scope;
use crate::events::{DAY, Latency};
use crate::model::Unit;
use crate::model::cadence::Clock;
use crate::ui::PanelCtx;

/// The slowest team's escalation among those in scope (a person: the teams they develop in).
fn chosen<'a>(cx: &PanelCtx, d: &'a Derived, scope: Scope) -> Option<&'a Latency> {
    let org = cx.doc.org();
    d.metrics
        .latencies
        .iter()
        .filter(|l| scope.has_latency(org, l))
        .max_by(|a, b| a.minutes.cmp(&b.minutes).then(b.team.cmp(&a.team)))
}

pub(super) fn ui(ui: &mut Ui, cx: &mut PanelCtx, d: &Derived, scope: Scope) {
    let org = cx.doc.org();
    let s = cx.doc.structure();
    if org.eat().is_empty() {
        ui.label("The org has no Executive Action Team, so no impediment has anywhere to go.");
        return;
    }
    let m = &d.metrics;
    if let (Some(median), Some(worst)) = (m.median_latency(), m.max_latency()) {
        let late = m.latencies.iter().filter(|l| !l.same_day).count();
        ui.label(format!(
            "Across {} teams: median {}, longest {}.",
            m.latencies.len(),
            crate::events::duration_words(median),
            worst.words()
        ));
        if late == 0 {
            ui.label("Every team's impediments reach the EAT the same working day.");
        } else {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{late} team(s) wait past the working day for the EAT."),
            );
        }
    }
    let Some(l) = chosen(cx, d, scope) else {
        ui.label("Select a team to see its path to the EAT.");
        return;
    };
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "{}{}: {}{}",
            if matches!(scope, Scope::Org | Scope::Group(_)) {
                "Slowest, "
            } else {
                ""
            },
            org.unit_name(Unit::Team(l.team)),
            l.words(),
            if l.same_day { ", the same day" } else { "" }
        ))
        .strong(),
    );
    let start_day = l.path.first().map_or(0, |(_, t)| t / DAY);
    for (k, (i, t)) in l.path.iter().enumerate() {
        let e = &d.cal.events[*i];
        let later = t / DAY - start_day;
        let when = match later {
            0 => Clock(t % DAY).to_string(),
            1 => format!("{} next working day", Clock(t % DAY)),
            n => format!("{} {n} working days later", Clock(t % DAY)),
        };
        ui.horizontal(|ui| {
            ui.label(if k == 0 { "  " } else { "→" });
            ui.label(RichText::new(when).monospace());
            ui.label(e.title(org, s));
        });
    }
}
