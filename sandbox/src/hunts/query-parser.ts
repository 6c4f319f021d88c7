// The hunt query language's parser: recursive descent over the tokens, one function per rule of
// the grammar below (lowest precedence first). It answers a tree, or a QuerySyntaxError naming
// the column and what was expected there.
//
//   query      := or END
//   or         := and ("OR" and)*
//   and        := unary ("AND" unary)*
//   unary      := "NOT" unary | primary
//   primary    := "(" or ")" | comparison
//   comparison := PATH ("=" value | "!=" value | "CONTAINS" value | "IN" "(" value ("," value)* ")")
//   value      := STRING | NUMBER
import {
  describeToken,
  QuerySyntaxError,
  tokenize,
  type Token,
  type TokenKind,
} from './query-tokens';

export type Comparison =
  | { op: 'eq' | 'neq' | 'contains'; path: string[]; value: string }
  | { op: 'in'; path: string[]; values: string[] };

export type QueryNode =
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; operand: QueryNode }
  | ({ kind: 'compare' } & Comparison);

/** Deeper nesting than this is refused: no real hunt needs it, and it bounds the recursion. */
export const MAX_QUERY_DEPTH = 32;

const VALUE = 'a value (a "quoted string" or a number)';

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private get current(): Token {
    return this.tokens[this.index] as Token;
  }

  /** A method, not a property test, so TypeScript does not narrow `current` across takes. */
  private at(kind: TokenKind): boolean {
    return this.current.kind === kind;
  }

  private take(): Token {
    const token = this.current;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private expect(kind: TokenKind, expected: string): Token {
    if (this.current.kind !== kind) this.fail(expected);
    return this.take();
  }

  private fail(expected: string): never {
    throw new QuerySyntaxError(this.current.column, expected, describeToken(this.current));
  }

  query(): QueryNode {
    if (this.at('end')) this.fail('a condition such as process.name = "cmd.exe"');
    const node = this.or();
    if (!this.at('end')) {
      this.fail(
        this.at('rparen')
          ? 'AND, OR or the end of the query (this `)` closes nothing)'
          : 'AND, OR or the end of the query',
      );
    }
    return node;
  }

  private or(): QueryNode {
    let node = this.and();
    while (this.current.kind === 'or') {
      this.take();
      node = { kind: 'or', left: node, right: this.and() };
    }
    return node;
  }

  private and(): QueryNode {
    let node = this.unary();
    while (this.current.kind === 'and') {
      this.take();
      node = { kind: 'and', left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): QueryNode {
    if (this.current.kind === 'not') {
      this.take();
      return this.nested(() => ({ kind: 'not', operand: this.unary() }));
    }
    return this.primary();
  }

  private primary(): QueryNode {
    if (this.current.kind === 'lparen') {
      this.take();
      const node = this.nested(() => this.or());
      this.expect('rparen', 'AND, OR or a closing `)`');
      return node;
    }
    return this.comparison();
  }

  private nested(parse: () => QueryNode): QueryNode {
    if (++this.depth > MAX_QUERY_DEPTH) {
      this.fail(`at most ${MAX_QUERY_DEPTH} levels of NOT and parentheses`);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private comparison(): QueryNode {
    const path = this.expect('path', 'an attribute path such as process.name, NOT or `(`');
    const segments = path.text.split('.');
    const op = this.current;
    switch (op.kind) {
      case 'eq':
      case 'neq':
      case 'contains':
        this.take();
        return { kind: 'compare', op: op.kind, path: segments, value: this.value() };
      case 'in': {
        this.take();
        this.expect('lparen', 'a `(` opening the list of values');
        const values = [this.value()];
        while (this.current.kind === 'comma') {
          this.take();
          values.push(this.value());
        }
        this.expect('rparen', 'a `,` or the `)` closing the list of values');
        return { kind: 'compare', op: 'in', path: segments, values };
      }
      default:
        return this.fail('an operator: =, !=, contains or in');
    }
  }

  private value(): string {
    if (this.current.kind !== 'string' && this.current.kind !== 'number') this.fail(VALUE);
    return this.take().text;
  }
}

/** Parses a hunt query; throws QuerySyntaxError naming the 1-based column of the fault. */
export function parseQuery(query: string): QueryNode {
  return new Parser(tokenize(query)).query();
}
