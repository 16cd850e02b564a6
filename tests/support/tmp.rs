//! A file in the temporary directory, removed when dropped, so that a run of the suite leaves
//! nothing behind. Shared by the test binaries that write captures (`#[path]`-included).

/// The path, as text (what the command lines the tests build take).
pub struct TmpPath(String);

impl TmpPath {
    /// `mipscope-PREFIX-PID-NAME` in the temporary directory (the process id keeps concurrent
    /// runs apart).
    pub fn new(prefix: &str, name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("mipscope-{prefix}-{}-{name}", std::process::id()));
        TmpPath(path.to_string_lossy().into_owned())
    }
}

impl std::ops::Deref for TmpPath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<std::path::Path> for TmpPath {
    fn as_ref(&self) -> &std::path::Path {
        self.0.as_ref()
    }
}

impl AsRef<std::ffi::OsStr> for TmpPath {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_ref()
    }
}

impl std::fmt::Display for TmpPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Drop for TmpPath {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
