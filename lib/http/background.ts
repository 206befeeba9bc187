import "server-only";
import { after, NextResponse } from "next/server";

/** A started background job as lib/jobs answers it (startJob): the answer now, the work's end later. */
type Started<A extends { runs: readonly { status: string }[] }> = { answer: A; finished: Promise<void> };

/**
 * A job started from a request (lib/admin/jobs.ts): its work goes on after the answer (`after`
 * keeps it alive where the platform would otherwise end the request's work), and the answer
 * names the run to follow.
 */
export function inBackground<A extends { runs: readonly { status: string }[] }>(started: Started<A>): A {
  after(() => started.finished);
  return started.answer;
}

/** The same for a route: 202 Accepted while a run goes on, 200 when the answer is already final. */
export function startedResponse<A extends { runs: readonly { status: string }[] }>(
  started: Started<A>,
): NextResponse {
  const answer = inBackground(started);
  const running = answer.runs.some((r) => r.status === "RUNNING");
  return NextResponse.json(answer, { status: running ? 202 : 200 });
}
