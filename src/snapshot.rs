//! Caret drawings of an analysis, for fixtures a reviewer can read:
//!
//! ```text
//! “We will not back down,” the minister told Reuters on Tuesday.
//! ^^^^^^^^^^^^^^^^^^^^^^^^ quote: direct, speaker "the minister"
//!                          ^^^^^^^^^^^^ source: official
//!                                       ^^^^ cue
//!                                            ^^^^^^^ ORG
//!                                                       ^^^^^^^ DATE
//! ```
//!
//! Each line of the text is followed by one caret line per finding that starts on it, in order of
//! start offset; a finding that runs past the end of the line is drawn to the line's end with `~`
//! at its end. Columns count Unicode scalar values.

use crate::{Analysis, Span};

/// One drawable finding.
struct Mark {
    span: Span,
    order: u8,
    label: String,
}

/// Which layers to draw.
#[derive(Clone, Copy, Debug)]
pub struct Layers {
    pub entities: bool,
    pub quotes: bool,
    pub attributions: bool,
    /// Draw attribution contents (long; off by default).
    pub contents: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Layers { entities: true, quotes: true, attributions: true, contents: false }
    }
}

fn marks(text: &str, a: &Analysis, layers: Layers) -> Vec<Mark> {
    let mut out = Vec::new();
    if layers.quotes {
        for q in &a.quotes {
            let mut label = format!("quote: {}", q.kind.as_str());
            if let Some(at) = q.attribution.and_then(|i| a.attributions.get(i)) {
                if let Some(src) = at.source {
                    label.push_str(&format!(", speaker \"{}\"", src.slice(text)));
                    // A pronoun, surname or role resolved to an earlier mention: "he" = "Kim Yo Jong".
                    if let Some(m) = at.speaker_mention.filter(|m| !src.contains(*m)) {
                        label.push_str(&format!(" = \"{}\"", m.slice(text)));
                    }
                }
            }
            out.push(Mark { span: q.span, order: 0, label });
        }
    }
    if layers.attributions {
        for at in &a.attributions {
            if let Some(s) = at.source {
                let kind = at.source_kind.map(|k| k.as_str()).unwrap_or("unknown");
                out.push(Mark { span: s, order: 1, label: format!("source: {kind}") });
            }
            if let Some(c) = at.cue {
                out.push(Mark { span: c, order: 2, label: "cue".into() });
            }
            if layers.contents {
                if let Some(c) = at.content {
                    out.push(Mark { span: c, order: 3, label: "content".into() });
                }
            }
        }
    }
    if layers.entities {
        for e in &a.entities {
            out.push(Mark { span: e.span, order: 4, label: e.label.as_str().to_string() });
        }
    }
    out.sort_by_key(|m| (m.span.start, m.order, m.span.end));
    out
}

/// Draws `analysis` of `text` as caret lines under each text line.
pub fn draw(text: &str, analysis: &Analysis, layers: Layers) -> String {
    let marks = marks(text, analysis, layers);
    let mut out = String::new();
    let mut mi = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        out.push_str(content);
        out.push('\n');
        let content_end = line_start + content.len();
        while mi < marks.len() && marks[mi].span.start < line_end.max(line_start + 1) {
            let m = &marks[mi];
            mi += 1;
            if m.span.start > content_end {
                continue;
            }
            let col = text[line_start..m.span.start].chars().count();
            let stop = m.span.end.min(content_end);
            let width = text.get(m.span.start..stop).map(|s| s.chars().count()).unwrap_or(0).max(1);
            out.push_str(&" ".repeat(col));
            out.push_str(&"^".repeat(width));
            if m.span.end > content_end {
                out.push('~');
            }
            out.push(' ');
            out.push_str(&m.label);
            out.push('\n');
        }
        line_start = line_end;
    }
    out
}
