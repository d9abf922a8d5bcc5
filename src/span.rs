//! The one span type of the core.

/// A half-open range of UTF-8 byte offsets `[start, end)` into the analysed text.
///
/// Every span the core produces lies on `char` boundaries, so `&text[span.range()]` never panics
/// for the text it came from.
///
/// ```
/// use article_analyzer::Span;
/// let text = "Kim said “no”.";
/// let span = Span::new(0, 3);
/// assert_eq!(span.slice(text), "Kim");
/// assert_eq!(span.len(), 3);
/// assert!(Span::new(0, 8).contains(span));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; if `end < start` the span is empty at `start`.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The byte range, for slicing.
    #[inline]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text of the span, or `""` when the span does not fit `text` (never panics).
    #[inline]
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range()).unwrap_or("")
    }

    /// Whether `other` lies inside this span.
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    #[inline]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span widened by up to `before` bytes on the left and `after` bytes on the right,
    /// clipped to `text` and moved outwards to `char` boundaries, so that the result can always
    /// be sliced: a context window for error listings.
    ///
    /// ```
    /// use article_analyzer::Span;
    /// let text = "Kim said “no” today.";
    /// let said = Span::new(4, 8);
    /// assert_eq!(said.widen(text, 2, 5).slice(text), "m said “n");
    /// // 2 bytes to the right end inside "“": the window takes the whole mark.
    /// assert_eq!(said.widen(text, 0, 2).slice(text), "said “");
    /// assert_eq!(said.widen(text, 100, 100), Span::new(0, text.len()));
    /// ```
    pub fn widen(&self, text: &str, before: usize, after: usize) -> Span {
        let mut lo = self.start.min(text.len()).saturating_sub(before);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = self.end.saturating_add(after).min(text.len()).max(lo);
        while !text.is_char_boundary(hi) {
            hi += 1;
        }
        Span::new(lo, hi)
    }
}
