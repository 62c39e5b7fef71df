/**
 * Splitting a stream of text into records without holding it: lines (JSON lines), top-level JSON objects at a
 * given depth (`{"records": [...]}` → depth 2, `[...]` → depth 1, concatenated objects → depth 0), and CSV blocks
 * cut at a row boundary (an even number of quotes before the cut). Chunks may end anywhere, even inside a string.
 */

export class LineSplitter {
  private carry = '';
  private lineNo = 0;
  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  push(chunk: string): void {
    const s = this.carry ? this.carry + chunk : chunk;
    let start = 0;
    let nl: number;
    while ((nl = s.indexOf('\n', start)) >= 0) {
      this.lineNo++;
      const end = nl > start && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end > start) this.onLine(s.slice(start, end), this.lineNo);
      start = nl + 1;
    }
    this.carry = start < s.length ? s.slice(start) : '';
  }

  end(): void {
    if (this.carry) {
      this.lineNo++;
      const line = this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry;
      this.carry = '';
      if (line.trim()) this.onLine(line, this.lineNo);
    }
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const NEWLINE = 10;

/** Emits the text of every JSON object that starts at `depth` (containers counted: `{` and `[`). */
export class ObjectScanner {
  private depth = 0;
  private inString = false;
  /** The previous chunk ended on an odd run of backslashes inside a string: the next char is escaped. */
  private escaped = false;
  /** Text of the object being read (from its `{`), when inside one at the target depth. */
  private carry = '';
  private inObject = false;
  private line = 1;
  private objectLine = 1;
  /** Bytes outside any target object that were not whitespace/structure (for "this is not an array of records"). */
  stray = 0;

  constructor(private readonly target: number, private readonly emit: (text: string, line: number) => void) {}

  push(chunk: string): void {
    const s = this.inObject ? this.carry + chunk : chunk;
    let i = this.inObject ? this.carry.length : 0;
    let objStart = this.inObject ? 0 : -1;
    const n = s.length;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        // Jump to the next quote that is not escaped.
        let j = i;
        let closed = false;
        while (true) {
          const q = s.indexOf('"', j);
          if (q < 0) break;
          let k = q - 1;
          let slashes = 0;
          while (k >= i && s.charCodeAt(k) === BACKSLASH) {
            slashes++;
            k--;
          }
          if (slashes % 2 === 0) {
            i = q + 1;
            closed = true;
            break;
          }
          j = q + 1;
        }
        if (!closed) {
          let k = n - 1;
          let slashes = 0;
          while (k >= i && s.charCodeAt(k) === BACKSLASH) {
            slashes++;
            k--;
          }
          this.escaped = slashes % 2 === 1;
          i = n;
          break;
        }
        this.inString = false;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === QUOTE) this.inString = true;
      else if (c === LBRACE || c === LBRACKET) {
        if (c === LBRACE && this.depth === this.target && objStart < 0) {
          objStart = i;
          this.objectLine = this.line;
        }
        this.depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        this.depth--;
        if (this.depth === this.target && objStart >= 0 && c === RBRACE) {
          this.emit(s.slice(objStart, i + 1), this.objectLine);
          objStart = -1;
        }
        if (this.depth < 0) this.depth = 0;
      } else if (c === NEWLINE) this.line++;
      else if (objStart < 0 && this.depth <= this.target && c > 32 && c !== 44 && c !== 58) this.stray++;
      i++;
    }
    if (objStart >= 0) {
      this.inObject = true;
      this.carry = s.slice(objStart);
    } else {
      this.inObject = false;
      this.carry = '';
    }
  }

  /** Text of an object left unfinished at the end of the input, if any. */
  end(): string | undefined {
    return this.inObject ? this.carry : undefined;
  }
}

/**
 * Cuts a CSV stream into blocks of whole rows: a newline ends a row only outside quotes (RFC 4180: quotes inside a
 * quoted cell are doubled, so the parity of the quote count tells). The remainder waits for the next chunk.
 */
export class CsvBlocks {
  private carry = '';
  constructor(private readonly onBlock: (block: string) => void) {}

  push(chunk: string): void {
    const s = this.carry ? this.carry + chunk : chunk;
    // Find the last newline with an even number of quotes before it (each indexOf moves forward only: linear).
    let quotes = 0;
    let lastCut = -1;
    let q = s.indexOf('"');
    let nl = s.indexOf('\n');
    while (nl >= 0) {
      if (q >= 0 && q < nl) {
        quotes++;
        q = s.indexOf('"', q + 1);
        continue;
      }
      if (quotes % 2 === 0) lastCut = nl;
      nl = s.indexOf('\n', nl + 1);
    }
    // A stray quote would hold the rest of the file back: past 8 MB cut at the last newline anyway.
    if (lastCut < 0 && s.length > 8 * 1024 * 1024) lastCut = s.lastIndexOf('\n');
    if (lastCut < 0) {
      this.carry = s;
      return;
    }
    const block = s.slice(0, lastCut + 1);
    this.carry = s.slice(lastCut + 1);
    this.onBlock(block);
  }

  end(): void {
    if (this.carry.trim()) this.onBlock(this.carry);
    this.carry = '';
  }
}
