//! `fengong rules`: write the built-in rule files (header synonyms, unit aliases, target
//! words…) to a folder, to edit and use with `--rules DIR`; a line a file on stderr.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context;

use crate::Failure;

/// Write the built-in rule files into `dump`, saying on stderr which were written.
pub fn run(dump: &Path) -> Result<(), Failure> {
    let written = fengong::Rules::write_defaults(dump)
        .with_context(|| format!("cannot write the rule files to {}", dump.display()))?;
    let mut err = io::stderr().lock();
    for path in written {
        let _ = writeln!(err, "wrote {}", path.display());
    }
    Ok(())
}
