// what every request of the API carries through its middleware: the caller, the workspace session, the request id.

import type { ReleaseQueue } from "../public/distributed.js";
import type { Principal } from "../public/server.js";
import type { WorkspaceSession } from "../public/workspace.js";
import type { Jobs } from "./jobs.js";

export interface ServerEnv {
  Variables: {
    /** who is calling; set by the auth middleware on every /v1 route */
    principal: Principal;
    session: WorkspaceSession;
    /** the workers' queue that distributed releases go to; none when the server was started without one */
    releaseQueue: ReleaseQueue | undefined;
    /** the jobs of this server process */
    jobs: Jobs;
    requestId: string;
  };
}
