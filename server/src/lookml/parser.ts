/**
 * The LookML parser: text in, syntax tree out, with the exact range of every key, name
 * and value, every `#` comment, and every syntax error. It never throws and always
 * reaches the end of the text: each step consumes input, and after an error it resumes
 * at the next thing that makes sense, so the rest of the file still gets a tree.
 */

import type {
  BlockNode,
  ExpressionNode,
  ListNode,
  LookmlDocument,
  PairNode,
  Position,
  Range,
  ScalarNode,
  SyntaxError,
  SyntaxNode,
} from "./ast";
import { Cursor, EOF } from "./cursor";
import { isExpressionKey, isTopLevelKey } from "./keys";

const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const COLON = 58;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

// Real LookML nests a handful of levels; beyond this the input is skipped flat rather
// than parsed by recursion that could exhaust the stack.
const MAX_DEPTH = 200;

// Past this many errors a file is not LookML at all; listing more helps no one.
const MAX_ERRORS = 1000;

// Blocks Looker only knows by their name; `link: { ... }` and the like are anonymous.
const NAMED_BLOCKS = new Set([
  "view",
  "explore",
  "dimension",
  "dimension_group",
  "measure",
  "filter",
  "parameter",
  "join",
  "set",
  "datagroup",
  "access_grant",
  "aggregate_table",
]);

/** Parses one LookML file (`.view.lkml`, `.model.lkml`, `manifest.lkml` ...). Never throws. */
export function parseLookml(text: string): LookmlDocument {
  return new Parser(text).parseDocument();
}

/** The name after `key:` in a block header: `view: orders {` or `view: +orders {`. */
interface BlockName {
  name: string;
  nameRange: Range;
  refinement: boolean;
}

class Parser {
  private readonly cursor: Cursor;
  private readonly errors: SyntaxError[] = [];
  // One error per line: a second one on the same line is nearly always a knock-on effect.
  private lastErrorLine = -1;
  private depth = 0;

  constructor(text: string) {
    this.cursor = new Cursor(text);
  }

  parseDocument(): LookmlDocument {
    const children = this.parseMembers(undefined);
    return { children, comments: this.cursor.comments, errors: this.errors };
  }

  /**
   * Parses members until the end of the text or a `}` (left for the caller). Inside a
   * block (`parentKey` set, its header at column `parentColumn`), a member no further
   * right than the header, with the block's own key or a top-level key, means the block
   * was never closed: parsing returns so an outer level takes that member.
   */
  private parseMembers(parentKey: string | undefined, parentColumn = 0): SyntaxNode[] {
    const cursor = this.cursor;
    const members: SyntaxNode[] = [];
    for (;;) {
      cursor.skipTrivia();
      const code = cursor.code();
      if (cursor.atEnd() || (code === RBRACE && parentKey !== undefined)) return members;
      const start = cursor.pos;

      if (cursor.isKeyChar(code)) {
        const startPosition = cursor.position();
        const key = cursor.scanKey();
        const outdented = startPosition.character <= parentColumn;
        if (parentKey !== undefined && outdented && this.closesParent(key, parentKey)) {
          cursor.pos = start;
          return members;
        }
        const member = this.parseMember(key, startPosition);
        if (member) members.push(member);
      } else {
        this.skipUnexpected();
      }
      if (cursor.pos === start) this.skipUnexpected();
    }
  }

  private closesParent(key: string, parentKey: string): boolean {
    return (key === parentKey || isTopLevelKey(key)) && this.colonFollows();
  }

  private colonFollows(): boolean {
    const cursor = this.cursor;
    const pos = cursor.pos;
    cursor.skipInlineSpace();
    const found = cursor.code() === COLON;
    cursor.pos = pos;
    return found;
  }

  /** Parses what follows a key: `: value`, `: [list]`, `: name { ... }` or `: sql ;;`. */
  private parseMember(key: string, start: Position): SyntaxNode | undefined {
    const cursor = this.cursor;
    const keyRange = cursor.rangeFrom(start);
    cursor.skipTrivia();
    if (cursor.code() !== COLON) {
      this.error(`Expected ':' after '${key}'`, keyRange);
      return undefined;
    }

    // Looker tolerates `key:: value`.
    while (cursor.code() === COLON) cursor.pos++;
    if (isExpressionKey(key)) return this.parseExpression(key, keyRange);
    cursor.skipTrivia();
    return this.parseValue(key, keyRange);
  }

  private parseValue(key: string, keyRange: Range): SyntaxNode | undefined {
    const cursor = this.cursor;
    const code = cursor.code();
    if (code === LBRACKET) return this.parseList(key, keyRange);
    if (code === LBRACE) return this.parseBlock(key, keyRange, undefined);
    if (code === QUOTE || cursor.isWordChar(code)) return this.parseScalarOrBlock(key, keyRange);
    this.error(`Expected a value after '${key}:'`, keyRange);
    return undefined;
  }

  // `key: value` is a pair unless a `{` follows, which makes `value` a block's name.
  private parseScalarOrBlock(key: string, keyRange: Range): PairNode | BlockNode {
    const cursor = this.cursor;
    const value = this.parseScalar();
    cursor.skipTrivia();
    if (cursor.code() !== LBRACE) return this.pairNode(key, keyRange, value);
    // Looker takes no quotes around a block's name; the block is still read, to recover.
    if (value.quoted) {
      this.error(`A block name takes no quotes: '${key}: ${shorten(value.value)}'`, value.range);
    }
    return this.parseBlock(key, keyRange, blockName(value));
  }

  private pairNode(key: string, keyRange: Range, value: ScalarNode): PairNode {
    const range = { start: keyRange.start, end: value.range.end };
    return { type: "pair", key, keyRange, value, range };
  }

  private parseBlock(key: string, keyRange: Range, name: BlockName | undefined): BlockNode {
    const cursor = this.cursor;
    cursor.pos++;
    const openEnd = cursor.position();
    const children = this.parseNested(key, keyRange.start.character);
    let end: Position;
    if (cursor.code() === RBRACE) {
      cursor.pos++;
      end = cursor.position();
    } else {
      end = children.at(-1)?.range.end ?? openEnd;
      const header = name ? `${key}: ${name.refinement ? "+" : ""}${name.name}` : key;
      this.error(`'${header}' is missing its closing '}'`, { start: keyRange.start, end: openEnd });
    }
    const range = { start: keyRange.start, end };
    if (!name) {
      if (NAMED_BLOCKS.has(key)) {
        this.error(`'${key}:' needs a name, as in '${key}: name { ... }'`, keyRange);
      }
      return { type: "block", key, keyRange, refinement: false, children, range };
    }
    const { name: text, nameRange, refinement } = name;
    return { type: "block", key, keyRange, name: text, nameRange, refinement, children, range };
  }

  /** `key: [a, -b, "c", d: "e"]`, with commas before, between or after the items. */
  private parseList(key: string, keyRange: Range): ListNode {
    const cursor = this.cursor;
    const open = this.charRange();
    cursor.pos++;
    const items: (ScalarNode | PairNode)[] = [];
    let commaPending = false;
    for (;;) {
      cursor.skipTrivia();
      const code = cursor.code();
      if (code === RBRACKET) {
        cursor.pos++;
        return { type: "list", key, keyRange, items, range: cursor.rangeFrom(keyRange.start) };
      }
      if (code === EOF || code === RBRACE) break;
      commaPending = this.parseListStep(key, items, commaPending);
    }

    const list = key === "" ? "This list" : `The list '${key}'`;
    this.error(`${list} is missing its closing ']'`, open);
    const end = items.at(-1)?.range.end ?? open.end;
    return { type: "list", key, keyRange, items, range: { start: keyRange.start, end } };
  }

  /**
   * One step through a list: a comma, an item, or something unexpected, reported and
   * skipped. Returns whether a comma now waits for an item.
   */
  private parseListStep(key: string, items: (ScalarNode | PairNode)[], comma: boolean): boolean {
    const cursor = this.cursor;
    const code = cursor.code();
    if (code === COMMA) {
      if (comma) this.error("Empty item in list: two commas in a row", this.charRange());
      cursor.pos++;
      return true;
    }
    if (code === QUOTE || cursor.isWordChar(code)) {
      if (items.length > 0 && !comma) {
        this.error(`Expected ',' between the items of '${key}'`, this.charRange());
      }
      items.push(this.parseListItem());
      return false;
    }
    this.skipUnexpected();
    return comma;
  }

  // `users.id`, `-users.pii`, `- users.pii`, `"x"` or `state: "done"`.
  private parseListItem(): ScalarNode | PairNode {
    const cursor = this.cursor;
    const code = cursor.code();
    const next = cursor.peek(1);
    if (code === MINUS && !(next >= 48 && next <= 57)) return this.parseNegation();

    const item = this.parseScalar();
    if (item.quoted) return item;
    const pos = cursor.pos;
    cursor.skipInlineSpace();
    if (cursor.code() !== COLON) {
      cursor.pos = pos;
      return item;
    }
    return this.parseListPair(item);
  }

  private parseNegation(): ScalarNode {
    const cursor = this.cursor;
    const start = cursor.position();
    cursor.pos++;
    cursor.skipInlineSpace();
    const code = cursor.code();
    if (code !== QUOTE && !cursor.isWordChar(code)) {
      const range = cursor.rangeFrom(start);
      this.error("Expected a field after '-'", range);
      return { type: "scalar", value: "", quoted: false, negated: true, range };
    }
    const item = this.parseScalar();
    item.negated = true;
    item.range.start = start;
    return item;
  }

  private parseListPair(key: ScalarNode): PairNode {
    const cursor = this.cursor;
    while (cursor.code() === COLON) cursor.pos++;
    cursor.skipInlineSpace();
    const code = cursor.code();
    let value: ScalarNode;
    if (code === QUOTE || cursor.isWordChar(code)) {
      value = this.parseScalar();
    } else {
      const range = cursor.rangeFrom(key.range.start);
      this.error(`Expected a value after '${key.value}:'`, range);
      value = {
        type: "scalar",
        value: "",
        quoted: false,
        negated: false,
        range: cursor.rangeFrom(cursor.position()),
      };
    }
    const range = { start: key.range.start, end: value.range.end };
    return { type: "pair", key: key.value, keyRange: key.range, value, range };
  }

  /** A quoted string or a bare word; the caller has checked that one starts here. */
  private parseScalar(): ScalarNode {
    const cursor = this.cursor;
    const start = cursor.position();
    if (cursor.code() !== QUOTE) {
      const value = cursor.scanWord();
      return {
        type: "scalar",
        value,
        quoted: false,
        negated: false,
        range: cursor.rangeFrom(start),
      };
    }
    const quoted = cursor.scanQuoted();
    const range = cursor.rangeFrom(start);
    if (!quoted.closed) this.error("This string has no closing '\"'", range);
    return { type: "scalar", value: quoted.value, quoted: true, negated: false, range };
  }

  /** `sql: ... ;;`, the cursor just past the colon. */
  private parseExpression(key: string, keyRange: Range): PairNode {
    const cursor = this.cursor;
    const body = cursor.findExpressionEnd();
    const value = this.expressionNode(cursor.pos, body.end);
    if (body.closed) {
      cursor.advanceTo(body.end + 2);
    } else {
      this.error(`The '${key}:' expression is missing its closing ';;'`, keyRange);
    }
    return { type: "pair", key, keyRange, value, range: cursor.rangeFrom(keyRange.start) };
  }

  // The text between `from` and `to` with surrounding whitespace left out.
  private expressionNode(from: number, to: number): ExpressionNode {
    const cursor = this.cursor;
    const text = cursor.text;
    let start = from;
    let end = to;
    while (start < end && text.charCodeAt(start) <= 32) start++;
    while (end > start && text.charCodeAt(end - 1) <= 32) end--;
    cursor.advanceTo(start);
    const startPosition = cursor.position();
    cursor.advanceTo(end);
    return {
      type: "expression",
      value: text.slice(start, end),
      range: cursor.rangeFrom(startPosition),
    };
  }

  /** Reports and consumes what cannot start a member or list item here. */
  private skipUnexpected(): void {
    const cursor = this.cursor;
    const start = cursor.position();
    const code = cursor.code();
    if (code === LBRACE) {
      this.skipStrayBlock();
      return;
    }
    if (code === LBRACKET) {
      this.skipStrayList();
      return;
    }

    let shown: string;
    if (code === QUOTE) {
      shown = "string";
      cursor.scanQuoted();
    } else if (cursor.isWordChar(code)) {
      shown = `'${shorten(cursor.scanWord())}'`;
    } else {
      shown = `'${cursor.text.charAt(cursor.pos)}'`;
      cursor.advanceTo(cursor.pos + 1);
    }
    this.error(`Unexpected ${shown}`, cursor.rangeFrom(start));
  }

  // A `{ ... }` with no key: report it, then skip it whole so its `}` closes nothing else.
  private skipStrayBlock(): void {
    const cursor = this.cursor;
    const brace = this.charRange();
    this.error("A block needs a key: 'key: name { ... }'", brace);
    cursor.pos++;
    this.parseNested("{", brace.start.character);
    if (cursor.code() === RBRACE) cursor.pos++;
  }

  // A `[ ... ]` with no key: report it, then skip it whole.
  private skipStrayList(): void {
    const cursor = this.cursor;
    this.error("A list needs a key: 'key: [...]'", this.charRange());
    if (this.depth >= MAX_DEPTH) {
      cursor.pos++;
      this.skipTooDeep(LBRACKET, RBRACKET);
      if (cursor.code() === RBRACKET) cursor.pos++;
      return;
    }
    this.depth++;
    this.parseList("", this.charRange());
    this.depth--;
  }

  // The members of a block, unless blocks are nested too deep: they are then skipped.
  private parseNested(parentKey: string, parentColumn: number): SyntaxNode[] {
    if (this.depth >= MAX_DEPTH) {
      this.skipTooDeep(LBRACE, RBRACE);
      return [];
    }
    this.depth++;
    const members = this.parseMembers(parentKey, parentColumn);
    this.depth--;
    return members;
  }

  // Skips to the bracket that closes the one just opened, leaving it under the cursor.
  private skipTooDeep(open: number, close: number): void {
    const cursor = this.cursor;
    this.error(`Nested more than ${MAX_DEPTH} levels deep`, this.charRange());
    let i = cursor.pos;
    for (let level = 1; i < cursor.length; i++) {
      const code = cursor.text.charCodeAt(i);
      if (code === open) level++;
      else if (code === close && --level === 0) break;
    }
    cursor.advanceTo(i);
  }

  // The range of the single character under the cursor (empty at the end of the text).
  private charRange(): Range {
    const cursor = this.cursor;
    const start = cursor.position();
    const width = cursor.atEnd() ? 0 : 1;
    return { start, end: { line: start.line, character: start.character + width } };
  }

  private error(message: string, range: Range): void {
    if (range.start.line === this.lastErrorLine || this.errors.length > MAX_ERRORS) return;
    this.lastErrorLine = range.start.line;
    const tooMany = this.errors.length === MAX_ERRORS;
    this.errors.push(
      tooMany
        ? { message: "Too many syntax errors: the rest are not shown", range }
        : { message, range },
    );
  }
}

// Text short enough to quote in a message: one line of at most 40 characters.
function shorten(text: string): string {
  const lineBreak = text.search(/[\r\n]/);
  const line = lineBreak === -1 ? text : `${text.slice(0, lineBreak)}...`;
  return line.length <= 40 ? line : `${line.slice(0, 37)}...`;
}

function blockName(value: ScalarNode): BlockName {
  const refinement = !value.quoted && value.value.startsWith("+");
  if (!refinement) return { name: value.value, nameRange: value.range, refinement };
  const { start, end } = value.range;
  const nameStart = { line: start.line, character: start.character + 1 };
  return { name: value.value.slice(1), nameRange: { start: nameStart, end }, refinement };
}
