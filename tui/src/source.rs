//! Where the UI reads a frame's octets again: the packet source the app is given (a file on
//! disk, or bytes in memory for tests), read at the offsets the index recorded.

use crate::index::Entry;
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A capture the app can read a frame of at any time, and read whole again (the indexer and
/// the background filter each stream it from the start).
pub trait Packets: Send {
    /// The octets of the frame `e` describes, into `buf` (resized to fit).
    fn read(&self, e: &Entry, buf: &mut Vec<u8>) -> io::Result<()>;
    /// The capture's octets from offset `at`, exactly enough to fill `buf`.
    fn read_at(&self, at: u64, buf: &mut [u8]) -> io::Result<()>;
    /// The comments of the frame `e` describes, read again from its pcapng block into `out`
    /// (empty when it has none or the octets there are not its block).
    fn comments(&self, e: &Entry, out: &mut Vec<String>) {
        use dissect::capture::{EnhancedBlock, EPB_DATA_OFFSET};
        out.clear();
        let Some(start) = { e.at }.checked_sub(EPB_DATA_OFFSET) else { return };
        let mut head = [0u8; 8];
        let Some(len) = self.read_at(start, &mut head).ok().and_then(|()| EnhancedBlock::len(&head)) else { return };
        let mut block = vec![0u8; len];
        if self.read_at(start, &mut block).is_ok() {
            EnhancedBlock::comments(&block, e.cap_len, out);
        }
    }
    /// A new reader of the whole capture from its first byte.
    fn reopen(&self) -> io::Result<Box<dyn Read + Send>>;
    /// [`Packets::reopen`] for another thread (a report that reads the capture twice).
    fn opener(&self) -> Opener;
    /// What the status bar calls it.
    fn name(&self) -> &str;
    /// A live capture's spool (its filter follows the capture); `None` for a file.
    fn spool(&self) -> Option<Arc<crate::live::Spool>> {
        None
    }
    /// The file the frames are read from, as (device, inode): `w` refuses to write over it,
    /// whatever path names it (a symbolic or hard link included). `None`: not a file.
    fn identity(&self) -> Option<(u64, u64)> {
        None
    }
}

/// A file's (device, inode), what [`Packets::identity`] compares.
pub fn identity_of(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Opens a capture from its first byte, from any thread.
pub type Opener = Box<dyn Fn() -> io::Result<Box<dyn Read + Send>> + Send>;

/// A capture file, read with positioned reads (no shared cursor to move).
pub struct FileSource {
    path: PathBuf,
    file: File,
    name: String,
}

impl FileSource {
    pub fn open(path: &Path) -> io::Result<Self> {
        let file = File::open(path)?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        Ok(FileSource { path: path.to_path_buf(), file, name })
    }
}

impl Packets for FileSource {
    fn read(&self, e: &Entry, buf: &mut Vec<u8>) -> io::Result<()> {
        buf.resize(e.cap_len as usize, 0);
        self.file.read_exact_at(buf, e.at)
    }
    fn read_at(&self, at: u64, buf: &mut [u8]) -> io::Result<()> {
        self.file.read_exact_at(buf, at)
    }
    fn reopen(&self) -> io::Result<Box<dyn Read + Send>> {
        Ok(Box::new(File::open(&self.path)?))
    }
    fn opener(&self) -> Opener {
        let path = self.path.clone();
        Box::new(move || Ok(Box::new(File::open(&path)?)))
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn identity(&self) -> Option<(u64, u64)> {
        // The open file itself, even if its path has been replaced since.
        self.file.metadata().ok().map(|m| identity_of(&m))
    }
}

/// A capture held in memory (tests, or a capture read from a pipe).
pub struct MemorySource {
    bytes: Arc<[u8]>,
    name: String,
}

impl MemorySource {
    pub fn new(name: &str, bytes: Vec<u8>) -> Self {
        MemorySource { bytes: bytes.into(), name: name.to_string() }
    }
}

impl Packets for MemorySource {
    fn read(&self, e: &Entry, buf: &mut Vec<u8>) -> io::Result<()> {
        let start = usize::try_from(e.at).map_err(|_| io::ErrorKind::UnexpectedEof)?;
        let bytes = start
            .checked_add(e.cap_len as usize)
            .and_then(|end| self.bytes.get(start..end))
            .ok_or(io::ErrorKind::UnexpectedEof)?;
        buf.clear();
        buf.extend_from_slice(bytes);
        Ok(())
    }
    fn read_at(&self, at: u64, buf: &mut [u8]) -> io::Result<()> {
        let start = usize::try_from(at).map_err(|_| io::ErrorKind::UnexpectedEof)?;
        let bytes =
            start.checked_add(buf.len()).and_then(|end| self.bytes.get(start..end)).ok_or(io::ErrorKind::UnexpectedEof)?;
        buf.copy_from_slice(bytes);
        Ok(())
    }
    fn reopen(&self) -> io::Result<Box<dyn Read + Send>> {
        Ok(Box::new(Cursor::new(Arc::clone(&self.bytes))))
    }
    fn opener(&self) -> Opener {
        let bytes = Arc::clone(&self.bytes);
        Box::new(move || Ok(Box::new(Cursor::new(Arc::clone(&bytes)))))
    }
    fn name(&self) -> &str {
        &self.name
    }
}
