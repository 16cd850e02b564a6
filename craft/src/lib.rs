//! Builders for valid and deliberately malformed mobility packets and exchanges.
//!
//! Everything here builds values of the protocol model that the dissector parses into
//! (`dissect::stack::FrameRepr` and the elements it stacks), so a crafted frame and a dissected
//! one are the same kind of value and every field can be overridden, lengths and checksums
//! included (`dissect::model::Auto::Given`). What this crate adds is what a tester should not
//! have to assemble by hand:
//! - [`packet`]: an IPv6 packet around a message with valid defaults (Ethernet with
//!   documentation MACs, Home Address option, type 2 routing header in RFC 8200's order);
//! - [`seal`]: the Binding Authorization Data authenticator filled in from Kbm, with the addresses
//!   and octets the dissector's verifier reads (`dissect::crypto::rr::signed`);
//! - [`scenario`]: whole two-sided exchanges with timestamps and cryptography, as steps a
//!   capture writer or a replay engine consumes.
//!
//! The cryptography itself is `dissect::crypto`, re-exported here as [`crypto`].
#![forbid(unsafe_code)]

pub mod build;
pub mod edit;
pub mod fuzz;
pub mod inject;
pub mod malform;
pub mod message;
pub mod packet;
mod resize;
pub mod scenario;
pub mod seal;
pub mod spec;

pub use dissect::crypto;
