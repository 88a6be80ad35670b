/**
 * The LookML syntax tree. Every key, name and value carries its exact range, in the
 * zero-based line and UTF-16 character offsets that LSP uses, so diagnostics and
 * editor features can point at the text they talk about.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A `# ...` comment; `text` excludes the leading `#`. */
export interface Comment {
  text: string;
  range: Range;
}

/** A scalar value: a bare word, a quoted string, or one item of a list. */
export interface ScalarNode {
  type: "scalar";
  /** The value with quotes removed and backslash escapes resolved. */
  value: string;
  quoted: boolean;
  /** `- users.pii` or `-users.pii` inside a field list; `value` then holds `users.pii`. */
  negated: boolean;
  range: Range;
}

/** The body of a `;;`-terminated key (`sql:`, `html:`, `expression:` ...), without the `;;`. */
export interface ExpressionNode {
  type: "expression";
  value: string;
  range: Range;
}

/** `key: value` or `key: sql ;;`. */
export interface PairNode {
  type: "pair";
  key: string;
  keyRange: Range;
  value: ScalarNode | ExpressionNode;
  range: Range;
}

/** `key: [a, b]`; items may be scalars or `name: "value"` pairs. */
export interface ListNode {
  type: "list";
  key: string;
  keyRange: Range;
  items: (ScalarNode | PairNode)[];
  range: Range;
}

/** `key: name { ... }`, `key: +name { ... }` (a refinement) or `key: { ... }`. */
export interface BlockNode {
  type: "block";
  key: string;
  keyRange: Range;
  /** Absent for anonymous blocks such as `link: { ... }`. */
  name?: string;
  nameRange?: Range;
  refinement: boolean;
  children: SyntaxNode[];
  range: Range;
}

export type SyntaxNode = PairNode | ListNode | BlockNode;

export interface SyntaxError {
  message: string;
  range: Range;
}

/** One parsed file. `parse` never throws: problems land in `errors`. */
export interface LookmlDocument {
  children: SyntaxNode[];
  comments: Comment[];
  errors: SyntaxError[];
}
