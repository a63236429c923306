// Text that string-width measures as one column per UTF-16 unit (with ambiguous characters
// narrow, its default): printable ASCII plus the symbol ranges a container table draws with (dots,
// dashes, quotes, arrows, box drawing, block elements, shapes, check marks). bundle-ui.mjs gives
// string-width this fast path: otherwise one ▶ or ▂ in a row sends the whole row through
// Intl.Segmenter and an emoji regex, grapheme by grapheme, on every frame.
// test/scripts/narrow-text.test.ts checks every character of the class against string-width.
export const NARROW_TEXT_SOURCE = '^[\\u0020-\\u007E\\u00B7\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2500-\\u25FC\\u2713\\u2715-\\u2717]*$';
export const NARROW_TEXT = new RegExp(NARROW_TEXT_SOURCE);
