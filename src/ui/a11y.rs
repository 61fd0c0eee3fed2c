//! Names for screen readers: widgets whose visible text is not what they do get an accessible
//! name (which is also how the UI tests find them).

use egui::{Response, WidgetInfo, WidgetType};

/// Give a widget a readable name for screen readers and tests (e.g. "Dev: Ana Kovačević").
pub(crate) fn name_widget(resp: &Response, typ: WidgetType, name: &str, selected: Option<bool>) {
    resp.widget_info(|| {
        let mut info = WidgetInfo::labeled(typ, resp.enabled(), name);
        info.selected = selected;
        info
    });
}
