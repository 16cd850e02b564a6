//! Preferences: every tunable number, like Wireshark's preferences, set with `-o key=value`.
//!
//! Unknown keys and unparsable values are errors, never silently ignored: a mistyped key that
//! quietly did nothing would make a user trust a decode that used the default.

use std::fmt;

/// One preference: its key, default text and what it does.
#[derive(Debug)]
pub struct PrefDef {
    pub key: &'static str,
    pub default: &'static str,
    pub help: &'static str,
}

/// Where a preference's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Default,
    CommandLine,
}

/// Every preference mipscope knows.
pub static PREFS: &[PrefDef] = &[
    PrefDef {
        key: "mip6.verify_checksum",
        default: "true",
        help: "Verify the Mobility Header checksum against the IPv6 pseudo-header (HAO/RH2 aware)",
    },
    PrefDef {
        key: "pmip6.udp_port",
        default: "5436",
        help: "UDP port carrying Mobility Headers over IPv4 (PMIPv6 IPv4 transport, RFC 5844)",
    },
    PrefDef {
        key: "ip.max_nesting",
        default: "8",
        help: "Deepest nesting of IP-in-IP tunnels and extension headers dissected (1-32)",
    },
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefError(pub String);

impl fmt::Display for PrefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PrefError {}

/// The active preference values, parsed once so dissectors read plain fields.
#[derive(Debug, Clone)]
pub struct Prefs {
    pub verify_checksum: bool,
    pub pmip6_udp_port: u16,
    pub max_nesting: u8,
    sources: Vec<Source>,
}

impl Default for Prefs {
    fn default() -> Self {
        let mut p = Prefs {
            verify_checksum: true,
            pmip6_udp_port: 5436,
            max_nesting: 8,
            sources: vec![Source::Default; PREFS.len()],
        };
        for d in PREFS {
            // Defaults are static text that must parse; a registry test checks it.
            let _ = p.apply(d.key, d.default);
        }
        p.sources = vec![Source::Default; PREFS.len()];
        p
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "on" => Some(true),
        "false" | "no" | "0" | "off" => Some(false),
        _ => None,
    }
}

impl Prefs {
    /// Applies one `key=value` setting (the `-o` syntax).
    pub fn set(&mut self, kv: &str) -> Result<(), PrefError> {
        let (k, v) = kv
            .split_once('=')
            .or_else(|| kv.split_once(':'))
            .ok_or_else(|| PrefError(format!("preference '{kv}' is not key=value")))?;
        let (k, v) = (k.trim(), v.trim());
        self.apply(k, v)?;
        if let Some(i) = PREFS.iter().position(|d| d.key == k) {
            self.sources[i] = Source::CommandLine;
        }
        Ok(())
    }

    fn apply(&mut self, k: &str, v: &str) -> Result<(), PrefError> {
        let bad = || PrefError(format!("invalid value '{v}' for preference '{k}'"));
        match k {
            "mip6.verify_checksum" => self.verify_checksum = parse_bool(v).ok_or_else(bad)?,
            "pmip6.udp_port" => self.pmip6_udp_port = v.parse().map_err(|_| bad())?,
            "ip.max_nesting" => {
                let n: u8 = v.parse().map_err(|_| bad())?;
                if !(1..=32).contains(&n) {
                    return Err(bad());
                }
                self.max_nesting = n;
            }
            _ => return Err(PrefError(format!("unknown preference '{k}' (see `mipscope prefs`)"))),
        }
        Ok(())
    }

    /// Current value of a preference as text.
    pub fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "mip6.verify_checksum" => self.verify_checksum.to_string(),
            "pmip6.udp_port" => self.pmip6_udp_port.to_string(),
            "ip.max_nesting" => self.max_nesting.to_string(),
            _ => return None,
        })
    }

    pub fn source(&self, key: &str) -> Option<Source> {
        PREFS.iter().position(|d| d.key == key).and_then(|i| self.sources.get(i).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_round_trip() {
        let p = Prefs::default();
        for d in PREFS {
            assert_eq!(p.get(d.key).as_deref(), Some(d.default), "{}", d.key);
            assert_eq!(p.source(d.key), Some(Source::Default));
        }
    }

    #[test]
    fn unknown_and_bad_values_are_errors() {
        let mut p = Prefs::default();
        assert!(p.set("no.such=1").is_err());
        assert!(p.set("pmip6.udp_port=70000").is_err());
        assert!(p.set("ip.max_nesting=0").is_err());
        assert!(p.set("justakey").is_err());
        p.set("pmip6.udp_port=6000").unwrap();
        assert_eq!(p.pmip6_udp_port, 6000);
        assert_eq!(p.source("pmip6.udp_port"), Some(Source::CommandLine));
    }
}
