//! coverboard's pure core: the data model, parsing, validation, coverage and chart drawing.
//! Nothing here imports leptos, web-sys or gloo; `cargo test` exercises all of it natively.

pub mod bitset;
pub mod chart;
pub mod coverage;
pub mod date;
pub mod export;
pub mod first_page;
pub mod generate;
pub mod geo;
pub mod legend;
pub mod map_chart;
pub mod model;
pub mod model_chart;
pub mod narrative;
pub mod own_data;
pub mod parse;
pub mod problem;
pub mod projection;
pub mod region_chart;
pub mod sites_table;
pub mod summary;
pub mod text;
pub mod true_size_svg;
pub mod view_state;
