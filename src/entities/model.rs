//! The tagger's model: BILOU tags over CoNLL's four types, hashed features with quantised weights,
//! first-order transitions, Viterbi decoding, and the compact binary format of `data/ner.model`.
//!
//! Format (little endian): magic `NERM`, version byte, tag count byte, `f32` weight scale,
//! `u32` feature count, transition scores (`f32`, `(tags + 2) × tags`: one row per previous tag,
//! then the start row, then the end column as a row), feature keys as LEB128 deltas of the sorted
//! `u32` keys, then per feature a LEB128 bit mask of the tags with non-zero weight followed by one
//! `i8` per set bit.

use std::hint::select_unpredictable;

/// CoNLL entity types, in tag order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Number of tags: `O` plus B, I, L, U for each type.
pub const NTAGS: usize = 1 + 4 * TYPES.len();

/// The outside tag.
pub const O: usize = 0;

/// Position of a tag inside its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Outside,
    Begin,
    Inside,
    Last,
    Unit,
}

/// The tag index for a part of an entity of type `ty` (index into [`TYPES`]).
pub fn tag(part: Part, ty: usize) -> usize {
    match part {
        Part::Outside => O,
        Part::Begin => 1 + 4 * ty,
        Part::Inside => 2 + 4 * ty,
        Part::Last => 3 + 4 * ty,
        Part::Unit => 4 + 4 * ty,
    }
}

/// The part and type of a tag.
pub fn split_tag(t: usize) -> (Part, usize) {
    if t == O || t >= NTAGS {
        return (Part::Outside, 0);
    }
    let ty = (t - 1) / 4;
    let part = match (t - 1) % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    (part, ty)
}

/// The tag's name (`O`, `B-PER`, ...).
pub fn tag_name(t: usize) -> String {
    let (p, ty) = split_tag(t);
    let prefix = match p {
        Part::Outside => return "O".into(),
        Part::Begin => "B",
        Part::Inside => "I",
        Part::Last => "L",
        Part::Unit => "U",
    };
    format!("{prefix}-{}", TYPES[ty])
}

/// Whether tag `b` may follow tag `a` in BILOU.
pub fn allowed(a: usize, b: usize) -> bool {
    let (pa, ta) = split_tag(a);
    let (pb, tb) = split_tag(b);
    let a_open = matches!(pa, Part::Begin | Part::Inside);
    let b_continues = matches!(pb, Part::Inside | Part::Last);
    if a_open {
        b_continues && ta == tb
    } else {
        !b_continues
    }
}

/// Whether a sentence may start with tag `t`.
pub fn allowed_start(t: usize) -> bool {
    !matches!(split_tag(t).0, Part::Inside | Part::Last)
}

/// Whether a sentence may end with tag `t`.
pub fn allowed_end(t: usize) -> bool {
    !matches!(split_tag(t).0, Part::Begin | Part::Inside)
}

/// Entity spans `(first token, end token exclusive, type)` of a well-formed BILOU sequence.
/// Ill-formed pieces (possible only from hand-made input) are repaired leniently.
pub fn spans_of(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    spans_into(tags, 0, &mut out);
    out
}

/// [`spans_of`] appended to `out`, with `offset` added to the token indices.
pub fn spans_into(tags: &[usize], offset: usize, out: &mut Vec<(usize, usize, usize)>) {
    let mut push = |(a, b, ty): (usize, usize, usize)| out.push((a + offset, b + offset, ty));
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (p, ty) = split_tag(t);
        match p {
            Part::Outside => {
                if let Some((s, oty)) = open.take() {
                    push((s, i, oty));
                }
            }
            Part::Unit => {
                if let Some((s, oty)) = open.take() {
                    push((s, i, oty));
                }
                push((i, i + 1, ty));
            }
            Part::Begin => {
                if let Some((s, oty)) = open.take() {
                    push((s, i, oty));
                }
                open = Some((i, ty));
            }
            Part::Inside | Part::Last => {
                match open {
                    Some((_, oty)) if oty == ty => {}
                    Some((s, oty)) => {
                        push((s, i, oty));
                        open = Some((i, ty));
                    }
                    None => open = Some((i, ty)),
                }
                if p == Part::Last {
                    if let Some((s, oty)) = open.take() {
                        push((s, i + 1, oty));
                    }
                }
            }
        }
    }
    if let Some((s, oty)) = open {
        push((s, tags.len(), oty));
    }
}

/// BILOU tags for entity spans over `n` tokens (spans must not overlap).
pub fn tags_of(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut tags = vec![O; n];
    for &(s, e, ty) in spans {
        if s >= e || e > n {
            continue;
        }
        if e - s == 1 {
            tags[s] = tag(Part::Unit, ty);
        } else {
            tags[s] = tag(Part::Begin, ty);
            for t in tags.iter_mut().take(e - 1).skip(s + 1) {
                *t = tag(Part::Inside, ty);
            }
            tags[e - 1] = tag(Part::Last, ty);
        }
    }
    tags
}

/// Transition scores: `trans[a * NTAGS + b]` for `a -> b`, plus start and end scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Transitions {
    pub trans: Vec<f32>,
    pub start: Vec<f32>,
    pub end: Vec<f32>,
}

impl Default for Transitions {
    fn default() -> Self {
        Transitions { trans: vec![0.0; NTAGS * NTAGS], start: vec![0.0; NTAGS], end: vec![0.0; NTAGS] }
    }
}

/// Tags that end an entity or are outside one (`O`, `L-*`, `U-*`): the only possible sources of
/// a transition into `O`, `B-*` or `U-*`.
const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// Exact Viterbi decoding of `n = emissions.len() / NTAGS` tokens under the BILOU constraints.
/// Returns the best tag sequence; among equal-scoring predecessors the lowest tag wins.
/// (A [`Decoder`] does the same without allocating per call.)
pub fn viterbi(emissions: &[f32], tr: &Transitions) -> Vec<usize> {
    let mut tags = Vec::new();
    Decoder::new(tr).decode(emissions, &mut tags);
    tags
}

/// The decoder's own order of the tags, which makes the BILOU structure contiguous: lanes 0-3
/// `B-*`, 4 `O`, 5-8 `U-*`, 9-12 `L-*`, 13-16 `I-*`. The tags that start or are outside an entity
/// (successors of a closed tag) are lanes 0-8, the closed tags (`O`, `U-*`, `L-*`) lanes 4-12.
/// `LANE[t]` is the lane of model tag `t`; `MODEL[l]` the model tag of lane `l`.
///
/// The lookup table keeps its weight rows in this order too, so the tagger's sums ([`Acc`]) and
/// emissions are in lane order and the decoder reads them without gathering
/// ([`Decoder::decode_from`]); [`Decoder::decode`] and [`viterbi`] take model order.
pub const LANE: [usize; NTAGS] = {
    let mut lane = [0; NTAGS];
    lane[O] = 4;
    let mut ty = 0;
    while ty < TYPES.len() {
        lane[1 + 4 * ty] = ty;
        lane[2 + 4 * ty] = 13 + ty;
        lane[3 + 4 * ty] = 9 + ty;
        lane[4 + 4 * ty] = 5 + ty;
        ty += 1;
    }
    lane
};
pub const MODEL: [usize; NTAGS] = {
    let mut model = [0; NTAGS];
    let mut t = 0;
    while t < NTAGS {
        model[LANE[t]] = t;
        t += 1;
    }
    model
};
/// The lane of the outside tag (the same in the compact order of [`LANE`] and in the decoder's
/// padded rows, [`ROW`]).
pub const O_LANE: usize = LANE[O];
/// First lane of the closed tags in the compact order of [`LANE`].
const CLOSED_LANE: usize = 4;
/// Width of the decoder's rows (emissions and forward scores): the compact lanes of [`LANE`] with
/// three padding lanes after `O`, so that each group of four tags is one aligned four-lane vector:
/// 0-3 `B-*`, 4 `O`, 5-7 padding, 8-11 `U-*`, 12-15 `L-*`, 16-19 `I-*` ([`PLANE`]). The
/// padding lanes are never read.
pub const ROW: usize = 20;
/// The padded lane ([`ROW`]) of compact lane `c` ([`LANE`]).
pub const fn padded(c: usize) -> usize {
    if c <= O_LANE {
        c
    } else {
        c + 3
    }
}
/// `PLANE[t]`: the padded lane ([`ROW`]) of model tag `t`.
pub const PLANE: [usize; NTAGS] = {
    let mut p = [0; NTAGS];
    let mut t = 0;
    while t < NTAGS {
        p[t] = padded(LANE[t]);
        t += 1;
    }
    p
};
/// Padded lanes of the closed tags (`O`, `U-*`, `L-*`), the sources of every transition into
/// `B-*`/`O`/`U-*`: `O` at 4, then 8-15.
const fn closed_lane(a: usize) -> usize {
    if a == 0 {
        O_LANE
    } else {
        7 + a
    }
}
/// Lanes of the max-plus product from the nine closed tags into the padded lanes 0-11 (`B-*`,
/// `O` and its padding, `U-*`).
const LANES: usize = 12;

/// A row of emissions in the decoder's padded lanes ([`ROW`]) from summed weights in compact
/// lanes ([`LANE`]), scaled; the padding lanes are zero.
#[inline(always)]
pub fn padded_row(acc: &Acc, scale: f32) -> [f32; ROW] {
    std::array::from_fn(|p| match p {
        0..=4 => acc[p] as f32 * scale,
        5..=7 => 0.0,
        _ => acc[p - 3] as f32 * scale,
    })
}

/// Viterbi decoding with the transition tables laid out for speed and reusable scratch space.
///
/// The BILOU structure keeps it cheap: a tag that starts or is outside an entity comes from one
/// of the nine [`CLOSED`] tags (a fixed 9×12 max-plus product), an `I-x`/`L-x` tag from `B-x` or
/// `I-x`. The forward scores are kept in the padded lanes of [`ROW`] (each tag group one aligned
/// four-lane vector); emissions and the returned tags are in model order. Only the scores are
/// kept in the forward pass; the argmax is recomputed for the one tag per token on the way back.
#[derive(Clone, Debug)]
pub struct Decoder {
    /// Transitions from closed tag `a` (padded lane [`closed_lane`]`(a)`) into padded lanes 0-11
    /// (lanes 5-7 pad: −∞).
    tc: [[f32; LANES]; 9],
    /// Per type, in lanes: `B→I`, `I→I`, `B→L`, `I→L`.
    bi: [f32; 4],
    ii: [f32; 4],
    bl: [f32; 4],
    il: [f32; 4],
    /// Per closed tag `1 + a` (`U-*`, `L-*`: padded lanes `8 + a`): an upper bound of
    /// `max_k tc[1 + a][k] − tc[0][k]` over the nine real targets, how much more that tag's
    /// transitions into `B-*`/`O`/`U-*` give than `O`'s (see [`Decoder::o_dominates`]).
    dom: [f32; 8],
    /// Start scores in padded lanes (−∞ where a sentence may not start, and on the padding).
    start: [f32; ROW],
    end: [f32; NTAGS],
    /// Forward scores, one row per token (reused between calls).
    scores: Vec<[f32; ROW]>,
}

impl Decoder {
    pub fn new(tr: &Transitions) -> Decoder {
        const NEG: f32 = f32::NEG_INFINITY;
        let t = |a: usize, b: usize| tr.trans.get(a * NTAGS + b).copied().unwrap_or(0.0);
        // In compact lanes first (closed source `a` is compact lane `4 + a`, targets 0-8), as the
        // dominance bounds are computed over the nine real targets.
        let mut compact = [[NEG; 9]; 9];
        for (a, row) in compact.iter_mut().enumerate() {
            for (b, w) in row.iter_mut().enumerate() {
                *w = t(MODEL[CLOSED_LANE + a], MODEL[b]);
            }
        }
        let mut tc = [[NEG; LANES]; 9];
        for (a, row) in tc.iter_mut().enumerate() {
            for (b, &w) in compact[a].iter().enumerate() {
                row[padded(b)] = w;
            }
        }
        let inner = |from: Part, to: Part| std::array::from_fn(|ty| t(tag(from, ty), tag(to, ty)));
        let (bi, ii, bl, il) = (inner(Part::Begin, Part::Inside), inner(Part::Inside, Part::Inside), inner(Part::Begin, Part::Last), inner(Part::Inside, Part::Last));
        let mut start = [NEG; ROW];
        let mut end = [0.0; NTAGS];
        for k in 0..NTAGS {
            if allowed_start(k) {
                start[PLANE[k]] = tr.start.get(k).copied().unwrap_or(0.0);
            }
            end[k] = tr.end.get(k).copied().unwrap_or(0.0);
        }
        // Each bound is computed in `f64` from `f32` values, raised by one ulp (so it is at least
        // the exact maximum whatever the rounding of the subtraction) and rounded up to an `f32`
        // (a NaN or +∞ bound makes `o_dominates` always false: no shortcut).
        let dom = std::array::from_fn(|a| {
            let d = (0..9).map(|k| compact[1 + a][k] as f64 - compact[0][k] as f64).fold(f64::NEG_INFINITY, f64::max);
            if !d.is_finite() {
                return d as f32;
            }
            let (d, f) = (d.next_up(), d.next_up() as f32);
            if (f as f64) < d { f.next_up() } else { f }
        });
        Decoder { tc, bi, ii, bl, il, dom, start, end, scores: Vec::new() }
    }

    /// Whether the `O` lane of forward row `prev` gives every target of `B-*`, `O` and `U-*`
    /// at least as high a score as any other closed lane does, i.e. for every closed tag
    /// `a` and target `k`, `prev[O] + tc[0][k] ≥ prev[a] + tc[a][k]`. Then the best closed
    /// predecessor's score is `O`'s, and `O` is the best closed predecessor of each of those
    /// targets (the lowest tag, so it also wins a tie).
    ///
    /// Exact, not a heuristic: the test is `fl(prev[O] − prev[a]) > dom[a]` in `f32`, where
    /// `dom[a]` is an `f32` value at least `max_k tc[a][k] − tc[0][k]`. Rounding is monotone and
    /// `dom[a]` representable, so the rounded difference can only exceed `dom[a]` if the exact
    /// one is at least `dom[a]`; then the exact sums satisfy the inequality for every `k`, and
    /// their `f32` roundings (monotone again) keep `≥`. The max-plus product's maximum is
    /// therefore `prev[O] + tc[0][k]` as a value (equal candidates are equal values), the same as
    /// the full product computes. A lane at −∞ is dominated (+∞ > `dom`); a NaN difference fails
    /// the test (full product).
    #[inline(always)]
    fn o_dominates(&self, prev: &[f32; ROW]) -> bool {
        let o = prev[O_LANE];
        // Eight lanes (`U-*`, `L-*`: padded lanes 8-15, two aligned vectors) compared at once,
        // one branch (not eight short-circuit branches).
        let ok: [bool; 8] = std::array::from_fn(|a| o - prev[8 + a] > self.dom[a]);
        ok.iter().fold(true, |x, &y| x & y)
    }

    /// The same decoder with the [`Decoder::o_dominates`] shortcut disabled (every step takes the
    /// full max-plus product), to test that the shortcut changes nothing.
    #[cfg(test)]
    pub(crate) fn without_shortcut(&self) -> Decoder {
        Decoder { dom: [f32::INFINITY; 8], ..self.clone() }
    }

    /// Decodes `n = emissions.len() / NTAGS` tokens (emissions in model order) into `tags`
    /// (cleared first).
    pub fn decode(&mut self, emissions: &[f32], tags: &mut Vec<usize>) {
        let mut scores = std::mem::take(&mut self.scores);
        scores.clear();
        scores.resize(emissions.len() / NTAGS, [0.0; ROW]);
        let lanes = padded_lanes(emissions);
        self.decode_from(&lanes, &mut scores, 0, tags);
        self.scores = scores;
    }

    /// [`Decoder::decode`] on emissions in the padded lanes of [`ROW`] (what the tagger's sums
    /// give, [`padded_row`]), with the forward scores in `scores` (one row per token, in padded
    /// lanes too), of which the rows before `from` are already those of these emissions (a second
    /// pass over emissions that changed from token `from` on restarts there; the result is the
    /// same as decoding from the start). Writes the rows from `from` on.
    pub fn decode_from(&self, emissions: &[f32], scores: &mut [[f32; ROW]], from: usize, tags: &mut Vec<usize>) {
        const NEG: f32 = f32::NEG_INFINITY;
        tags.clear();
        let n = scores.len().min(emissions.len() / ROW);
        let scores = &mut scores[..n];
        let row = |i: usize| emissions.get(i * ROW..(i + 1) * ROW).and_then(|c| <&[f32; ROW]>::try_from(c).ok()).unwrap_or(&[0.0; ROW]);
        if n == 0 {
            return;
        }
        let from = from.min(n);
        if from == 0 {
            let e0 = row(0);
            scores[0] = std::array::from_fn(|l| self.start[l] + e0[l]);
        }
        let mut prev = scores[from.max(1) - 1];
        for i in from.max(1)..n {
            let em = row(i);
            // Lanes 0-11 (B, O and its padding, U): the best closed predecessor.
            // The nine candidates' maximum as a tree (depth four instead of a chain of nine
            // dependent maxima: the steps of a sentence form one long dependency chain), each
            // candidate made where the tree uses it, so that the partial maxima stay in registers.
            let c = |a: usize| -> [f32; LANES] {
                let s = prev[closed_lane(a)];
                std::array::from_fn(|k| s + self.tc[a][k])
            };
            let max = |x: [f32; LANES], y: [f32; LANES]| -> [f32; LANES] { std::array::from_fn(|k| if x[k] > y[k] { x[k] } else { y[k] }) };
            // Most steps of a text are between two `O` tokens whose other closed lanes trail far
            // behind: then the maximum is `O`'s candidate ([`Decoder::o_dominates`]: the same
            // values, so the same forward scores and tags, at a ninth of the cost).
            let m = if self.o_dominates(&prev) {
                c(0)
            } else {
                max(max(max(c(0), c(1)), max(c(2), c(3))), max(max(c(4), c(5)), max(c(6), max(c(7), c(8)))))
            };
            let mut cur = [NEG; ROW];
            for l in 0..LANES {
                cur[l] = m[l] + em[l];
            }
            // I-x and L-x (lanes 16-19 and 12-15): from B-x (lanes 0-3) or I-x.
            for ty in 0..4 {
                let (pb, pi) = (prev[ty], prev[16 + ty]);
                let (x, y) = (pb + self.bi[ty], pi + self.ii[ty]);
                cur[16 + ty] = if y > x { y } else { x } + em[16 + ty];
                let (x, y) = (pb + self.bl[ty], pi + self.il[ty]);
                cur[12 + ty] = if y > x { y } else { x } + em[12 + ty];
            }
            scores[i] = cur;
            prev = cur;
        }
        let prev = scores[n - 1];
        let mut best = NEG;
        let mut last = O;
        for t in 0..NTAGS {
            let st = prev[PLANE[t]];
            if allowed_end(t) && st > NEG {
                let s = st + self.end[t];
                if s > best {
                    best = s;
                    last = t;
                }
            }
        }
        tags.resize(n, O);
        tags[n - 1] = last;
        for i in (1..n).rev() {
            let b = tags[i];
            let prev = &scores[i - 1];
            // Part of the tag: 0 begin, 1 inside, 2 last, 3 unit (`O`: none).
            let part = if b == O { 0 } else { (b - 1) % 4 };
            tags[i - 1] = if b != O && (part == 1 || part == 2) {
                // I-x or L-x: from B-x or I-x (the lower tag wins a tie).
                let ty = (b - 1) / 4;
                let (bt, it) = (b - part, b - part + 1);
                let (from_b, from_i) = if part == 1 { (self.bi[ty], self.ii[ty]) } else { (self.bl[ty], self.il[ty]) };
                select_unpredictable(prev[PLANE[it]] + from_i > prev[PLANE[bt]] + from_b, it, bt)
            } else if self.o_dominates(prev) {
                // `O` is the best closed predecessor, and the lowest tag (see the forward pass).
                O
            } else {
                // The best closed predecessor, the nine candidates reduced as a tree (depth four,
                // not a chain of nine dependent selects: the backtrack is one dependency chain
                // from the last token to the first). The leaves are in model-tag order and the
                // left one wins a tie, so the lowest tag wins, as in the forward pass's order.
                let lb = PLANE[b];
                let c = |k: usize| -> (f32, usize) {
                    let a = CLOSED[k];
                    let ca = LANE[a] - CLOSED_LANE;
                    (prev[closed_lane(ca)] + self.tc[ca][lb], a)
                };
                let best = |l: (f32, usize), r: (f32, usize)| select_unpredictable(r.0 > l.0, r, l);
                best(best(best(c(0), c(1)), best(c(2), c(3))), best(best(c(4), c(5)), best(c(6), best(c(7), c(8))))).1
            };
        }
    }
}

/// Emissions in model order (`n × NTAGS`) as rows of the decoder's padded lanes ([`ROW`]; the
/// padding is zero).
pub fn padded_lanes(emissions: &[f32]) -> Vec<f32> {
    emissions
        .chunks_exact(NTAGS)
        .flat_map(|row| {
            std::array::from_fn::<f32, ROW, _>(|p| match p {
                0..=4 => row[MODEL[p]],
                5..=7 => 0.0,
                _ => row[MODEL[p - 3]],
            })
        })
        .collect()
}

/// The allowed-transition table, computed at compile time (checks `allowed` in the tests).
#[cfg(test)]
static ALLOWED: [[bool; NTAGS]; NTAGS] = {
    let mut t = [[false; NTAGS]; NTAGS];
    let mut a = 0;
    while a < NTAGS {
        let mut b = 0;
        while b < NTAGS {
            // Same rule as `allowed`, in const form.
            let a_open = a != 0 && ((a - 1) % 4 == 0 || (a - 1) % 4 == 1);
            let b_cont = b != 0 && ((b - 1) % 4 == 1 || (b - 1) % 4 == 2);
            t[a][b] = if a_open { b_cont && (a - 1) / 4 == (b - 1) / 4 } else { !b_cont };
            b += 1;
        }
        a += 1;
    }
    t
};

/// Summed `i8` weights of features, one lane per tag in the decoder's lane order ([`LANE`];
/// unscaled: multiply by [`Model::scale`]).
///
/// `i16` lanes hold any sum of up to 258 weights exactly, and a token has at most 63 features
/// (25 unit features of its window, at most 33 context and 5 evidence features), so the sums
/// equal the `i32` ones (the adds are `wrapping_add`, plain vector adds that never panic; within
/// that bound they never wrap). Half the width of `i32` lanes: the widening adds take fewer
/// instructions and the tagger's per-word rows half the memory (callgrind: −3 % of
/// `entities::find` on conll-dev; saturating adds measured slower than `i32`).
pub type Acc = [i16; NTAGS];

/// Adds `row` to `acc` lane by lane (see [`Acc`]).
#[inline(always)]
pub fn add_row(acc: &mut Acc, row: &Acc) {
    for t in 0..NTAGS {
        acc[t] = acc[t].wrapping_add(row[t]);
    }
}

/// A compact model: sorted feature keys with `i8` weights per tag, and transitions.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// `weights[f * NTAGS + t]` is `scale ×` the weight of feature `f` for tag `t`.
    pub weights: Vec<i8>,
    pub scale: f32,
    pub keys: Vec<u32>,
    pub transitions: Transitions,
    /// The lookup table: [`Buckets`].
    table: Buckets,
}

/// Keys per bucket of the lookup table: three keys and their rows fill one 64-byte cache line.
const BUCKET: usize = 3;

/// One cache line of the lookup table: up to three keys (0 = empty) with their weight rows.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C, align(64))]
struct Bucket {
    keys: [u32; BUCKET],
    rows: [[i8; NTAGS]; BUCKET],
}

const EMPTY: Bucket = Bucket { keys: [0; BUCKET], rows: [[0; NTAGS]; BUCKET] };

/// The weights of a feature the model does not have.
static ZERO_ROW: [i8; NTAGS] = [0; NTAGS];

/// The lookup table from feature keys to weight rows: two-choice cuckoo hashing over buckets
/// that are one cache line each (keys and rows together). A key is in one of two known buckets,
/// so a lookup reads two lines at once, compares six keys and picks the row with conditional
/// moves: no probe loop, no data-dependent branch to mispredict, and the lookups of successive
/// features overlap. A missing feature reads [`ZERO_ROW`].
#[derive(Clone, Debug, PartialEq)]
struct Buckets {
    buckets: Vec<Bucket>,
    /// Bucket count (`buckets.len()`, kept apart so that a lookup reads no length).
    n: usize,
}

impl Buckets {
    /// The two candidate buckets of a key (keys are uniform hashes): the key and a remix of it,
    /// each mapped onto `0..n` by a multiply-shift (no power-of-two size, so no table twice as
    /// large as it needs to be).
    #[inline]
    fn homes(key: u32, n: usize) -> (usize, usize) {
        let h2 = key.wrapping_mul(0x9e37_79b1).rotate_left(16) ^ key;
        let range = |h: u32| ((h as u64 * n as u64) >> 32) as usize;
        (range(key), range(h2))
    }

    /// Builds the table at a load of about 0.85 (three keys per bucket, two buckets per key;
    /// measured: 40,000 keys always fit the first time), growing it by an eighth until every
    /// key finds a place. Later duplicates of a key win.
    fn build(keys: &[u32], weights: &[i8]) -> Buckets {
        let mut nb = (keys.len() * 20 / (17 * BUCKET)).max(2);
        loop {
            if let Some(t) = Self::try_build(keys, weights, nb) {
                return t;
            }
            nb += nb / 8 + 1;
        }
    }

    fn try_build(keys: &[u32], weights: &[i8], nb: usize) -> Option<Buckets> {
        let mut t = Buckets { buckets: vec![EMPTY; nb], n: nb };
        for (i, &k) in keys.iter().enumerate() {
            let Some(w) = weights.get(i * NTAGS..(i + 1) * NTAGS) else { break };
            if k == 0 {
                continue;
            }
            // In lane order (see [`LANE`]).
            let row: [i8; NTAGS] = std::array::from_fn(|l| w[MODEL[l]]);
            if let Some((b, j)) = t.find(k) {
                t.buckets[b].rows[j] = row;
                continue;
            }
            t.insert(k, row)?;
        }
        Some(t)
    }

    /// Cuckoo insertion: a free slot in either bucket, else evict a resident to its other bucket.
    fn insert(&mut self, mut key: u32, mut row: [i8; NTAGS]) -> Option<()> {
        let mut b = Self::homes(key, self.n).0;
        for kick in 0..1000 {
            let (h1, h2) = Self::homes(key, self.n);
            for cand in [h1, h2] {
                let bucket = &mut self.buckets[cand];
                if let Some(j) = bucket.keys.iter().position(|&x| x == 0) {
                    bucket.keys[j] = key;
                    bucket.rows[j] = row;
                    return Some(());
                }
            }
            // Both full: displace a resident of bucket `b` (rotating victims) and re-place it.
            let j = kick % BUCKET;
            let bucket = &mut self.buckets[b];
            std::mem::swap(&mut bucket.keys[j], &mut key);
            std::mem::swap(&mut bucket.rows[j], &mut row);
            let (h1, h2) = Self::homes(key, self.n);
            b = if h1 == b { h2 } else { h1 };
        }
        None
    }

    /// Where `key` is stored, if anywhere.
    fn find(&self, key: u32) -> Option<(usize, usize)> {
        let (b1, b2) = Self::homes(key, self.n);
        [b1, b2].into_iter().find_map(|b| self.buckets[b].keys.iter().position(|&x| x == key).map(|j| (b, j)))
    }

    /// The row of `key`, or [`ZERO_ROW`]: both buckets are compared without branching.
    #[inline(always)]
    fn row(&self, key: u32) -> &[i8; NTAGS] {
        let (b1, b2) = Self::homes(key, self.n);
        let (x, y) = (&self.buckets[b1], &self.buckets[b2]);
        let mut row = &ZERO_ROW;
        for j in 0..BUCKET {
            // Whether a feature is in the model, and where, follows no pattern: a select, not a
            // branch that mispredicts (the compiler made branches of plain `if`s here).
            row = select_unpredictable(x.keys[j] == key, &x.rows[j], row);
            row = select_unpredictable(y.keys[j] == key, &y.rows[j], row);
        }
        row
    }
}

/// The 32-bit model key of a 64-bit feature hash.
#[inline]
pub fn key_of(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

fn write_leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.i..self.i.checked_add(n)?)?;
        self.i += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.bytes(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }
    fn leb(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

impl Model {
    /// Builds a model from float weights (`weights[f * NTAGS + t]`) for the given keys, quantising
    /// to `i8` with a scale that maps `clip` to 127 (larger weights saturate).
    pub fn quantise(keys: Vec<u32>, weights: &[f32], clip: f32, transitions: Transitions) -> Model {
        let scale = if clip > 0.0 { clip / 127.0 } else { 1.0 };
        let q = weights.iter().map(|&w| (w / scale).round().clamp(-127.0, 127.0) as i8).collect();
        Model::from_parts(keys, q, scale, transitions)
    }

    fn from_parts(keys: Vec<u32>, weights: Vec<i8>, scale: f32, transitions: Transitions) -> Model {
        let table = Buckets::build(&keys, &weights);
        Model { weights, scale, keys, transitions, table }
    }

    /// The weight row of a feature key (in model order), if the model has it.
    pub fn row(&self, key: u32) -> Option<[i8; NTAGS]> {
        self.table.find(key).map(|(b, j)| LANE.map(|l| self.table.buckets[b].rows[j][l]))
    }

    /// Adds the weights of all the feature hashes `hs` to `acc` (in lane order, [`LANE`]).
    #[inline]
    pub fn add_all(&self, hs: &[u64], acc: &mut Acc) {
        for &h in hs {
            self.add(h, acc);
        }
    }

    /// Adds the weights of feature hash `h` to `acc` (unscaled integers; a missing feature adds
    /// the zero row, which costs less than a branch that mispredicts).
    #[inline(always)]
    pub fn add(&self, h: u64, acc: &mut Acc) {
        let w = self.table.row(key_of(h));
        for t in 0..NTAGS {
            acc[t] = acc[t].wrapping_add(w[t] as i16);
        }
    }

    /// Serialises to the compact binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"NERM");
        out.push(1);
        out.push(NTAGS as u8);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        let tr = &self.transitions;
        for v in tr.trans.iter().chain(&tr.start).chain(&tr.end) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        // Keys sorted, with their weight rows in the same order.
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_by_key(|&i| self.keys[i]);
        let mut prev = 0u32;
        for &i in &order {
            write_leb(&mut out, (self.keys[i] - prev) as u64);
            prev = self.keys[i];
        }
        for &i in &order {
            let row = &self.weights[i * NTAGS..i * NTAGS + NTAGS];
            let mask = row.iter().enumerate().filter(|(_, &w)| w != 0).fold(0u64, |m, (t, _)| m | 1 << t);
            write_leb(&mut out, mask);
            out.extend(row.iter().filter(|&&w| w != 0).map(|&w| w as u8));
        }
        out
    }

    /// Reads the binary format; `None` if it is malformed.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let mut r = Reader { b, i: 0 };
        if r.bytes(4)? != b"NERM" || r.u8()? != 1 || r.u8()? as usize != NTAGS {
            return None;
        }
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut tr = Transitions::default();
        for v in tr.trans.iter_mut().chain(tr.start.iter_mut()).chain(tr.end.iter_mut()) {
            *v = r.f32()?;
        }
        let mut keys = Vec::with_capacity(n.min(b.len()));
        let mut prev = 0u64;
        for _ in 0..n {
            prev += r.leb()?;
            keys.push(u32::try_from(prev).ok()?);
        }
        let mut weights = vec![0i8; keys.len() * NTAGS];
        for f in 0..keys.len() {
            let mask = r.leb()?;
            for t in 0..NTAGS {
                if mask & (1 << t) != 0 {
                    weights[f * NTAGS + t] = r.u8()? as i8;
                }
            }
        }
        Some(Model::from_parts(keys, weights, scale, tr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::needless_range_loop)]
    fn tag_roundtrip_and_constraints() {
        for t in 0..NTAGS {
            let (p, ty) = split_tag(t);
            assert_eq!(tag(p, ty), t, "{}", tag_name(t));
            for b in 0..NTAGS {
                assert_eq!(allowed(t, b), ALLOWED[t][b], "{} -> {}", tag_name(t), tag_name(b));
            }
        }
        assert!(allowed(tag(Part::Begin, 0), tag(Part::Last, 0)));
        assert!(!allowed(tag(Part::Begin, 0), tag(Part::Last, 1)));
        assert!(!allowed(O, tag(Part::Inside, 2)));
    }

    #[test]
    fn spans_and_tags_invert() {
        let spans = vec![(0, 3, 0), (4, 5, 2), (6, 8, 3)];
        let tags = tags_of(9, &spans);
        assert_eq!(spans_of(&tags), spans);
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Emissions favour an invalid "O I-PER" path; the decoder must return a valid one.
        let mut em = vec![0.0f32; 2 * NTAGS];
        em[O] = 1.0;
        em[NTAGS + tag(Part::Inside, 0)] = 5.0;
        em[NTAGS + tag(Part::Unit, 0)] = 1.0;
        let tags = viterbi(&em, &Transitions::default());
        assert_eq!(tags, vec![O, tag(Part::Unit, 0)]);
        assert!(viterbi(&[], &Transitions::default()).is_empty());
    }

    /// Plain exact Viterbi over all allowed transitions (the reference for [`viterbi`]).
    fn viterbi_reference(em: &[f32], tr: &Transitions) -> Vec<usize> {
        let n = em.len() / NTAGS;
        let mut score: Vec<f32> = (0..NTAGS).map(|t| if allowed_start(t) { tr.start[t] + em[t] } else { f32::NEG_INFINITY }).collect();
        let mut back = vec![0usize; n * NTAGS];
        for i in 1..n {
            let mut next = vec![f32::NEG_INFINITY; NTAGS];
            for b in 0..NTAGS {
                for a in (0..NTAGS).filter(|&a| allowed(a, b)) {
                    let c = score[a] + tr.trans[a * NTAGS + b];
                    if c > next[b] {
                        next[b] = c;
                        back[i * NTAGS + b] = a;
                    }
                }
                next[b] += em[i * NTAGS + b];
            }
            score = next;
        }
        let last = (0..NTAGS).filter(|&t| allowed_end(t)).fold(O, |m, t| if score[t] + tr.end[t] > score[m] + tr.end[m] { t } else { m });
        let mut tags = vec![last; n];
        for i in (1..n).rev() {
            tags[i - 1] = back[i * NTAGS + tags[i]];
        }
        tags
    }

    /// The tests' pseudo-random numbers (xorshift64): values in [-10, 10] in steps of 0.01, or
    /// rounded to whole numbers (`coarse`, for ties).
    struct Rng(u64);

    impl Rng {
        fn value(&mut self, coarse: bool) -> f32 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            let v = (self.0 % 2001) as f32 / 100.0 - 10.0;
            if coarse { v.round() } else { v }
        }
    }

    #[test]
    fn viterbi_matches_reference() {
        // Pseudo-random emissions and transitions, some with ties (coarse values).
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let mut rnd = |coarse: bool| rng.value(coarse);
        for case in 0..200 {
            let coarse = case % 2 == 0;
            let n = 1 + case % 23;
            let mut tr = Transitions::default();
            for v in tr.trans.iter_mut().chain(tr.start.iter_mut()).chain(tr.end.iter_mut()) {
                *v = rnd(coarse) / 4.0;
            }
            let em: Vec<f32> = (0..n * NTAGS).map(|_| rnd(coarse)).collect();
            assert_eq!(viterbi(&em, &tr), viterbi_reference(&em, &tr), "case {case}");
        }
    }

    #[test]
    fn o_dominance_shortcut_changes_nothing() {
        // Emissions where `O` leads by a random margin on most tokens (so the shortcut fires on
        // many steps, and near its threshold on some), coarse values on half the cases (ties),
        // under random transitions and the embedded model's: the same forward scores, bit for
        // bit, and the same tags as without the shortcut and as the reference decoder.
        let mut rng = Rng(0x3c6e_f372_fe94_f82b);
        let mut rnd = |coarse: bool| rng.value(coarse);
        let embedded = crate::entities::ner::embedded_model().map(|m| m.transitions.clone());
        let (mut fired, mut steps) = (0, 0);
        for case in 0..400 {
            let coarse = case % 2 == 0;
            let n = 1 + case % 41;
            let tr = match &embedded {
                Some(tr) if case % 4 < 2 => tr.clone(),
                _ => {
                    let mut tr = Transitions::default();
                    for v in tr.trans.iter_mut().chain(tr.start.iter_mut()).chain(tr.end.iter_mut()) {
                        *v = rnd(coarse) / 4.0;
                    }
                    tr
                }
            };
            let mut em: Vec<f32> = (0..n * NTAGS).map(|_| rnd(coarse)).collect();
            for i in 0..n {
                let lead = rnd(coarse).abs() * (case % 5) as f32;
                if rnd(false) < 6.0 {
                    em[i * NTAGS + O] += lead;
                }
            }
            let lanes = padded_lanes(&em);
            let dec = Decoder::new(&tr);
            let (mut a, mut b) = (vec![[0.0; ROW]; n], vec![[0.0; ROW]; n]);
            let (mut ta, mut tb) = (Vec::new(), Vec::new());
            dec.decode_from(&lanes, &mut a, 0, &mut ta);
            dec.without_shortcut().decode_from(&lanes, &mut b, 0, &mut tb);
            // The padding lanes are never read: compare the others.
            let bits = |s: &[[f32; ROW]]| -> Vec<u32> { s.iter().flat_map(|r| PLANE.map(|l| r[l].to_bits())).collect() };
            assert_eq!(bits(&a), bits(&b), "case {case}");
            assert_eq!(ta, tb, "case {case}");
            assert_eq!(ta, viterbi_reference(&em, &tr), "case {case}");
            steps += n - 1;
            fired += a[..n.saturating_sub(1)].iter().filter(|p| dec.o_dominates(p)).count();
        }
        // The shortcut is exercised, and not on every step.
        assert!(fired * 5 > steps && fired < steps, "{fired} of {steps}");
    }

    #[test]
    fn restarted_decoding_matches_decoding_from_scratch() {
        // Emissions decoded once, then changed from token `from` on: restarting there on the
        // first decoding's forward scores gives the tags of a decoding from scratch.
        let mut rng = Rng(0x51_7cc1_b727_220a);
        let mut rnd = || rng.value(false);
        let mut tr = Transitions::default();
        for v in tr.trans.iter_mut().chain(tr.start.iter_mut()).chain(tr.end.iter_mut()) {
            *v = rnd() / 4.0;
        }
        let dec = Decoder::new(&tr);
        let mut tags = Vec::new();
        for case in 0..100 {
            let n = 1 + case % 19;
            let from = case % (n + 1);
            let mut em: Vec<f32> = (0..n * NTAGS).map(|_| rnd()).collect();
            let lanes = |em: &[f32]| -> Vec<f32> { padded_lanes(em) };
            let mut scores = vec![[0.0; ROW]; n];
            dec.decode_from(&lanes(&em), &mut scores, 0, &mut tags);
            assert_eq!(tags, viterbi(&em, &tr), "case {case}");
            for v in &mut em[from * NTAGS..] {
                *v += rnd();
            }
            dec.decode_from(&lanes(&em), &mut scores, from, &mut tags);
            assert_eq!(tags, viterbi(&em, &tr), "case {case}, from {from}");
        }
    }

    #[test]
    fn table_finds_every_key_and_only_them() {
        // Pseudo-random keys (some repeated: the later row wins), several table sizes.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for n in [0usize, 1, 2, 3, 7, 100, 5000, 40_000] {
            let mut keys = Vec::new();
            let mut weights = Vec::new();
            for i in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let k = if i % 97 == 5 { keys[i / 2] } else { key_of(x) };
                keys.push(k);
                weights.extend((0..NTAGS).map(|t| ((i * 7 + t) % 255) as i8));
            }
            let t = Buckets::build(&keys, &weights);
            if n == 40_000 {
                let m = crate::entities::ner::embedded_model().expect("model");
                assert_eq!(m.table.n, m.keys.len() * 20 / (17 * BUCKET), "the shipped table grew");
                assert!(m.table.n * std::mem::size_of::<Bucket>() < 1_100_000);
                // The shipped model's size: it fits at the first size tried (load about 0.85).
                assert_eq!(t.n, n * 20 / (17 * BUCKET), "grew");
            }
            let mut last = std::collections::HashMap::new();
            for (i, &k) in keys.iter().enumerate() {
                last.insert(k, i);
            }
            for (&k, &i) in &last {
                let (b, j) = t.find(k).expect("key present");
                assert_eq!(LANE.map(|l| t.buckets[b].rows[j][l])[..], weights[i * NTAGS..(i + 1) * NTAGS]);
                assert_eq!(t.row(k), &t.buckets[b].rows[j]);
            }
            for probe in [1u32, 2, 3, 0xdead_beef, u32::MAX] {
                if !last.contains_key(&probe) {
                    assert!(t.find(probe).is_none());
                    assert_eq!(t.row(probe), &ZERO_ROW);
                }
            }
        }
    }

    #[test]
    fn model_bytes_roundtrip() {
        let keys = vec![7u32, 3, 1 << 31];
        let mut w = vec![0.0f32; 3 * NTAGS];
        w[1] = 0.5;
        w[NTAGS + 4] = -1.0;
        w[2 * NTAGS + 16] = 2.0;
        let mut tr = Transitions::default();
        tr.trans[5] = 0.25;
        let m = Model::quantise(keys, &w, 2.0, tr);
        let back = Model::from_bytes(&m.to_bytes()).expect("round trip");
        assert_eq!(back.scale, m.scale);
        assert_eq!(back.transitions, m.transitions);
        for (i, &k) in m.keys.iter().enumerate() {
            let row = back.row(k).expect("key kept");
            assert_eq!(&row[..], &m.weights[i * NTAGS..(i + 1) * NTAGS]);
        }
        assert_eq!(back.row(12345), None);
        assert!(Model::from_bytes(b"NERM").is_none());
        assert!(Model::from_bytes(&m.to_bytes()[..20]).is_none());
    }
}
