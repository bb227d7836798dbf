//! Fetching the data set with gloo-net: the manifest first, then the files it names.

use coverboard::model::DataSet;
use coverboard::parse::{load, parse_manifest, LoadError, Texts};
use gloo_net::http::Request;
use std::sync::Arc;
use thiserror::Error;

/// Why the data could not be shown at all. Each names the file.
#[derive(Clone, Debug, Error)]
pub enum AppError {
    #[error("Could not load {file}: the server answered {status} {status_text}.")]
    Http {
        file: String,
        status: u16,
        status_text: String,
    },
    #[error("Could not load {file}: {message}. Check the network connection and reload.")]
    Network { file: String, message: String },
    #[error("Could not use {0}")]
    Load(#[from] LoadError),
}

const DATA_DIR: &str = "data/";

async fn fetch_text(file: &str) -> Result<String, AppError> {
    let url = format!("{DATA_DIR}{file}");
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| AppError::Network {
            file: file.into(),
            message: e.to_string(),
        })?;
    if !response.ok() {
        return Err(AppError::Http {
            file: file.into(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    response.text().await.map_err(|e| AppError::Network {
        file: file.into(),
        message: e.to_string(),
    })
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
