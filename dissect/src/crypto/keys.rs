//! The keys a user gives for verification: a keys file in the manner of Wireshark's UAT
//! tables (`-o mip6.keys_file:PATH`), one key per line, comma-separated fields, each field
//! optionally in double quotes, `#` starting a comment:
//!
//! ```text
//! # kind, fields...
//! kcn, <correspondent address>, <20 octets hex>                    RFC 6275 §5.2.3
//! nonce, <correspondent address>, <nonce index>, <nonce hex>       §5.2.2
//! home_token, <correspondent>, <home address>, <nonce index>, <8 octets hex>
//! care_of_token, <correspondent>, <care-of address>, <nonce index>, <8 octets hex>
//! permanent_token, <correspondent>, <home address>, <8 octets hex>   seed 004 §3.5 (RFC 4866)
//! handover_token, <correspondent>, <home address>, <8 octets hex>    seed 004 §3.4, §8.3
//! spi, <SPI (decimal or 0x hex)>, <hmac-md5 | prefix-suffix-md5>, <key hex>   RFC 5944 §3.5
//! ```
//!
//! A keygen token comes from a `*_token` line when there is one, else from the correspondent's
//! Kcn and the nonce its index names. A correspondent's address is the one the HoT/CoT come
//! from (its home address when it is itself mobile). The tables are small (a lab's keys), read
//! once; lookups are linear. Keys are never formatted: `Debug` prints how many there are.

use super::mip4::Algorithm;
use super::rr::{self, Kcn, Token};
use crate::tree::TokenLesson;
use std::fmt;
use std::net::IpAddr;

/// Whether a token is a home or a care-of keygen token, or one of the home keygen tokens a
/// correspondent gives a proxy mobile agent in a proxy BA (seed 004: the permanent token of
/// RFC 4866 and the handover token of §8.3), which are named by the home address alone (nonce
/// index 0: §3.5 sets the home nonce index to zero when they are used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Home,
    CareOf,
    Permanent,
    Handover,
}

/// Every key of a keys file.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Keys {
    kcn: Vec<([u8; 16], Kcn)>,
    nonces: Vec<([u8; 16], u16, Vec<u8>)>,
    tokens: Vec<TokenLesson>,
    spis: Vec<(u32, Algorithm, Vec<u8>)>,
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Keys {{ {} Kcn, {} nonces, {} tokens, {} SPIs }}",
            self.kcn.len(),
            self.nonces.len(),
            self.tokens.len(),
            self.spis.len()
        )
    }
}

/// Splits a UAT line into its fields: commas separate, double quotes may enclose a field.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

fn hex(s: &str) -> Option<Vec<u8>> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    let s: String = s.chars().filter(|c| *c != ':').collect();
    if !s.len().is_multiple_of(2) || s.is_empty() {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| s.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect()
}

/// An IPv6 address, or an IPv4 one as its mapped form (the tables key by 16 octets).
fn addr(s: &str) -> Option<[u8; 16]> {
    match s.parse::<IpAddr>().ok()? {
        IpAddr::V6(a) => Some(a.octets()),
        IpAddr::V4(a) => Some(a.to_ipv6_mapped().octets()),
    }
}

fn number(s: &str) -> Option<u32> {
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16).ok(),
        None => s.parse().ok(),
    }
}

impl Keys {
    /// Reads a keys file.
    pub fn load(path: &str) -> Result<Keys, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("keys file {path}: {e}"))?;
        Keys::parse(&text).map_err(|e| format!("keys file {path}: {e}"))
    }

    /// Parses the text of a keys file; an error names the line and what is wrong with it.
    pub fn parse(text: &str) -> Result<Keys, String> {
        let mut k = Keys::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let f = fields(line);
            let f: Vec<&str> = f.iter().map(String::as_str).collect();
            let bad = |what: &str| format!("line {}: {what}", n + 1);
            match f.as_slice() {
                ["kcn", cn, key] => {
                    let cn = addr(cn).ok_or_else(|| bad("bad correspondent address"))?;
                    let key =
                        hex(key).and_then(|b| Kcn::try_from(b).ok()).ok_or_else(|| bad("Kcn is 20 octets (40 hex digits)"))?;
                    k.kcn.push((cn, key));
                }
                ["nonce", cn, index, nonce] => {
                    let cn = addr(cn).ok_or_else(|| bad("bad correspondent address"))?;
                    let index = index.parse().map_err(|_| bad("bad nonce index (0-65535)"))?;
                    let nonce = hex(nonce).ok_or_else(|| bad("bad nonce (hex)"))?;
                    k.nonces.push((cn, index, nonce));
                }
                [kind @ ("home_token" | "care_of_token"), cn, a, index, token] => {
                    let kind = if *kind == "home_token" { TokenKind::Home } else { TokenKind::CareOf };
                    let cn = addr(cn).ok_or_else(|| bad("bad correspondent address"))?;
                    let a = addr(a).ok_or_else(|| bad("bad address"))?;
                    let index = index.parse().map_err(|_| bad("bad nonce index (0-65535)"))?;
                    let token = hex(token)
                        .and_then(|b| Token::try_from(b).ok())
                        .ok_or_else(|| bad("a keygen token is 8 octets (16 hex digits)"))?;
                    k.tokens.push(TokenLesson { kind, cn, addr: a, index, token });
                }
                [kind @ ("permanent_token" | "handover_token"), cn, a, token] => {
                    let kind = if *kind == "permanent_token" { TokenKind::Permanent } else { TokenKind::Handover };
                    let cn = addr(cn).ok_or_else(|| bad("bad correspondent address"))?;
                    let a = addr(a).ok_or_else(|| bad("bad home address"))?;
                    let token = hex(token)
                        .and_then(|b| Token::try_from(b).ok())
                        .ok_or_else(|| bad("a keygen token is 8 octets (16 hex digits)"))?;
                    k.tokens.push(TokenLesson { kind, cn, addr: a, index: 0, token });
                }
                ["spi", spi, alg, key] => {
                    let spi = number(spi).ok_or_else(|| bad("bad SPI"))?;
                    let alg = match *alg {
                        "hmac-md5" => Algorithm::HmacMd5,
                        "prefix-suffix-md5" => Algorithm::PrefixSuffixMd5,
                        _ => return Err(bad("algorithm is hmac-md5 or prefix-suffix-md5")),
                    };
                    let key = hex(key).ok_or_else(|| bad("bad key (hex)"))?;
                    k.spis.push((spi, alg, key));
                }
                [kind, ..] => {
                    return Err(bad(&format!(
                        "'{kind}' with {} fields: expected kcn,CN,KEY | nonce,CN,INDEX,NONCE | \
                         home_token|care_of_token,CN,ADDRESS,INDEX,TOKEN | \
                         permanent_token|handover_token,CN,HOME,TOKEN | spi,SPI,ALGORITHM,KEY",
                        f.len()
                    )))
                }
                [] => {}
            }
        }
        Ok(k)
    }

    pub fn is_empty(&self) -> bool {
        self.kcn.is_empty() && self.nonces.is_empty() && self.tokens.is_empty() && self.spis.is_empty()
    }

    /// The keygen token of `kind` that correspondent `cn` gave address `addr` under nonce
    /// `index`: a token line, or the one Kcn and the nonce make (§5.2.5).
    pub fn token(&self, kind: TokenKind, cn: &[u8; 16], addr: &[u8; 16], index: u16) -> Option<Token> {
        if let Some(t) = self.tokens.iter().rev().find(|t| t.kind == kind && &t.cn == cn && &t.addr == addr && t.index == index) {
            return Some(t.token);
        }
        let kcn = self.kcn.iter().rev().find(|k| &k.0 == cn)?;
        let nonce = self.nonces.iter().rev().find(|n| &n.0 == cn && n.1 == index)?;
        match kind {
            TokenKind::Home => Some(rr::home_keygen_token(&kcn.1, addr, &nonce.2)),
            TokenKind::CareOf => Some(rr::care_of_keygen_token(&kcn.1, addr, &nonce.2)),
            // Drawn at random by the correspondent (RFC 4866 §4.3.3): no Kcn makes them.
            TokenKind::Permanent | TokenKind::Handover => None,
        }
    }

    /// The algorithm and key of a Mobile IPv4 security association.
    pub fn spi(&self, spi: u32) -> Option<(Algorithm, &[u8])> {
        self.spis.iter().rev().find(|s| s.0 == spi).map(|s| (s.1, s.2.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_and_derives_tokens() {
        let text = "# lab keys\n\
            \"kcn\",\"2001:db8:cccc::2\",\"0102030405060708090a0b0c0d0e0f1011121314\"\n\
            nonce, 2001:db8:cccc::2, 1, 0001020304050607\n\
            care_of_token,2001:db8:cccc::2,2001:db8:bbbb::1,2,9a5de1e63dd567f4 # from a CoT\n\
            spi,0x100,hmac-md5,6b6579\n";
        let k = Keys::parse(text).unwrap();
        let cn = addr("2001:db8:cccc::2").unwrap();
        // reference.md §5.4's home keygen token, from Kcn and the nonce.
        let home = k.token(TokenKind::Home, &cn, &addr("2001:db8:aaaa::1").unwrap(), 1).unwrap();
        assert_eq!(home.to_vec(), hex("07e524c4f5890391").unwrap());
        let coa = k.token(TokenKind::CareOf, &cn, &addr("2001:db8:bbbb::1").unwrap(), 2).unwrap();
        assert_eq!(coa.to_vec(), hex("9a5de1e63dd567f4").unwrap());
        assert_eq!(k.token(TokenKind::CareOf, &cn, &addr("2001:db8:bbbb::1").unwrap(), 3), None);
        assert_eq!(k.spi(256), Some((Algorithm::HmacMd5, &b"key"[..])));
        assert_eq!(k.spi(257), None);
        // Keys are never printed.
        assert_eq!(format!("{k:?}"), "Keys { 1 Kcn, 1 nonces, 1 tokens, 1 SPIs }");
    }

    /// Seed 004's permanent and handover tokens: named by correspondent and home address (index
    /// 0), never derived from a Kcn (the correspondent draws them at random).
    #[test]
    fn permanent_and_handover_tokens() {
        let text = "kcn,2001:db8:3::1,0102030405060708090a0b0c0d0e0f1011121314\n\
            nonce,2001:db8:3::1,0,0001020304050607\n\
            permanent_token, 2001:db8:3::1, 2001:db8:1::100, 1111111111111111\n\
            handover_token, 2001:db8:3::1, 2001:db8:1::100, 2222222222222222\n";
        let k = Keys::parse(text).unwrap();
        let (cn, hoa) = (addr("2001:db8:3::1").unwrap(), addr("2001:db8:1::100").unwrap());
        assert_eq!(k.token(TokenKind::Permanent, &cn, &hoa, 0), Some([0x11; 8]));
        assert_eq!(k.token(TokenKind::Handover, &cn, &hoa, 0), Some([0x22; 8]));
        let other = addr("2001:db8:1::101").unwrap();
        assert_eq!(k.token(TokenKind::Handover, &cn, &other, 0), None, "no Kcn derivation for them");
        assert!(k.token(TokenKind::Home, &cn, &other, 0).is_some(), "a home token still derives");
        assert!(Keys::parse("handover_token,2001:db8::1,2001:db8::2,00").unwrap_err().contains("8 octets"));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(Keys::parse("\n\nkcn,2001:db8::1,00\n").unwrap_err(), "line 3: Kcn is 20 octets (40 hex digits)");
        assert!(Keys::parse("spi,1,sha9,00").unwrap_err().starts_with("line 1: algorithm"));
        assert!(Keys::parse("bogus,1").unwrap_err().starts_with("line 1: 'bogus' with 2 fields"));
        assert!(Keys::parse("nonce,zz,1,00").is_err());
        assert!(Keys::parse("home_token,2001:db8::1,2001:db8::2,70000,0001020304050607").is_err());
    }
}
