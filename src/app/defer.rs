//! Off-screen views follow the filters one frame late. A view on or near the screen takes a filter
//! change at once; one off screen (the sites table below the fold) takes it in a task queued after
//! the next frame is painted, so the frame the user sees is not held up by DOM work they cannot
//! see. Nothing is skipped: the late view is current within a frame or two, whether or not it is
//! ever scrolled to (screen readers and print read it too).

use super::canvas::Placement;
use super::state::Filters;
use coverboard::coverage::{Definition, Scope};
use coverboard::date::Date;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// A function telling whether the element `node` gives is within a screen's height of the
/// viewport, as the browser last reported it (`Placement`): no layout is read after a filter
/// change; a view that moved since is at worst updated a frame late or a frame early.
pub fn near_screen(
    node: impl Fn() -> Option<web_sys::Element> + Send + Sync + 'static,
) -> impl Fn() -> bool + Send + Sync + Copy + 'static {
    let placement = Placement::watch(node);
    move || placement.near.try_get().unwrap_or(true)
}

/// `source` as the view should show it: the same value at once while `near()` says the view is on
/// or near the screen, otherwise the latest value after the next frame.
pub fn follow_when_seen<T>(
    source: Memo<T>,
    near: impl Fn() -> bool + Send + Sync + 'static,
) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let shown = RwSignal::new(source.get_untracked());
    let pending = StoredValue::new(false);
    let catch_up = move || {
        pending.try_set_value(false);
        let Some(latest) = source.try_get_untracked() else {
            return;
        };
        if shown.try_with_untracked(|s| *s != latest) == Some(true) {
            shown.try_set(latest);
        }
    };
    Effect::new(move |_| {
        let on_screen = near();
        let changed = source.with(|v| shown.with_untracked(|s| s != v));
        if !changed {
            return;
        }
        if on_screen {
            catch_up();
        } else if pending.try_get_value() == Some(false) {
            pending.try_set_value(true);
            request_animation_frame(move || set_timeout(catch_up, Duration::ZERO));
        }
    });
    shown.read_only()
}

/// The element behind a node reference, for `near_screen` (read tracked: the watch starts when
/// the element is in the page).
pub fn element_of<E>(node: NodeRef<E>) -> impl Fn() -> Option<web_sys::Element> + Send + Sync
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    move || node.get().map(|n| n.unchecked_into())
}

/// The filters a view's figures depend on, as the view shows them.
#[derive(Clone, PartialEq)]
pub struct Seen {
    pub definition: Definition,
    pub scope: Scope,
    pub as_at: Date,
}

/// The definition, area and as-at date for the view whose element `node` gives: current while
/// the view is on or near the screen, a frame late while it is off screen.
pub fn seen_filters(
    f: Filters,
    node: impl Fn() -> Option<web_sys::Element> + Send + Sync + 'static,
) -> ReadSignal<Seen> {
    let live = Memo::new(move |_| Seen {
        definition: f.definition.get(),
        scope: f.scope.get(),
        as_at: f.as_at.get(),
    });
    follow_when_seen(live, near_screen(node))
}
