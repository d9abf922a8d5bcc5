//! Stage 4: attributions (source, cue, content), source kinds, article furniture.

use crate::segment::Document;
use crate::{Attribution, Cluster, Entity, Furniture, Quote};

/// Finds byline, dateline, credits and captions.
pub fn furniture(doc: &Document) -> Vec<Furniture> {
    let _ = doc;
    Vec::new()
}

/// Finds attributions and links quotations to them.
pub fn find(doc: &Document, entities: &[Entity], clusters: &[Cluster], quotes: &mut [Quote], furniture: &[Furniture]) -> Vec<Attribution> {
    let _ = (doc, entities, clusters, quotes, furniture);
    Vec::new()
}
