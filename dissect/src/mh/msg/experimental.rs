//! Experimental Mobility Header (11, RFC 5096 §3): message data to the end of the header, no
//! options.
//!
//! ```text
//! 11 EMH   (RFC 5096)         | Message Data ... (to the end; no options) |
//! ```

use super::{extend_msg_node, Body};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Value};
use crate::mh::MhEmitError;
use crate::mh::MsgCtx;
use crate::tree::Tree;

// Wireshark files both the Experimental Mobility Header's data (MH 11) and the Experimental
// Mobility Option's data (option 18) under `mip6.em.data`; the option module registers it.
use crate::mh::opt::generic::EM_DATA as EMH_DATA;

/// RFC 5096: the message data runs to the end of the header and carries no options.
fn emh(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let end = c.mh_end.min(t.data.len());
    if end > c.body {
        t.add(&EMH_DATA, c.body, end - c.body, Value::Bytes);
        extend_msg_node(t, c, end);
    }
    t.append_info(format_args!(" ({} bytes)", c.mh_end.saturating_sub(c.body)));
    if c.mh_end > end {
        return Err(end);
    }
    Ok(c.mh_end)
}

/// An Experimental Mobility Header, owned: its message data, to the end of the header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Emh {
    pub data: Vec<u8>,
}

impl Body for Emh {
    const MIN_LEN: usize = 0;
    fn parse_body(_mh_type: u8, i: &[u8]) -> Option<(Self, usize)> {
        Some((Emh { data: i.to_vec() }, i.len()))
    }
    fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
        out.extend_from_slice(&self.data);
        Ok(())
    }
}

msg_rows! {
    ExperimentalMobilityHeader => Emh by emh,
}

pub static FIELDS: &[&FieldDef] = &[];
pub static EXPERTS: &[&ExpertDef] = &[];
