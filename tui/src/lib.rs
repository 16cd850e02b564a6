//! Terminal UI (ratatui + crossterm) for watching live mobility signalling.
//!
//! Not built yet: this crate is a workspace member so that the layout is fixed from the start.
#![forbid(unsafe_code)]
