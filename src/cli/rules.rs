//! `fengong rules`: write the built-in rule files (header synonyms, unit aliases, target
//! words…) to a folder, to edit and use with `--rules DIR`; a line a file on stderr. A folder
//! that holds anything is refused unless `--force`, and even then no file in it is replaced.

use std::io::{self, Write};
use std::path::Path;

use super::say;
use crate::{EXIT_IO, Failure};

/// Write the built-in rule files into `dump`, saying on stderr what was done with each.
pub fn run(dump: &Path, force: bool) -> Result<(), Failure> {
    let dumped = fengong::Rules::write_defaults(dump, force).map_err(|e| Failure {
        status: EXIT_IO,
        error: if e.kind() == io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{e}")
        } else {
            anyhow::anyhow!(say!(
                "无法把规则文件写入 {}：{e}",
                "cannot write the rule files to {}: {e}",
                dump.display()
            ))
        },
    })?;
    let mut err = io::stderr().lock();
    for path in &dumped.written {
        let _ = writeln!(err, "wrote {}", path.display());
    }
    for path in &dumped.unchanged {
        let _ = writeln!(
            err,
            "kept {} (the same as the built-in file)",
            path.display()
        );
    }
    for (path, new) in &dumped.beside {
        let _ = writeln!(
            err,
            "kept {} (it differs from the built-in file, which is written beside it as {})",
            path.display(),
            new.display()
        );
    }
    Ok(())
}
