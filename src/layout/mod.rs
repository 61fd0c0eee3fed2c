//! Layouts: pure functions from an org to positioned boxes. The designer's canvas and the exports
//! draw from the same layout, so what you see is what you export.
//!
//! The tree layout is top-down and tidy: the EAT and EMS on top, then the groups level by level
//! with every parent centred over its children, and each Scrum of Scrums' teams stacked in a
//! column beneath it (the compact org-chart form, which keeps wide orgs readable). Subtrees occupy
//! disjoint horizontal bands, so nothing overlaps, and the same org always gives the same picture.

mod fractal;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{GroupId, Org, Structure, TeamId, Unit};

pub use fractal::{
    DETAIL_SIZE, FractalMetrics, LabelLine, LabelPart, LabelText, MIN_SHRINK, NAME_SIZE,
    PILL_INSET, fit_label, fractal, fractal_with, pill_width,
};

/// Which layout to compute.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// Top-down tree with team columns.
    #[default]
    Tree,
    /// Pentagons in rings around their groups, as in the Scrum@Scale guide.
    Fractal,
}

impl Style {
    pub fn label(self) -> &'static str {
        match self {
            Style::Tree => "Tree",
            Style::Fractal => "Fractal",
        }
    }
}

/// Compute the layout of a style.
pub fn compute(org: &Org, style: Style) -> Layout {
    compute_scoped(org, style, &Scope::default())
}

/// Compute the layout of the part of an org a [`Scope`] shows.
pub fn compute_scoped(org: &Org, style: Style, scope: &Scope) -> Layout {
    compute_scoped_in(org, &org.structure(), style, scope)
}

/// [`compute_scoped`] with the org's whole structure already at hand.
pub fn compute_scoped_in(org: &Org, full: &Structure, style: Style, scope: &Scope) -> Layout {
    let scoped;
    let s = if scope.is_full() {
        full
    } else {
        scoped = scope.structure_of(org, full);
        &scoped
    };
    match style {
        Style::Tree => tree_plan(org, s, &Metrics::default(), Plan::Teams),
        Style::Fractal => fractal::fractal_of(org, s, &FractalMetrics::default()),
    }
}

/// Orgs with more teams than this open with their lower levels folded.
pub const LARGE_ORG_TEAMS: usize = 150;
/// How many boxes a large org shows when it opens, at most (more if its top level alone has more).
pub const OPENING_BOXES: usize = 80;

/// What part of an org a view shows: groups folded into one box, and optionally one group's
/// subtree alone (with the chain of groups above it). Empty, it shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Groups drawn as one box, their members hidden.
    pub folded: std::collections::BTreeSet<GroupId>,
    /// The group whose subtree alone is shown.
    pub focus: Option<GroupId>,
}

impl Scope {
    /// How a view opens an org: everything for an org of up to [`LARGE_ORG_TEAMS`] teams; a
    /// larger one shows its top levels, a whole level more at a time while the picture stays
    /// within [`OPENING_BOXES`] boxes, and folds the groups below.
    pub fn opening(org: &Org) -> Scope {
        if org.teams().len() <= LARGE_ORG_TEAMS {
            return Scope::default();
        }
        let s = org.structure();
        let mut shown = s.top_groups.len() + s.loose_teams.len();
        let mut level: Vec<GroupId> = s.top_groups.clone();
        let mut folded = std::collections::BTreeSet::new();
        while !level.is_empty() {
            let members: usize = level.iter().map(|g| s.children(*g).len()).sum();
            if shown + members > OPENING_BOXES && shown > 0 {
                folded.extend(level.iter().copied().filter(|g| !s.children(*g).is_empty()));
                break;
            }
            shown += members;
            level = level.iter().flat_map(|g| s.child_groups(*g)).collect();
        }
        Scope {
            folded,
            focus: None,
        }
    }

    /// Whether the scope shows the whole org.
    pub fn is_full(&self) -> bool {
        self.folded.is_empty() && self.focus.is_none()
    }

    /// The structure as this scope shows it.
    pub fn structure(&self, org: &Org) -> Structure {
        let s = org.structure();
        if self.is_full() {
            return s;
        }
        self.structure_of(org, &s)
    }

    /// The structure as this scope shows it, from the org's whole structure.
    pub fn structure_of(&self, org: &Org, s: &Structure) -> Structure {
        if self.is_full() {
            return s.clone();
        }
        let path: Vec<GroupId> = match self.focus.filter(|g| org.group(*g).is_some()) {
            Some(g) => {
                let mut p = org.ancestors(Unit::Group(g));
                p.reverse();
                p.push(g);
                p
            }
            None => Vec::new(),
        };
        s.scoped(|g| self.folded.contains(&g), &path)
    }

    /// Whether a group is shown folded (it has members and they are hidden).
    pub fn is_folded(&self, g: GroupId) -> bool {
        self.folded.contains(&g)
    }
}

/// The outline of a box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shape {
    #[default]
    Box,
    /// A regular pentagon inscribed in the box (a team in the fractal layout).
    Pentagon,
    /// A circle inscribed in the box (a group marker in the fractal layout).
    Circle,
}

/// A box drawn on the canvas, in canvas units (1 unit = 1 logical pixel at zoom 1).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }
    pub fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    /// The smallest rect holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect::new(
            x,
            y,
            self.right().max(o.right()) - x,
            self.bottom().max(o.bottom()) - y,
        )
    }
}

/// Something that has a box in a layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    Team(TeamId),
    Group(GroupId),
    Eat,
    Ems,
}

impl Node {
    pub fn unit(self) -> Option<Unit> {
        match self {
            Node::Team(t) => Some(Unit::Team(t)),
            Node::Group(g) => Some(Unit::Group(g)),
            _ => None,
        }
    }
}

impl From<Unit> for Node {
    fn from(u: Unit) -> Self {
        match u {
            Unit::Team(t) => Node::Team(t),
            Unit::Group(g) => Node::Group(g),
        }
    }
}

/// How a line between two boxes is routed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Down from the parent's bottom centre, across, and down into the child's top centre.
    Elbow,
    /// Down a spine left of a stacked team column, then right into the team's left side.
    Spine,
    /// A straight line between centres.
    Straight,
}

/// A line from a parent box to a child box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    pub from: Node,
    pub to: Node,
    pub route: Route,
}

/// Points of a line from a parent box to a child box, drawn at `zoom` (1 in canvas units; the
/// designer passes screen rects and its zoom). The canvas and the image exports route alike.
pub fn link_points(from: Rect, to: Rect, route: Route, zoom: f32) -> Vec<(f32, f32)> {
    match route {
        Route::Straight => vec![from.center(), to.center()],
        Route::Elbow => {
            let a = (from.center().0, from.bottom());
            let b = (to.center().0, to.y);
            let mid = (a.1 + b.1) / 2.0;
            vec![a, (a.0, mid), (b.0, mid), b]
        }
        Route::Spine => {
            // The spine runs just left of the team column, but never outside the parent box
            // (max/min rather than clamp: a box far away can be narrower than the margins).
            let inset = (4.0f32).min(from.w / 2.0);
            let spine_x = (to.x - 12.0 * zoom)
                .max(from.x + inset)
                .min(from.right() - inset);
            vec![
                (spine_x, from.bottom()),
                (spine_x, to.center().1),
                (to.x, to.center().1),
            ]
        }
    }
}

/// Sizes and gaps of the tree layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    pub team_w: f32,
    pub team_h: f32,
    pub group_w: f32,
    pub group_h: f32,
    pub h_gap: f32,
    pub v_gap: f32,
    pub stack_gap: f32,
    pub indent: f32,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            team_w: 210.0,
            team_h: 78.0,
            group_w: 230.0,
            group_h: 70.0,
            h_gap: 36.0,
            v_gap: 44.0,
            stack_gap: 14.0,
            indent: 24.0,
        }
    }
}

/// Positioned boxes and lines for one org.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub style: Style,
    pub boxes: Vec<(Node, Rect)>,
    /// The outline of each box, parallel to `boxes`.
    pub shapes: Vec<Shape>,
    pub edges: Vec<Edge>,
    pub bounds: Rect,
    index: HashMap<Node, usize>,
}

impl Layout {
    fn push(&mut self, node: Node, rect: Rect) {
        self.push_shaped(node, rect, Shape::Box);
    }

    fn push_shaped(&mut self, node: Node, rect: Rect, shape: Shape) {
        self.shapes.push(shape);
        self.index.insert(node, self.boxes.len());
        self.bounds = if self.boxes.is_empty() {
            rect
        } else {
            self.bounds.union(&rect)
        };
        self.boxes.push((node, rect));
    }

    /// The box of a node.
    pub fn rect(&self, node: Node) -> Option<Rect> {
        self.index.get(&node).map(|i| self.boxes[*i].1)
    }

    /// The outline of a node's box.
    pub fn shape(&self, node: Node) -> Shape {
        self.index
            .get(&node)
            .map_or(Shape::Box, |i| self.shapes[*i])
    }

    /// The topmost box under a point (later boxes are drawn on top).
    pub fn hit(&self, x: f32, y: f32) -> Option<Node> {
        self.boxes
            .iter()
            .rev()
            .find(|(_, r)| r.contains(x, y))
            .map(|(n, _)| *n)
    }
}

/// The tidy top-down tree layout of an org with default metrics.
pub fn tree(org: &Org) -> Layout {
    tree_with(org, &Metrics::default())
}

/// The tidy top-down tree layout with explicit metrics.
pub fn tree_with(org: &Org, m: &Metrics) -> Layout {
    tree_plan(org, &org.structure(), m, Plan::Teams)
}

/// The tree of groups only, for an overview that must stay readable: each Scrum of Scrums is a
/// box stacked in a column under its parent, the way teams stand under their SoS in the full
/// tree, and the teams themselves are left out (their count is on each SoS box).
pub fn groups_tree(org: &Org) -> Layout {
    tree_plan(org, &org.structure(), &Metrics::default(), Plan::Groups)
}

/// What stands in the columns of the tree layout.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// Teams under their SoS (the full picture).
    Teams,
    /// Scrums of Scrums under their parent group; no teams.
    Groups,
}

impl Plan {
    /// The boxes stacked in `g`'s column. In the groups tree, teams that sit directly in a group
    /// above SoS level stay (no SoS page shows them).
    fn column(self, s: &Structure, g: GroupId) -> Vec<Node> {
        match self {
            Plan::Teams => s.child_teams(g).map(Node::Team).collect(),
            Plan::Groups if s.level(g) <= 1 => Vec::new(),
            Plan::Groups => s
                .child_groups(g)
                .filter(|c| s.level(*c) <= 1)
                .map(Node::Group)
                .chain(s.child_teams(g).map(Node::Team))
                .collect(),
        }
    }

    /// The child groups laid out side by side under `g`.
    fn bands(self, s: &Structure, g: GroupId) -> Vec<GroupId> {
        match self {
            Plan::Teams => s.child_groups(g).collect(),
            Plan::Groups => s.child_groups(g).filter(|c| s.level(*c) > 1).collect(),
        }
    }

    /// Width and height of a box in a column.
    fn item(m: &Metrics, node: Node) -> (f32, f32) {
        match node {
            Node::Team(_) => (m.team_w, m.team_h),
            _ => (m.group_w, m.group_h),
        }
    }

    /// Width of the widest box a column may hold.
    fn column_item_w(self, m: &Metrics) -> f32 {
        match self {
            Plan::Teams => m.team_w,
            Plan::Groups => m.team_w.max(m.group_w),
        }
    }
}

fn tree_plan(org: &Org, s: &Structure, m: &Metrics, plan: Plan) -> Layout {
    let widths = subtree_widths(org, s, m, plan);
    let mut out = Layout::default();
    let has_eat = !org.eat().is_empty();
    let has_ems = !org.ems().is_empty();
    let top_y = if has_eat || has_ems {
        m.group_h + m.v_gap
    } else {
        0.0
    };
    let mut x = 0.0;
    for &g in &s.top_groups {
        place(s, m, plan, &widths, g, x, top_y, &mut out);
        x += widths[&g].width + m.h_gap * 2.0;
    }
    // Teams in no group stand in a row beside the forest.
    for (i, t) in s.loose_teams.iter().enumerate() {
        out.push(
            Node::Team(*t),
            Rect::new(
                x + i as f32 * (m.team_w + m.h_gap),
                top_y,
                m.team_w,
                m.team_h,
            ),
        );
    }
    // EAT and EMS side by side on top, centred over the top groups (or over everything).
    let bodies: Vec<Node> = [(Node::Eat, has_eat), (Node::Ems, has_ems)]
        .into_iter()
        .filter_map(|(n, show)| show.then_some(n))
        .collect();
    if !bodies.is_empty() {
        let centres: Vec<f32> = s
            .top_groups
            .iter()
            .filter_map(|g| out.rect(Node::Group(*g)))
            .map(|r| r.center().0)
            .collect();
        let centre = match (centres.first(), centres.last()) {
            (Some(a), Some(b)) => (a + b) / 2.0,
            _ if out.boxes.is_empty() => m.group_w,
            _ => out.bounds.center().0,
        };
        let total = bodies.len() as f32 * m.group_w + (bodies.len() as f32 - 1.0) * m.h_gap;
        for (i, b) in bodies.iter().enumerate() {
            let bx = centre - total / 2.0 + i as f32 * (m.group_w + m.h_gap);
            out.push(*b, Rect::new(bx, 0.0, m.group_w, m.group_h));
            for &g in &s.top_groups {
                out.edges.push(Edge {
                    from: *b,
                    to: Node::Group(g),
                    route: Route::Elbow,
                });
            }
        }
    }
    out
}

/// Width of the column under a group that holds `n` boxes in it.
fn column_width(m: &Metrics, plan: Plan, n: usize) -> f32 {
    if n == 0 {
        0.0
    } else {
        m.indent + plan.column_item_w(m)
    }
}

/// Width of a group's subtree band and the offset of its card's centre from the band's left.
#[derive(Clone, Copy)]
struct Band {
    width: f32,
    anchor: f32,
}

/// Bands of every group, children before parents (a child's level is lower).
fn subtree_widths(org: &Org, s: &Structure, m: &Metrics, plan: Plan) -> HashMap<GroupId, Band> {
    let mut order: Vec<GroupId> = org.groups().keys().copied().collect();
    order.sort_by_key(|g| (s.level(*g), *g));
    let mut bands: HashMap<GroupId, Band> = HashMap::default();
    for g in order {
        let (width, anchor, _) = arrange(s, m, plan, &bands, g, 0.0);
        bands.insert(g, Band { width, anchor });
    }
    bands
}

/// Arrange a group's children in a band starting at `x`: returns the band width, the card
/// centre's offset from `x`, and each child's left edge (team column first, then child groups).
fn arrange(
    s: &Structure,
    m: &Metrics,
    plan: Plan,
    bands: &HashMap<GroupId, Band>,
    g: GroupId,
    x: f32,
) -> (f32, f32, Vec<f32>) {
    let default = Band {
        width: m.group_w,
        anchor: m.group_w / 2.0,
    };
    let items = plan.column(s, g).len();
    let mut parts: Vec<(f32, f32)> = Vec::new(); // (width, centre offset)
    if items > 0 {
        let w = column_width(m, plan, items);
        parts.push((w, w / 2.0));
    }
    parts.extend(plan.bands(s, g).into_iter().map(|c| {
        let b = bands.get(&c).copied().unwrap_or(default);
        (b.width, b.anchor)
    }));
    let children =
        parts.iter().map(|p| p.0).sum::<f32>() + m.h_gap * parts.len().saturating_sub(1) as f32;
    let width = children.max(m.group_w);
    let mut cx = (width - children) / 2.0;
    let mut lefts = Vec::with_capacity(parts.len());
    let mut centres = Vec::with_capacity(parts.len());
    for (w, anchor) in &parts {
        lefts.push(x + cx);
        centres.push(cx + anchor);
        cx += w + m.h_gap;
    }
    let anchor = match (centres.first(), centres.last()) {
        (Some(a), Some(b)) => (a + b) / 2.0,
        _ => width / 2.0,
    };
    // Keep the card inside the band.
    let anchor = anchor.clamp(m.group_w / 2.0, width - m.group_w / 2.0);
    (width, anchor, lefts)
}

/// Place a group's subtree with its band's left edge at `x` and its top at `y`.
#[allow(clippy::too_many_arguments)]
fn place(
    s: &Structure,
    m: &Metrics,
    plan: Plan,
    bands: &HashMap<GroupId, Band>,
    root: GroupId,
    x: f32,
    y: f32,
    out: &mut Layout,
) {
    // Explicit stack: very deep (hostile) trees cannot overflow the call stack.
    let mut stack = vec![(root, x, y)];
    while let Some((g, x, y)) = stack.pop() {
        let (_, anchor, lefts) = arrange(s, m, plan, bands, g, x);
        out.push(
            Node::Group(g),
            Rect::new(x + anchor - m.group_w / 2.0, y, m.group_w, m.group_h),
        );
        let child_y = y + m.group_h + m.v_gap;
        let column = plan.column(s, g);
        let mut lefts = lefts.into_iter();
        if !column.is_empty() {
            let tx = lefts.next().unwrap_or(x) + m.indent;
            let mut ty = child_y;
            for node in &column {
                let (item_w, item_h) = Plan::item(m, *node);
                out.push(*node, Rect::new(tx, ty, item_w, item_h));
                ty += item_h + m.stack_gap;
                out.edges.push(Edge {
                    from: Node::Group(g),
                    to: *node,
                    route: Route::Spine,
                });
            }
        }
        let kids = plan.bands(s, g);
        for (c, left) in kids.iter().zip(lefts) {
            out.edges.push(Edge {
                from: Node::Group(g),
                to: Node::Group(*c),
                route: Route::Elbow,
            });
            stack.push((*c, left, child_y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn assert_no_overlaps(l: &Layout) {
        let mut boxes = l.boxes.clone();
        boxes.sort_by(|a, b| a.1.x.total_cmp(&b.1.x));
        for (i, (na, a)) in boxes.iter().enumerate() {
            for (nb, b) in boxes[i + 1..].iter() {
                if b.x >= a.right() {
                    break;
                }
                assert!(!a.intersects(b), "{na:?} {a:?} overlaps {nb:?} {b:?}");
            }
        }
    }

    #[test]
    fn every_unit_gets_one_box_without_overlaps() {
        for org in [
            sample::symmetric(5, 2),
            sample::balanced("x", 37, 4, 5),
            sample::symmetric(3, 4),
        ] {
            let l = tree(&org);
            assert_eq!(
                l.boxes.len(),
                org.teams().len() + org.groups().len() + 2,
                "teams, groups, EAT and EMS"
            );
            assert_no_overlaps(&l);
            for t in org.teams().keys() {
                assert!(l.rect(Node::Team(*t)).is_some());
            }
        }
    }

    #[test]
    fn parents_are_centred_over_their_children_and_above_them() {
        let org = sample::symmetric(5, 3);
        let l = tree(&org);
        let s = org.structure();
        for g in org.groups().keys() {
            let r = l.rect(Node::Group(*g)).unwrap();
            let kids: Vec<Rect> = s
                .child_groups(*g)
                .map(|c| l.rect(Node::Group(c)).unwrap())
                .collect();
            if kids.is_empty() {
                // A Scrum of Scrums sits over its team column.
                for t in s.child_teams(*g) {
                    let tr = l.rect(Node::Team(t)).unwrap();
                    assert!(tr.y > r.bottom());
                    assert!(tr.x < r.right() && tr.right() > r.x, "team under its SoS");
                }
                continue;
            }
            let mid = (kids[0].center().0 + kids[kids.len() - 1].center().0) / 2.0;
            assert!(
                (r.center().0 - mid).abs() < 0.01,
                "{g}: {} vs {mid}",
                r.center().0
            );
            assert!(kids.iter().all(|k| k.y > r.bottom()));
        }
    }

    #[test]
    fn the_groups_tree_stacks_each_sos_under_its_parent_and_leaves_teams_out() {
        let org = sample::symmetric(5, 3);
        let l = groups_tree(&org);
        let s = org.structure();
        assert_eq!(l.boxes.len(), org.groups().len() + 2, "groups, EAT and EMS");
        assert_no_overlaps(&l);
        for g in org.groups().keys().filter(|g| s.level(**g) == 2) {
            let parent = l.rect(Node::Group(*g)).unwrap();
            let kids: Vec<Rect> = s
                .child_groups(*g)
                .map(|c| l.rect(Node::Group(c)).unwrap())
                .collect();
            assert_eq!(kids.len(), 5);
            for k in &kids {
                assert!(k.y > parent.bottom(), "under its SoSoS");
                assert_eq!(k.x, kids[0].x, "in one column");
            }
        }
        // Five columns side by side: far narrower than the full tree's 25.
        assert!(l.bounds.w * 3.0 < tree(&org).bounds.w, "{:?}", l.bounds);
    }

    #[test]
    fn a_folded_group_is_one_box_and_a_focus_shows_its_subtree_under_its_ancestors() {
        let org = sample::symmetric(5, 3);
        let s = org.structure();
        let top = s.top_groups[0];
        let mid: Vec<GroupId> = s.child_groups(top).collect();
        let mut scope = Scope::default();
        scope.folded.insert(mid[0]);
        let l = compute_scoped(&org, Style::Tree, &scope);
        assert!(
            l.rect(Node::Group(mid[0])).is_some(),
            "the folded group stays"
        );
        for g in s.groups_below(mid[0]) {
            assert!(l.rect(Node::Group(g)).is_none(), "{g} is folded away");
        }
        for t in s.teams_below(mid[0]) {
            assert!(l.rect(Node::Team(t)).is_none());
        }
        assert_eq!(
            l.boxes.len(),
            org.teams().len() + org.groups().len() + 2 - 5 - 25
        );
        assert_no_overlaps(&l);
        // Focus on a SoS: it, its teams, the chain above it, the EAT and EMS; no siblings.
        let sos = s.child_groups(mid[1]).next().unwrap();
        let scope = Scope {
            folded: Default::default(),
            focus: Some(sos),
        };
        let l = compute_scoped(&org, Style::Tree, &scope);
        let mut shown: Vec<Node> = l.boxes.iter().map(|b| b.0).collect();
        shown.sort();
        let mut want: Vec<Node> = s.child_teams(sos).map(Node::Team).collect();
        want.extend([sos, mid[1], top].map(Node::Group));
        want.extend([Node::Eat, Node::Ems]);
        want.sort();
        assert_eq!(shown, want);
        for style in [Style::Tree, Style::Fractal] {
            let l = compute_scoped(&org, style, &scope);
            assert_eq!(l.boxes.len(), want.len(), "{style:?}");
        }
    }

    #[test]
    fn a_large_org_opens_with_its_top_levels_and_small_ones_whole() {
        let acme = crate::io::json::from_str(
            std::path::Path::new("acme.json"),
            include_str!("../../examples/acme.json"),
        )
        .unwrap();
        assert!(Scope::opening(&acme).is_full());
        let big = sample::balanced("big", 10_000, 5, 5);
        let scope = Scope::opening(&big);
        assert!(!scope.folded.is_empty());
        let l = compute_scoped(&big, Style::Tree, &scope);
        assert!(
            (5..=OPENING_BOXES + 2).contains(&l.boxes.len()),
            "{} boxes",
            l.boxes.len()
        );
        assert!(
            l.boxes
                .iter()
                .all(|b| matches!(b.0, Node::Group(_) | Node::Eat | Node::Ems))
        );
    }

    #[test]
    fn layout_is_deterministic_and_handles_ragged_and_loose_teams() {
        let org = crate::io::json::from_str(
            std::path::Path::new("v.json"),
            include_str!("../../examples/violations.json"),
        )
        .unwrap();
        let a = tree(&org);
        let b = tree(&org.clone());
        assert_eq!(a.boxes, b.boxes);
        assert_eq!(a.edges, b.edges);
        assert_no_overlaps(&a);
        let empty = tree(&Org::new("empty"));
        assert!(empty.boxes.is_empty());
    }
}
