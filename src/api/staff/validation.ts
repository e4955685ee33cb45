import type { z } from 'zod';
import { AppError } from '../../domain/errors';

/** Validates input at the edge: a 400 naming the first wrong field, never zod's raw text. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw new AppError(
    'bad_request',
    field ? `The field "${field}" is missing or not valid.` : 'The request is not valid.',
    field ? { field } : undefined,
  );
}
