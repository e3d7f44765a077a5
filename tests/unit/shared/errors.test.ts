import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, isErrorCode } from '../../../shared/errors';

describe('AppError', () => {
  it('carries a code and params, and its message is only the code', () => {
    const error = new AppError('UNLOCK_THROTTLED', { seconds: 3 }, { cause: new Error('Jan de Vries') });
    expect(error.message).toBe('UNLOCK_THROTTLED');
    expect(error.toPayload()).toEqual({ code: 'UNLOCK_THROTTLED', params: { seconds: 3 } });
    expect(JSON.stringify(error.toPayload())).not.toContain('Jan');
    expect(new AppError('NOT_FOUND').toPayload()).toEqual({ code: 'NOT_FOUND' });
  });

  it('recognises exactly the listed codes', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true);
    for (const value of ['not_found', 'NOPE', '', 1, null, undefined, {}]) expect(isErrorCode(value)).toBe(false);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
