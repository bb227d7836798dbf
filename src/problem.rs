//! Validation problems: every one names the file, the row and the field, and says why.

use std::fmt;
use thiserror::Error;

/// What is wrong with a value. The `Display` text is the reason shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ProblemKind {
    #[error("required field is missing or empty")]
    MissingField,
    #[error("the file has no column named '{0}'")]
    MissingColumn(String),
    #[error("'{value}' is not a known area code (LAD, CCG, STP, NHS region, piece or E92000001)")]
    UnknownArea { value: String },
    #[error("id '{value}' is used again (first at row {first_row})")]
    DuplicateId { value: String, first_row: usize },
    #[error("'{value}' {reason}")]
    BadDate { value: String, reason: String },
    #[error("ends ({end}) before it starts ({start})")]
    EndBeforeStart { start: String, end: String },
    #[error("'{value}' is negative: a population cannot be below zero")]
    NegativePopulation { value: String },
    #[error("'{value}' is not a whole number")]
    NotANumber { value: String },
    #[error("'{value}' is not a share between 0 and 1")]
    BadShare { value: String },
    #[error("'{value}' is not a known model type (PACS, MCP, EHCH, UEC, ACC, ICS)")]
    UnknownModel { value: String },
    #[error("'{value}' is not one of: {allowed}")]
    NotAllowed { value: String, allowed: String },
    #[error("row has {found} fields; the header has {expected}")]
    WrongFieldCount { found: usize, expected: usize },
    #[error("the file could not be read as CSV: {0}")]
    Csv(String),
    #[error("the file could not be read as JSON: {0}")]
    Json(String),
    #[error("the file is empty")]
    EmptyFile,
    #[error("no valid rows: {0}")]
    NothingUsable(String),
    #[error("the file is {size}; the limit is {limit}")]
    TooLarge { size: String, limit: String },
    #[error("the file has more than {limit} data rows; split it into smaller files")]
    TooManyRows { limit: String },
    #[error("the line is {chars} characters long; the limit is {limit}")]
    LineTooLong { chars: usize, limit: usize },
    #[error("the file is not UTF-8 ({0}); save it as CSV UTF-8")]
    NotUtf8(String),
    #[error("the file uses {0}; coverboard reads comma-separated files: save it as CSV (comma delimited)")]
    WrongDelimiter(String),
    #[error("this item is {0}, not an object with the columns as keys")]
    NotAnObject(String),
    #[error("the file has a header but no data rows")]
    NoDataRows,
}

/// What coverboard did about a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The whole file could not be used.
    FileRejected,
    /// The row was left out; the other rows were kept.
    RowRejected,
    /// The row was kept without this value.
    ValueIgnored,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::FileRejected => "file not used",
            Effect::RowRejected => "row left out",
            Effect::ValueIgnored => "value ignored, row kept",
        }
    }
}

/// One problem in one place of one file. `row` is the line number in the file as a spreadsheet
/// shows it (the header is row 1); a problem with the whole file has no row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub row: Option<usize>,
    pub field: Option<String>,
    pub kind: ProblemKind,
    pub effect: Effect,
}

impl Problem {
    pub fn file(file: &str, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_string(),
            row: None,
            field: None,
            kind,
            effect: Effect::FileRejected,
        }
    }

    /// A problem that rejects row `row`.
    pub fn at(file: &str, row: usize, field: &str, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_string(),
            row: Some(row),
            field: Some(field.to_string()),
            kind,
            effect: Effect::RowRejected,
        }
    }

    /// A problem with one value that was ignored while the row was kept.
    pub fn ignored(file: &str, row: usize, field: &str, kind: ProblemKind) -> Problem {
        Problem {
            effect: Effect::ValueIgnored,
            ..Problem::at(file, row, field, kind)
        }
    }

    /// "sites.csv, row 4, field 'footprint'".
    pub fn where_(&self) -> String {
        match (&self.row, &self.field) {
            (Some(r), Some(f)) => format!("{}, row {}, field '{}'", self.file, r, f),
            (Some(r), None) => format!("{}, row {}", self.file, r),
            (None, Some(f)) => format!("{}, field '{}'", self.file, f),
            (None, None) => self.file.clone(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({})",
            self.where_(),
            self.kind,
            self.effect.as_str()
        )
    }
}

/// The result of reading one file: what is usable, and every problem found on the way.
/// Reading never fails as a whole; a file that yields nothing has an empty `records` and says why.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed<T> {
    pub records: Vec<T>,
    pub problems: Vec<Problem>,
    /// Data rows read (accepted + rejected).
    pub rows_read: usize,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            records: Vec::new(),
            problems: Vec::new(),
            rows_read: 0,
        }
    }
}
