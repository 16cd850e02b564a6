//! Replay engine, conformance rules and reference responder.
//!
//! Not built yet: this crate is a workspace member so that the layout is fixed from the start.
#![forbid(unsafe_code)]
