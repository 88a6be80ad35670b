/**
 * A character cursor over LookML text for the parser: it reads char codes, keeps the
 * zero-based line and UTF-16 character of its offset as it moves, collects `#` comments
 * while skipping whitespace, and scans the tokens LookML is made of (words, quoted
 * strings). Every scanning method consumes at least what it reports, never less.
 */

import type { Comment, Position, Range } from "./ast";
import { startsLookmlMember } from "./keys";

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COLON = 58;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const NBSP = 0xa0;
const BOM = 0xfeff;

const WORD = 1;
const KEY = 2;
const BLANK = 4;
const SIGIL = 8;

/** What the cursor reads past the end of the text. */
export const EOF = -1;

/**
 * The char code at `offset`, or EOF past the end. Reading past the end with bare
 * `charCodeAt` gives NaN, which turns V8's fast integer code into slow floating point.
 */
function codeAt(text: string, offset: number): number {
  return offset < text.length ? text.charCodeAt(offset) : EOF;
}

// One lookup per UTF-16 code unit instead of a chain of comparisons, at `code + 1` so
// that EOF has an entry too: bit WORD marks what may appear in a bare value (any
// non-ASCII character but a no-break space), KEY what may appear in a key, BLANK
// whitespace, SIGIL the `@` and `$` that open `@{constant}` and `${field}`.
const CLASSES = buildClasses();

function buildClasses(): Uint8Array {
  const classes = new Uint8Array(65537).fill(WORD);
  const set = (chars: string, kind: number): void => {
    for (const char of chars) classes[char.charCodeAt(0) + 1] = kind;
  };
  classes.fill(0, 0, 34);
  classes[128] = 0;
  set(':{}[],"#;', 0);
  set(" \t\n\r\v\f\u00a0\ufeff", BLANK);
  set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", WORD | KEY);
  set("@$", WORD | SIGIL);
  return classes;
}

function classOf(code: number): number {
  return CLASSES[code + 1] ?? 0;
}

function isKeyChar(code: number): boolean {
  return (classOf(code) & KEY) !== 0;
}

function isWordChar(code: number): boolean {
  return (classOf(code) & WORD) !== 0;
}

// Whether a carriage return in `text` stands alone (an old Mac line break) rather than
// before a line feed: line breaks can then not be found by looking for `\n` alone.
function hasLoneCR(text: string): boolean {
  for (let cr = text.indexOf("\r"); cr !== -1; cr = text.indexOf("\r", cr + 1)) {
    if (codeAt(text, cr + 1) !== LF) return true;
  }
  return false;
}

/**
 * Remembers where a search for the next match found it, so that searching again from a
 * later offset before that match costs nothing: however many times the parser asks, the
 * text is scanned about once.
 */
class NextMatch {
  private from = Number.POSITIVE_INFINITY;
  private at = -1;

  /** `find(from)` gives the offset of the first match at or after `from`, or -1. */
  constructor(private readonly find: (from: number) => number) {}

  next(from: number): number {
    if (from >= this.from && (this.at === -1 || from <= this.at)) return this.at;
    this.from = from;
    this.at = this.find(from);
    return this.at;
  }
}

/** Where an expression (the text after `sql:`, `html:` ...) ends. */
export interface ExpressionEnd {
  /** Offset of its `;;`, or where it was cut short when `closed` is false. */
  end: number;
  /** False when the `;;` is missing. */
  closed: boolean;
}

/** The text of a scanned quoted string. */
export interface QuotedString {
  /** The text between the quotes, escapes resolved. */
  value: string;
  /** False when the string had no closing quote; it then ends with its first line. */
  closed: boolean;
}

export class Cursor {
  readonly text: string;
  readonly length: number;
  /** Offset of the next character to read. */
  pos = 0;
  /** Zero-based line of `pos`. */
  line = 0;
  /** Offset where the line of `pos` starts. */
  lineStart = 0;
  readonly comments: Comment[] = [];
  // Line breaks are then not all `\n`, and native `indexOf("\n")` cannot count them.
  private readonly loneCR: boolean;
  // The first `\n` at or after some offset not after `pos`, so that moving across a
  // long line never searches it twice for its end.
  private nextLF = -1;
  private readonly semicolons: NextMatch;
  private readonly quotes: NextMatch;
  private readonly memberLines: NextMatch;
  private readonly braceLines: NextMatch;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
    this.loneCR = hasLoneCR(text);
    this.semicolons = new NextMatch((from) => text.indexOf(";;", from));
    this.quotes = new NextMatch((from) => text.indexOf('"', from));
    const length = text.length;
    this.memberLines = new NextMatch((from) => findLineBreak(text, from, length, startsMemberLine));
    this.braceLines = new NextMatch((from) => findLineBreak(text, from, length, startsWithBrace));
    if (codeAt(text, 0) === BOM) this.pos = 1;
  }

  /** Whether `code` may appear in a key (`dimension_group`, `sql_on`). */
  isKeyChar(code: number): boolean {
    return isKeyChar(code);
  }

  /** Whether `code` may appear in a bare (unquoted) value. */
  isWordChar(code: number): boolean {
    return isWordChar(code);
  }

  atEnd(): boolean {
    return this.pos >= this.length;
  }

  /** The char code at `pos`, or EOF at the end. */
  code(): number {
    return codeAt(this.text, this.pos);
  }

  /** The char code `ahead` places after `pos`, or EOF past the end. */
  peek(ahead: number): number {
    return codeAt(this.text, this.pos + ahead);
  }

  position(): Position {
    return { line: this.line, character: this.pos - this.lineStart };
  }

  rangeFrom(start: Position): Range {
    return { start, end: this.position() };
  }

  /** Moves forward to `offset`, counting the line breaks passed (`\n`, `\r\n`, `\r`). */
  advanceTo(offset: number): void {
    if (this.loneCR) {
      this.advanceCountingCR(offset);
      return;
    }
    // `nextLF` may lag behind after `skipTrivia` passed line breaks; it is then renewed.
    if (this.nextLF < this.pos) this.nextLF = this.findLF(this.pos);
    while (this.nextLF < offset) {
      this.line++;
      this.lineStart = this.nextLF + 1;
      this.nextLF = this.findLF(this.lineStart);
    }
    this.pos = offset;
  }

  // The next `\n` at or after `from`, or the text length when there is none.
  private findLF(from: number): number {
    const lf = this.text.indexOf("\n", from);
    return lf === -1 ? this.length : lf;
  }

  private advanceCountingCR(offset: number): void {
    const text = this.text;
    for (let i = this.pos; i < offset; i++) {
      const code = text.charCodeAt(i);
      if (code === LF || (code === CR && codeAt(text, i + 1) !== LF)) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.pos = offset;
  }

  /** Skips whitespace, line breaks and `#` comments, keeping the comments. */
  skipTrivia(): void {
    const text = this.text;
    for (;;) {
      const code = codeAt(text, this.pos);
      if (code === SPACE || code === TAB) {
        this.pos++;
      } else if (code === LF || code === CR) {
        this.skipLineBreak(code);
      } else if (code === HASH) {
        this.skipComment();
      } else if (code === NBSP || code === BOM || code === 11 || code === 12) {
        this.pos++;
      } else {
        return;
      }
    }
  }

  /** Skips spaces and tabs only, staying on the current line. */
  skipInlineSpace(): void {
    let code = codeAt(this.text, this.pos);
    while (code === SPACE || code === TAB) code = codeAt(this.text, ++this.pos);
  }

  private skipLineBreak(code: number): void {
    this.pos++;
    if (code === CR && codeAt(this.text, this.pos) === LF) this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  private skipComment(): void {
    const start = this.position();
    const from = this.pos + 1;
    const text = this.text;
    let end: number;
    if (this.loneCR) {
      end = lineEnd(text, from);
    } else {
      end = text.indexOf("\n", from);
      if (end === -1) end = this.length;
      if (end > from && text.charCodeAt(end - 1) === CR) end--;
    }
    this.pos = end;
    this.comments.push({ text: text.slice(from, end), range: this.rangeFrom(start) });
  }

  /** Scans a key (`[A-Za-z0-9_]+`) and returns it; empty when none starts here. */
  scanKey(): string {
    const start = this.pos;
    const text = this.text;
    let code = codeAt(text, this.pos);
    while (isKeyChar(code)) code = codeAt(text, ++this.pos);
    return text.slice(start, this.pos);
  }

  /**
   * Scans a bare value (`users.id`, `+orders`, `America/Los_Angeles`, `@{SCHEMA}.t`) and
   * returns it; empty when none starts here. A `@{...}` or `${...}` inside is taken whole.
   */
  scanWord(): string {
    const start = this.pos;
    const text = this.text;
    for (;;) {
      const kind = classOf(codeAt(text, this.pos));
      if ((kind & WORD) === 0) break;
      if ((kind & SIGIL) !== 0 && codeAt(text, this.pos + 1) === LBRACE) {
        this.skipSubstitution();
      } else {
        this.pos++;
      }
    }
    return text.slice(start, this.pos);
  }

  // `@{name}` / `${name}`: to the `}`, unless the line ends first.
  private skipSubstitution(): void {
    const text = this.text;
    let end = this.pos + 2;
    for (let code = codeAt(text, end); isWordChar(code) || code === SPACE;) {
      code = codeAt(text, ++end);
    }
    this.pos = codeAt(text, end) === RBRACE ? end + 1 : end;
  }

  /**
   * Scans a quoted string starting at the `"` under the cursor. A string may span lines;
   * when it has no closing quote before the end of the text, or before a line that
   * starts a LookML member, it is taken to end with its first line.
   */
  scanQuoted(): QuotedString {
    const open = this.pos;
    const text = this.text;
    if (this.quotes.next(open + 1) === -1) return this.closeUnterminated(open);
    let i = open + 1;
    let escaped = false;
    for (;;) {
      const code = codeAt(text, i);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        escaped = true;
        i += 2;
      } else if (code === EOF || ((code === LF || code === CR) && startsMemberLine(text, i + 1))) {
        return this.closeUnterminated(open);
      } else {
        i++;
      }
    }
    const raw = text.slice(open + 1, i);
    this.advanceTo(i + 1);
    return { value: escaped ? unescape(raw) : raw, closed: true };
  }

  /**
   * Finds the end of the expression starting at the cursor, without moving: its first
   * `;;`. When there is none, or a line before it starts a LookML member, the `;;` is
   * missing: the expression then stops before that line, or before an earlier line that
   * starts with `}` (the end of its block).
   */
  findExpressionEnd(): ExpressionEnd {
    const semicolons = this.semicolons.next(this.pos);
    // Up to a `;;` the body is scanned once, as the cursor then moves past it; without
    // one, the search runs to the end of the text and is remembered.
    const memberLine =
      semicolons === -1
        ? this.memberLines.next(this.pos)
        : findLineBreak(this.text, this.pos, semicolons, startsMemberLine);
    if (semicolons !== -1 && memberLine === -1) return { end: semicolons, closed: true };
    const cut = memberLine === -1 ? this.length : memberLine;
    const braceLine = this.braceLines.next(this.pos);
    return { end: braceLine !== -1 && braceLine < cut ? braceLine : cut, closed: false };
  }

  private closeUnterminated(open: number): QuotedString {
    const end = lineEnd(this.text, open);
    const raw = this.text.slice(open + 1, end);
    this.pos = end;
    return { value: unescape(raw), closed: false };
  }
}

/** Offset of the line break (or text end) that ends the line holding `offset`. */
function lineEnd(text: string, offset: number): number {
  let i = offset;
  for (let code = codeAt(text, i); code !== LF && code !== CR && code !== EOF;) {
    code = codeAt(text, ++i);
  }
  return i;
}

/** The first `\n` in [from, to) whose next line passes `test`, or -1. */
function findLineBreak(
  text: string,
  from: number,
  to: number,
  test: (text: string, lineStart: number) => boolean,
): number {
  for (let lf = text.indexOf("\n", from); lf !== -1 && lf < to; lf = text.indexOf("\n", lf + 1)) {
    if (test(text, lf + 1)) return lf;
  }
  return -1;
}

// Whether the line starting at `offset` starts with `}`, after blanks.
function startsWithBrace(text: string, offset: number): boolean {
  let i = offset;
  let code = codeAt(text, i);
  while (code === SPACE || code === TAB) code = codeAt(text, ++i);
  return code === RBRACE;
}

/**
 * Whether the line starting at `offset` opens with `key:` for a key that begins LookML
 * members and never SQL, HTML or prose (`dimension:`, `sql:` ...).
 */
function startsMemberLine(text: string, offset: number): boolean {
  let i = offset;
  let code = codeAt(text, i);
  while (code === SPACE || code === TAB) code = codeAt(text, ++i);
  const keyStart = i;
  while (isKeyChar(code)) code = codeAt(text, ++i);
  const keyEnd = i;
  if (keyEnd === keyStart) return false;
  while (code === SPACE || code === TAB) code = codeAt(text, ++i);
  return code === COLON && startsLookmlMember(text.slice(keyStart, keyEnd));
}

// `\x` stands for `x`, whatever `x` is; a lone trailing backslash stays.
function unescape(raw: string): string {
  let out = "";
  let from = 0;
  for (let i = raw.indexOf("\\"); i !== -1 && i + 1 < raw.length; i = raw.indexOf("\\", from)) {
    out += raw.slice(from, i) + raw.charAt(i + 1);
    from = i + 2;
  }
  return out + raw.slice(from);
}
