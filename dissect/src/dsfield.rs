//! The Differentiated Services field (RFC 2474 §3) and its ECN bits (RFC 3168 §5): IPv4's
//! second octet, IPv6's Traffic Class. The code points' names are Wireshark's, shared by both
//! headers' rows.

use crate::field::Value;
use crate::format::Sink;

/// DSCP names (RFC 2474 §4.2.2.1 class selectors, RFC 2597 assured forwarding, RFC 3246
/// expedited forwarding, RFC 5865 voice admit, RFC 8622 lower effort), as tshark labels them.
pub static DSCP_VALS: &[(u64, &str)] = &[
    (0, "Default"),
    (1, "Lower Effort"),
    (8, "Class Selector 1"),
    (10, "Assured Forwarding 11"),
    (12, "Assured Forwarding 12"),
    (14, "Assured Forwarding 13"),
    (16, "Class Selector 2"),
    (18, "Assured Forwarding 21"),
    (20, "Assured Forwarding 22"),
    (22, "Assured Forwarding 23"),
    (24, "Class Selector 3"),
    (26, "Assured Forwarding 31"),
    (28, "Assured Forwarding 32"),
    (30, "Assured Forwarding 33"),
    (32, "Class Selector 4"),
    (34, "Assured Forwarding 41"),
    (36, "Assured Forwarding 42"),
    (38, "Assured Forwarding 43"),
    (40, "Class Selector 5"),
    (44, "Voice Admit"),
    (46, "Expedited Forwarding"),
    (48, "Class Selector 6"),
    (56, "Class Selector 7"),
];

/// The same code points' short names, for the field's summary ("DSCP: AF11").
static DSCP_SHORT: &[(u64, &str)] = &[
    (0, "CS0"),
    (1, "LE"),
    (8, "CS1"),
    (10, "AF11"),
    (12, "AF12"),
    (14, "AF13"),
    (16, "CS2"),
    (18, "AF21"),
    (20, "AF22"),
    (22, "AF23"),
    (24, "CS3"),
    (26, "AF31"),
    (28, "AF32"),
    (30, "AF33"),
    (32, "CS4"),
    (34, "AF41"),
    (36, "AF42"),
    (38, "AF43"),
    (40, "CS5"),
    (44, "VOICE-ADMIT"),
    (46, "EF PHB"),
    (48, "CS6"),
    (56, "CS7"),
];

/// ECN code points (RFC 3168 §5), as tshark labels them.
pub static ECN_VALS: &[(u64, &str)] = &[
    (0, "Not ECN-Capable Transport"),
    (1, "ECN-Capable Transport codepoint '01'"),
    (2, "ECN-Capable Transport codepoint '10'"),
    (3, "Congestion Experienced"),
];
static ECN_SHORT: [&str; 4] = ["Not-ECT", "ECT(1)", "ECT(0)", "CE"];

/// `-V` text of the whole octet: "0x2e (DSCP: AF11, ECN: ECT(0))".
pub fn summary(v: &Value, out: &mut dyn Sink) {
    let ds = v.as_uint().unwrap_or(0) & 0xff;
    crate::format::write_hex_num(out, ds, 2);
    out.push_str(" (DSCP: ");
    out.push_str(DSCP_SHORT.iter().find(|&&(c, _)| c == ds >> 2).map_or("Unknown", |&(_, n)| n));
    out.push_str(", ECN: ");
    out.push_str(ECN_SHORT[(ds & 3) as usize]);
    out.push(')');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(ds: u64) -> String {
        let mut s = String::new();
        summary(&Value::Uint(ds), &mut s);
        s
    }

    /// tshark 4.0's words for a few octets, as `tshark -V` shows them (a review found EF and
    /// VA named wrong: tshark says "EF PHB" and "VOICE-ADMIT").
    #[test]
    fn summaries_read_as_tshark_writes_them() {
        assert_eq!(text(0x00), "0x00 (DSCP: CS0, ECN: Not-ECT)");
        assert_eq!(text(0x07), "0x07 (DSCP: LE, ECN: CE)");
        assert_eq!(text(0x0a), "0x0a (DSCP: Unknown, ECN: ECT(0))");
        assert_eq!(text(0x29), "0x29 (DSCP: AF11, ECN: ECT(1))");
        assert_eq!(text(0xb8), "0xb8 (DSCP: EF PHB, ECN: Not-ECT)");
        assert_eq!(text(0xb1), "0xb1 (DSCP: VOICE-ADMIT, ECN: ECT(1))");
    }

    /// Every short name has its long name and the other way round.
    #[test]
    fn the_tables_name_the_same_code_points() {
        let long: Vec<u64> = DSCP_VALS.iter().map(|v| v.0).collect();
        let short: Vec<u64> = DSCP_SHORT.iter().map(|v| v.0).collect();
        assert_eq!(long, short);
    }
}
