//! Builders for valid and deliberately malformed mobility packets and exchanges, and injection.
//!
//! Not built yet: this crate is a workspace member so that the layout is fixed from the start.
//! The owned `Repr` types it will build on live in `dissect` (each with `emit`), so crafting
//! reuses the dissector's single description of every message.
#![forbid(unsafe_code)]
