import { requestBodyProblem } from '../../../src/app/requestBodyProblem';

/** An error shaped as body-parser makes them (http-errors: a status, and a type saying what went wrong). */
function createError(status: number, message: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: status < 500, ...fields });
}

describe('requestBodyProblem', () => {
  it('reads body-parser’s errors', () => {
    expect(requestBodyProblem(createError(400, 'Unexpected end of JSON input', { type: 'entity.parse.failed' }))).toEqual({
      status: 400,
      message: 'The request body is not valid JSON.',
      syntax: true,
    });
    expect(requestBodyProblem(createError(413, 'request entity too large', { type: 'entity.too.large', limit: 1_048_576 }))?.message).toBe(
      'The request body is larger than 1 MB.',
    );
    expect(requestBodyProblem(createError(415, 'unsupported charset', { type: 'charset.unsupported' }))?.status).toBe(415);
    expect(requestBodyProblem(createError(415, 'unsupported content encoding', { type: 'encoding.unsupported' }))?.status).toBe(415);
    expect(requestBodyProblem(createError(400, 'incorrect header check'))).toEqual({
      status: 400,
      message: 'The request body could not be read.',
      syntax: false,
    });
  });

  it('leaves every other error to whoever handles it', () => {
    expect(requestBodyProblem(new Error('connection refused'))).toBeNull();
    expect(requestBodyProblem(createError(500, 'boom'))).toBeNull();
    expect(requestBodyProblem({ status: '400', type: 'entity.parse.failed' })).toBeNull();
    expect(requestBodyProblem(null)).toBeNull();
    expect(requestBodyProblem('entity.parse.failed')).toBeNull();
  });
});
