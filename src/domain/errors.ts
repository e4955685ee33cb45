/**
 * The one error type every layer throws for an expected failure. The API maps `code` to an
 * HTTP status in one place (src/api/error-handler.ts); pages map it to a catalogue message.
 */
export const errorStatus = {
  bad_request: 400,
  invalid_consent: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  campaign_not_found: 404,
  wrong_state: 409,
  campaign_closed: 409,
  conflict: 409,
  // Review (src/domain/review-rules.ts): someone else holds the claim; the clip changed since
  // it was opened; it is escalated and waits for an admin.
  claim_conflict: 409,
  stale_version: 409,
  escalated: 409,
  too_large: 413,
  range_not_satisfiable: 416,
  unsupported_type: 415,
  unreadable_media: 422,
  not_eligible: 422,
  invalid_captions: 422,
  checks_incomplete: 422,
  rate_limited: 429,
  upload_aborted: 499,
  dependency_down: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra facts for the client (for example which field was wrong). Never personal data. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
