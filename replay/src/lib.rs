//! Replay engine, conformance rules and reference responder; ladder diagrams of a capture's
//! signalling ([`flow`]).
#![forbid(unsafe_code)]

pub mod flow;
