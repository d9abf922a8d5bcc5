//! Stage 3: quotation marks paired into direct and partial quotations.

use crate::segment::Document;
use crate::Quote;

/// Finds the quotations of a document (without attributions; stage 4 links them).
pub fn find(doc: &Document) -> Vec<Quote> {
    let _ = doc;
    Vec::new()
}
