//! `fengong schema`: the JSON Schema (draft 2020-12) of the dataset `extract` prints or of
//! the diff `diff --format json` prints.

use super::write_out;
use crate::Failure;

/// Which JSON Schema `schema` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// The dataset `extract` prints.
    Dataset,
    /// The diff `diff --format json` prints.
    Diff,
}

/// Print the JSON Schema of `of`.
pub fn run(of: Which, output: Option<&std::path::Path>) -> Result<(), Failure> {
    let schema = match of {
        Which::Dataset => schemars::schema_for!(fengong::Dataset),
        Which::Diff => schemars::schema_for!(fengong::diff::Diff),
    };
    let json = serde_json::to_string_pretty(&schema)?;
    write_out(output, &json)
}
