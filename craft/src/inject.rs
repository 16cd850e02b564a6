//! Sending crafted frames on an interface through libpcap (the `pcap` crate's `sendpacket`).
//!
//! A frame is sent as built, link layer included, so the interface's link type must be the
//! frame's (an Ethernet frame on an Ethernet device, a raw IP frame on a raw one): the injector
//! checks it and refuses rather than send octets the other side would misread.

use std::time::Duration;

/// An open interface to send on.
pub struct Injector {
    cap: pcap::Capture<pcap::Active>,
    name: String,
    linktype: u32,
}

impl Injector {
    /// Opens `iface` for sending.
    pub fn open(iface: &str) -> Result<Injector, String> {
        let cap = pcap::Capture::from_device(iface)
            .and_then(|c| c.immediate_mode(true).snaplen(65535).open())
            .map_err(|e| format!("{iface}: {e}"))?;
        let linktype = cap.get_datalink().0 as u32;
        Ok(Injector { cap, name: iface.to_string(), linktype })
    }

    /// The interface's link type.
    pub fn linktype(&self) -> u32 {
        self.linktype
    }

    /// Sends one frame of link type `linktype`.
    pub fn send(&mut self, linktype: u32, frame: &[u8]) -> Result<(), String> {
        if linktype != self.linktype {
            return Err(format!("{}: link type {} cannot carry a frame of link type {linktype}", self.name, self.linktype));
        }
        self.cap.sendpacket(frame).map_err(|e| format!("{}: {e}", self.name))
    }

    /// Sends every frame `count` times over, `interval` apart (nothing waited after the last).
    pub fn send_all(&mut self, frames: &[(u32, Vec<u8>)], count: u64, interval: Duration) -> Result<u64, String> {
        let mut sent = 0;
        for round in 0..count {
            for (i, (lt, f)) in frames.iter().enumerate() {
                if (round > 0 || i > 0) && !interval.is_zero() {
                    std::thread::sleep(interval);
                }
                self.send(*lt, f)?;
                sent += 1;
            }
        }
        Ok(sent)
    }
}
