//! Temporal and numeric expressions (DATE, TIME, MONEY, PERCENT, CARDINAL...).
//!
//! Placeholder on the `ner` branch so it compiles; the lead's rule-based version replaces it.

use crate::segment::Document;
use crate::Entity;

/// Finds temporal and numeric expressions.
pub fn find(doc: &Document) -> Vec<Entity> {
    let _ = doc;
    Vec::new()
}
