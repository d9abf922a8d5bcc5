//! Reporting cues and their source and content spans, sentence by sentence, from tokens only
//! (no parser). The patterns, following the PolNeAR guidelines (content includes "that" and the
//! quotation marks, excludes the sentence-final period; the cue includes auxiliaries, adverbs and
//! "in a statement"):
//!
//! - `SOURCE CUE [that] CONTENT.`: "Kim Yo Jong added North Korea's weapons were not for export."
//! - `CONTENT, SOURCE CUE.` and `CONTENT, CUE SOURCE.`: "..., state media KCNA reported on Friday."
//! - `SOURCE told OBJECT [that] CONTENT.` and `CONTENT, SOURCE told OBJECT.`;
//! - `according to SOURCE, CONTENT.` and `CONTENT, according to SOURCE.`;
//! - `citing SOURCE`, `quoting SOURCE`: a further source behind the previous one (its `via`);
//! - `in a report seen by SOURCE`: a document (cue "seen by") and the outlet that saw it (no cue of
//!   its own), chained by `via`.
//!
//! Every loop moves forward through the sentence or back over a bounded window, so the stage is
//! linear in the text length.

use super::kinds;
use super::lexicon::{self, CueClass};
use crate::segment::{Document, TokenKind};
use crate::{Attribution, Furniture, Quote, SourceKind, Span};

/// An attribution with what later steps need.
#[derive(Clone, Debug)]
pub struct Found {
    pub attribution: Attribution,
    pub class: CueClass,
    /// Index of the sentence holding the cue.
    pub sentence: usize,
    /// Whether the cue heads a clause with its own subject ("X said", "..., X reported"), as
    /// opposed to "according to", "citing", ", saying".
    pub clause: bool,
}

/// The shape of a cue in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Source before the cue, content after.
    SourceFirst,
    /// Content before, then ", SOURCE CUE".
    ContentFirst,
    /// Content before, then ", CUE SOURCE".
    Inverted,
    /// "according to SOURCE".
    According,
    /// "citing SOURCE", "quoting SOURCE".
    Citing,
    /// "in a report seen by SOURCE".
    SeenBy,
    /// ", saying CONTENT": the subject of the clause before is the source.
    Participle,
    /// "NAME: “QUOTE”".
    Colon,
}

#[derive(Clone, Debug)]
struct Cue {
    /// Token range of the cue.
    start: usize,
    end: usize,
    class: CueClass,
    shape: Shape,
    source: Option<(usize, usize)>,
    content: Option<Span>,
    /// Token index of the comma that opens this cue's clause at the end of a sentence, if any.
    left_comma: Option<usize>,
    /// For `SeenBy`: the document noun phrase.
    document: Option<(usize, usize)>,
}

/// Lower-cased token texts, computed once per document.
struct Words<'a> {
    doc: &'a Document<'a>,
    lower: Vec<String>,
}

impl<'a> Words<'a> {
    fn new(doc: &'a Document<'a>) -> Self {
        Words { doc, lower: doc.tokens.iter().map(|t| doc.text(t.span).to_lowercase()).collect() }
    }
    fn w(&self, i: usize) -> &str {
        self.lower.get(i).map(String::as_str).unwrap_or("")
    }
    fn raw(&self, i: usize) -> &'a str {
        self.doc.token_text(i)
    }
    fn is_cap(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }
    /// A quotation-mark token; a plural possessive apostrophe ("Sanders' campaign") is not one.
    fn is_quote(&self, i: usize) -> bool {
        let Some(t) = self.doc.tokens.get(i) else { return false };
        if t.kind != TokenKind::Quote {
            return false;
        }
        let possessive = matches!(self.raw(i), "'" | "’")
            && i > 0
            && !self.spaced(i)
            && self.raw(i - 1).ends_with(['s', 'S'])
            && self.doc.source.get(t.span.end..).is_some_and(|r| r.starts_with(' '));
        !possessive
    }
    /// Whether token `i` is set apart from the token before it (text between them).
    fn spaced(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|p| self.doc.tokens.get(p)), self.doc.tokens.get(i)) {
            (Some(p), Some(t)) => t.span.start > p.span.end,
            _ => false,
        }
    }
    fn is_punct(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Quote)) && !matches!(self.w(i), "'s" | "’s")
    }
    fn span(&self, a: usize, b: usize) -> Span {
        match (self.doc.tokens.get(a), b.checked_sub(1).and_then(|e| self.doc.tokens.get(e))) {
            (Some(x), Some(y)) if a < b => Span::new(x.span.start, y.span.end),
            _ => Span::default(),
        }
    }
}

const DOC_NOUNS: &[&str] = &["statement", "report", "document", "letter", "memo", "filing", "readout", "transcript", "release", "communique", "briefing", "speech", "interview", "post", "tweet", "email", "message", "video", "documents", "study", "survey", "assessment"];
/// Nouns that a reduced relative clause with a reporting verb often modifies: "a move Beijing
/// called ...", "a decision critics described as ...".
const RELATIVE_HEADS: &[&str] = &["move", "step", "decision", "plan", "policy", "measure", "proposal", "claim", "charge", "accusation", "idea", "action", "tactic", "remark", "remarks", "comment", "comments", "development", "practice", "deal", "strike", "attack"];
/// Nouns after "said in a ..." that join the cue.
const MEDIUM_NOUNS: &[&str] = &["statement", "speech", "interview", "post", "tweet", "letter", "briefing", "release", "email", "message", "video", "op-ed", "address", "broadcast", "commentary", "editorial"];

/// Words that may follow a cue at the end of its clause without being content: time phrases,
/// "in a statement", "told Reuters", "seen by Reuters".
fn is_adjunct_word(w: &str) -> bool {
    lexicon::is_time_word(w)
        || DOC_NOUNS.contains(&w)
        || MEDIUM_NOUNS.contains(&w)
        || matches!(
            w,
            "on" | "in" | "at" | "a" | "an" | "the" | "last" | "this" | "week" | "month" | "year" | "day" | "night" | "morning" | "afternoon"
                | "evening" | "weekend" | "seen" | "obtained" | "reviewed" | "by" | "during" | "to" | "its" | "his" | "her" | "their" | "'s"
                | "’s" | "late" | "early" | "ago" | "reporters" | "journalists" | "joint" | "written" | "televised" | "press" | "conference"
                | "news" | "with" | "from" | "via" | "for" | "ahead" | "of" | "local" | "media" | "state" | "television" | "radio"
                | "newspaper" | "agency" | "told" | "daily" | "parliament" | "lawmakers" | "confirmed" | "when" | "asked" | "about" | "it"
        )
}

fn is_participle_cue(w: &str) -> bool {
    matches!(w, "citing" | "saying" | "adding" | "according" | "quoting" | "noting" | "calling" | "claiming" | "referring" | "warning" | "stressing")
}

/// Finds attributions in every sentence outside furniture.
pub fn find(doc: &Document, quotes: &[Quote], furniture: &[Furniture]) -> Vec<Found> {
    let words = Words::new(doc);
    let mut out = Vec::new();
    // Furniture is in text order, as sentences are: a cursor keeps the lookup linear.
    let mut next_furniture = 0;
    for (si, s) in doc.sentences.iter().enumerate() {
        while next_furniture < furniture.len() && furniture[next_furniture].span.end <= s.span.start {
            next_furniture += 1;
        }
        let mut a = s.tokens.start;
        let b = s.tokens.end;
        // A headline opening an article: "Trump: Cruz Has ‘To Come a Long Way’ On Ethanol." PolNeAR
        // annotates headlines, so they are read (other furniture is not).
        let mut headline = s.paragraph == 0 && si == 0 && doc.paragraphs.len() > 1 && doc.paragraphs[0].span.len() < 300;
        if let Some(f) = furniture[next_furniture..].iter().take_while(|f| f.span.start < s.span.end).find(|f| f.span.overlaps(s.span)) {
            headline |= f.kind == "headline";
            if f.kind != "dateline" && f.kind != "headline" {
                continue;
            }
            while f.kind == "dateline" && a < b && doc.tokens[a].span.start < f.span.end {
                a += 1;
            }
        }
        sentence(&words, si, a, b, headline, quotes, &mut out);
    }
    extend_quoted_contents(doc, quotes, &mut out);
    bound_contents(doc, &mut out);
    out
}

/// At most this many other cues inside a content on each side of its own cue. PolNeAR train: 17,010
/// of 19,822 gold contents hold no cue, 2,721 one, 86 two, 5 more (the own cue of an interrupted
/// quotation counted); with 2 instead of 3, two train contents are cut that match gold.
const MAX_NESTED_CUES: usize = 3;
/// Longest content on each side of its cue, in bytes. The longest on PolNeAR train is 6,913 bytes
/// (a quotation over several paragraphs; 99.9 % are under 850).
const MAX_CONTENT_BYTES: usize = 8 << 10;

/// Bounds every content so that the output stays linear in the text whatever the input (a sentence
/// of a megabyte without punctuation and with a thousand cues would otherwise give each cue a
/// content running to the sentence end): on each side of its own cue, a content stops before the
/// clause of the fourth other cue it would hold and after [`MAX_CONTENT_BYTES`]. Each byte is then
/// inside at most `2 * (MAX_NESTED_CUES + 1)` contents. Neither bound changes a PolNeAR-like text.
fn bound_contents(doc: &Document, found: &mut [Found]) {
    // Each cue with the extent of its clause: the cue and a source adjacent to it.
    let mut clauses: Vec<(Span, Span)> = found
        .iter()
        .filter_map(|f| {
            let cue = f.attribution.cue?;
            let source = f.attribution.source.filter(|s| s.end <= cue.start || s.start >= cue.end);
            Some((cue, source.map_or(cue, |s| cue.cover(s))))
        })
        .collect();
    clauses.sort_by_key(|(cue, _)| (cue.start, cue.end));
    clauses.dedup_by_key(|(cue, _)| *cue);
    let tokens = &doc.tokens;
    for f in found.iter_mut() {
        let (Some(content), Some(own)) = (f.attribution.content, f.attribution.cue) else { continue };
        let mut start = content.start;
        let mut end = content.end;
        if end > own.end {
            let from = start.max(own.end);
            let i = clauses.partition_point(|(cue, _)| cue.start < from);
            let mut limit = from.saturating_add(MAX_CONTENT_BYTES);
            if let Some((cue, clause)) = clauses.get(i + MAX_NESTED_CUES) {
                limit = limit.min(if clause.start >= from { clause.start } else { cue.start });
            }
            if limit < end {
                // The last token ending by the limit, without trailing commas.
                let mut t = tokens.partition_point(|t| t.span.end <= limit);
                while t > 0 && tokens[t - 1].span.start >= from && matches!(doc.text(tokens[t - 1].span), "," | ";" | "—" | "–" | "-") {
                    t -= 1;
                }
                end = tokens.get(t.wrapping_sub(1)).map_or(start, |t| t.span.end).max(start);
            }
        }
        if start < own.start {
            let to = end.min(own.start);
            let i = clauses.partition_point(|(cue, _)| cue.start < to);
            let mut limit = to.saturating_sub(MAX_CONTENT_BYTES);
            if let Some((cue, clause)) = i.checked_sub(MAX_NESTED_CUES + 1).and_then(|k| clauses.get(k)) {
                limit = limit.max(if clause.end <= to { clause.end } else { cue.end });
            }
            if limit > start {
                // The first token starting from the limit, without leading commas.
                let mut t = doc.token_at_or_after(limit);
                while t < tokens.len() && tokens[t].span.end <= to && matches!(doc.text(tokens[t].span), "," | ";" | "—" | "–" | "-") {
                    t += 1;
                }
                start = tokens.get(t).map_or(end, |t| t.span.start).min(end);
            }
        }
        f.attribution.content = (start < end).then(|| Span::new(start, end));
    }
}

/// `“First part,” she said. “Second part.”`: a content that is a quotation before its cue runs on
/// over the quotations that open the following sentences of the paragraph, as long as those
/// sentences have no cue of their own.
fn extend_quoted_contents(doc: &Document, quotes: &[Quote], found: &mut [Found]) {
    let mut with_cue = found.iter().map(|f| f.sentence).collect::<Vec<_>>();
    with_cue.dedup();
    for f in found.iter_mut() {
        let (Some(content), Some(cue)) = (f.attribution.content, f.attribution.cue) else { continue };
        if content.end > cue.start || quote_at(quotes, content.start) != Some(content) {
            continue;
        }
        let Some(para) = doc.sentences.get(f.sentence).map(|s| s.paragraph) else { continue };
        let mut current = f.sentence;
        let mut end = content.end;
        let mut pos = cue.end.max(f.attribution.source.map(|s| s.end).unwrap_or(0));
        loop {
            let qi = quotes.partition_point(|q| q.span.start < pos);
            let Some(q) = quotes.get(qi).map(|q| q.span) else { break };
            let Some(sq) = doc.sentence_at(q.start) else { break };
            let s = &doc.sentences[sq];
            // The quotation opens the next sentence, or is the mark the segmenter left at the end of
            // this one ("said. "And ...").
            let opens_next = sq == current + 1 && q.start == s.span.start && s.paragraph == para && with_cue.binary_search(&sq).is_err();
            let trailing = sq == current && q.start + 1 >= s.span.end && doc.sentence_at(q.end.saturating_sub(1)).is_some_and(|e| e > sq && with_cue.binary_search(&e).is_err());
            if !(opens_next || trailing) || doc.text(Span::new(pos, q.start)).chars().any(crate::segment::is_quote_char) {
                break;
            }
            end = q.end;
            pos = q.end;
            current = doc.sentence_at(q.end.saturating_sub(1)).unwrap_or(sq).max(sq);
        }
        f.attribution.content = Some(Span::new(content.start, end));
    }
}

/// The name of a source without its appositive: "Kim Yo Jong" in "Kim Yo Jong, the sister of ...".
fn head_of(doc: &Document, source: Span) -> Span {
    let text = doc.text(source);
    match text.find(", ") {
        Some(i) if !text[..i].trim_end().is_empty() => Span::new(source.start, source.start + text[..i].trim_end().len()),
        _ => source,
    }
}

/// The quotation (if any) that starts at token `i` or ends at token `i`.
fn quote_at(quotes: &[Quote], pos: usize) -> Option<Span> {
    let i = quotes.partition_point(|q| q.span.end <= pos);
    quotes.get(i).filter(|q| q.span.start <= pos).map(|q| q.span)
}

fn sentence(words: &Words, si: usize, a: usize, b: usize, headline: bool, quotes: &[Quote], out: &mut Vec<Found>) {
    if a >= b {
        return;
    }
    // Sentence end, excluding final punctuation (but keeping closing quotes).
    let mut b_content = b;
    while b_content > a && matches!(words.w(b_content - 1), "." | "..." | "…") {
        b_content -= 1;
    }
    let mut cues: Vec<Cue> = Vec::new();
    let mut i = a;
    while i < b {
        // Reporting verbs inside a quotation belong to the quoted speaker's words.
        if let Some(q) = quote_at(quotes, words.doc.tokens[i].span.start) {
            if q.start < words.doc.tokens[i].span.start {
                i = words.doc.token_at_or_after(q.end).max(i + 1);
                continue;
            }
        }
        let w = words.w(i);
        let found = if w == "according" && words.w(i + 1) == "to" && i + 2 < b {
            // "That’s according to ...": the contracted verb joins the cue (train: 4 of 4).
            let start = if i >= a + 2 && matches!(words.w(i - 1), "’s" | "'s") && matches!(words.w(i - 2), "that" | "this" | "it") { i - 1 } else { i };
            Some(Cue { start, end: i + 2, class: CueClass::Speech, shape: Shape::According, source: None, content: None, left_comma: None, document: None })
        } else if let Some(speaker) = (w == ":" && i + 1 < b).then(|| colon_speaker(words, a, i, headline)).flatten() {
            Some(Cue { start: i, end: i + 1, class: CueClass::Speech, shape: Shape::Colon, source: Some(speaker), content: None, left_comma: None, document: None })
        } else if w == "seen" && words.w(i + 1) == "by" && i > a + 1 && (i.saturating_sub(3)..i).any(|k| DOC_NOUNS.contains(&words.w(k))) {
            Some(Cue { start: i, end: i + 2, class: CueClass::Speech, shape: Shape::SeenBy, source: None, content: None, left_comma: None, document: None })
        } else if let Some(end) = made_comment(words, i, b) {
            Some(Cue { start: i, end, class: CueClass::Speech, shape: Shape::SourceFirst, source: None, content: None, left_comma: None, document: None })
        } else if let Some(v) = lexicon::verb(w) {
            let prev = if i > a { words.w(i - 1) } else { "" };
            // "Asked about the plan, she said ...": a sentence-initial participle clause.
            // A Title Case headline verb after a name ("Bernie Sanders Says He’s Already Started ..."):
            // train 62 annotated, 32 not; noun-like forms ("Report", "Claims") stay out.
            // Noun-like forms that read as verbs after a name in a headline ("Mike Pence Calls for
            // ...", "Donald Trump Tweets ...", "Bernie Sanders Promises ...") are cues too, but not
            // "Report(s)", "State(s)", "Claim", "Quote(s)" ("Rules Report Is Presented", "Battleground
            // States").
            let headline_noun_verb = !matches!(w, "report" | "reports" | "state" | "states" | "claim" | "quote" | "quotes" | "finding" | "brief" | "briefs" | "briefing" | "reporting" | "warning");
            let headline_verb = headline && i > a && words.is_cap(i - 1) && !words.is_quote(i - 1) && (!lexicon::is_noun_like(w) || headline_noun_verb);
            // Opening the sentence: "Noting that ...", "Adding, “...”" (not "Adding to the ..."), and
            // the inverted "Said Comey, ...", "Stated Stone:" (train: 4 of 5 and 5 of 5 annotated).
            let opening = (a..i).all(|k| lexicon::is_connective(words.w(k)));
            let opening_form = opening
                && v.class == CueClass::Speech
                && ((w.ends_with("ing") && !lexicon::is_noun_like(w) && words.w(i + 1) != "to")
                    || (matches!(w, "said" | "says" | "stated" | "wrote" | "added" | "declared" | "explained") && words.is_cap(i + 1) && !words.is_punct(i + 1)));
            let lower_case = !words.is_cap(i) || headline_verb || (w == "asked" && opening) || opening_form;
            let plural_noun = |p: &str| p.ends_with('s') && !p.ends_with("'s") && !p.ends_with("’s") && p.len() > 3 && !lexicon::is_clause_word(p) && lexicon::verb(p).is_none();
            // "Sen. Bernie Sanders (I-Vt.) called ...", "Sanders’ campaign called ...", "the report
            // stated": a closing parenthesis, or a past form after "DETERMINER noun" (train: 6 of 6
            // and see DESIGN-attribution, sixth pass).
            let det_noun = w.ends_with("ed")
                && i >= a + 2
                && lexicon::is_determiner(words.w(i - 2))
                && !matches!(words.w(i - 2), "a" | "an" | "no" | "any" | "some" | "every" | "each")
                && prev.chars().all(|c| c.is_alphabetic())
                && !prev.ends_with("ly")
                && !words.is_cap(i - 1)
                && !matches!(prev, "so" | "most" | "crime");
            // "the transgender community called for his dismissal", "his plan calls for rates ...",
            // "a Baton Rouge newspaper called on Clinton", "Hillary Clinton calls on U.S. to lead": a
            // noun or name before "called/calls for/on" is a subject, not "amid growing calls for",
            // "his calls for" (train: 8 new candidates, 6 gold).
            let particle_verb = matches!(w, "called" | "calls")
                && matches!(words.w(i + 1), "for" | "on")
                && i > a
                && prev.len() > 2
                && prev.bytes().all(|c| c.is_ascii_lowercase())
                && !prev.ends_with("ing")
                && !prev.ends_with("ed")
                && !prev.ends_with("ly")
                && !lexicon::is_determiner(prev)
                && !lexicon::is_clause_word(prev)
                && !lexicon::is_cue_modifier(prev)
                && !matches!(prev, "amid" | "of" | "in" | "with" | "for" | "on" | "about" | "yet" | "few" | "many" | "new" | "and" | "or" | "by" | "recent" | "from" | "despite" | "following" | "against" | "there" | "more" | "other");
            // "he's said", "who's called for", "she's describing": the clitic is "has" or "is" after a
            // personal or relative pronoun, not a possessive (train: 12 new candidates, 10 annotated; the
            // other two in an interview transcript).
            let contracted = w != v.lemma && contracted_aux(words, a, i);
            // "64 percent call him competent", "32% call themselves conservative": a share of a poll
            // is a subject (train: 2 new candidates, both annotated).
            let share = i > a && (prev == "percent" || prev.ends_with('%'));
            let subject_before = contracted || share || particle_verb || i > a && (lexicon::is_pronoun(prev) || words.is_cap(i - 1) || lexicon::is_cue_modifier(prev) || words.is_quote(i - 1) || (prev == "and" && w.ends_with("ed")) || plural_noun(prev) || prev == ")" || det_noun);
            let participle = matches!(w, "shown" | "seen" | "known" | "written" | "found" | "told" | "called" | "described" | "quoted" | "cited" | "reported" | "stated")
                && matches!(prev, "recently" | "was" | "were" | "is" | "are" | "been" | "being" | "be")
                || matches!(w, "shown" | "seen" | "known" | "written") && !matches!(prev, "has" | "have" | "had");
            // Base forms ("say", "tell") report only after a plural subject ("officials say").
            // Not after modals, "to", "I", "you", "we", "do", "let" (infinitives, first person, imperatives).
            // "Mitt Romney, the 2012 nominee, called her “the first lady ...”", "..., called on tech
            // companies": after an appositive's comma (train: 15 of 17 annotated before a quotation, 10
            // of 10 before "on").
            // Also before any other object: ", called the former president less an asset than ..."
            // (train: 22 annotated, 4 not).
            // Likewise a noun-like past form of another speech verb: "Eric Nordstrom, a regional
            // security director, informed ...", "Armstrong Williams, stated: “...”", "Jill Stein, a
            // physician, accused the committee of ..." (train: 5 annotated, 3 not); not a reduced
            // relative "a professor, accused by the government of ...".
            let naming_after_comma = prev == ","
                && i + 1 < b
                && (matches!(w, "called" | "calls") && !words.is_punct(i + 1)
                    || w.ends_with("ed") && v.class == CueClass::Speech && words.w(i + 1) != "by" && (!words.is_punct(i + 1) || words.w(i + 1) == ":"));
            let quantifier = prev == "%" || matches!(prev, "some" | "many" | "most" | "others");
            let base_ok = w != v.lemma
                || (i > a
                    && !matches!(prev, "i" | "you" | "we" | "to" | "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must" | "not" | "n't" | "n’t" | "do" | "does" | "did" | "let" | "'ll" | "’ll" | "'d" | "’d" | "cannot" | "and" | "or" | "never" | "just" | "please" | "'s" | "’s" | "it" | "he" | "she")
                    && !words.is_punct(i - 1))
                // ", say experts like ...", "67 percent, say they will ...".
                || (prev == "," && (plural_noun(words.w(i + 1)) || matches!(words.w(i + 1), "they" | "we")))
                // "Fields, along with Ben Terris, say Trump’s ...", "Cement makers, for instance, argue
                // that" (train: 12 of 12 annotated), but not the filler ", say, five".
                || (prev == "," && matches!(v.lemma, "say" | "argue" | "insist" | "contend" | "warn" | "predict") && !words.is_punct(i + 1))
                // "42% say", "some say", "others argue" (train: all 9 annotated).
                || quantifier;
            // "the Islamic State - said at a rally", "his YouTube channel - told The Washington Post":
            // a spaced hyphen is a dash, not the hyphen of "self-described" (train: 4 of 5 annotated).
            let spaced_dash = prev == "-" && i > a + 1 && words.spaced(i - 1) && words.spaced(i);
            // "the facts reported by the government": a reduced relative, not a report.
            let reduced_relative = words.w(i + 1) == "by" && w.ends_with("ed") && i > a && !words.is_cap(i - 1) && !lexicon::is_cue_modifier(prev) && !matches!(prev, "as" | "first" | "widely");
            // "went on to say": the infinitive reports (train: 26 of 40 annotated).
            // "led Republicans to say", "took to Twitter to say", "used his acceptance speech to call
            // for": the infinitive of purpose reports; the token where its cue starts ("to" after a
            // causative and its object, the verb of "took to X" and "used X").
            let purpose = (prev == "to" && w == v.lemma && v.class == CueClass::Speech).then(|| purpose_to(words, a, i - 1)).flatten().map(|(k, _)| k);
            let went_on = prev == "to" && i >= a + 3 && words.w(i - 2) == "on" && matches!(words.w(i - 3), "went" | "goes" | "go" | "going" | "gone");
            // "the AP report", "the jobs report was": a noun, not a cue (train: 68 of 84 and 129 of
            // 152 not annotated).
            let next = words.w(i + 1);
            let noun = lexicon::is_noun_like(w)
                && !particle_verb
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                // ("The Journal notes that ...", "The ad claims “...”", "the poll shows that": a
                // verb before "that" or a quotation, train 9 of 9 outside "the 35 states that".)
                && ((i >= a + 2 && lexicon::is_determiner(words.w(i - 2)) && !lexicon::is_pronoun(prev) && !words.is_punct(i - 1)
                    && !(w.ends_with('s') && w != "states" && (next == "that" || words.is_quote(i + 1))))
                    // "amid reports that", "news reports", "cited reports that".
                    // ("the Associated Press reports", "CBS News reports that": a name, train 2 of 2.)
                    || matches!(prev, "amid" | "on" | "of" | "about" | "after" | "despite" | "following" | "cited" | "were" | "there")
                    || (matches!(prev, "news" | "press" | "media") && !(words.is_cap(i - 1) && w.ends_with('s')))
                    || matches!(next, "is" | "was" | "are" | "were" | "has" | "had" | "have" | "will" | "would" | "could" | "said" | "says" | "published" | "released" | "found" | "showed" | "shows" | "by" | "from" | "of" | "in" | "on"));
            // "officials who declined to be named": an anonymity marker, not a refusal to speak.
            // So are "who asked not to be identified" and "requesting anonymity".
            let anonymity = matches!(v.lemma, "decline" | "refuse") && words.w(i + 1) == "to" && words.w(i + 2) == "be"
                || matches!(v.lemma, "ask" | "request") && words.w(i + 1) == "not" && words.w(i + 2) == "to" && words.w(i + 3) == "be"
                || matches!(v.lemma, "ask" | "request") && words.w(i + 1) == "anonymity";
            // Other senses: "add up to", "adds to her lead", "maintained his lead", "runs counter to",
            // "a 2010 recall" (train: 34 of 35, 26 of 29, 6 of 7 and 6 of 6 not annotated); "4 in 10 say" is a cue.
            // "added 255,000 jobs", "for added comfort", "maintained some clout", "people briefed on
            // the situation" (train: 7 of 9, 6 of 6 and 7 of 8 not annotated).
            let next_number = words.doc.tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Number);
            let other_sense = (v.lemma == "add" && (matches!(next, "up" | "to") || next_number || matches!(prev, "for" | "given" | "of" | "with")))
                || (v.lemma == "maintain" && !(next == "that" || words.is_punct(i + 1)))
                || (w == "briefed" && next == "on")
                // The reporter's dateline in a credit, "Costa reported from Washington." (train: 0 of 9
                // annotated).
                || (w == "reported" && next == "from")
                // "That said, ...", "Enough said.", "All told, ...": set phrases at a sentence start.
                || (i == a + 1 && matches!((prev, w), ("that" | "enough", "said") | ("all", "told")) && matches!(next, "," | "." | ""))
                // "One man, responding to Sanders’ description, ...", "precincts reporting",
                // "Additional reporting by" (train: 13 of 16 and 11 of 16 not annotated).
                || (w == "responding" && !(next == "that" || words.is_punct(i + 1)))
                || (w == "reporting" && matches!(prev, "precincts" | "additional" | "percent" | "%"))
                || (v.lemma == "counter" && next == "to")
                // Non-speech senses of "call" (branch cueprec): "called off a $54 billion deal", and
                // the telephone in "called Sanders to congratulate him" (train: 0 of 3 annotated).
                || (v.lemma == "call" && (next == "off" || ((i + 2)..(i + 6).min(b)).any(|k| words.w(k) == "to" && matches!(words.w(k + 1), "congratulate" | "concede" | "thank" | "apologize" | "apologise" | "wish" | "invite"))))
                // Adjectives and set phrases: "the most telling promise", "It's worth noting",
                // "it goes without saying", "Having said that", "easier said than done" (train: 0 of 5
                // kept annotated).
                || (w == "telling" && matches!(prev, "most" | "more" | "very" | "particularly" | "especially" | "quite"))
                || (matches!(w, "noting" | "mentioning" | "saying") && prev == "worth")
                || (w == "saying" && prev == "without" && i >= a + 2 && matches!(words.w(i - 2), "go" | "goes" | "went" | "going"))
                || (w == "said" && prev == "having" && next == "that")
                || (w == "said" && next == "than" && matches!(prev, "easier" | "harder" | "sooner"))
                // The noun "say": "has the final say on", "a larger say than" (train: 0 of 2 kept
                // annotated).
                || (w == "say" && i >= a + 2 && lexicon::is_determiner(words.w(i - 2)) && matches!(prev, "final" | "larger" | "bigger" | "greater" | "equal" | "little" | "real" | "direct" | "last" | "more" | "much" | "big" | "strong" | "major"))
                // A noun-like base form after a capitalised singular word is a noun: "Close call",
                // "the Treasury note", "a Donald Trump tweet" (train: 0 of 4 kept annotated; plural
                // subjects "Critics call", "Others note", "Obama and Clinton call" stay cues).
                || (w == v.lemma
                    && lexicon::is_noun_like(w)
                    && i > a
                    && words.is_cap(i - 1)
                    && !words.is_quote(i - 1)
                    && !prev.ends_with('s')
                    && !lexicon::is_pronoun(prev)
                    && prev.chars().all(char::is_alphabetic)
                    && !matches!(words.w((a..i).rev().find(|&k| !words.is_cap(k)).unwrap_or(a)), "and" | "&" | "or" | "nor"))
                || (i >= a + 2 && words.doc.tokens[i - 1].kind == TokenKind::Number && lexicon::is_determiner(words.w(i - 2)));
            // "did not mention", "would not say" (train: 27 of 31 for these lemmas; "did not respond"
            // is annotated only half the time and is left out).
            let negated = matches!(prev, "not" | "n't" | "n’t" | "never")
                && i >= a + 2
                && matches!(words.w(i - 2), "did" | "does" | "do" | "would" | "could" | "will")
                && matches!(v.lemma, "say" | "mention" | "discuss" | "explain" | "announce" | "comment" | "reveal");
            // Emphatic "he did say ...", "it does say that ...", "but he did call for ..." (train: 8
            // annotated, 2 not, both inside quotations, where no cue is looked for); not after a first
            // or second person or a wh-word ("what I did say").
            let emphatic = w == v.lemma
                && v.class == CueClass::Speech
                && matches!(prev, "did" | "does")
                && i >= a + 2
                && !matches!(words.w(i - 2), "i" | "you" | "we" | "what" | "how" | "why" | "to" | "that" | "which" | "who" | "where" | "when" | "," | "?");
            // "he will say", "Supporters of Sanders would argue", "McConnell spokesman Don Stewart
            // wouldn’t say": a speech verb's base form after a modal (and a negation or adverb),
            // not after a first or second person ("you can say", "I will predict") or a relative
            // ("a figure who can argue", "an approach that would emphasize"), nor "could add another
            // title" (train: the 5 "MODAL add" are not annotated) or "only time will tell".
            // The modal's token, if this is such a base form.
            let modal_at = (w == v.lemma && v.class == CueClass::Speech && v.lemma != "add")
                .then(|| {
                    let mut k = i;
                    while k > a + 1 && matches!(words.w(k - 1), "not" | "n't" | "n’t" | "also" | "never" | "only" | "just" | "probably" | "likely" | "still" | "then") {
                        k -= 1;
                    }
                    k
                })
                .and_then(|k| k.checked_sub(1))
                .filter(|&m| m > a && lexicon::is_modal(words.w(m)) && !matches!(words.w(m - 1), "i" | "you" | "we" | "one" | "to" | "that" | "which" | "who" | "time"));
            let modal_base = modal_at.is_some();
            // "Trump's claim that ...", "his earlier claim that ...": a possessed "claim" before
            // "that" (train: 9 of 17 new candidates annotated); the possessor is the source.
            let claim_that = possessed_claim(words, a, i);
            // "Trump made no mention of Jeb Bush", "It makes no mention of ...": the cue runs from the
            // verb (train: 4 of 5 annotated, none proposed before).
            // Poll results "voters were slightly more likely to say ...": the cue runs from the copula
            // (train: 5 of 7 annotated, none proposed before); the copula's token, if this is one.
            let likely_to = (prev == "to" && w == v.lemma && v.class == CueClass::Speech && i >= a + 4 && words.w(i - 2) == "likely" && matches!(words.w(i - 3), "more" | "less"))
                .then(|| {
                    let mut k = i - 3;
                    while k > a + 1 && (lexicon::is_ly_adverb(words.w(k - 1)) || matches!(words.w(k - 1), "much" | "far")) {
                        k -= 1;
                    }
                    if matches!(words.w(k - 1), "are" | "were" | "is" | "was") { k - 1 } else { i - 3 }
                });
            let no_mention = w == "mention" && prev == "no" && next == "of" && i >= a + 2 && matches!(words.w(i - 2), "made" | "makes" | "make" | "making");
            // "a petition calling on him to ...", "... and calling for a political revolution": a
            // participle "calling for/on" after a noun or a conjunction (train: 13 of 20 of those no
            // other rule proposed are annotated); not "his calling for", "to calling for".
            let calling_for = w == "calling" && matches!(next, "for" | "on") && i > a && !lexicon::is_determiner(prev) && !matches!(prev, "to" | "of" | "is" | "was" | "are" | "were" | "be" | "been");
            let ok = lower_case
                && !anonymity
                && !other_sense
                && (base_ok || went_on || likely_to.is_some() || negated || modal_base || emphatic || purpose.is_some() || claim_that.is_some())
                && !reduced_relative
                && !participle
                // "Some said they ...", "most said", "Some accused Trump" (train: 5 of 5).
                && (!lexicon::is_determiner(prev) || contracted || claim_that.is_some() || no_mention || quantifier && (w == v.lemma || w.ends_with("ed") || matches!(w, "said" | "told" | "wrote")))
                && (prev != "to" || went_on || likely_to.is_some() || purpose.is_some())
                && (prev != "-" || spaced_dash)
                && !(lexicon::is_noun_like(w) && !subject_before && words.w(i + 1) != "that" && !(matches!(prev, "," | "by" | "before" | "after") && w.ends_with("ing")) && !naming_after_comma && !calling_for && purpose.is_none())
                && !(noun && claim_that.is_none());
            ok.then(|| {
                // ", also saying", "by essentially telling": adverbs between the clause start and a
                // participle join its cue (train: 12 gold cues start at the adverb, 4 at the verb).
                let mut lead = i;
                if w.ends_with("ing") {
                    while lead > a + 1 && (lexicon::is_cue_modifier(words.w(lead - 1)) || lexicon::is_ly_adverb(words.w(lead - 1)) && !words.is_cap(lead - 1)) && i - lead < 3 {
                        lead -= 1;
                    }
                }
                let shape = if matches!(w, "citing" | "quoting") {
                    Shape::Citing
                } else if w.ends_with("ing") && (matches!(prev, "by" | "before" | "after" | "while" | "when") || clause_comma(words, a, i).is_some()) {
                    Shape::Participle
                } else if lead < i && (matches!(words.w(lead - 1), "by" | "before" | "after" | "while" | "when") || clause_comma(words, a, lead).is_some()) {
                    return Cue { start: lead, end: i + 1, class: v.class, shape: Shape::Participle, source: None, content: None, left_comma: None, document: None };
                } else {
                    Shape::SourceFirst
                };
                // A modal before a base form joins the cue ("will say", "can ask", "must also
                // acknowledge": train, all 8 annotated ones seen start at the modal).
                let start = if went_on {
                    i - 3
                } else if let Some(k) = purpose {
                    k
                } else if let Some((k, _)) = claim_that {
                    k
                } else if no_mention {
                    i - 2
                } else if let Some(k) = likely_to {
                    k
                } else if let (Some(m), false, false) = (modal_at, base_ok, negated) {
                    m
                } else {
                    i
                };
                // "seemed to confirm", "continued to say", "refused to acknowledge": the speech verb
                // after "seem/continue/refuse to" joins the cue (train: the gold cue runs over it 20
                // times, stops before "to" 3 times); not "declined to comment" (20 stop at "declined", 1 runs over).
                let (end, class) = match lexicon::verb(words.w(i + 2)) {
                    Some(inf) if matches!(v.lemma, "seem" | "continue" | "refuse") && words.w(i + 1) == "to" && i + 2 < b && inf.class == CueClass::Speech && words.w(i + 2) == inf.lemma => (i + 3, CueClass::Speech),
                    // "declined to comment on" (train: 4 gold cues run over "on", 3 stop at "declined").
                    Some(_) if v.lemma == "decline" && words.w(i + 1) == "to" && words.w(i + 2) == "comment" && words.w(i + 3) == "on" => (i + 3, CueClass::Speech),
                    _ => (i + 1, v.class),
                };
                Cue { start, end, class, shape, source: None, content: None, left_comma: None, document: None }
            })
        } else {
            None
        };
        if let Some(mut c) = found {
            if c.shape == Shape::SourceFirst && words.w(c.start).ends_with("ing") {
                // "issued a statement Wednesday saying ...", "sent out a letter urging ...": the cue
                // runs from the verb of publication (train: 20 of 22).
                if let Some(v) = published_by(words, a, c.start) {
                    c.start = v;
                }
            }
            if c.shape == Shape::SourceFirst {
                // Auxiliaries and adverbs before: "has also said", "has vigorously denied".
                while c.start > a && (lexicon::is_cue_modifier(words.w(c.start - 1)) || lexicon::is_ly_adverb(words.w(c.start - 1)) && !words.is_cap(c.start - 1)) && c.start - 1 > a {
                    c.start -= 1;
                }
                // "he's said", "he's also said": the clitic "has" joins too.
                if contracted_aux(words, a, c.start) {
                    c.start -= 1;
                }
                // "would not say", "will only say": a modal before a negation or "only" joins too
                // (train: of 26 annotated "MODAL [not|only|never] say/comment/discuss/...", 17
                // cues start at the modal).
                if c.start > a + 1 && matches!(words.w(c.start), "not" | "n't" | "n’t" | "never" | "only") && lexicon::is_modal(words.w(c.start - 1)) {
                    c.start -= 1;
                }
            }
            i = c.end;
            cues.push(c);
        } else {
            i += 1;
        }
    }
    if cues.is_empty() {
        return;
    }
    for k in 0..cues.len() {
        let next_start = cues.get(k + 1).map(|n| n.start).unwrap_or(b);
        shape_cue(words, a, b, b_content, next_start, quotes, &mut cues[k]);
        // "led Republicans to say": the causative's object is the source.
        let c = &mut cues[k];
        if let Some((_, possessor)) = possessed_claim(words, a, c.end - 1) {
            c.source = possessor;
        }
        if c.shape == Shape::SourceFirst && words.w(c.start) == "to" {
            if let Some((_, Some(object))) = purpose_to(words, a, c.start) {
                c.source = Some(object);
            }
        }
    }
    // Contents of source-first cues stop where a later cue's clause begins.
    // One backward pass keeps this linear: `stop` is the first clause start among the later cues.
    let mut stop: Option<usize> = None;
    for k in (0..cues.len()).rev() {
        let next_stop = stop;
        let c = &cues[k];
        // A later clause "..., while Yonhap news agency said ..." starts at its conjunction.
        let conjunction = c.source.map(|(x, _)| x).filter(|&x| c.shape == Shape::SourceFirst && x > a + 1 && matches!(words.w(x - 1), "while" | "whereas" | "but")).map(|x| x - 1);
        stop = c.left_comma.or_else(|| (c.start > a + 1 && words.w(c.start - 1) == "and").then(|| c.start - 1)).or(conjunction).or(stop);
        if cues[k].shape != Shape::SourceFirst {
            continue;
        }
        if let (Some(stop), Some(content)) = (next_stop, cues[k].content) {
            let stop_at = words.doc.tokens[stop].span.start;
            if stop_at > content.start && stop_at < content.end {
                let mut e = stop;
                while e > 0 && words.doc.tokens[e - 1].span.start >= content.start && words.w(e - 1) == "," {
                    e -= 1;
                }
                cues[k].content = Some(Span::new(content.start, words.doc.tokens[e - 1].span.end));
            }
        }
    }
    // "The Sanders campaign responded Friday, saying ...", "Trump responded to that tweet by calling
    // ...": PolNeAR annotates one discontinuous cue from "responded" to the participle, scored as
    // its cover (train: 6 such pairs, against 3 where the cue is "responded" alone and none with two
    // cues). The participle's content is the pair's; one pass, so linear.
    let mut merged = vec![false; cues.len()];
    for k in 0..cues.len().saturating_sub(1) {
        let (c, n) = (&cues[k], &cues[k + 1]);
        let responds = c.shape == Shape::SourceFirst && !merged[k] && (c.start..c.end).any(|t| lexicon::verb(words.w(t)).is_some_and(|v| v.lemma == "respond"));
        if responds && n.shape == Shape::Participle && n.start >= c.end && n.start - c.end <= 12 && !(c.end..n.start).any(|t| words.is_quote(t) || matches!(words.w(t), "." | ";" | ":")) {
            let (end, content) = (n.end, n.content);
            cues[k].end = end;
            cues[k].content = content;
            merged[k + 1] = true;
        }
    }
    let mut keep = merged.iter().map(|m| !m);
    cues.retain(|_| keep.next().unwrap_or(true));
    // Emit, linking chains of provenance through `via`.
    let base = out.len();
    for (k, c) in cues.iter().enumerate() {
        let source = c.source.filter(|(x, y)| x < y).map(|(x, y)| words.span(x, y));
        let mut kind = source.map(|s| kinds::classify(words.doc.text(s), None));
        // "..., the people said, declining to be identified": an unnamed source made anonymous
        // by what follows its cue.
        if matches!(kind, Some(SourceKind::Unknown | SourceKind::Official)) && anonymity_after(words, c.end, cues.get(k + 1).map_or(b, |n| n.start.clamp(c.end, b))) {
            kind = Some(SourceKind::Anonymous);
        }
        let cue_span = words.span(c.start, c.end);
        let mut at = Attribution { cue: Some(cue_span), source, content: c.content, source_kind: kind, speaker: None, speaker_mention: None, via: None };
        if c.shape == Shape::SeenBy {
            // The document, then the outlet that saw it.
            let doc_span = c.document.map(|(x, y)| words.span(x, y));
            let outlet = out.len() + 1;
            out.push(Found {
                attribution: Attribution { cue: Some(cue_span), source: doc_span, content: None, source_kind: Some(SourceKind::Document), speaker: None, speaker_mention: doc_span, via: Some(outlet) },
                class: c.class,
                sentence: si,
                clause: false,
            });
            at.content = None;
            // The outlet's attribution has no cue of its own: "seen by" is the document's.
            at.cue = None;
        }
        let index = out.len();
        // The claim of an earlier cue in the sentence is reported through this one.
        if matches!(c.shape, Shape::According | Shape::ContentFirst | Shape::Inverted | Shape::SeenBy) && k > 0 {
            if let Some(prev) = (base..index).rev().find(|&p| out[p].attribution.via.is_none() && out[p].attribution.cue.is_some_and(|pc| pc.end <= cue_span.start)) {
                out[prev].attribution.via = Some(if c.shape == Shape::SeenBy { index - 1 } else { index });
            }
        }
        if c.shape == Shape::Participle {
            if let Some(p) = (base..index).rev().find(|&p| out[p].attribution.source.is_some() && out[p].attribution.cue.is_some_and(|pc| pc.end <= cue_span.start) && out[p].clause) {
                at.source = out[p].attribution.source;
                at.source_kind = out[p].attribution.source_kind;
                at.speaker_mention = out[p].attribution.speaker_mention;
                out.push(Found { attribution: at, class: c.class, sentence: si, clause: false });
                continue;
            }
            if let Some((x, y)) = subject(words, a, c.start) {
                let span = words.span(x, y);
                at.source = Some(span);
                at.source_kind = Some(kinds::classify(words.doc.text(span), None));
                at.speaker_mention = Some(span);
                out.push(Found { attribution: at, class: c.class, sentence: si, clause: false });
                continue;
            }
        }
        // "X called Y a puppet, and said ...": the coordinated cue shares the source of the clause before.
        if c.shape == Shape::SourceFirst && c.start > 0 && matches!(words.w(c.start - 1), "and" | "but") {
            if let Some(p) = (base..index).rev().find(|&p| out[p].attribution.source.is_some() && out[p].clause) {
                at.source = out[p].attribution.source;
                at.source_kind = out[p].attribution.source_kind;
                at.speaker_mention = out[p].attribution.speaker_mention;
                out.push(Found { attribution: at, class: c.class, sentence: si, clause: true });
                continue;
            }
        }
        if c.shape == Shape::Citing && index > base {
            at.via = Some(index - 1);
            at.content = None;
        }
        let clause = matches!(c.shape, Shape::SourceFirst | Shape::ContentFirst | Shape::Inverted);
        at.speaker_mention = source.map(|s| head_of(words.doc, s));
        out.push(Found { attribution: at, class: c.class, sentence: si, clause });
    }
}

/// Finds the source, content and clause boundary of one cue.
fn shape_cue(words: &Words, a: usize, b: usize, b_content: usize, next_cue: usize, quotes: &[Quote], c: &mut Cue) {
    match c.shape {
        Shape::According => {
            let initial = (a..c.start).all(|k| lexicon::is_connective(words.w(k)));
            let mut src_end = np_after(words, c.end, b);
            if initial {
                // "According to an analysis based on census data, ...": up to the comma.
                let mut k = src_end;
                while k < b && k - c.end < 25 && words.w(k) != "," && !words.is_quote(k) {
                    k += 1;
                }
                if words.w(k) == "," {
                    src_end = k;
                }
            }
            c.source = Some((c.end, src_end));
            let before = c.start > a && !(a..c.start).all(|k| lexicon::is_connective(words.w(k)));
            if before {
                if c.start > a && words.w(c.start - 1) == "," {
                    c.left_comma = Some(c.start - 1);
                    c.content = content_before(words, a, c.start - 1, quotes);
                }
            } else {
                let mut from = src_end;
                if words.w(from) == "," {
                    from += 1;
                }
                c.content = content_after(words, from, b_content, quotes);
            }
        }
        Shape::Citing => {
            c.source = Some((c.end, np_after(words, c.end, b)));
            if c.start > a && words.w(c.start - 1) == "," {
                c.left_comma = Some(c.start - 1);
            }
        }
        Shape::SeenBy => {
            c.source = Some((c.end, np_after(words, c.end, b)));
            // "in a report": back to "in".
            let mut k = c.start;
            while k > a && c.start - k < 5 && words.w(k - 1) != "in" {
                k -= 1;
            }
            if k > a && words.w(k - 1) == "in" {
                c.document = Some((k, c.start));
            }
        }
        Shape::Colon => {
            c.content = content_after(words, c.end, b_content, quotes);
        }
        Shape::Participle => {
            c.left_comma = clause_comma(words, a, c.start);
            // The participle is the cue's last token ("also calling").
            let lemma = lexicon::verb(words.w(c.end - 1)).map(|v| v.lemma).unwrap_or("");
            // "saying: “...”": the colon joins the cue (train: 11 of 12).
            if words.w(c.end) == ":" && c.end + 1 < b {
                c.end += 1;
            }
            // "calling for", "warning of", "commenting on": particles join participles too.
            let particle = words.w(c.end - 1) != ":" && particle_at(words, lemma, c.end);
            if particle {
                c.end += 1;
            }
            let after = skip_object(words, lemma, particle, c.end, b);
            c.content = content_after(words, if words.w(after) == ":" { after + 1 } else { after }, b_content, quotes);
        }
        Shape::SourceFirst | Shape::ContentFirst | Shape::Inverted => {
            // "said in a statement", "said:", "called for", "warned of" join the cue.
            let mut e = c.end;
            if words.w(e) == "in" && matches!(words.w(e + 1), "a" | "an" | "its" | "his" | "her" | "their") && matches!(words.w(e + 2), "statement" | "letter" | "release") && !matches!(words.w(e + 3), "seen" | "obtained" | "reviewed") {
                e += 3;
            } else if words.w(e) == "in" && matches!(words.w(e + 1), "a" | "an") && matches!(words.w(e + 3), "statement" | "letter" | "release") && !matches!(words.w(e + 4), "seen" | "obtained" | "reviewed") {
                e += 4;
            }
            let lemma = lexicon::verb(words.w(c.end - 1)).map(|v| v.lemma).unwrap_or("");
            // "said Tuesday", "said Tuesday night" join the cue at the end of its clause ("...,” he
            // said Tuesday."), not before "that" or more words ("said Tuesday that ...", "said
            // Tuesday in ..."; train: 24 against 13 at a punctuation mark, 17 against 36 before a word).
            let day = |w: &str| matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "today" | "yesterday" | "tonight");
            if e == c.end && day(words.w(e)) {
                let mut d = e + 1;
                if matches!(words.w(d), "night" | "morning" | "afternoon" | "evening") {
                    d += 1;
                }
                if d >= b || words.is_punct(d) {
                    e = d;
                }
            }
            // "wrote on Facebook" (train: 12 with the platform, 7 without over all four verbs; for
            // "write" and "post" 9 with, 1 without), but "said on Twitter" stops at the verb
            // (train: 2 with, 5 without).
            if e == c.end && matches!(lemma, "write" | "post" | "tweet") && words.w(e) == "on" && matches!(words.w(e + 1), "facebook" | "twitter" | "instagram") {
                e += 2;
            }
            // "said with a grin", "said with a laugh." (train: 6 of 6).
            if e == c.end && lemma == "say" && words.w(e) == "with" && matches!(words.w(e + 1), "a" | "an") && !words.is_punct(e + 2) && (e + 3 >= b || words.is_punct(e + 3)) {
                e += 3;
            }
            let particle = particle_at(words, lemma, e);
            if particle {
                e += 1;
            }
            if words.w(e) == ":" {
                e += 1;
            }
            c.end = e.min(b);
            // "replied evenly, ...": an adverb joins the cue; not one that modifies what follows,
            // "claimed nearly 400 delegates", "saying exactly what", "says directly to the camera"
            // (train: 5 gold cues stop before these, none runs over them).
            let adverb = |w: &str| lexicon::is_ly_adverb(w) && !matches!(w, "nearly" | "exactly" | "directly");
            if adverb(words.w(c.end)) && !words.is_cap(c.end) {
                c.end += 1;
                // "said flatly: “...”".
                if words.w(c.end) == ":" {
                    c.end += 1;
                }
            }
            let mut after = skip_object(words, lemma, particle, c.end, b);
            // "declared in a heated argument with Keyworth that ...", "said Friday that ...": the
            // content starts at "that".
            if after < b && (matches!(words.w(after), "in" | "on" | "at" | "during" | "after" | "before" | "to" | "last" | "this" | "earlier" | "late") || lexicon::is_time_word(words.w(after))) {
                if let Some(that) = (after + 1..(after + 12).min(b)).find(|&k| words.w(k) == "that") {
                    if !(after..that).any(|k| words.is_punct(k) || lexicon::verb(words.w(k)).is_some()) {
                        after = that;
                    }
                }
            }
            // "... enthusiastically: “Okay!”": the content starts at the quotation after the colon.
            if let Some(colon) = (after..(after + 5).min(b)).find(|&k| words.w(k) == ":") {
                if words.is_quote(colon + 1) && !(after..colon).any(|k| words.is_quote(k)) {
                    after = colon + 1;
                }
            }
            let quote_end_before = |k: usize| k > a && (words.is_quote(k) || (words.w(k) == "," && words.is_quote(k - 1)));
            let inverted = c.start > a && (words.w(c.start - 1) == "," || words.is_quote(c.start - 1));
            let clause_end = next_cue.min(b);
            // "ASML said it expected ...": the words before a later cue are its subject, and the
            // report nested in the content, not the end of this cue's clause.
            let nested = clause_end < b && clause_end > after && clause_end - after <= 3 && (lexicon::is_pronoun(words.w(clause_end - 1)) || words.is_cap(clause_end - 1));
            let ends = if nested { None } else { ends_clause(words, after, clause_end.max(after)) };
            let (src_start, src_end, boundary) = source_before(words, a, c.start, true);
            let content_to = |comma: usize| if words.is_quote(comma) { comma + 1 } else { comma };
            // Content continuing after the cue clause: "“...,” Blackwell added, “have ...”".
            let continuation = |from: Option<usize>, content: Option<Span>| -> Option<Span> {
                match (from, content) {
                    (Some(k), Some(cs)) if k + 1 < b_content => Some(cs.cover(words.span(k + 1, b_content))),
                    (_, cs) => cs,
                }
            };
            // "was asked" is passive; "is calling for", "are vowing" are progressive and keep their subject.
            let progressive = (c.start..c.end).any(|k| words.w(k).ends_with("ing") && lexicon::verb(words.w(k)).is_some());
            // ("are more likely to say" is not passive either.)
            let passive = matches!(words.w(c.start), "was" | "were" | "is" | "are" | "been" | "be" | "being") && !progressive && !(c.start..c.end).any(|k| words.w(k) == "likely");
            // A source after the cue is a noun phrase, not "in a later interview", "of Cruz", "gently".
            let np_follows = after < clause_end
                && !words.is_punct(after)
                && !(matches!(words.w(after), "that" | "in" | "on" | "at" | "of" | "about" | "during" | "from" | "with" | "for" | "after" | "before" | "while" | "when" | "as" | "to" | "last" | "this" | "earlier" | "later") || lexicon::is_time_word(words.w(after)) || words.w(after).ends_with("ly") && !words.is_cap(after));
            // ", said a handful of Democrats who ...": nothing before the cue can be its source.
            let before = source_before(words, a, c.start, false).0;
            let nothing_before = c.start > a && words.w(c.start - 1) == "," && before == c.start;
            // "Morton Blackwell, founder of ..., endorsed Cruz": the comma closes the subject's
            // appositive, the sentence opens with the source.
            let subject_first = before < c.start && (a..before).all(|k| lexicon::is_connective(words.w(k)) || words.w(k) == ",") && (before..c.start - 1).any(|k| words.w(k) == ",");
            if inverted && np_follows && !subject_first && (ends.is_some() || quote_end_before(c.start - 1) || nothing_before) {
                c.shape = Shape::Inverted;
                let src_end = np_after(words, after, b);
                c.source = Some((after, src_end));
                let comma = c.start - 1;
                c.left_comma = Some(comma);
                let mut more = None;
                if words.w(src_end) == "," && words.is_quote(src_end + 1) {
                    more = Some(src_end);
                } else if words.w(src_end) == "," && !is_participle_cue(words.w(src_end + 1)) {
                    // "said David Friedman, president of Wealth-X, ...": the appositive is the source's.
                    let mut k = src_end + 1;
                    let participle_at = |k: usize| is_participle_cue(words.w(k)) || (words.w(k).ends_with("ing") && !words.is_cap(k) && lexicon::verb(words.w(k)).is_some());
                    // A comma before a time or place adjunct ends it too: ", on Monday".
                    let adjunct_at = |k: usize| matches!(words.w(k), "on" | "in" | "at" | "last" | "this" | "during" | "after" | "before" | "when" | "while") || lexicon::is_time_word(words.w(k));
                    while k < b_content && k - src_end < 30 && !words.is_quote(k) && !(words.w(k) == "," && (participle_at(k + 1) || words.is_quote(k + 1) || adjunct_at(k + 1))) && !matches!(words.w(k), ";") {
                        k += 1;
                    }
                    let mut e = k;
                    while e > src_end + 1 && matches!(words.w(e - 1), "," | "." | ";") {
                        e -= 1;
                    }
                    // The closing comma of the appositive stays (train: 70 against 27).
                    if e == k && words.w(k) == "," && k + 1 < b_content {
                        e = k + 1;
                    }
                    if e > src_end + 1 {
                        c.source = Some((after, e));
                    }
                    if words.w(k) == "," && words.is_quote(k + 1) {
                        more = Some(k);
                    }
                }
                c.content = continuation(more, content_before(words, a, content_to(comma), quotes));
            } else if let (Some(comma), true) = (boundary, ends.is_some() || boundary.is_some_and(quote_end_before)) {
                c.shape = Shape::ContentFirst;
                c.source = Some((src_start, src_end));
                c.left_comma = Some(comma);
                let more = ends.flatten().or_else(|| (words.w(after) == "," && words.is_quote(after + 1)).then_some(after));
                c.content = continuation(more, content_before(words, a, content_to(comma), quotes));
            } else if let (Some(more), None) = (ends, boundary) {
                let (src_start, src_end, _) = source_before(words, a, c.start, false);
                c.source = Some((src_start, trim_time(words, src_start, src_end)));
                c.content = match more {
                    // "X said, however, ...": what follows the comma.
                    Some(k) => content_after(words, k + 1, b_content, quotes),
                    // "X endorsed Cruz last week, saying ...": the clause ends at the next cue; its
                    // object is the content.
                    None if clause_end < b && c.end < clause_end && words.w(clause_end - 1) == "," => content_after(words, c.end, clause_end - 1, quotes),
                    // "X said on Friday." The content is the quotation just before, if any.
                    // (Only in the same paragraph.)
                    None => a
                        .checked_sub(1)
                        .and_then(|p| words.doc.tokens.get(p))
                        .and_then(|t| quote_at(quotes, t.span.end - 1))
                        .filter(|q| q.end <= words.doc.tokens[a].span.start && words.doc.sentence_at(q.start).and_then(|s| words.doc.sentences.get(s)).map(|s| s.paragraph) == words.doc.sentence_at(words.doc.tokens[a].span.start).and_then(|s| words.doc.sentences.get(s)).map(|s| s.paragraph)),
                };
            } else {
                let (src_start, src_end, _) = source_before(words, a, c.start, false);
                c.source = Some((src_start, trim_time(words, src_start, src_end)));
                // "X met on Thursday and criticised ...": the subject of the sentence.
                if src_start == src_end && c.start > a && matches!(words.w(c.start - 1), "and" | "but") {
                    c.source = subject(words, a, c.start);
                }
                c.content = content_after(words, after, b_content, quotes);
            }
            if passive && c.shape != Shape::Inverted {
                // "O’Malley’s move was first reported by MSNBC": the agent is the source and the
                // subject the content (train: 89 passive cues with the source after, 259 without);
                // "by" is not part of the cue (train: 12 against 6). "Sanders was asked by host Bill
                // Maher whether ...": the question is the content.
                if words.w(c.end) == "by" && c.end + 1 < b_content && !words.is_punct(c.end + 1) {
                    let (s0, s1, _) = source_before(words, a, c.start, false);
                    let agent_end = np_after(words, c.end + 1, b);
                    c.source = Some((c.end + 1, agent_end));
                    c.content = if lemma == "ask" { content_after(words, agent_end, b_content, quotes) } else { (s0 < s1).then(|| words.span(s0, s1)) };
                } else {
                    c.source = None;
                }
            }
        }
    }
}

/// Whether the word at token `e` is a particle joining a cue of `lemma`: "called for", "asked
/// about", "warned of", "responded to", "accused of". Besides the older pairs, train counts of
/// gold cues running over the word against stopping before it: "call out" 4/0, "call upon" 3/0,
/// "accuse of" 4/1, "assure of" 4/0, "charge with" 4/2, "boast about" 3/0, "criticize as" 3/0,
/// "mention of" 4/0.
fn particle_at(words: &Words, lemma: &str, e: usize) -> bool {
    let w = words.w(e);
    match lemma {
        "call" => matches!(w, "for" | "on" | "out" | "upon"),
        "ask" => matches!(w, "about" | "for"),
        "warn" => w == "of" && !words.is_cap(e + 1) || matches!(w, "against" | "about"),
        "boast" => w == "of" && !words.is_cap(e + 1) || w == "about",
        "accuse" | "assure" | "mention" => w == "of",
        "charge" => w == "with",
        "criticize" | "criticise" => w == "as",
        "agree" | "disagree" => w == "with",
        "comment" => matches!(w, "on" | "about"),
        "respond" | "reply" | "refer" | "object" => w == "to",
        "point" => matches!(w, "to" | "out"),
        "joke" | "write" | "complain" | "worry" | "tweet" | "speak" | "talk" => w == "about",
        _ => false,
    }
}

/// Where the participle clause at token `i` starts, for a content before it to stop: the comma
/// or dash in ", saying", "on the spot – saying", or the participle itself after a quotation
/// closed by its own comma ("“...,” adding": the quotation keeps its mark).
fn clause_comma(words: &Words, a: usize, i: usize) -> Option<usize> {
    let before = |k: usize| k > a && matches!(words.w(k - 1), "," | "—" | "–");
    if before(i) {
        Some(i - 1)
    } else if i > a + 1 && words.is_quote(i - 1) && before(i - 1) {
        Some(i)
    } else {
        None
    }
}

/// For "X issued a statement Wednesday saying", the token of "issued" when the participle at `ing`
/// follows a document noun that is the object of a verb of publication.
fn published_by(words: &Words, a: usize, ing: usize) -> Option<usize> {
    let mut k = ing;
    // An optional day or time word between the noun and the participle.
    if k > a && (lexicon::is_time_word(words.w(k - 1)) || matches!(words.w(k - 1), "night" | "morning" | "afternoon" | "evening")) {
        k -= 1;
    }
    if k == a || !DOC_NOUNS.contains(&words.w(k - 1)) && !MEDIUM_NOUNS.contains(&words.w(k - 1)) && !matches!(words.w(k - 1), "ad" | "note") {
        return None;
    }
    // Back over the noun phrase: a determiner and up to two modifiers.
    let mut d = k - 1;
    while d > a && k - 1 - d < 3 && !lexicon::is_determiner(words.w(d - 1)) {
        d -= 1;
    }
    if d == a || !lexicon::is_determiner(words.w(d - 1)) {
        return None;
    }
    let mut v = d - 1;
    if v > a && words.w(v - 1) == "out" {
        v -= 1;
    }
    (v > a && matches!(words.w(v - 1), "issued" | "released" | "sent" | "put" | "posted" | "published" | "tweeted" | "ran" | "aired" | "issues" | "releases" | "sends" | "posts")).then_some(v - 1)
}

/// The object of "told", "asked", "urged", "called" ("told reporters that ..."): returns the token
/// where the content starts.
fn skip_object(words: &Words, lemma: &str, particle: bool, from: usize, b: usize) -> usize {
    if particle {
        return from;
    }
    if lemma == "call" {
        // "called Rubio “Little Marco”": the content is the quoted name.
        return (from..(from + 4).min(b)).find(|&k| words.is_quote(k)).filter(|&k| k > from).unwrap_or(from);
    }
    if !matches!(lemma, "tell" | "ask" | "urge" | "warn" | "assure" | "inform" | "remind" | "brief") {
        return from;
    }
    let mut k = from;
    while k < b
        && k - from < 7
        && !(words.w(k) == "that"
            || words.is_punct(k)
            || lexicon::is_pronoun(words.w(k)) && k > from
            || lexicon::is_clause_word(words.w(k))
            || matches!(words.w(k), "in" | "on" | "at" | "during" | "last" | "after" | "before" | "about" | "why" | "whether" | "how" | "what" | "when" | "where" | "who" | "to"))
    {
        k += 1;
    }
    if words.w(k) == "," && k + 1 < b {
        k += 1;
    }
    k
}

/// Whether the tokens from `from` to `to` end the cue's clause with no content: only adjuncts
/// ("on Friday", "in a statement", "seen by Reuters"), names, numbers, or a trailing ", citing ..."
/// clause. `Some(Some(comma))` when content resumes after a comma ("..., she added, “...”").
fn ends_clause(words: &Words, from: usize, to: usize) -> Option<Option<usize>> {
    let mut k = from;
    // "X said, “...”": the content follows; so does an object ("denied the report").
    if words.w(from) == "," && words.is_quote(from + 1) || matches!(words.w(from), "the" | "a" | "an" | "its" | "his" | "her" | "their" | "this" | "these" | "that") {
        return None;
    }
    while k < to {
        let w = words.w(k);
        if w == "," {
            let next = words.w(k + 1);
            return if is_participle_cue(next) || k + 1 >= to || lexicon::verb(next).is_some() {
                Some(None)
            } else {
                Some(Some(k))
            };
        }
        if matches!(w, "." | "!" | "?" | ";" | "...") {
            return Some(None);
        }
        if words.is_quote(k) {
            return None;
        }
        let ok = is_adjunct_word(w) || words.is_cap(k) || words.doc.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number) || matches!(w, "(" | ")" | "-");
        if !ok || k - from > 14 {
            return None;
        }
        k += 1;
    }
    Some(None)
}

/// The noun phrase after a cue ("according to X", "citing X", ", said X"), up to a clause
/// boundary. Returns its end token.
fn np_after(words: &Words, from: usize, b: usize) -> usize {
    let mut k = from;
    while k < b && k - from < 25 {
        let w = words.w(k);
        // "Sen. Dick Durbin (D-Ill.)": a short parenthesis belongs to the name.
        if w == "(" && k > from {
            if let Some(close) = (k + 1..(k + 6).min(b)).find(|&j| words.w(j) == ")") {
                k = close + 1;
                continue;
            }
        }
        if matches!(w, "," | "." | ";" | ":" | ")" | "(" | "—" | "–" | "?" | "!") || words.is_quote(k) || (k > from && (is_participle_cue(w) || matches!(w, "that" | "who" | "which" | "as" | "when" | "last" | "whether" | "why" | "how" | "if"))) {
            break;
        }
        // "said Kim on Friday": a time phrase ends the name.
        if k > from && matches!(w, "on" | "in" | "at" | "during" | "late" | "early") && (lexicon::is_time_word(words.w(k + 1)) || words.doc.tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number) || matches!(words.w(k + 1), "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august" | "september" | "october" | "november" | "december" | "jan." | "feb." | "aug." | "sept." | "oct." | "nov." | "dec.")) {
            break;
        }
        if k > from && lexicon::verb(w).is_some() && !words.is_cap(k) && !w.ends_with("ed") && !lexicon::is_noun_like(w) {
            break;
        }
        k += 1;
    }
    k
}

/// The source before a cue: walks back to a clause boundary. A noun appositive is kept ("Brian
/// Baker, a political adviser, said"), and so are relative and participial ones, as PolNeAR does
/// ("Chris Cox, who runs the NRA’s lobbying arm, says"); an adverbial one is left out ("Levine,
/// for his part, said" gives "Levine"). Returns the source's token range and, when
/// `after_content`, the comma or quotation mark that ends the content before it.
fn source_before(words: &Words, a: usize, cue: usize, after_content: bool) -> (usize, usize, Option<usize>) {
    // "Beck, who ..., last week said": the time phrase before the cue is not the source.
    let cue = time_phrase_before(words, a, cue);
    let mut end = cue;
    let mut k = cue;
    if k > a + 1 && words.w(k - 1) == "," {
        let mut j = k - 1;
        while j > a && cue - j < 30 && words.w(j - 1) != "," && !words.is_quote(j - 1) && !matches!(words.w(j - 1), ";" | ":" | "(" | ")") {
            j -= 1;
        }
        if j > a && words.w(j - 1) == "," && j + 1 < cue {
            let first = words.w(j);
            // A bare noun ("founder of the Media Research Center") is nominal; a preposition,
            // connective or adverb ("for his part", "however", "too") is not.
            let function_word = lexicon::is_clause_word(first)
                || lexicon::is_connective(first)
                || lexicon::is_pronoun(first) && first != "who"
                || first.ends_with("ly")
                || matches!(first, "in" | "for" | "on" | "at" | "by" | "with" | "from" | "of" | "like" | "unlike" | "too" | "though" | "say" | "says" | "and" | "or" | "not" | "during" | "despite" | "according" | "asked" | "meanwhile" | "perhaps" | "instead" | "again" | "here" | "there" | "now" | "then" | "yes" | "no" | "well" | "oh" | "ok" | "okay");
            let nominal = matches!(first, "a" | "an" | "the" | "his" | "her" | "its" | "their" | "one" | "another" | "both" | "chief" | "former" | "then")
                || !function_word && !words.is_punct(j) && (lexicon::verb(first).is_none() || first.ends_with("ing") || first.ends_with("ed"))
                || words.is_cap(j)
                || words.doc.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Number)
                // PolNeAR keeps relative and participial appositives too (train: "who/which" 222
                // kept against 21; "-ing/-ed" 111 against 32): "Chris Cox, who runs the NRA’s
                // lobbying arm, says".
                || matches!(first, "who" | "which" | "whose")
                || (first.ends_with("ing") || first.ends_with("ed")) && first.len() > 4;
            if !nominal {
                end = j - 1;
            }
            k = j - 1;
            // A second short appositive: "Maria Ortega, 41, a nurse, said"; "Graham, R-S.C., a ...".
            let mut m = k;
            while m > a && k - m < 3 && words.w(m - 1) != "," {
                m -= 1;
            }
            // Only an age or a party-state tag: "In his response, Steve Coll, the dean ..., said" keeps
            // "Steve Coll", not the adverbial before it.
            let short_tag = (m..k).all(|t| words.doc.tokens.get(t).is_some_and(|t| t.kind == TokenKind::Number) || words.raw(t).contains(['-', '.']));
            // ... or the state after a city: "a salesman from Sumter, South Carolina, says".
            let place = m > a + 1 && (m..k).all(|t| words.is_cap(t)) && words.is_cap(m - 2);
            if nominal && (short_tag || place) && m > a + 1 && m < k && words.w(m - 1) == "," && words.is_cap(m - 2) | words.is_cap(m) {
                k = m - 1;
            }
        } else {
            return (cue, cue, None);
        }
    }
    // "two officials who declined to be named told Reuters": skip the relative clause.
    if let Some(who) = (k.saturating_sub(9).max(a)..k).rev().find(|&j| matches!(words.w(j), "who" | "that")) {
        if (who..k).any(|j| matches!(words.w(j), "named" | "identified" | "anonymity" | "authorized" | "authorised" | "quoted")) {
            k = who;
        }
    }
    let name_end = k;
    // "those who said": PolNeAR's source is the relative pronoun (train: 420 "who" against 5 "X who").
    if k > a && k == end && words.w(k - 1) == "who" {
        return (k - 1, end, None);
    }
    let mut boundary = None;
    let mut name_end = name_end;
    let mut relative = false;
    loop {
        while k > a && name_end - k < 12 {
            let w = words.w(k - 1);
            if w == "," || words.is_quote(k - 1) {
                if k - 1 > a {
                    boundary = Some(k - 1);
                }
                break;
            }
            // "Sen. Rand Paul (R-Ky.) said": a short parenthesis belongs to the name.
            if w == ")" {
                if let Some(open) = (k.saturating_sub(7).max(a)..k - 1).rev().find(|&j| words.w(j) == "(") {
                    k = open;
                    continue;
                }
            }
            // The post-modifiers of unnamed sources: "people familiar with", "sources close to",
            // "a person briefed on", "people with direct knowledge of", "officials aware of".
            let familiar = k > a + 1 && matches!(words.w(k - 2), "familiar" | "close" | "involved" | "knowledgeable" | "briefed" | "associated" | "knowledge" | "aware" | "details");
            let knowing = w == "with" && k - 1 > a && matches!(words.w(k), "knowledge" | "direct" | "firsthand" | "first-hand" | "detailed" | "intimate" | "inside" | "access");
            if matches!(w, ";" | ":" | "(" | ")" | "—" | "–" | "-" | "!" | "?" | "with" | "among" | "whom" | "by" | "of") && !(w == "of" && k - 1 > a && !lexicon::is_determiner(words.w(k)) && k < name_end) && !familiar && !knowing {
                break;
            }
            // "what he called", "why critics say": the source is the subject after the wh-word.
            if lexicon::is_clause_word(w) && !(w == "to" && k - 1 > a && (words.is_cap(k) || familiar)) || (matches!(w, "what" | "whom" | "why" | "how") && k < name_end) {
                break;
            }
            if w == "and" && (k == name_end || k - 1 > a && words.w(k - 2) == ",") {
                break;
            }
            // A verb ends the subject: "... doesn't care about X and one in four said".
            let modifier = matches!(w, "briefed" | "involved" | "associated" | "acquainted") && matches!(words.w(k), "on" | "in" | "with");
            if !words.is_cap(k - 1) && k < name_end && !modifier && (matches!(w, "n't" | "n’t" | "wonder") || lexicon::is_irregular_past(w) || (w.ends_with("ed") && w.len() > 4 && lexicon::verb(w).is_some())) {
                break;
            }
            k -= 1;
        }
        // "Hawkins and others who want to ban abortion said": the walk stopped inside a relative
        // clause; the source is the noun phrase before "who" with its clause, as PolNeAR mostly
        // has it (train: 68 against 26). Once only, so the walk stays bounded.
        if relative || boundary.is_some() || k <= a {
            break;
        }
        let Some(r) = (k.saturating_sub(10).max(a + 1)..k).rev().take_while(|&j| !words.is_punct(j)).find(|&j| words.w(j) == "who") else { break };
        relative = true;
        k = r;
        name_end = r;
    }
    // Leading connectives ("But", "Meanwhile") are not the source.
    while k < end && (lexicon::is_connective(words.w(k)) || words.w(k) == ",") {
        k += 1;
    }
    // "..., a move Beijing called “naked protectionism”": a reduced relative clause; the noun it
    // modifies is not the source, the name after it is.
    if k + 2 < end && lexicon::is_determiner(words.w(k)) && RELATIVE_HEADS.contains(&words.w(k + 1)) && words.is_cap(k + 2) {
        k += 2;
    }
    (k, end, if after_content { boundary } else { None })
}

/// Whether the words after a cue, up to `to` (the next cue or the sentence end) and at most 20
/// tokens, say the source is kept anonymous: "declining to be identified", "who asked not to be
/// named", "speaking on condition of anonymity", "requesting anonymity".
fn anonymity_after(words: &Words, from: usize, to: usize) -> bool {
    for t in from..to.min(from + 20) {
        match words.w(t) {
            "." | ";" | "?" | "!" => return false,
            _ if words.is_quote(t) => return false,
            "anonymity" => return true,
            "identified" | "named" if t >= from + 4 && words.w(t - 1) == "be" && words.w(t - 2) == "to" => {
                let before = if words.w(t - 3) == "not" { words.w(t - 4) } else { words.w(t - 3) };
                if matches!(before, "declining" | "declined" | "asking" | "asked" | "wishing" | "refusing" | "refused") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// "made comments about", "made an impassioned call for", "make jokes about", "made no comment on":
/// a form of "make", at most three lower-case words, a speech noun and its preposition: the end of
/// the cue (after the preposition; after the noun before "that"). Not "making phone calls to" nor
/// "made his comments a few days after" (train: 9 new candidates, all annotated).
fn made_comment(words: &Words, i: usize, b: usize) -> Option<usize> {
    if !matches!(words.w(i), "make" | "makes" | "made" | "making") || words.is_cap(i) {
        return None;
    }
    for k in i + 1..(i + 5).min(b) {
        let w = words.w(k);
        if matches!(w, "comment" | "comments" | "call" | "calls" | "promise" | "promises" | "claim" | "claims" | "joke" | "jokes" | "vow" | "vows") {
            return match words.w(k + 1) {
                _ if k + 1 >= b => None,
                "about" | "on" | "for" | "regarding" | "against" => Some(k + 2),
                "that" => Some(k + 1),
                _ => None,
            };
        }
        if words.is_cap(k) || !w.chars().all(|c| c.is_alphabetic() || c == '-') || matches!(w, "phone" | "judgment" | "conference") {
            return None;
        }
    }
    None
}

/// The infinitive of purpose whose "to" is token `to` (train: 29 new candidates, 20 annotated):
/// after a causative and its object ("led Republicans to say", "prompted Anderson Cooper to
/// accuse": the cue starts at "to"), after "took to X" ("took to Twitter to say") or "used X"
/// ("used part of his address to call", "using an expletive to describe"): the cue starts at the
/// verb. The object is one to seven words without punctuation or another "to"; after a causative
/// it is the source (returned with the start).
fn purpose_to(words: &Words, a: usize, to: usize) -> Option<(usize, Option<(usize, usize)>)> {
    const CAUSATIVES: &[&str] = &[
        "prompted", "prompting", "prompts", "prompt", "led", "leading", "leads", "forced", "forcing", "forces", "pushed", "pressed", "caused",
        "allow", "allowed", "allows", "allowing", "permitted", "encouraged", "spurred", "inspired", "invited", "compelled", "challenged",
    ];
    let mut k = to;
    while k > a && to - k < 8 {
        k -= 1;
        let w = words.w(k);
        if k + 1 < to && (CAUSATIVES.contains(&w)) {
            return Some((to, Some((k + 1, to))));
        }
        if matches!(w, "took" | "takes" | "taking" | "take") && words.w(k + 1) == "to" && k + 2 < to {
            return Some((k, None));
        }
        if matches!(w, "use" | "used" | "uses" | "using") && k + 1 < to {
            return Some((k, None));
        }
        if words.is_punct(k) || w == "to" && !(k > a && matches!(words.w(k - 1), "took" | "takes" | "taking" | "take")) || words.is_quote(k) {
            return None;
        }
    }
    None
}

/// "Trump's claim that", "his earlier claim that", "Sanders's claims that": for "claim(s)" at token `i`
/// possessed and before "that", the start of the cue (the noun, or an adjective before it) and the
/// possessor (the name before "'s", or the possessive pronoun).
fn possessed_claim(words: &Words, a: usize, i: usize) -> Option<(usize, Option<(usize, usize)>)> {
    if !matches!(words.w(i), "claim" | "claims") || words.w(i + 1) != "that" || i == a {
        return None;
    }
    let possessive = |k: usize| matches!(words.w(k), "'s" | "’s" | "his" | "her" | "their" | "its");
    let adjective = |k: usize| !words.is_cap(k) && words.w(k).chars().all(|c| c.is_alphabetic() || c == '-') && lexicon::verb(words.w(k)).is_none() && !possessive(k);
    let (start, p) = if possessive(i - 1) {
        (i, i - 1)
    } else if i >= a + 2 && adjective(i - 1) && possessive(i - 2) {
        (i - 1, i - 2)
    } else {
        return None;
    };
    let possessor = if matches!(words.w(p), "'s" | "’s") {
        let mut s = p;
        while s > a && s > p.saturating_sub(4) && words.is_cap(s - 1) && !words.is_quote(s - 1) {
            s -= 1;
        }
        // Not a capitalised word opening the sentence ("Despite Mr. Trump's claims").
        while s < p && (lexicon::is_connective(words.w(s)) || matches!(words.w(s), "despite" | "after" | "amid" | "on" | "in" | "of" | "with" | "for" | "about" | "to" | "from" | "by" | "at" | "the" | "unlike" | "like")) {
            s += 1;
        }
        // A lower-case possessor is one noun ("the campaign's earlier claim", "police’s").
        if s == p && p > a && words.w(p - 1).chars().all(char::is_alphabetic) && !lexicon::is_clause_word(words.w(p - 1)) {
            s = p - 1;
        }
        (s < p).then_some((s, p))
    } else {
        Some((p, p + 1))
    };
    possessor.map(|_| (start, possessor))
}

/// Whether the token before `i` is the clitic of "has" or "is" after "he", "she" or "who" ("he's
/// said", "who's called for"), not a possessive ("Trump's claim").
fn contracted_aux(words: &Words, a: usize, i: usize) -> bool {
    i >= a + 2 && matches!(words.w(i - 1), "'s" | "’s") && matches!(words.w(i - 2), "he" | "she" | "who")
}

/// "Sen. Bernie Sanders: “...”": a short run of capitalised words opening the sentence before a colon.
/// In a headline the colon needs no quotation ("Graham: Trump’s ‘Incredibly Hateful Rhetoric’ ...")
/// but the speaker must look like a name: not "The Latest:", "BREAKING:", "Poll:" is kept.
fn colon_speaker(words: &Words, a: usize, colon: usize, headline: bool) -> Option<(usize, usize)> {
    // A name after a dash, before a quotation: "Pollsters agree - Carl Bialik: “...”", "-More from
    // Jones: “...”" (poll round-ups; train: 10 of 11 annotated).
    if words.is_quote(colon + 1) {
        let mut s = colon;
        while s > a && colon - s < 7 && (words.is_cap(s - 1) || matches!(words.w(s - 1), "and" | "from" | ".")) {
            s -= 1;
        }
        if s > a && matches!(words.w(s - 1), "-" | "—" | "–") {
            if words.w(s) == "more" && words.w(s + 1) == "from" {
                s += 2;
            }
            if s < colon && words.is_cap(s) {
                return Some((s, colon));
            }
        }
    }
    let mut s = a;
    while s < colon && lexicon::is_connective(words.w(s)) {
        s += 1;
    }
    let n = colon - s;
    const NOT_SPEAKERS: &[&str] = &["note", "update", "related", "photo", "photos", "editor", "source", "watch", "read", "correction", "disclosure", "video", "follow", "sign", "click", "contact", "email", "share", "warning", "breaking", "exclusive", "analysis", "opinion", "image", "caption", "pictured", "advertisement", "file", "credit", "listen", "more", "see", "also", "tags", "topics", "subscribe", "by", "reporting", "editing", "writing", "revealed", "wow", "look", "bombshell", "latest", "leaked", "boom", "busted", "paid", "byline", "just", "big", "delegate", "previously", "clarification", "updated"];
    // Without a quotation after the colon, only transcript speakers ("FALLIN:", "Q:").
    // Interview labels "Q:" and "A:" are mostly not annotated in PolNeAR (train: 16 of 65).
    let transcript = n <= 3 && (s..colon).all(|k| words.raw(k).chars().all(|c| !c.is_lowercase())) && !(n == 1 && words.raw(s).len() == 1);
    // In a headline the speaker may be a report or a camp ("Report: Walker to speak ...", "IG
    // report: ...", "Clinton camp: ...", "WSJ editorial: ...") and may address someone or speak
    // somewhere ("Clinton to Planned Parenthood: ...", "Former AG Mukasey at RNC: ..."); train: the
    // 8 such headline colons are all annotated.
    let headline_tail = |k: usize| headline && k + 1 == colon && matches!(words.w(k), "report" | "editorial" | "camp");
    let headline_link = |k: usize| headline && k > s && k + 1 < colon && matches!(words.raw(k), "to" | "at");
    let headline_name = headline
        && n <= 5
        && words.w(s) != "the"
        && !(n == 1 && words.raw(s).chars().all(|c| !c.is_lowercase()))
        && !(s..colon).any(|k| lexicon::verb(words.w(k)).is_some() && !headline_tail(k) || matches!(words.w(k), "'s" | "’s"));
    if NOT_SPEAKERS.contains(&words.w(s)) || !words.is_quote(colon + 1) && !transcript && !headline_name {
        return None;
    }
    // The one addressed is not the source ("Clinton" to Planned Parenthood, as PolNeAR has it).
    let end = (s..colon).find(|&k| headline_link(k) && words.raw(k) == "to").unwrap_or(colon);
    ((1..=6).contains(&n) && words.is_cap(s) && (s..colon).all(|k| words.is_cap(k) || headline_tail(k) || headline_link(k) || matches!(words.w(k), "of" | "the" | "'s" | "’s" | "." | "-"))).then_some((s, end))
}

/// The subject at the start of a sentence ("He", "The former secretary of state", "Sen. Marco
/// Rubio"), for a participle cue with no other source: its token range.
fn subject(words: &Words, a: usize, before: usize) -> Option<(usize, usize)> {
    let mut s = a;
    while s < before && (lexicon::is_connective(words.w(s)) || words.w(s) == ",") {
        s += 1;
    }
    // A leading adverbial: "Amid a growing partnership between Moscow and Pyongyang, ...".
    if matches!(words.w(s), "amid" | "in" | "on" | "after" | "over" | "against" | "despite" | "during" | "with" | "since" | "before" | "following" | "as" | "at" | "for" | "under" | "unlike" | "like") {
        if let Some(comma) = (s..before.min(s + 20)).find(|&k| words.w(k) == ",") {
            s = comma + 1;
        }
    }
    if lexicon::is_pronoun(words.w(s)) {
        return Some((s, s + 1));
    }
    let mut k = s;
    while k < before && k - s < 12 {
        let w = words.w(k);
        let verbish = !words.is_cap(k) && (w.ends_with("ed") || lexicon::verb(w).is_some() || lexicon::is_cue_modifier(w) || lexicon::is_irregular_past(w));
        if words.is_punct(k) || lexicon::is_clause_word(w) || verbish || matches!(w, "on" | "in" | "at" | "for" | "with" | "during" | "last" | "this") {
            break;
        }
        k += 1;
    }
    (k > s && k < before && (s..k).any(|i| words.is_cap(i))).then_some((s, k))
}

/// The start of a time phrase ending at token `i` ("last week", "on Monday", "earlier this month"),
/// or `i` when there is none.
fn time_phrase_before(words: &Words, a: usize, i: usize) -> usize {
    const PERIODS: &[&str] = &["week", "month", "year", "weekend", "night", "morning", "afternoon", "evening", "spring", "summer", "fall", "winter"];
    const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today"];
    let w = |k: usize| if k >= a && k < i { words.w(k) } else { "" };
    let mut k = i;
    if k > a + 1 && PERIODS.contains(&w(k - 1)) && matches!(w(k - 2), "last" | "this" | "next" | "that" | "earlier" | "later") {
        k -= 2;
        if k > a && matches!(w(k - 1), "earlier" | "later") {
            k -= 1;
        }
    } else if k > a && WEEKDAYS.contains(&w(k - 1)) {
        k -= 1;
        if k > a && w(k - 1) == "on" {
            k -= 1;
        }
    }
    // Keep at least one token for the source.
    if k > a { k } else { i }
}

/// A source ends before time words: "X on Thursday said". Returns the new end.
fn trim_time(words: &Words, start: usize, mut end: usize) -> usize {
    while end > start && lexicon::is_time_word(words.w(end - 1)) {
        end -= 1;
        if end > start && matches!(words.w(end - 1), "on" | "last" | "this" | "late" | "early") {
            end -= 1;
        }
    }
    end
}

/// Content from token `from` to token `to` (exclusive). A content that starts with a quotation
/// running past the sentence takes the whole quotation.
fn content_after(words: &Words, mut from: usize, to: usize, quotes: &[Quote]) -> Option<Span> {
    if words.w(from) == "," {
        from += 1;
    }
    if from >= to {
        return None;
    }
    let mut span = words.span(from, to);
    if let Some(q) = quote_at(quotes, span.start) {
        if q.start == span.start && q.end > span.end {
            span = q;
        }
    }
    Some(span)
}

/// Content from the sentence start `a` to token `to` (exclusive); a quotation ending there that began
/// in an earlier sentence is taken whole.
fn content_before(words: &Words, a: usize, to: usize, quotes: &[Quote]) -> Option<Span> {
    if a >= to {
        return None;
    }
    let mut span = words.span(a, to);
    while span.end > span.start && words.doc.text(span).ends_with(',') {
        span.end -= 1;
    }
    if let Some(q) = quote_at(quotes, span.end.saturating_sub(1)) {
        if q.end == span.end && q.start < span.start {
            span = q;
        }
    }
    (!span.is_empty()).then_some(span)
}
