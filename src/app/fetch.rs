//! Fetching the data set with gloo-net: the manifest first, then the files it names.

use super::net::{fetch as fetch_file, Expect, NetError};
use coverboard::model::DataSet;
use coverboard::parse::{load, parse_manifest, LoadError, Texts};
use std::sync::Arc;
use thiserror::Error;

/// Why the data could not be shown at all. Each names the file.
#[derive(Clone, Debug, Error)]
pub enum AppError {
    #[error("{0}")]
    Net(#[from] NetError),
    #[error("Could not use {0}")]
    Load(#[from] LoadError),
}

const DATA_DIR: &str = "data/";

/// The file as the first view fetched it (src/first/main.rs hands over `{text, saved}` in
/// `window.__coverboardFirst`), taken once so that nothing is downloaded twice.
fn handed_over(file: &str) -> Option<String> {
    use wasm_bindgen::JsValue;
    let window = web_sys::window()?;
    let all = js_sys::Reflect::get(&window, &JsValue::from_str("__coverboardFirst")).ok()?;
    if !all.is_object() {
        return None;
    }
    let entry = js_sys::Reflect::get(&all, &JsValue::from_str(file)).ok()?;
    let text = js_sys::Reflect::get(&entry, &JsValue::from_str("text"))
        .ok()?
        .as_string()?;
    let _ = js_sys::Reflect::delete_property(&all.into(), &JsValue::from_str(file));
    if let Some(saved) = js_sys::Reflect::get(&entry, &JsValue::from_str("saved"))
        .ok()
        .and_then(|s| s.as_string())
    {
        super::net::note_saved(&saved);
    }
    Some(text)
}

async fn fetch_text(file: &str) -> Result<String, AppError> {
    if let Some(text) = handed_over(file) {
        return Ok(text);
    }
    let expect = if file.ends_with(".json") {
        Expect::Json
    } else {
        Expect::Csv
    };
    Ok(fetch_file(&format!("{DATA_DIR}{file}"), file, expect)
        .await?
        .text())
}

/// Fetches, parses and validates the default data set.
pub async fn load_default() -> Result<Arc<DataSet>, AppError> {
    let manifest_file = "manifest.json";
    let manifest_text = fetch_text(manifest_file).await?;
    let manifest = parse_manifest(manifest_file, &manifest_text)?;
    let files = manifest.files.clone();
    let areas = fetch_text(&files.areas).await?;
    let sites = fetch_text(&files.sites).await?;
    let milestones = fetch_text(&files.milestones).await?;
    let texts = Texts {
        areas: &areas,
        sites: &sites,
        milestones: &milestones,
    };
    Ok(Arc::new(load(manifest_file, manifest, &texts)?))
}
