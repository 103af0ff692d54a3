// For tests of failures: what a promise rejects with, checked to be of the expected class.
import { expect } from 'vitest';

/** Awaits `promise`, expects it to reject with an instance of `cls`, and returns that error typed. */
export async function rejectionOf<C extends abstract new (...args: never[]) => unknown>(promise: PromiseLike<unknown>, cls: C): Promise<InstanceType<C>> {
  const err: unknown = await Promise.resolve(promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(cls);
  return err as InstanceType<C>;
}
