//! Replay engine, conformance rules and reference responder.
//!
//! [`check`]: the conformance report of `mipscope check` (the rules themselves are checked by
//! the dissector's analysis pass, `dissect::analysis::rules`).
#![forbid(unsafe_code)]

pub mod check;
