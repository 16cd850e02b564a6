//! Where packets come from: a capture file (or standard input) read in a streaming pass, or a
//! live interface. Both deliver the same `(FrameMeta, bytes, interfaces)`, so every output
//! mode works on either.

use super::{CaptureError, Described};
use crate::frame::FrameMeta;
use crate::live::Live;
use std::io::Read;

pub enum Source {
    File(Box<dyn Read + Send>),
    Live(Live),
}

impl Source {
    /// Delivers every packet to `f` until the source ends or `f` returns `false`; returns how
    /// many were delivered, or the error that stopped it with the count delivered before.
    pub fn for_each<F>(self, f: F) -> Result<u64, (u64, CaptureError)>
    where
        F: FnMut(&FrameMeta, &[u8], &Described<'_>) -> bool,
    {
        match self {
            Source::File(r) => super::stream(r, f),
            Source::Live(l) => l.for_each(f),
        }
    }

    pub fn is_live(&self) -> bool {
        matches!(self, Source::Live(_))
    }
}
