import type { ApiErrorCode } from '../contract/api';

/** A refusal the HTTP layer turns into `{ error: { code, message } }` with this status. */
export type ApiFailure = { readonly status: number; readonly code: ApiErrorCode; readonly message: string };

export const failure = (status: number, code: ApiErrorCode, message: string): ApiFailure => ({ status, code, message });
