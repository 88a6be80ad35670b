import type { ServerState } from "../../common/src/protocol";

/** What the status bar shows for one server state: a pure function, tested without VS Code. */
export function describeState(state: ServerState): {
  text: string;
  tooltip: string;
  error: boolean;
} {
  switch (state.kind) {
    case "starting":
      return {
        text: "$(sync~spin) Analytics Ops",
        tooltip: "Starting the language server",
        error: false,
      };
    case "indexing":
      return {
        text: "$(sync~spin) Analytics Ops",
        tooltip: `Indexing: ${state.detail}`,
        error: false,
      };
    case "ready":
      return {
        text: "$(check) Analytics Ops",
        tooltip:
          `${state.lookmlFiles} LookML files, ${state.dbtModels} dbt models, ` +
          `indexed in ${state.tookMs} ms`,
        error: false,
      };
    case "stale":
      return {
        text: "$(warning) Analytics Ops",
        tooltip: `Showing the last good index: ${state.reason}`,
        error: false,
      };
    case "failed":
      return {
        text: "$(error) Analytics Ops",
        tooltip: `${state.message} (click for the log)`,
        error: true,
      };
  }
}
