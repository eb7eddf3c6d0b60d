import type { z } from 'zod';

/** One thing wrong with a data file, located well enough for a person to fix it. */
export interface DataProblem {
  file: string;
  /** The record's id, or its line or index where it has no usable id. */
  record?: string;
  /** Dotted path of the field, e.g. `occurred.start` or `sources.0.url`. */
  field?: string;
  message: string;
}

export function formatProblem(problem: DataProblem): string {
  return [problem.file, problem.record, problem.field, problem.message].filter(Boolean).join(': ');
}

export function problemsFromZodError(file: string, record: string | undefined, error: z.ZodError): DataProblem[] {
  return error.issues.map((issue) => ({
    file,
    record,
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : undefined,
    message: issue.message,
  }));
}

/** Thrown where one problem makes the rest of a file meaningless (unreadable, wrong columns). */
export class DataFileError extends Error {
  constructor(readonly problems: DataProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DataFileError';
  }
}
