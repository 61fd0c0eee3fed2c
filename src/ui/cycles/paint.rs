//! The figure painted with egui from the same [`Figure`] the exports write, fitted to the room
//! the view has and zoomed and panned as the canvas is (the wheel or a pinch zooms about the
//! pointer, a trackpad or a drag pans, a double click fits it again); hovering a component
//! shows its people and gaps, a click picks it. Each
//! component is also a widget of its own over its text, so a screen reader reads it ("Delivery:
//! complete; 4 groups with a SoSM and a CPO") and the keyboard reaches it.

use egui::epaint::{Mesh, PathShape, PathStroke};
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape as EShape, Stroke, Ui, vec2};

use crate::cycles::{Component, Cycles};
use crate::export::cycles::{Figure, Shape};
use crate::export::font;
use crate::ui::PanelCtx;

pub(super) use crate::ui::cards::c32;

/// How far the figure is zoomed (1: fitted to the room) and moved from where it fits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoomPan {
    pub zoom: f32,
    pub pan: egui::Vec2,
}

impl Default for ZoomPan {
    fn default() -> Self {
        ZoomPan {
            zoom: 1.0,
            pan: egui::Vec2::ZERO,
        }
    }
}

impl ZoomPan {
    /// Whether the figure is as it fits.
    pub fn is_fitted(&self) -> bool {
        *self == ZoomPan::default()
    }
}

/// Zoom from fitted up to this many times.
const ZOOM_MAX: f32 = 6.0;

/// Figure units to screen points.
#[derive(Clone, Copy)]
struct To {
    origin: Pos2,
    scale: f32,
}

impl To {
    fn p(self, p: (f32, f32)) -> Pos2 {
        self.origin + vec2(p.0, p.1) * self.scale
    }
    fn back(self, p: Pos2) -> (f32, f32) {
        let v = (p - self.origin) / self.scale;
        (v.x, v.y)
    }
}

/// A sector as triangles between its two arcs.
fn sector_mesh(to: To, shape: &Shape, fill: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    if let Shape::Sector(s) = *shape {
        let n = (((s.end - s.start) * 40.0).ceil() as u32).max(2);
        for i in 0..=n {
            let a = s.start + (s.end - s.start) * i as f32 / n as f32;
            mesh.colored_vertex(to.p(s.at(s.outer, a)), fill);
            mesh.colored_vertex(to.p(s.at(s.inner, a)), fill);
        }
        for i in 0..n {
            let k = 2 * i;
            mesh.add_triangle(k, k + 1, k + 2);
            mesh.add_triangle(k + 1, k + 3, k + 2);
        }
    }
    mesh
}

/// The box around a part's text, on screen: where its widget goes.
fn text_rect(to: To, part: &crate::export::cycles::figure::Part) -> Rect {
    let m = font::metrics();
    let mut r = Rect::NOTHING;
    for l in &part.lines {
        let w = m.width(&l.text, l.size);
        let h = m.line_height * l.size;
        r = r.union(Rect::from_min_max(
            to.p((l.x - w / 2.0, l.top)),
            to.p((l.x + w / 2.0, l.top + h)),
        ));
    }
    r
}

/// Paint the figure; returns the component clicked this frame, if any.
pub(super) fn ui(
    ui: &mut Ui,
    cx: &mut PanelCtx,
    f: &Figure,
    cycles: &Cycles,
    selected: Option<Component>,
    view: &mut ZoomPan,
) -> Option<Component> {
    let room = ui.available_rect_before_wrap();
    let fit = (room.width() / f.width)
        .min(room.height() / f.height)
        .clamp(0.2, 1.6);
    // The whole room answers the pointer (a drag pans, a double click fits); each part's
    // widget sits on top of its text.
    let area = ui.interact(room, ui.id().with("cycles_figure"), Sense::click_and_drag());
    if area.dragged() {
        view.pan += area.drag_delta();
    }
    if area.double_clicked() {
        *view = ZoomPan::default();
    }
    // The wheel and a pinch zoom about the pointer, a trackpad pans (as on the canvas).
    if area.contains_pointer() {
        let nav = ui.input(|i| crate::ui::canvas::Navigation::from_events(&i.events));
        if nav.zoom != 1.0 || nav.pan != egui::Vec2::ZERO {
            let zoom = (view.zoom * nav.zoom).clamp(1.0, ZOOM_MAX);
            let before = fit * view.zoom;
            let origin = room.center() - vec2(f.width, f.height) * before / 2.0 + view.pan;
            let p = ui.input(|i| i.pointer.hover_pos()).unwrap_or(room.center());
            let after = fit * zoom;
            let moved = p - (p - origin) * (after / before) + nav.pan;
            view.pan = moved - (room.center() - vec2(f.width, f.height) * after / 2.0);
            view.zoom = zoom;
        }
    }
    let scale = fit * view.zoom;
    let size = vec2(f.width, f.height) * scale;
    let origin = room.center() - size / 2.0 + view.pan;
    let to = To { origin, scale };
    let painter = ui.painter_at(room);
    let hovered = area.hover_pos().and_then(|p| f.hit(to.back(p)));

    // The loops' tracks, dashed, under everything.
    for l in &f.loops {
        let n = 160;
        let pts: Vec<Pos2> = (0..=n)
            .map(|i| {
                let a = std::f32::consts::TAU * i as f32 / n as f32;
                to.p((
                    l.centre.0 + l.radius * a.cos(),
                    l.centre.1 + l.radius * a.sin(),
                ))
            })
            .collect();
        painter.extend(EShape::dashed_line(
            &pts,
            Stroke::new(1.5, c32(f.track)),
            6.0 * scale,
            5.0 * scale,
        ));
    }
    for a in &f.arrows {
        painter.add(EShape::convex_polygon(
            a.iter().map(|p| to.p(*p)).collect(),
            c32(f.track),
            Stroke::NONE,
        ));
    }
    // Sectors first, then the hubs and the boxes on top.
    let order = f
        .parts
        .iter()
        .filter(|p| p.shape.is_sector())
        .chain(f.parts.iter().filter(|p| !p.shape.is_sector()));
    let line = |l: &crate::export::cycles::figure::Line| {
        painter.text(
            to.p((l.x, l.top)),
            Align2::CENTER_TOP,
            &l.text,
            FontId::proportional(l.size * scale),
            c32(l.color),
        );
    };
    for p in order {
        let on = selected == Some(p.component);
        let over = hovered == Some(p.component);
        let mut fill = c32(p.fill);
        if over {
            fill = fill.lerp_to_gamma(c32(p.stroke), 0.15);
        }
        // The selection's own colour: amber already means "gaps" here.
        let stroke = if on {
            Stroke::new(4.0, ui.visuals().selection.stroke.color)
        } else {
            Stroke::new(if over { 2.6 } else { 1.6 }, c32(p.stroke))
        };
        match p.shape {
            Shape::Sector(_) => {
                painter.add(EShape::mesh(sector_mesh(to, &p.shape, fill)));
                let outline: Vec<Pos2> =
                    p.shape.outline(40.0).into_iter().map(|x| to.p(x)).collect();
                painter.add(EShape::Path(PathShape {
                    points: outline,
                    closed: true,
                    fill: Color32::TRANSPARENT,
                    stroke: PathStroke::from(stroke),
                }));
            }
            Shape::Disc { centre, radius } => {
                painter.circle(to.p(centre), radius * scale, fill, stroke);
            }
            Shape::Box { min, size } => {
                let r = Rect::from_min_size(to.p(min), vec2(size.0, size.1) * scale);
                painter.rect(r, 14.0 * scale, fill, stroke, egui::StrokeKind::Middle);
            }
        }
        for l in &p.lines {
            line(l);
        }
    }
    for l in &f.titles {
        line(l);
    }
    // The legend.
    let (mut x, y) = f.keys_at;
    for k in &f.keys {
        let swatch = Rect::from_min_size(to.p((x, y)), vec2(18.0, 12.0) * scale);
        painter.rect(
            swatch,
            3.0 * scale,
            c32(k.fill),
            Stroke::new(1.4, c32(k.stroke)),
            egui::StrokeKind::Middle,
        );
        painter.text(
            to.p((x + 24.0, y - 1.0)),
            Align2::LEFT_TOP,
            &k.text,
            FontId::proportional(11.0 * scale),
            c32(f.muted),
        );
        x += 24.0 + font::metrics().width(&k.text, 11.0) + 22.0;
    }

    let mut clicked = None;
    if area.clicked()
        && !area.double_clicked()
        && let Some(c) = area.interact_pointer_pos().and_then(|p| f.hit(to.back(p)))
    {
        clicked = Some(c);
    }
    if let Some(c) = hovered {
        area.clone()
            .on_hover_ui_at_pointer(|ui| tooltip(ui, cx, cycles, f, c));
    }
    // A widget per component over its text: what a screen reader reads and Tab reaches.
    for p in &f.parts {
        let rect = text_rect(to, p);
        let id = ui.id().with(("cycles_part", p.component.key()));
        let resp = ui.interact(rect, id, Sense::click());
        crate::ui::a11y::name_widget(
            &resp,
            egui::WidgetType::Button,
            &p.summary,
            Some(selected == Some(p.component)),
        );
        if resp.has_focus() {
            painter.rect_stroke(
                rect.expand(3.0),
                4.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
        if resp.clicked() {
            clicked = Some(p.component);
        }
        if resp.hovered() && hovered.is_none() {
            resp.on_hover_ui_at_pointer(|ui| tooltip(ui, cx, cycles, f, p.component));
        }
    }
    clicked
}

/// The people and gaps of a component, in a tooltip.
fn tooltip(ui: &mut Ui, cx: &PanelCtx, cycles: &Cycles, f: &Figure, c: Component) {
    let org = cx.doc.org();
    let st = cycles.get(c);
    ui.set_max_width(420.0);
    ui.strong(c.label());
    ui.label(format!("{} · {}", c.cycle().label(), st.state()));
    if st.carriers.is_empty() {
        ui.label("Nobody carries it here.");
    } else {
        ui.label(&st.carriers);
    }
    if let Some(rated) = &f.part(c).rating {
        ui.label(rated);
    }
    const PEOPLE: usize = 12;
    if !st.people.is_empty() {
        let names: Vec<String> = st
            .people
            .iter()
            .take(PEOPLE)
            .map(|p| org.person_name(*p))
            .collect();
        let more = st.people.len().saturating_sub(PEOPLE);
        ui.label(
            egui::RichText::new(if more > 0 {
                format!("{} and {more} more", names.join(", "))
            } else {
                names.join(", ")
            })
            .small(),
        );
    }
    const GAPS: usize = 6;
    for f in st.gaps.iter().take(GAPS) {
        ui.label(
            egui::RichText::new(format!("{} {}", f.rule, f.message))
                .small()
                .color(crate::ui::cards::severity_color(f.severity)),
        );
    }
    if st.gaps.len() > GAPS {
        ui.label(
            egui::RichText::new(format!(
                "… and {} more; click to list them all",
                st.gaps.len() - GAPS
            ))
            .small()
            .weak(),
        );
    }
}
