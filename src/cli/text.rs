//! `fengong text`: the text every line and span of the dataset refers to — a markdown file
//! decoded to UTF-8 with `\n` line endings, a Word document as the markdown and HTML tables
//! it is read as — so that `FILE:LINE` in a diagnostic can be looked up.

use std::path::Path;

use super::{input, refuse_input, write_out};
use crate::{EXIT_UNUSABLE, Failure};

/// Print the text the dataset of `file` (`-`: standard input) refers to.
pub fn run(file: &Path, output: Option<&Path>) -> Result<(), Failure> {
    if let Some(path) = output {
        refuse_input(path, &[file])?;
    }
    let (shown, bytes) = input(file)?;
    let text = fengong::decoded_text(&bytes).map_err(|e| Failure {
        status: EXIT_UNUSABLE,
        error: anyhow::anyhow!("{shown}: {}", super::error_words(&e)),
    })?;
    write_out(output, text.trim_end_matches('\n'))?;
    Ok(())
}
