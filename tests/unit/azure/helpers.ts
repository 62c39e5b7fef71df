/** Shared by the Azure unit tests: the fake ARM as an in-process fetch, and a clock that makes waits instant. */
import { ArmClient, type ArmClientOptions, type Progress } from '../../../src/azure/arm-client';
import { createFakeArm, type FakeArmOptions } from '../../azure/fake-arm';

export const ARM = 'https://management.fake.test';

export function fakeClock(start = Date.parse('2025-06-01T10:00:00Z')) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      t += ms;
      await Promise.resolve();
      signal?.throwIfAborted();
    },
  };
}

export function setup(fake: FakeArmOptions = {}, client: Partial<ArmClientOptions> = {}) {
  const arm = createFakeArm(fake);
  const clock = fakeClock();
  const progress: Progress[] = [];
  const tokens: boolean[] = [];
  const c = new ArmClient({
    endpoint: ARM,
    getToken: async (fresh) => {
      tokens.push(!!fresh);
      return 'token-1';
    },
    fetch: arm.fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onProgress: (p) => progress.push(p),
    ...client,
  });
  return { arm, clock, progress, client: c, tokens };
}

