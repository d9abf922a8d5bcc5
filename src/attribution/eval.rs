//! Scoring against PolNeAR (Newell et al., LREC 2018): cue, source and content spans, exact and
//! overlap matching, on all attributions and on the speech-and-sourcing subset.
//!
//! - Data: `DIR/SPLIT/text/NAME.txt` and `DIR/SPLIT/attributions/NAME_ANNOTATOR.ann` (brat standoff,
//!   offsets in Unicode code points, converted here to UTF-8 bytes). Articles with two annotators
//!   are scored against the first annotation file in alphabetical order.
//! - A discontinuous span (`T3 Content 10 20;25 40`) is scored as its cover (10 to 40).
//! - Subset: an attribution (gold or predicted) is in the speech-and-sourcing subset when its cue
//!   contains a speech-class reporting verb of `data/reporting_verbs.txt` (say, tell, add, report,
//!   announce, state, claim, deny, write, tweet, ...) or "according to" (see
//!   [`super::lexicon::is_speech_cue`]); beliefs and attitudes ("thinks", "wants", "see") are out.
//! - Predicted attributions without a cue (the outlet in "in a report seen by X") are not scored.
//! - Matching: spans are trimmed of surrounding whitespace; exact = same start and end; overlap =
//!   at least one shared byte. Each gold span matches at most one predicted span (greedy, in
//!   order). Precision = matched predictions / predictions, recall = matched gold / gold.

use std::path::Path;

use super::lexicon::is_speech_cue;
use crate::Span;

/// One attribution's spans (any may be missing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spans {
    pub cue: Option<Span>,
    pub source: Option<Span>,
    pub content: Option<Span>,
}

/// An article with its gold attributions.
#[derive(Clone, Debug)]
pub struct Article {
    pub name: String,
    pub text: String,
    pub gold: Vec<Spans>,
}

/// Converts code-point offsets to byte offsets.
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// Parses a brat `.ann` file into attributions (spans in bytes of `text`).
pub fn parse_ann(ann: &str, text: &str) -> Vec<Spans> {
    let bytes = byte_offsets(text);
    let to_byte = |cp: usize| bytes.get(cp).copied().unwrap_or(text.len());
    let mut spans: std::collections::HashMap<&str, (String, Span)> = std::collections::HashMap::new();
    let mut links = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else { continue };
        if id.starts_with('T') {
            let Some((kind, ranges)) = body.split_once(' ') else { continue };
            let mut lo = usize::MAX;
            let mut hi = 0;
            for r in ranges.split(';') {
                let mut it = r.split_whitespace().filter_map(|n| n.parse::<usize>().ok());
                if let (Some(a), Some(b)) = (it.next(), it.next()) {
                    lo = lo.min(a);
                    hi = hi.max(b);
                }
            }
            if lo <= hi {
                spans.insert(id, (kind.to_string(), Span::new(to_byte(lo), to_byte(hi))));
            }
        } else if id.starts_with('E') {
            links.push(body);
        }
    }
    let mut out = Vec::new();
    for body in links {
        let mut s = Spans::default();
        for part in body.split_whitespace() {
            let Some((role, tid)) = part.split_once(':') else { continue };
            let span = spans.get(tid).map(|(_, sp)| *sp);
            match role {
                "Cue" => s.cue = span,
                "Source" => s.source = span,
                "Content" => s.content = span,
                _ => {}
            }
        }
        out.push(s);
    }
    out
}

/// Loads a split: one annotation file per article (the first alphabetically).
pub fn load(dir: &Path, split: &str) -> std::io::Result<Vec<Article>> {
    let ann_dir = dir.join(split).join("attributions");
    let mut files: Vec<String> = std::fs::read_dir(&ann_dir)?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".ann")).collect();
    files.sort();
    let mut out: Vec<Article> = Vec::new();
    for f in files {
        let stem = &f[..f.len() - 4];
        let Some((name, _annotator)) = stem.rsplit_once('_') else { continue };
        if out.last().is_some_and(|a| a.name == name) {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(split).join("text").join(format!("{name}.txt")))?;
        let ann = std::fs::read_to_string(ann_dir.join(&f))?;
        let gold = parse_ann(&ann, &text);
        out.push(Article { name: name.to_string(), text, gold });
    }
    Ok(out)
}

/// Counts for one span type.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub predicted: usize,
    pub gold: usize,
    pub matched: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 0.0 } else { self.matched as f64 / self.predicted as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.matched as f64 / self.gold as f64 }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// Scores of one subset: `[cue, source, content]` for exact and overlap matching.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    pub exact: [Counts; 3],
    pub overlap: [Counts; 3],
}

/// A span without its surrounding whitespace, as every score compares spans.
pub fn trim(text: &str, s: Span) -> Span {
    let t = s.slice(text);
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    Span::new(s.start + lead, s.end.saturating_sub(trail))
}

/// Greedy one-to-one matching; returns the number of matched pairs.
fn matched(pred: &[Span], gold: &[Span], exact: bool) -> usize {
    let mut used = vec![false; gold.len()];
    let mut n = 0;
    for p in pred {
        let hit = gold.iter().enumerate().position(|(i, g)| !used[i] && if exact { g == p } else { g.overlaps(*p) });
        if let Some(i) = hit {
            used[i] = true;
            n += 1;
        }
    }
    n
}

/// Adds one article's counts to `scores`.
pub fn score_article(text: &str, gold: &[Spans], pred: &[Spans], speech_only: bool, scores: &mut Scores) {
    let keep = |s: &&Spans| s.cue.is_some() && (!speech_only || s.cue.is_some_and(|c| is_speech_cue(c.slice(text))));
    let gold: Vec<&Spans> = gold.iter().filter(keep).collect();
    let pred: Vec<&Spans> = pred.iter().filter(keep).collect();
    for (k, get) in [|s: &Spans| s.cue, |s: &Spans| s.source, |s: &Spans| s.content].iter().enumerate() {
        let g: Vec<Span> = gold.iter().filter_map(|s| get(s)).map(|s| trim(text, s)).filter(|s| !s.is_empty()).collect();
        let p: Vec<Span> = pred.iter().filter_map(|s| get(s)).map(|s| trim(text, s)).filter(|s| !s.is_empty()).collect();
        for (counts, exact) in [(&mut scores.exact[k], true), (&mut scores.overlap[k], false)] {
            counts.gold += g.len();
            counts.predicted += p.len();
            counts.matched += matched(&p, &g, exact);
        }
    }
}

/// The predicted spans of an analysis.
pub fn predicted(a: &crate::Analysis) -> Vec<Spans> {
    a.attributions.iter().map(|at| Spans { cue: at.cue, source: at.source, content: at.content }).collect()
}

/// Scores every article: `(all, speech_and_sourcing)`.
pub fn evaluate(articles: &[Article]) -> (Scores, Scores) {
    let mut all = Scores::default();
    let mut speech = Scores::default();
    for art in articles {
        let a = crate::analyze(&art.text);
        let pred = predicted(&a);
        score_article(&art.text, &art.gold, &pred, false, &mut all);
        score_article(&art.text, &art.gold, &pred, true, &mut speech);
    }
    (all, speech)
}

/// Up to `n` speech-subset gold attributions whose cue, source or content the prediction misses
/// exactly, with the prediction for the same cue, for error analysis.
pub fn mismatches(articles: &[Article], n: usize) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for art in articles {
        let a = crate::analyze(&art.text);
        let pred = predicted(&a);
        let t = |s: Option<Span>| s.map(|s| trim(&art.text, s).slice(&art.text).replace('\n', " ")).unwrap_or_default();
        for g in art.gold.iter().filter(|g| g.cue.is_some_and(|c| is_speech_cue(c.slice(&art.text)))) {
            if shown >= n {
                return out;
            }
            let p = pred.iter().find(|p| p.cue.zip(g.cue).is_some_and(|(a, b)| a.overlaps(b)));
            let same = p.is_some_and(|p| t(p.source) == t(g.source) && t(p.content) == t(g.content) && t(p.cue) == t(g.cue));
            if same {
                continue;
            }
            shown += 1;
            out.push_str(&format!("{}\n  gold: [{}] <{}> {{{}}}\n", art.name, t(g.source), t(g.cue), t(g.content)));
            match p {
                Some(p) => out.push_str(&format!("  pred: [{}] <{}> {{{}}}\n", t(p.source), t(p.cue), t(p.content))),
                None => out.push_str(&format!("  pred: none in ...{}...\n", g.cue.map(|c| context(&art.text, c)).unwrap_or_default())),
            }
        }
        for p in pred.iter().filter(|p| p.cue.is_some_and(|c| is_speech_cue(c.slice(&art.text)))) {
            if shown >= n {
                return out;
            }
            if !art.gold.iter().any(|g| g.cue.zip(p.cue).is_some_and(|(a, b)| a.overlaps(b))) {
                shown += 1;
                let ctx = p.cue.map(|c| context(&art.text, c));
                out.push_str(&format!("{}\n  false: [{}] <{}> in ...{}...\n", art.name, t(p.source), t(p.cue), ctx.unwrap_or_default()));
            }
        }
    }
    out
}

/// The text around a cue, on one line.
fn context(text: &str, c: Span) -> String {
    c.widen(text, 80, 60).slice(text).replace('\n', " ")
}

/// A printable table of scores.
pub fn table(title: &str, s: &Scores) -> String {
    let mut out = format!("{title}\n  {:<8} {:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n", "span", "match", "P", "R", "F1", "pred", "gold", "hit");
    for (k, name) in ["cue", "source", "content"].iter().enumerate() {
        for (m, c) in [("exact", s.exact[k]), ("overlap", s.overlap[k])] {
            out.push_str(&format!("  {:<8} {:<8} {:>6.3} {:>6.3} {:>6.3} {:>7} {:>7} {:>7}\n", name, m, c.precision(), c.recall(), c.f1(), c.predicted, c.gold, c.matched));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_offsets_are_code_points() {
        let text = "é “Hi,” Kim said.";
        let ann = "T1\tSource 8 11\tKim\nT2\tCue 12 16\tsaid\nT3\tContent 2 7\t“Hi,”\nE1\tAttribution:T2 Cue:T2 Source:T1 Content:T3\n";
        let g = parse_ann(ann, text);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].source.map(|s| s.slice(text)), Some("Kim"));
        assert_eq!(g[0].content.map(|s| s.slice(text)), Some("“Hi,”"));
    }

    #[test]
    fn scoring_exact_and_overlap() {
        let text = "“Hi,” Kim said. He thinks so.";
        let at = |needle: &str| text.find(needle).map(|i| Span::new(i, i + needle.len()));
        let g = vec![
            Spans { cue: at("said"), source: at("Kim"), content: at("“Hi,”") },
            Spans { cue: at("thinks"), source: at("He"), content: at("so") },
        ];
        let p = vec![Spans { cue: at("said"), source: at("Kim said"), content: None }];
        let mut s = Scores::default();
        score_article(text, &g, &p, true, &mut s);
        assert_eq!(s.exact[0], Counts { predicted: 1, gold: 1, matched: 1 });
        assert_eq!(s.exact[1].matched, 0);
        assert_eq!(s.overlap[1].matched, 1);
        assert_eq!(s.overlap[2], Counts { predicted: 0, gold: 1, matched: 0 });
    }
}
