// Container names, labels and images are user data that end up on a terminal.
// A crafted name must not be able to move the cursor, retitle the window,
// write hyperlinks or break the table's tabs and lines, so control characters
// and whole escape sequences are removed; ordinary Unicode is kept.

// String sequences (OSC, DCS, SOS, PM, APC), 7-bit or C1 introducer. Their
// payload is swallowed by the terminal, so it goes too, up to BEL or ST; an
// unterminated one runs to the end, as the terminal would read it.
const STRING_SEQ = String.raw`(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)`;
// CSI: parameter bytes, intermediate bytes, final byte (optional: truncated).
const CSI_SEQ = String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`;
// Any other escape: ESC, intermediates, one final byte.
const OTHER_ESC = String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]?`;
// C0, DEL, C1.
const CONTROL = String.raw`[\x00-\x1f\x7f-\x9f]`;
// Bidi embeddings/overrides/isolates reorder the rest of the row on bidi-aware
// terminals; line/paragraph separators may break the line. Invisible in a name.
const LAYOUT_FORMAT = String.raw`[\u2028\u2029\u202a-\u202e\u2066-\u2069]`;

const STRIP = new RegExp(`${STRING_SEQ}|${CSI_SEQ}|${OTHER_ESC}|${CONTROL}|${LAYOUT_FORMAT}`, 'g');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Cheap pre-check: most names are plain and skip both replaces.
const NEEDS_WORK = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/**
 * Remove C0/C1 control characters (tab and newline included), DEL, complete
 * ESC/CSI/OSC/DCS/APC sequences, bidi overrides and line separators; lone
 * surrogates become U+FFFD so width measurement and UTF-8 output agree.
 */
export function sanitize(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(STRIP, '').replace(LONE_SURROGATE, '\ufffd');
}

// What escapeControls shows as text: every control, bidi and line-separator character.
const ESCAPABLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\x1b': '\\e', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\x07': '\\a', '\x08': '\\b' };

/**
 * For the live screen, where a user reads labels and names: the same characters sanitize()
 * removes are shown escaped instead (`\e[2J`, `\x00`, `\u202e`), so `evil=\x1b[2J` does not look
 * like an empty value. Nothing stays that a terminal would act on: what is left of an escape
 * sequence after its ESC is plain text.
 */
export function escapeControls(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(LONE_SURROGATE, '\ufffd').replace(ESCAPABLE, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const SHORT_ID_LENGTH = 12;

/**
 * docker's `TruncateID`: drop everything up to and including the first ':'
 * (as in "sha256:…"), keep 12 characters. With `noTrunc` the ID is returned
 * unchanged, prefix included, exactly as `docker stats --no-trunc` prints it.
 */
export function truncateId(id: string, noTrunc = false): string {
  if (noTrunc) return id;
  const colon = id.indexOf(':');
  const bare = colon >= 0 ? id.slice(colon + 1) : id;
  return bare.slice(0, SHORT_ID_LENGTH);
}

/**
 * A container name for display: control characters shown escaped (escapeControls), one leading
 * '/' (the engine's form, "/web") removed, and "--" when nothing is left, like docker. Plain
 * output sanitizes first, so there they are removed.
 */
export function displayName(name: string): string {
  const clean = escapeControls(name);
  const bare = clean.startsWith('/') ? clean.slice(1) : clean;
  return bare === '' ? '--' : bare;
}
