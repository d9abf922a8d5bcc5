//! Word lists: reporting verbs (from `data/reporting_verbs.txt`) and small closed classes.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Whether a cue reports speech or sourcing, or a belief or attitude.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    Speech,
    Belief,
}

/// A reporting-verb form: its lemma and class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbForm {
    pub lemma: &'static str,
    pub class: CueClass,
}

const VERBS: &str = include_str!("../../data/reporting_verbs.txt");

/// Every form and lemma of the list; the flag says whether the word is a cue form.
fn verbs() -> &'static HashMap<&'static str, (VerbForm, bool)> {
    static MAP: OnceLock<HashMap<&'static str, (VerbForm, bool)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in VERBS.lines() {
            let mut cols = line.split_whitespace();
            let class = match cols.next() {
                Some("S") => CueClass::Speech,
                Some("B") => CueClass::Belief,
                _ => continue,
            };
            let Some(lemma) = cols.next() else { continue };
            // "-state": the lemma itself is not a cue form (mostly a noun).
            let (lemma, lemma_is_form) = match lemma.strip_prefix('-') {
                Some(l) => (l, false),
                None => (lemma, true),
            };
            map.insert(lemma, (VerbForm { lemma, class }, lemma_is_form));
            for form in cols {
                map.insert(form, (VerbForm { lemma, class }, true));
            }
        }
        map
    })
}

/// The reporting verb `word` (lower case) is a form of, if any.
///
/// ```
/// use article_analyzer::attribution::lexicon::{verb, CueClass};
/// assert_eq!(verb("told").map(|v| v.lemma), Some("tell"));
/// assert_eq!(verb("thinks").map(|v| v.class), Some(CueClass::Belief));
/// assert!(verb("table").is_none());
/// ```
pub fn verb(word: &str) -> Option<VerbForm> {
    verbs().get(word).filter(|(_, form)| *form).map(|(v, _)| *v)
}

/// Whether a cue text (any case, possibly with auxiliaries and adverbs) belongs to the speech and
/// sourcing subset: it contains a speech-class reporting verb or a sourcing phrase.
pub fn is_speech_cue(cue: &str) -> bool {
    let lower = cue.to_lowercase();
    if lower.contains("according to") || lower.trim() == ":" {
        return true;
    }
    lower.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| verbs().get(w).is_some_and(|(v, _)| v.class == CueClass::Speech))
}

/// Forms that are also common nouns or adjectives ("the report", "a claim", "shows"): taken as a cue
/// only after a subject-like word.
pub fn is_noun_like(word: &str) -> bool {
    matches!(
        word,
        "report" | "reports" | "state" | "states" | "claim" | "claims" | "note" | "notes" | "comment" | "comments" | "call" | "calls"
            | "quote" | "quotes" | "show" | "shows" | "find" | "finds" | "finding" | "charge" | "charges" | "brief" | "briefs" | "briefing"
            | "counter" | "promise" | "promises" | "fear" | "fears" | "hope" | "hopes" | "warning" | "reporting" | "estimate" | "estimates"
            | "vow" | "vows" | "pledge" | "pledges" | "joke" | "jokes" | "want" | "wants" | "see" | "know" | "feel" | "written" | "shown"
            | "seen" | "known" | "calling" | "quoting" | "thinking" | "feeling" | "stating" | "agree" | "respond" | "reply" | "tweet" | "tweets"
            | "ask" | "called" | "accused" | "alleged" | "charged" | "informed" | "stated" | "expected" | "concluded"
    )
}

/// Determiners and possessives: a verb form right after one is a noun or adjective.
pub fn is_determiner(word: &str) -> bool {
    matches!(word, "the" | "a" | "an" | "this" | "these" | "those" | "his" | "her" | "its" | "their" | "our" | "my" | "your" | "'s" | "’s" | "no" | "any" | "some" | "every" | "each")
}

/// Modal verbs, lowercase, with the stems the tokenizer leaves of "won't" and "can't" ("wo",
/// "ca").
pub fn is_modal(word: &str) -> bool {
    matches!(word, "will" | "would" | "could" | "might" | "may" | "can" | "should" | "must" | "wo" | "ca" | "cannot")
}

/// Auxiliaries and adverbs that join a cue ("has also said", "repeatedly denied").
pub fn is_cue_modifier(word: &str) -> bool {
    matches!(
        word,
        "has" | "have" | "had" | "also" | "again" | "repeatedly" | "later" | "earlier" | "previously" | "publicly" | "privately" | "separately"
            | "further" | "did" | "does" | "do" | "not" | "never" | "recently" | "once" | "first" | "often" | "been" | "now" | "since"
            | "long" | "always" | "finally" | "eventually" | "only" | "then" | "even"
            | "subsequently" | "initially" | "already" | "originally" | "frequently" | "flatly" | "strongly" | "quickly" | "reportedly"
            | "officially" | "still" | "openly" | "explicitly" | "specifically" | "simply" | "just" | "n't" | "n’t" | "is" | "was" | "were" | "are"
    )
}

/// An adverb in "-ly" (lower case, hyphens allowed: "matter-of-factly"), the one test for an
/// adverb that joins a cue, before it ("wrongly claimed", "barely mentioned", "pointedly saying";
/// PolNeAR train: of the speech cues with such an adverb right before the verb, outside the
/// `is_cue_modifier` list, 66 start at or before the adverb and none at the verb) or after it
/// ("replied evenly", see `cues::shape_cue`). Words in "-ly" that are not adverbs ("family",
/// "rally", "likely") are left out.
///
/// ```
/// use article_analyzer::attribution::lexicon::is_ly_adverb;
/// assert!(is_ly_adverb("wrongly"));
/// assert!(is_ly_adverb("matter-of-factly"));
/// assert!(!is_ly_adverb("rally"));
/// assert!(!is_ly_adverb("only"));
/// assert!(!is_ly_adverb("Kelly"));
/// assert!(!is_ly_adverb("-ly"));
/// ```
pub fn is_ly_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && !word.starts_with('-')
        && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !matches!(
            word,
            "early" | "likely" | "unlikely" | "family" | "daily" | "rally" | "reply" | "supply" | "apply" | "weekly" | "monthly" | "yearly"
                | "friendly" | "unfriendly" | "elderly" | "italy" | "july" | "belly" | "lonely" | "silly" | "ugly" | "costly" | "timely"
                | "jolly" | "holly" | "bully" | "assembly" | "anomaly" | "homily" | "monopoly" | "butterfly" | "deadly" | "lovely"
                | "lively" | "orderly" | "scholarly" | "worldly" | "curly" | "hourly" | "nightly" | "quarterly" | "comply" | "multiply"
        )
}

/// Time words that join a cue when right after it ("said Friday", "said on Tuesday").
pub fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "today" | "yesterday" | "tonight" | "earlier"
            | "later" | "recently" | "again" | "also" | "previously" | "publicly" | "privately" | "separately" | "repeatedly"
    )
}

/// Words that cannot be inside a source noun phrase: they start a clause.
pub fn is_clause_word(word: &str) -> bool {
    matches!(
        word,
        "that" | "which" | "because" | "while" | "although" | "though" | "if" | "when" | "whether" | "since" | "so" | "but" | "where"
            | "after" | "before" | "as" | "until" | "unless" | "whereas" | "said" | "says" | "is" | "are" | "was" | "were"
            | "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must" | "be" | "been" | "being" | "not" | "to"
    )
}

/// Connectives that open a sentence and are not part of its subject.
pub fn is_connective(word: &str) -> bool {
    matches!(
        word,
        "but" | "and" | "meanwhile" | "however" | "still" | "yet" | "so" | "also" | "separately" | "instead" | "indeed" | "moreover"
            | "later" | "earlier" | "then" | "now" | "or"
    )
}

/// Common irregular past forms that end a subject ("The leaders met ...").
pub fn is_irregular_past(word: &str) -> bool {
    matches!(
        word,
        "met" | "went" | "came" | "made" | "took" | "gave" | "held" | "left" | "spoke" | "won" | "lost" | "sent" | "began" | "led" | "ran" | "got" | "put"
            | "set" | "kept" | "sought" | "brought" | "paid" | "struck" | "fought" | "stood" | "became" | "chose" | "drew" | "fell" | "rose" | "sat"
            | "saw" | "said" | "told" | "wrote" | "thought" | "knew" | "felt" | "has" | "have" | "had" | "is" | "are" | "was" | "were"
    )
}

/// Subject pronouns.
pub fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_cue_table() {
        for (cue, want) in [("said", true), ("has also said", true), ("According to", true), ("told", true), ("thinks", false), ("believe", false), ("table", false)] {
            assert_eq!(is_speech_cue(cue), want, "{cue}");
        }
    }
}
