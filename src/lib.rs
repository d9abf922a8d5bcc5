//! # article-analyzer
//!
//! Finds named entities, quotations and sourcing phrases in news text.
//!
//! The core is plain Rust: [`analyze`] runs a pipeline of named stages, each a module with one job:
//!
//! 1. [`segment`]: paragraphs, sentences and tokens with byte spans;
//! 2. [`entities`]: named entities (statistical tagger) and temporal/numeric expressions (rules);
//! 3. [`quotes`]: quotation marks paired into direct and partial quotations;
//! 4. [`attribution`]: reporting cues, sources and contents, linked to quotations;
//!
//! and [`output`] turns the result into the JSON contract with offsets in UTF-16 code units,
//! UTF-8 bytes or Unicode scalar values.
//!
//! All spans in the core are [`Span`]s: half-open UTF-8 byte ranges on `char` boundaries.
//! The core never panics, whatever the input.
//!
//! ```
//! let a = article_analyzer::analyze("“We will not back down,” the minister told Reuters on Tuesday.");
//! assert_eq!(a.quotes.len(), 1);
//! ```

pub mod attribution;
pub mod entities;
pub mod output;
pub mod quotes;
pub mod segment;
pub mod snapshot;
mod span;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use span::Span;

use segment::Document;

/// Entity types, OntoNotes-style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Fac,
    Event,
    Product,
    WorkOfArt,
    Law,
    Language,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
    Ordinal,
    Cardinal,
    Misc,
}

impl Label {
    /// Every label, in a stable order.
    pub const ALL: [Label; 19] = [
        Label::Person,
        Label::Org,
        Label::Gpe,
        Label::Loc,
        Label::Norp,
        Label::Fac,
        Label::Event,
        Label::Product,
        Label::WorkOfArt,
        Label::Law,
        Label::Language,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
        Label::Ordinal,
        Label::Cardinal,
        Label::Misc,
    ];

    /// The label as it appears in the JSON (`"PERSON"`, `"ORG"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Norp => "NORP",
            Label::Fac => "FAC",
            Label::Event => "EVENT",
            Label::Product => "PRODUCT",
            Label::WorkOfArt => "WORK_OF_ART",
            Label::Law => "LAW",
            Label::Language => "LANGUAGE",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Ordinal => "ORDINAL",
            Label::Cardinal => "CARDINAL",
            Label::Misc => "MISC",
        }
    }

    /// Parses the JSON spelling back.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.iter().copied().find(|l| l.as_str() == s)
    }

    /// Whether this is a name (as opposed to a temporal or numeric expression).
    pub fn is_name(self) -> bool {
        !matches!(
            self,
            Label::Date
                | Label::Time
                | Label::Money
                | Label::Percent
                | Label::Quantity
                | Label::Ordinal
                | Label::Cardinal
        )
    }
}

/// A named entity or a temporal/numeric expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub span: Span,
    pub label: Label,
    /// Index into [`Analysis::clusters`]: mentions of the same entity share a cluster.
    pub cluster: Option<usize>,
    /// Model confidence in `[0, 1]` (1 for rule-based findings).
    pub confidence: f32,
}

/// Mentions of one entity ("Kim Yo Jong", "Kim"), with a canonical name.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub canonical: String,
    pub label: Label,
    /// Indices into [`Analysis::entities`].
    pub mentions: Vec<usize>,
}

/// How a quotation is presented.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// A whole quoted statement: “We will not back down,” she said.
    Direct,
    /// Quoted words inside reported speech: he called it the “most absurd theory”.
    Partial,
    /// Reported (paraphrased) speech without quotation marks.
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// A quotation: direct, partial or reported speech.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub span: Span,
    pub kind: QuoteKind,
    /// Index into [`Analysis::attributions`].
    pub attribution: Option<usize>,
}

/// Who or what a claim is attributed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// A named person ("Kim Yo Jong").
    Person,
    /// A government or official body or office-holder ("the defence ministry", "the minister").
    Official,
    /// State media ("KCNA", "state media").
    StateMedia,
    /// A news agency ("Reuters", "Yonhap").
    NewsAgency,
    /// Other media ("South Korean newspaper Dong-A Ilbo").
    Media,
    /// An international organisation ("United Nations sanctions monitors").
    International,
    /// A company or other organisation.
    Organization,
    /// A document or statement ("a joint statement", "a report").
    Document,
    /// Unnamed sources ("multiple government sources", "people familiar with the matter").
    Anonymous,
    /// Not classified.
    Unknown,
}

impl SourceKind {
    pub const ALL: [SourceKind; 10] = [
        SourceKind::Person,
        SourceKind::Official,
        SourceKind::StateMedia,
        SourceKind::NewsAgency,
        SourceKind::Media,
        SourceKind::International,
        SourceKind::Organization,
        SourceKind::Document,
        SourceKind::Anonymous,
        SourceKind::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Official => "official",
            SourceKind::StateMedia => "state_media",
            SourceKind::NewsAgency => "news_agency",
            SourceKind::Media => "media",
            SourceKind::International => "international",
            SourceKind::Organization => "organization",
            SourceKind::Document => "document",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Unknown => "unknown",
        }
    }
}

/// An attribution relation: a source, a reporting cue and the attributed content
/// (PolNeAR's Source / Cue / Content). Any part may be missing.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    pub cue: Option<Span>,
    pub source: Option<Span>,
    pub content: Option<Span>,
    pub source_kind: Option<SourceKind>,
    /// The entity cluster the source resolves to (for pronouns, surnames, roles).
    pub speaker: Option<usize>,
    /// The named mention the source stands for: its own name ("Kim Yo Jong" in "Kim Yo Jong, the
    /// sister of ..."), or for a pronoun, surname or role the earlier source it refers to ("It"
    /// after "China's commerce ministry said"). Set even when no entity cluster is known.
    pub speaker_mention: Option<Span>,
    /// Index of another attribution this one is reported through ("X said, according to KCNA").
    pub via: Option<usize>,
}

/// Article furniture: byline, dateline, credits, photo caption, headline.
#[derive(Clone, Debug, PartialEq)]
pub struct Furniture {
    pub span: Span,
    pub kind: &'static str,
}

/// The result of [`analyze`]. Every vector is sorted by span start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub entities: Vec<Entity>,
    pub clusters: Vec<Cluster>,
    pub quotes: Vec<Quote>,
    pub attributions: Vec<Attribution>,
    pub furniture: Vec<Furniture>,
    /// Per-speaker quotations, source-kind counts and shares.
    pub summary: attribution::Summary,
}

/// Analyses `text`: entities, quotations and attributions. Never panics.
pub fn analyze(text: &str) -> Analysis {
    let doc = Document::parse(text);
    analyze_document(&doc)
}

/// Runs the pipeline on an already segmented document.
pub fn analyze_document(doc: &Document) -> Analysis {
    let mut analysis = Analysis::default();
    let (entities, clusters) = entities::find(doc);
    analysis.entities = entities;
    analysis.clusters = clusters;
    analysis.furniture = attribution::furniture(doc);
    analysis.quotes = quotes::find(doc);
    let (attributions, summary) = attribution::find(doc, &analysis.entities, &analysis.clusters, &mut analysis.quotes, &analysis.furniture);
    analysis.attributions = attributions;
    analysis.summary = summary;
    analysis
}
