//! Seed 003 (draft-makela-mip4-nemo-haaro-00): route optimisation between mobile routers.
//!
//! Krm = SHA1(home keygen token | care-of keygen token) (§3.2.2). The Mobile-Correspondent
//! authentication extension carries HMAC_SHA1(Krm, protected data), not truncated (20 octets:
//! `profiles.md`), where the protected data is the UDP payload up to and including the
//! extension's Type, Length, Home Nonce Index and Care-of Nonce Index (§4.7). The draft never
//! says how the correspondent router derives the tokens from Kcr ("generated from cookie +
//! nonce"), so verification starts from the tokens seen in HoT/CoT or given by the user.

use super::{hmac_sha1, sha1};

/// The registration key between two mobile routers.
pub type Krm = [u8; 20];
/// The extension's authenticator.
pub type Authenticator = [u8; 20];

/// Krm from the two keygen tokens of the exchange.
pub fn krm(home_token: &[u8; 8], care_of_token: &[u8; 8]) -> Krm {
    sha1(&[home_token, care_of_token])
}

/// The authenticator over the UDP payload `payload`, whose extension's authenticator value starts
/// at `value_at` (everything before it is protected). `None` when `value_at` lies.
pub fn authenticator(krm: &Krm, payload: &[u8], value_at: usize) -> Option<Authenticator> {
    payload.get(..value_at).map(|protected| hmac_sha1(krm, &[protected]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krm is SHA-1 of the two tokens back to back: the FIPS 180-1 "abc" message split across
    /// them is not possible (tokens are 8 octets), so the vector is SHA-1 of 16 known octets,
    /// computed with Python: hashlib.sha1(bytes(range(16))).hexdigest().
    #[test]
    fn krm_is_sha1_of_both_tokens() {
        let h: [u8; 8] = core::array::from_fn(|i| i as u8);
        let c: [u8; 8] = core::array::from_fn(|i| i as u8 + 8);
        let hex = "56178b86a57fac22899a9964185c2cc96e7da589";
        let want: Vec<u8> = (0..40).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
        assert_eq!(krm(&h, &c).to_vec(), want);
    }

    #[test]
    fn protected_data_ends_at_the_value() {
        let k = [7; 20];
        let payload = [1u8, 2, 3, 4, 5, 6];
        assert_eq!(authenticator(&k, &payload, 4), Some(hmac_sha1(&k, &[&payload[..4]])));
        assert_eq!(authenticator(&k, &payload, 7), None);
    }
}
