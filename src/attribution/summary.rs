//! The summary of an analysis: per speaker, their direct quotations, paraphrased claims and quoted
//! words; counts per source kind; the share of sentences carrying an attribution; the share of
//! anonymous sources.

use std::collections::BTreeMap;

use serde::Serialize;

use super::cues::Found;
use super::lexicon::CueClass;
use crate::segment::Document;
use crate::{Cluster, Furniture, Quote, QuoteKind, SourceKind};

/// What one speaker said in the article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpeakerSummary {
    /// The speaker's name: the entity cluster's canonical name, else the named source phrase.
    pub name: String,
    /// The source kind (`"person"`, `"official"`, ...).
    pub kind: Option<&'static str>,
    /// Index into `clusters`, when the speaker is a known entity.
    pub cluster: Option<usize>,
    /// Direct quotations.
    pub direct: Vec<String>,
    /// Reported (paraphrased) claims.
    pub paraphrased: Vec<String>,
    /// Quoted words inside reported speech.
    pub quoted_words: Vec<String>,
}

/// Summary figures of an analysis.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Speakers in order of first appearance.
    pub speakers: Vec<SpeakerSummary>,
    /// Number of attributions per source kind (kinds with none are left out).
    pub source_kinds: BTreeMap<&'static str, usize>,
    /// Sentences of the story (outside furniture).
    pub sentences: usize,
    /// Sentences holding at least one reporting cue.
    pub attributed_sentences: usize,
    /// `attributed_sentences / sentences` (0 when there are none).
    pub attributed_share: f64,
    /// Share of attributions with a source whose kind is anonymous.
    pub anonymous_share: f64,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Computes the summary of the speech and sourcing attributions in `found`.
pub fn compute(doc: &Document, found: &[Found], quotes: &[Quote], clusters: &[Cluster], furniture: &[Furniture]) -> Summary {
    let mut s = Summary::default();
    // Sentences inside furniture (other than a dateline) are not the story's. Each furniture span
    // marks the sentences it holds, found by binary search: linear overall, however many articles.
    let mut in_furniture = vec![false; doc.sentences.len()];
    for f in furniture.iter().filter(|f| f.kind != "dateline") {
        let first = doc.sentences.partition_point(|s| s.span.start < f.span.start);
        for (i, sentence) in doc.sentences.iter().enumerate().skip(first) {
            if sentence.span.start >= f.span.end {
                break;
            }
            if f.span.contains(sentence.span) {
                in_furniture[i] = true;
            }
        }
    }
    let story: Vec<usize> = (0..doc.sentences.len()).filter(|&i| !in_furniture[i]).collect();
    s.sentences = story.len();
    let mut with_cue = vec![false; doc.sentences.len()];
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut speaker_of = vec![None; found.len()];
    for (i, f) in found.iter().enumerate() {
        if let Some(flag) = with_cue.get_mut(f.sentence) {
            *flag = true;
        }
        let Some(kind) = f.attribution.source_kind else { continue };
        if f.attribution.source.is_none() {
            continue;
        }
        *s.source_kinds.entry(kind.as_str()).or_default() += 1;
        let name = match f.attribution.speaker.and_then(|c| clusters.get(c)) {
            Some(c) => c.canonical.clone(),
            None => match f.attribution.speaker_mention {
                Some(sp) => doc.text(sp).to_string(),
                None => continue,
            },
        };
        let idx = *by_name.entry(name.clone()).or_insert_with(|| {
            s.speakers.push(SpeakerSummary { name, kind: Some(kind.as_str()), cluster: f.attribution.speaker, ..Default::default() });
            s.speakers.len() - 1
        });
        speaker_of[i] = Some(idx);
    }
    let mut has_direct = vec![false; found.len()];
    for q in quotes {
        let Some(a) = q.attribution else { continue };
        let Some(Some(sp)) = speaker_of.get(a) else { continue };
        let text = doc.text(q.span).to_string();
        match q.kind {
            QuoteKind::Direct => {
                has_direct[a] = true;
                s.speakers[*sp].direct.push(text);
            }
            _ => s.speakers[*sp].quoted_words.push(text),
        }
    }
    for (i, f) in found.iter().enumerate() {
        if let (Some(sp), Some(c), false, CueClass::Speech) = (speaker_of[i], f.attribution.content, has_direct[i], f.class) {
            s.speakers[sp].paraphrased.push(doc.text(c).to_string());
        }
    }
    s.attributed_sentences = story.iter().filter(|&&i| with_cue[i]).count();
    if s.sentences > 0 {
        s.attributed_share = round3(s.attributed_sentences as f64 / s.sentences as f64);
    }
    let sourced: usize = s.source_kinds.values().sum();
    if sourced > 0 {
        s.anonymous_share = round3(*s.source_kinds.get(SourceKind::Anonymous.as_str()).unwrap_or(&0) as f64 / sourced as f64);
    }
    s
}
