//! Files written whole or not at all.
//!
//! Every file fengong writes is written into a temporary file in the folder of its path
//! (`.NAME.XXXXXX.tmp`) and renamed over the path only once it is complete and on disk. An
//! error, a panic or an interrupted run (Ctrl-C, `kill`, a full disk) leaves the file that
//! was there before as it was; the temporary file is removed, except after `SIGKILL` or a
//! power cut, which can leave a `.NAME.XXXXXX.tmp` beside it.
//!
//! A file replaced keeps its permissions; a new one gets the usual `0666` less the umask
//! (a temporary file alone would be `0600`).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written to a temporary path beside `path`, renamed to `path` by
/// [`AtomicFile::commit`]; dropped without it, the temporary file is removed and `path` is
/// untouched.
#[derive(Debug)]
pub struct AtomicFile {
    temp: BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl AtomicFile {
    /// A temporary file in the folder of `path` (which must exist), to be renamed to `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
        let prefix = format!(".{}.", name.to_string_lossy());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir)?;
        Ok(AtomicFile {
            temp: BufWriter::with_capacity(1 << 16, temp),
            path: path.to_owned(),
        })
    }

    /// The path the file will have once committed.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flush the file, make it durable and rename it to its path, replacing what was there
    /// (whose permissions it keeps).
    pub fn commit(self) -> io::Result<()> {
        let temp = self
            .temp
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        temp.as_file().sync_all()?;
        if let Ok(old) = std::fs::metadata(&self.path) {
            if old.is_file() {
                temp.as_file().set_permissions(old.permissions())?;
            }
        }
        temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.temp.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
    }
}

/// Write `bytes` to `path` whole, or leave `path` as it was.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Fill `path` by `fill`, whole: the file is renamed into place only if `fill` succeeds.
pub fn write_with<T, E: From<io::Error>>(
    path: &Path,
    fill: impl FnOnce(&mut AtomicFile) -> Result<T, E>,
) -> Result<T, E> {
    let mut file = AtomicFile::create(path)?;
    let value = fill(&mut file)?;
    file.commit()?;
    Ok(value)
}

/// Whether `a` and `b` are one file (the same file by another path, a link to it), both
/// existing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keep.json");
        std::fs::write(&path, "old").unwrap();
        let result: io::Result<()> = write_with(&path, |f| {
            f.write_all(b"half of the new")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["keep.json"]);
    }

    #[test]
    fn a_commit_replaces_the_file_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_file_is_readable_as_any_file_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.ics");
        write(&path, b"x").unwrap();
        let plain = dir.path().join("plain.ics");
        std::fs::write(&plain, b"x").unwrap();
        // 0666 less the umask, as `File::create` makes it (not a temporary file's 0600).
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions(),
            std::fs::metadata(&plain).unwrap().permissions()
        );
    }

    #[test]
    fn a_link_is_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        std::fs::write(&a, "x").unwrap();
        let b = dir.path().join("b.md");
        std::fs::hard_link(&a, &b).unwrap();
        assert!(same_file(&a, &b));
        assert!(same_file(&a, &dir.path().join(".").join("a.md")));
        assert!(!same_file(&a, &dir.path().join("c.md")));
    }
}
