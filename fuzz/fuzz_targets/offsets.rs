//! Offset conversion: for any text and any byte offsets, each unit's offset equals the length of
//! the prefix up to that offset (moved back to a char boundary) in that unit.
#![no_main]
use article_analyzer::output::{OffsetMap, OffsetUnit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, Vec<u16>)| {
    let (text, raw) = input;
    let offsets: Vec<usize> = raw.iter().map(|&o| o as usize % (text.len() + 2)).collect();
    for unit in [OffsetUnit::Utf16, OffsetUnit::Utf8, OffsetUnit::Chars] {
        let map = OffsetMap::new(text, unit, offsets.clone());
        for &o in &offsets {
            let mut b = o.min(text.len());
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let prefix = &text[..b];
            let want = match unit {
                OffsetUnit::Utf16 => prefix.encode_utf16().count(),
                OffsetUnit::Utf8 => prefix.len(),
                OffsetUnit::Chars => prefix.chars().count(),
            };
            assert_eq!(map.get(o), want, "{unit:?} offset {o}");
        }
    }
});
