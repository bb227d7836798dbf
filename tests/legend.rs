//! The chart legend measures its labels through the drawing backend (so the app's canvas backend
//! can use `measureText` instead of plotters' page-layout measure) and draws every label.

use coverboard::legend::{draw_legend, Corner, LegendEntry};
use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendTextStyle, DrawingErrorKind};
use std::cell::RefCell;
use std::rc::Rc;

/// A backend that records the texts it was asked to measure and to draw; every character is
/// 10 px wide and 12 px high.
struct Recorder {
    measured: Rc<RefCell<Vec<String>>>,
    drawn: Rc<RefCell<Vec<(String, BackendCoord)>>>,
}

#[derive(Debug)]
struct Never;
impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}
impl std::error::Error for Never {}

impl DrawingBackend for Recorder {
    type ErrorType = Never;
    fn get_size(&self) -> (u32, u32) {
        (600, 400)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        _: BackendCoord,
        _: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        _: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.drawn.borrow_mut().push((text.to_string(), pos));
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        _: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        self.measured.borrow_mut().push(text.to_string());
        Ok((10 * text.chars().count() as u32, 12))
    }
}

fn entries() -> Vec<LegendEntry> {
    vec![
        LegendEntry::line("Target 50%", RED.stroke_width(2)),
        LegendEntry::line("England 42.1%", BLACK.stroke_width(2)),
        LegendEntry::dot("Published figure", BLUE.stroke_width(2)),
    ]
}

#[test]
fn labels_are_measured_by_the_backend_and_all_drawn() {
    let measured = Rc::new(RefCell::new(Vec::new()));
    let drawn = Rc::new(RefCell::new(Vec::new()));
    let root = Recorder {
        measured: measured.clone(),
        drawn: drawn.clone(),
    }
    .into_drawing_area();
    let ((l, t), (r, b)) = draw_legend(&root, &entries(), Corner::UpperLeft, 13.0, 1.0).unwrap();
    let labels: Vec<String> = entries().into_iter().map(|e| e.label).collect();
    assert_eq!(
        *measured.borrow(),
        labels,
        "each label measured once, by the backend"
    );
    let texts: Vec<String> = drawn.borrow().iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(texts, labels);
    // The box is as wide as the longest label ("Published figure", 16 chars × 10 px) plus the
    // swatch (22 px), a gap (6 px) and padding (2 × 6 px); every label inside it, one below the other.
    assert_eq!(r - l, 160 + 22 + 6 + 12, "box width");
    let ys: Vec<i32> = drawn.borrow().iter().map(|(_, p)| p.1).collect();
    assert!(ys.windows(2).all(|w| w[1] > w[0]), "{ys:?}");
    for (_, (x, y)) in drawn.borrow().iter() {
        assert!(
            *x > l && *x < r && *y > t && *y < b,
            "label at ({x}, {y}) outside the box"
        );
    }
    assert_eq!((l, t), (8, 8), "upper-left corner, 8 px margin");
}

#[test]
fn lower_right_legend_stays_inside_the_area() {
    let root = Recorder {
        measured: Rc::default(),
        drawn: Rc::default(),
    }
    .into_drawing_area();
    let (_, (r, b)) = draw_legend(&root, &entries(), Corner::LowerRight, 13.0, 2.0).unwrap();
    assert_eq!(
        (r, b),
        (600 - 16, 400 - 16),
        "margin scales with the export scale"
    );
}

#[test]
fn an_empty_legend_draws_nothing() {
    let drawn = Rc::new(RefCell::new(Vec::new()));
    let root = Recorder {
        measured: Rc::default(),
        drawn: drawn.clone(),
    }
    .into_drawing_area();
    draw_legend(&root, &[], Corner::UpperLeft, 13.0, 1.0).unwrap();
    assert!(drawn.borrow().is_empty());
}
