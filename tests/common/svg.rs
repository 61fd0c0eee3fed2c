//! Reading an exported SVG back as usvg sees it (shared by the export tests).

use orgscale::export;
use resvg::usvg;

/// Every string of text in a usvg tree, in document order.
pub fn texts(tree: &usvg::Tree) -> Vec<String> {
    fn walk(g: &usvg::Group, out: &mut Vec<String>) {
        for n in g.children() {
            match n {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    out.push(t.chunks().iter().map(|c| c.text()).collect::<String>())
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    out
}

/// The SVG parsed with the export's own font settings.
pub fn parse(svg: &str) -> usvg::Tree {
    usvg::Tree::from_str(svg, &export::font::usvg_options()).expect("usvg parses the export")
}
