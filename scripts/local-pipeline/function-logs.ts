/**
 * Runs a Lambda handler and collects the structured log lines it writes (Powertools logs one JSON object per line to
 * stdout/stderr, which CloudWatch Logs would hold in AWS), so the local run can report what the function logged.
 */
export async function withFunctionLogs<T>(invoke: () => Promise<T>): Promise<{ result: T; logs: Record<string, unknown>[] }> {
  const logs: Record<string, unknown>[] = [];
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  // Lines that are not a structured log (a runtime warning, say) go through to the terminal untouched.
  const capture = (i: number) => (chunk: unknown): boolean => {
    for (const line of String(chunk).split('\n').filter((l) => l.trim() !== '')) {
      if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
      else writes[i].call(streams[i], `${line}\n`);
    }
    return true;
  };
  streams.forEach((stream, i) => { stream.write = capture(i) as typeof stream.write; });
  try {
    return { result: await invoke(), logs };
  } finally {
    streams.forEach((stream, i) => { stream.write = writes[i]; });
  }
}
