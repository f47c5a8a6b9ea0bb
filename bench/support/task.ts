/** Yielding to the event loop between in-process calls, as real request arrivals do. */

const channel = new MessageChannel();
let wake: (() => void) | undefined;
channel.port1.onmessage = () => wake?.();

/**
 * Ends the current task (a `MessageChannel` round trip, about 7 µs), as the arrival of the next
 * request does in a real server. Without it a loop of awaited in-process calls is one long task,
 * and V8 keeps every object a `WeakRef` was made to during a task (`AbortSignal.any` makes some
 * per call) until the task ends: memory grows by tens of kilobytes per call and garbage
 * collection, not the server, sets the times.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    wake = resolve;
    channel.port2.postMessage(null);
  });
}

/** Closes the channel so the process can exit. */
export function closeTasks(): void {
  channel.port1.close();
}
