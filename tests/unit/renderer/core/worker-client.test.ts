import { describe, expect, it } from 'vitest';
import { WorkerCancelled, WorkerClient, type WorkerProtocol } from '../../../../renderer/core/worker-client';

type Reply = { type: 'done' | 'progress' | 'error'; id: number; message?: string };

const PROTOCOL: WorkerProtocol<Reply, Reply & { type: 'progress' }> = {
  parse: (data) => (typeof data === 'object' && data !== null && typeof (data as Reply).id === 'number' ? (data as Reply) : null),
  isProgress: (r): r is Reply & { type: 'progress' } => r.type === 'progress',
  name: 'the test worker',
};

/** A Worker as the client uses it: what is posted is kept, what it "sends" or how it fails is the test's. */
class FakeWorker {
  onmessage: ((e: MessageEvent<unknown>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly posted: { type: string; id: number }[] = [];
  terminated = false;
  postMessage(message: { type: string; id: number }): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }
  fail(message: string): void {
    this.onerror?.({ message } as ErrorEvent);
  }
}

function client() {
  const worker = new FakeWorker();
  const progress: Reply[] = [];
  const c = new WorkerClient<{ type: 'go' }, Reply, Reply & { type: 'progress' }>(PROTOCOL, () => worker as unknown as Worker, (p) => progress.push(p));
  return { worker, c, progress };
}

describe('the worker client', () => {
  it('answers a request with its reply, passing progress on', async () => {
    const { worker, c, progress } = client();
    const answer = c.request({ type: 'go' });
    const { id } = worker.posted[0]!;
    worker.send({ type: 'progress', id });
    worker.send({ type: 'done', id });
    await expect(answer).resolves.toEqual({ type: 'done', id });
    expect(progress).toHaveLength(1);
  });

  it('a worker that fails while a request waits refuses it with the failure', async () => {
    const { worker, c } = client();
    const answer = c.request({ type: 'go' });
    worker.fail('the script could not be loaded');
    await expect(answer).rejects.toThrow('the script could not be loaded');
  });

  it('a worker whose script failed before the first request refuses that request at once, never leaving it waiting', async () => {
    const { worker, c } = client();
    // The window awaited something of its own (a device id) between making the worker and asking it.
    worker.fail('the script could not be loaded');
    const answer = c.request({ type: 'go' });
    const settled = await Promise.race([answer.then(() => 'resolved', (e: Error) => e.message), new Promise((r) => setTimeout(() => r('still waiting'), 50))]);
    expect(settled).toBe('the script could not be loaded');
    expect(worker.posted).toHaveLength(0);
  });

  it('a message outside the protocol fails the worker for the requests after it too', async () => {
    const { worker, c } = client();
    worker.send('garbage');
    await expect(c.request({ type: 'go' })).rejects.toThrow('outside the protocol');
  });

  it('terminated: waiting and later requests are cancelled, not failed', async () => {
    const { worker, c } = client();
    const answer = c.request({ type: 'go' });
    c.terminate();
    await expect(answer).rejects.toBeInstanceOf(WorkerCancelled);
    await expect(c.request({ type: 'go' })).rejects.toBeInstanceOf(WorkerCancelled);
    expect(worker.terminated).toBe(true);
  });
});
