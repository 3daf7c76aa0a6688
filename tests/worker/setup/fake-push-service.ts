/**
 * The stand-in push service (tests/support/push-service.ts) for the worker project: workerd
 * cannot listen, so it runs here in Node, once per run; tests reach it through
 * `inject("pushServiceUrl")` and make subscribers with tests/support/push-service-client.ts.
 */
import type { TestProject } from "vitest/node";
import { startPushService } from "../../support/push-service";

declare module "vitest" {
  export interface ProvidedContext {
    pushServiceUrl: string;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const service = await startPushService();
  project.provide("pushServiceUrl", service.url);
  return service.close;
}
