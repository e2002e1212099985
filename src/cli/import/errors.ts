/** Where in an input file something was found: 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * An input the build refuses. The message reads `file:line:col: SOR <code>: <rule>` so an editor
 * can jump to it and a person knows which rule was broken.
 */
export class SorImportError extends Error {
  readonly position: SourcePosition;
  readonly sorCode: string | null;
  readonly rule: string;

  constructor(position: SourcePosition, rule: string, sorCode: string | null = null) {
    super(`${formatPosition(position)}: ${sorCode ? `SOR ${sorCode}: ` : ''}${rule}`);
    this.name = 'SorImportError';
    this.position = position;
    this.sorCode = sorCode;
    this.rule = rule;
  }
}

/** `file:line:col`. */
export function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.column}`;
}
