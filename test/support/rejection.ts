// The error a promise rejects with, for asserting on its fields (code, fix, status). Fails the test
// when the promise resolves instead.
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
