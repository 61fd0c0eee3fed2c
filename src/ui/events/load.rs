//! The people by meeting load: a table sorted by any column (hours first, most loaded on top),
//! with the average per role above it. Only the rows on screen are laid out, so it stays fast
//! with tens of thousands of people; clicking a name shows that person's week.

use egui::{RichText, Ui};

use super::Derived;
use crate::events::RoleKind;
use crate::ui::{PanelCtx, Selection};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Column {
    Name,
    Roles,
    #[default]
    Hours,
}

/// The table's sort order and the order it computed for a revision.
#[derive(Default)]
pub struct LoadTable {
    pub column: Column,
    /// Ascending (names A-Z; hours least first).
    pub ascending: bool,
    order: Option<(u64, Column, bool, Vec<usize>)>,
}

impl LoadTable {
    fn order(&mut self, cx: &PanelCtx, d: &Derived) -> &[usize] {
        let key = (d.revision, self.column, self.ascending);
        let stale = !matches!(&self.order, Some((r, c, a, _)) if (*r, *c, *a) == key);
        if stale {
            let org = cx.doc.org();
            let loads = &d.metrics.loads;
            let mut v: Vec<usize> = (0..loads.len()).collect();
            match self.column {
                Column::Name => {
                    v.sort_by_cached_key(|i| org.person_name(loads[*i].person).to_lowercase())
                }
                Column::Roles => v.sort_by_cached_key(|i| {
                    loads[*i]
                        .roles()
                        .map(|r| r.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                }),
                Column::Hours => v.sort_by(|a, b| {
                    loads[*b]
                        .minutes
                        .total_cmp(&loads[*a].minutes)
                        .then(a.cmp(b))
                }),
            }
            // Hours sort most first by default; the others A-Z.
            let natural_ascending = self.column != Column::Hours;
            if self.ascending != natural_ascending {
                v.reverse();
            }
            self.order = Some((key.0, key.1, key.2, v));
        }
        &self.order.as_ref().expect("just made").3
    }

    pub(super) fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx, d: &Derived) {
        let m = &d.metrics;
        let sprint = f64::from(d.cal.sprint_minutes().max(1));
        ui.label(format!(
            "Hours of events per Sprint of {:.0} working hours.",
            sprint / 60.0
        ));
        egui::Grid::new("events_role_averages")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                ui.label(RichText::new("Role").strong());
                ui.label(RichText::new("Average").strong());
                ui.label(RichText::new("People").strong());
                ui.end_row();
                for (r, minutes, n) in &m.by_role {
                    if *n == 0 {
                        continue;
                    }
                    ui.label(r.label());
                    ui.label(format!(
                        "{:.1} h ({:.0} %)",
                        minutes / 60.0,
                        minutes / sprint * 100.0
                    ));
                    ui.label(n.to_string());
                    ui.end_row();
                }
            });
        ui.label(format!(
            "Org total: {:.0} h of events per Sprint.",
            m.total_minutes / 60.0
        ));
        ui.add_space(6.0);
        if m.loads.is_empty() {
            ui.label("Nobody attends any event yet.");
            return;
        }
        let widths = [150.0, 150.0, 80.0];
        ui.horizontal(|ui| {
            for (col, label, w) in [
                (Column::Name, "Name", widths[0]),
                (Column::Roles, "Roles", widths[1]),
                (Column::Hours, "Hours", widths[2]),
            ] {
                let arrow = if self.column == col {
                    if self.ascending { " ⏶" } else { " ⏷" }
                } else {
                    ""
                };
                let b = ui
                    .add_sized(
                        [w, 20.0],
                        egui::Button::new(format!("{label}{arrow}")).frame(false),
                    )
                    .on_hover_text(format!("Sort by {}", label.to_lowercase()));
                if b.clicked() {
                    if self.column == col {
                        self.ascending = !self.ascending;
                    } else {
                        self.column = col;
                        self.ascending = col != Column::Hours;
                    }
                }
            }
        });
        let order = self.order(cx, d);
        let org = cx.doc.org();
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        let mut picked = None;
        egui::ScrollArea::vertical()
            .id_salt("events_load_rows")
            .max_height(320.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_h, order.len(), |ui, rows| {
                for i in order[rows].iter() {
                    let l = &m.loads[*i];
                    ui.horizontal(|ui| {
                        let name = org.person_name(l.person);
                        let selected = cx.selection == Some(Selection::Person(l.person));
                        if ui
                            .add_sized(
                                [widths[0], row_h],
                                egui::Button::selectable(selected, name.as_str()).truncate(),
                            )
                            .on_hover_text(format!("Show the week of {name}"))
                            .clicked()
                        {
                            picked = Some(l.person);
                        }
                        let roles: Vec<&str> = l.roles().map(short).collect();
                        ui.add_sized(
                            [widths[1], row_h],
                            egui::Label::new(roles.join(", ")).truncate(),
                        );
                        ui.add_sized(
                            [widths[2], row_h],
                            egui::Label::new(format!(
                                "{:.1} h, {:.0} %",
                                l.hours(),
                                l.share * 100.0
                            )),
                        );
                    });
                }
            });
        if let Some(p) = picked {
            cx.select(Some(Selection::Person(p)));
        }
    }
}

fn short(r: RoleKind) -> &'static str {
    match r {
        RoleKind::Developer => "Dev",
        RoleKind::ProductOwner => "PO",
        RoleKind::ScrumMaster => "SM",
        RoleKind::GroupMaster => "SoSM",
        RoleKind::Cpo => "CPO",
        RoleKind::Eat => "EAT",
        RoleKind::Ems => "EMS",
    }
}
