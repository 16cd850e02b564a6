//! Inputs that once made a dissector misbehave (found by fuzzing, see fuzz/README.md), kept
//! as regression tests: each must dissect without panicking, with every node inside the frame.

use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;

fn check(linktype: u32, data: &[u8]) {
    let mut d = Dissection::new();
    let meta = FrameMeta { number: 1, wire_len: data.len() as u32, linktype, ..Default::default() };
    dissect::dissect_frame(&mut d, data, &meta, &Prefs::default());
    assert!(d.nodes.iter().all(|n| (n.offset + n.len) as usize <= data.len()));
    assert!(!d.experts.is_empty(), "a cut header must be reported");
}

/// SLL2 header of 16 octets (it needs 20) whose protocol is an 802.1Q tag: the VLAN layer
/// started past the end of the frame (subtraction overflow).
#[test]
fn sll2_shorter_than_its_header_with_vlan_protocol() {
    check(276, &[0x81, 0x00, 0x07, 0x00, 0x09, 0x7e, 0x00, 0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xde, 0x41]);
}

/// An Authentication Header whose Payload Length makes it 8 octets (it needs 12 for SPI and
/// Sequence Number): the Sequence Number was read past the end of the frame.
#[test]
fn ah_shorter_than_spi_and_sequence() {
    let data = [
        0x01, 0x00, 0x00, 0x00, 0x00, 0x33, 0x33, 0x33, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x77, 0x00, 0x00, 0x00, 0x25, 0x9e, 0x00, 0x0a, 0x33, 0x89, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
        0x33, 0x33, 0x33, 0x33, 0x01, 0x00, 0x00, 0x00, 0x6d, 0x0a, 0x33, 0x33, 0x58,
    ];
    // The fuzzer's first octet (0x2d) chose the link type (0x2d & 7 = 5: raw IPv6); the frame
    // is the rest.
    check(229, &data);
}

/// UDP over IPv6 with Length 0 (less than its own header) inside the captured bytes: the
/// checksum check sliced the 0-octet datagram at octet 8.
#[test]
fn udp_length_zero_over_ipv6() {
    let mut p = vec![0x60, 0, 0, 0, 0, 8, 17, 64];
    p.extend_from_slice(&[0; 32]);
    p.extend_from_slice(&[0x12, 0x34, 0x02, 0x9a, 0x00, 0x00, 0xab, 0xcd]);
    check(229, &p);
}
