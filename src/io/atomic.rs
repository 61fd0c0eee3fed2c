//! Atomic saves: write a temporary file in the target's folder, flush it to disk, then rename it
//! over the target. A crash at any point leaves either the old file or the new one, never a mix.

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically. The old file stays untouched if anything fails. A
/// symbolic link stays a link: the file it points to is replaced.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let resolved;
    let path = if path.is_symlink() {
        resolved = std::fs::canonicalize(path).or_else(|_| {
            // A dangling link: write where it points.
            std::fs::read_link(path).map(|t| match path.parent() {
                Some(p) if t.is_relative() => p.join(t),
                _ => t,
            })
        })?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            format!("{} is a folder", path.display()),
        ));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "orgscale".to_string());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    // Keep the permissions of the file being replaced; new files get the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable (best effort: not every file system supports it).
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link_and_its_target_gets_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        super::save_atomic(&link, b"new").unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("org.json");
        save_atomic(&p, b"one").unwrap();
        save_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the target remains");
    }

    #[test]
    fn failure_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-folder").join("org.json");
        assert!(save_atomic(&p, b"x").is_err());
        let target = dir.path().join("org.json");
        std::fs::write(&target, b"old").unwrap();
        // A folder in the way of the target: refused, old sibling untouched.
        let folder = dir.path().join("sub");
        std::fs::create_dir(&folder).unwrap();
        assert!(save_atomic(&folder, b"new").is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
    }
}
