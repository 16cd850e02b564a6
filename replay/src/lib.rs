//! Replay engine, conformance rules and reference responder: the conformance report of
//! `mipscope check` ([`check`]; the rules themselves are checked by the dissector's analysis
//! pass, `dissect::analysis::rules`) and ladder diagrams of a capture's signalling ([`flow`]).
#![forbid(unsafe_code)]

pub mod check;
pub mod flow;
