// The hunt query language's tokenizer: turns the query text into tokens, each with the 1-based
// column it starts at, so every syntax error can point at the exact place.

export type TokenKind =
  | 'path'
  | 'string'
  | 'number'
  | 'and'
  | 'or'
  | 'not'
  | 'in'
  | 'contains'
  | 'eq'
  | 'neq'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The text as written (for a string, its value without quotes or escapes). */
  text: string;
  /** 1-based column of its first character. */
  column: number;
}

/** A query the parser cannot read: where, what it expected and what it found instead. */
export class QuerySyntaxError extends Error {
  constructor(
    readonly column: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`column ${column}: expected ${expected}, found ${found}`);
    this.name = 'QuerySyntaxError';
  }
}

const KEYWORDS: Readonly<Record<string, TokenKind>> = {
  and: 'and',
  or: 'or',
  not: 'not',
  in: 'in',
  contains: 'contains',
};

const PATH_START = /[A-Za-z_]/;
const PATH_PART = /[A-Za-z0-9_.]/;
const DIGIT = /[0-9]/;

/** How a token reads in an error message. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the query';
    case 'string':
      return `the string ${JSON.stringify(token.text)}`;
    case 'path':
      return `\`${token.text}\``;
    default:
      return `\`${token.text}\``;
  }
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    const column = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({
        kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma',
        text: ch,
        column,
      });
      i++;
    } else if (ch === '=') {
      tokens.push({ kind: 'eq', text: '=', column });
      i++;
    } else if (ch === '!') {
      if (query[i + 1] !== '=') {
        throw new QuerySyntaxError(column, '`!=`', `\`!${query[i + 1] ?? ''}\``);
      }
      tokens.push({ kind: 'neq', text: '!=', column });
      i += 2;
    } else if (ch === '"') {
      const { value, next } = readString(query, i);
      tokens.push({ kind: 'string', text: value, column });
      i = next;
    } else if (DIGIT.test(ch) || (ch === '-' && DIGIT.test(query[i + 1] ?? ''))) {
      const match = /^-?\d+(\.\d+)?/.exec(query.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: match[0], column });
      i += match[0].length;
    } else if (PATH_START.test(ch)) {
      let end = i + 1;
      while (end < query.length && PATH_PART.test(query[end] as string)) end++;
      const word = query.slice(i, end);
      const keyword = KEYWORDS[word.toLowerCase()];
      if (keyword) {
        tokens.push({ kind: keyword, text: word, column });
      } else {
        checkPath(word, column);
        tokens.push({ kind: 'path', text: word, column });
      }
      i = end;
    } else if (ch === "'") {
      throw new QuerySyntaxError(column, 'a string in double quotes ("…")', 'a single quote');
    } else {
      throw new QuerySyntaxError(
        column,
        'an attribute path, a value, an operator or a parenthesis',
        `\`${ch}\``,
      );
    }
  }
  tokens.push({ kind: 'end', text: '', column: query.length + 1 });
  return tokens;
}

/** `process.name`, never `process..name` or `process.`. */
function checkPath(word: string, column: number): void {
  const parts = word.split('.');
  let offset = 0;
  for (const part of parts) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) {
      throw new QuerySyntaxError(
        column + offset,
        'an attribute name (letters, digits and _) in the path',
        part === '' ? '`.`' : `\`${part}\``,
      );
    }
    offset += part.length + 1;
  }
}

/** A double-quoted string with `\"` and `\\` escapes, from the quote at `start`. */
function readString(query: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start + 1;
  while (i < query.length) {
    const ch = query[i] as string;
    if (ch === '"') return { value, next: i + 1 };
    if (ch === '\\') {
      const escaped = query[i + 1];
      if (escaped !== '"' && escaped !== '\\') {
        throw new QuerySyntaxError(
          i + 1,
          'an escape `\\"` or `\\\\` inside a string',
          escaped === undefined ? 'the end of the query' : `\`\\${escaped}\``,
        );
      }
      value += escaped;
      i += 2;
    } else {
      value += ch;
      i++;
    }
  }
  throw new QuerySyntaxError(
    query.length + 1,
    `a closing \`"\` for the string at column ${start + 1}`,
    'the end of the query',
  );
}
