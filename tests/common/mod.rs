//! Shared by the native tests: loads the bundled default data set from public/data.
#![allow(dead_code)]

use coverboard::coverage::Scope;
use coverboard::date::Date;
use coverboard::model::DataSet;
use coverboard::parse::load_with;

/// The text of a file of the bundled default data set.
pub fn read_file(name: &str) -> Result<String, String> {
    let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
}

/// As `read_file`, for tests that cannot go on without the file.
pub fn read(name: &str) -> String {
    read_file(name).unwrap_or_else(|e| panic!("{e}"))
}

pub fn default_data() -> DataSet {
    load_with(read_file).expect("default data loads")
}

/// England and then each NHS region of `data`, as scopes.
pub fn england_and_regions(data: &DataSet) -> Vec<Scope> {
    let mut scopes = vec![Scope::new(&data.areas, "ENG")];
    scopes.extend(
        data.areas
            .regions
            .iter()
            .map(|r| Scope::new(&data.areas, r)),
    );
    scopes
}

pub fn date(text: &str) -> Date {
    Date::parse(text).expect("test date")
}
