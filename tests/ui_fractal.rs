//! The fractal layout on the canvas as a user reads it: every name whole inside its pentagon or
//! circle at a legible zoom, and each Scrum of Scrums circle with its SoSM and CPO, a missing one
//! flagged on a warning pill as tree cards flag it.

#![cfg(feature = "gui")]

use egui::{Color32, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgscale::model::{Command, ScaledRole};
use orgscale::ui::DesignerApp;

#[path = "common/ui.rs"]
mod common;
use common::{fractal_harness, group_in};

/// A text painted in the last frame: its words, where, and its colour.
struct Painted {
    text: String,
    pos: Pos2,
    color: Color32,
}

fn painted(h: &Harness<'_, DesignerApp>) -> (Vec<Painted>, Vec<(egui::Rect, Color32)>) {
    fn walk(s: &egui::Shape, texts: &mut Vec<Painted>, rects: &mut Vec<(egui::Rect, Color32)>) {
        match s {
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, texts, rects)),
            egui::Shape::Text(t) => texts.push(Painted {
                text: t.galley.text().to_string(),
                pos: t.pos,
                color: t.fallback_color,
            }),
            egui::Shape::Rect(r) => rects.push((r.rect, r.fill)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    let mut rects = Vec::new();
    for c in &h.output().shapes {
        walk(&c.shape, &mut texts, &mut rects);
    }
    (texts, rects)
}

/// Whether a name is painted whole: on one line, or on two lines one under the other.
fn shown_whole(texts: &[Painted], name: &str) -> bool {
    texts.iter().any(|t| t.text == name)
        || texts.iter().any(|a| {
            texts.iter().any(|b| {
                b.pos.y > a.pos.y
                    && b.pos.y - a.pos.y < 30.0
                    && (b.pos.x - a.pos.x).abs() < 80.0
                    && format!("{} {}", a.text, b.text) == name
            })
        })
}

#[test]
fn names_show_whole_and_sos_circles_show_their_sosm_and_cpo() {
    let mut h = fractal_harness();
    let zoom = h.state().canvas.last_view.0;
    assert!(zoom >= 0.55, "the fitted view is legible: {zoom}");
    let (texts, _) = painted(&h);
    let org = h.state().doc.org().clone();
    for name in org
        .teams()
        .values()
        .map(|t| t.name.clone())
        .chain(org.groups().values().map(|g| g.name.clone()))
    {
        assert!(shown_whole(&texts, &name), "{name} is not shown whole");
    }
    assert!(
        !texts.iter().any(|t| t.text.ends_with('…')),
        "nothing is cut off"
    );
    // Every SoS circle lists its SoSM and CPO.
    let s = org.structure();
    for g in org.groups().values().filter(|g| s.level(g.id) == 1) {
        for (label, holders) in [("SoSM", &g.masters), ("CPO", &g.cpos)] {
            let line = format!("{label}: {}", org.person_name(holders[0].person));
            assert!(texts.iter().any(|t| t.text == line), "{}: {line}", g.name);
        }
    }
    // Zoomed in further, still whole.
    h.get_by_label("Zoom in").click();
    h.run_steps(3);
    assert!(h.state().canvas.last_view.0 > zoom);
    let (texts, _) = painted(&h);
    assert!(shown_whole(&texts, "Checkout & Payments"));
    assert!(!texts.iter().any(|t| t.text.ends_with('…')));
}

#[test]
fn a_missing_cpo_is_flagged_in_the_warning_colour() {
    let mut h = fractal_harness();
    let g = group_in(&h, "Checkout & Payments");
    h.state_mut().apply(Command::SetScaledRole {
        group: g,
        role: ScaledRole::ChiefProductOwner,
        holders: Vec::new(),
    });
    h.run_steps(4);
    let (texts, rects) = painted(&h);
    let flag = texts
        .iter()
        .find(|t| t.text == "no CPO")
        .expect("the missing CPO is shown");
    assert_eq!(flag.color, Color32::WHITE);
    let red = orgscale::ui::cards::c32(orgscale::diagram::RED);
    assert!(
        rects
            .iter()
            .any(|(r, fill)| *fill == red && r.expand(1.0).contains(flag.pos + vec2(2.0, 2.0))),
        "on a red pill"
    );
}
