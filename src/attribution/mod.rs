//! Stage 4: attributions (PolNeAR's source, cue and content), source kinds, speakers of quotations,
//! article furniture and a summary.
//!
//! Submodules, one job each:
//! - [`lexicon`]: reporting verbs and closed word classes;
//! - [`cues`]: cues found in a sentence, with their source and content spans;
//! - [`kinds`]: the kind of a source (person, official, state media, ...);
//! - [`furniture`]: headline, byline, dateline, credits, captions;
//! - [`speakers`]: quotations linked to attributions, sources resolved to entity clusters;
//! - [`summary`]: per-speaker quotations, counts per source kind, shares;
//! - [`eval`]: scoring against the PolNeAR corpus.
//!
//! ```
//! let a = article_analyzer::analyze("“We will not back down,” the minister told Reuters on Tuesday.");
//! let at = &a.attributions[a.quotes[0].attribution.unwrap()];
//! assert_eq!(at.source_kind, Some(article_analyzer::SourceKind::Official));
//! ```

pub mod cues;
pub mod eval;
pub mod furniture;
pub mod kinds;
pub mod lexicon;
pub mod speakers;
pub mod summary;

use crate::segment::Document;
use crate::{Attribution, Cluster, Entity, Furniture, Quote};

pub use summary::Summary;

/// Finds byline, dateline, credits, captions and headline.
pub fn furniture(doc: &Document) -> Vec<Furniture> {
    furniture::find(doc)
}

/// Finds attributions, links quotations to them (dropping scare quotes and titles, setting each
/// quotation's kind) and resolves speakers to entity clusters.
/// Also returns the [`Summary`].
pub fn find(doc: &Document, entities: &[Entity], clusters: &[Cluster], quotes: &mut Vec<Quote>, furniture: &[Furniture]) -> (Vec<Attribution>, Summary) {
    let mut found = cues::find(doc, quotes, furniture);
    speakers::link_quotes(doc, &mut found, quotes);
    speakers::resolve(doc, entities, clusters, &mut found);
    let summary = summary::compute(doc, &found, quotes, clusters, furniture);
    (found.into_iter().map(|f| f.attribution).collect(), summary)
}
