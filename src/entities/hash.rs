//! Allocation-free string hashing shared by the lexicons and the feature extractor.
//!
//! Training and run time must compute identical feature keys, so every feature is a 64-bit hash
//! built from these functions only (no `std` hasher, whose output may change between releases).

/// FNV-1a offset basis.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a prime.
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over the bytes of `s`, finalised with a mixer.
///
/// ```
/// use article_analyzer::entities::hash::{hash_str, hash_lower};
/// assert_eq!(hash_lower("Kim"), hash_str("kim"));
/// assert_ne!(hash_str("Kim"), hash_str("kim"));
/// ```
pub fn hash_str(s: &str) -> u64 {
    finish(s.bytes().fold(FNV_OFFSET, |h, b| (h ^ b as u64).wrapping_mul(FNV_PRIME)))
}

/// Hash of the lowercase form of `s`, with ASCII digits mapped to `0` (so "1996" and "2024"
/// share features), computed without allocating.
pub fn hash_lower(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut feed = |b: u8| h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
    for c in s.chars() {
        if c.is_ascii() {
            let b = c as u8;
            feed(if b.is_ascii_digit() && b != b'0' { b'0' } else { b.to_ascii_lowercase() });
        } else {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    feed(b);
                }
            }
        }
    }
    finish(h)
}

/// Hash of the lowercase form without digit folding (for lexicon keys and exact matches).
pub fn hash_lower_exact(s: &str) -> u64 {
    finish(feed_lower(FNV_OFFSET, s))
}

/// The FNV-1a state `h` fed with the UTF-8 bytes of `s` lowercased (not finished: callers that
/// hash several parts go on from it).
pub fn feed_lower(mut h: u64, s: &str) -> u64 {
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_ascii() {
            h = (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(FNV_PRIME);
            continue;
        }
        for l in c.to_lowercase() {
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
            }
        }
    }
    h
}

/// Final avalanche (splitmix64).
#[inline]
pub fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combines two hashes (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    finish(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A hasher for keys that already are uniform 64-bit hashes: passes them through.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // Only used for non-u64 keys (none in this crate): fold the bytes.
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// Builds [`IdHasher`]s.
pub type IdBuild = std::hash::BuildHasherDefault<IdHasher>;
/// A map keyed by precomputed hashes.
pub type HashMap64<V> = std::collections::HashMap<u64, V, IdBuild>;
/// A set of precomputed hashes.
pub type HashSet64 = std::collections::HashSet<u64, IdBuild>;
