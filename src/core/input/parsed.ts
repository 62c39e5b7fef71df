import type { Problem } from '../model/types';
import type { LostPart } from '../model/types';

/**
 * One parsed unit of input that the normalizer can read: a JSON value (any casing, `properties` wrapped
 * or flattened) and a way back from a JSON pointer in that value to the line in the user's text.
 */
export interface ParsedUnit {
  value: unknown;
  locate(pointer: string): { line: number; column: number } | undefined;
  /** Parts the input could not show (console collections without their Text JSON, depth truncation). */
  lost?: LostPart[];
  problems?: Problem[];
  /** 1-based first line of the unit in the document (for units cut out of a larger text). */
  startLine?: number;
}
